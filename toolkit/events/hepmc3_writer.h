// Writes events as HepMC3 ASCII (Asciiv3; Buckley et al., arXiv:1912.08005), the format other tools read.
// Each particle is a final-state (status 1) particle without production vertex; jetstudy's pile-up flag
// travels as the integer particle attribute `jetstudy_pileup` (1 for pile-up), which readers may ignore.
// The file is written under a temporary name and renamed when closed, so it is complete or absent.
#pragma once

#include <filesystem>
#include <memory>

#include "toolkit/events/event.h"

namespace jetstudy::events {

class HepMC3Writer {
 public:
  explicit HepMC3Writer(std::filesystem::path path);  // throws core::InputError when the file cannot be created
  ~HepMC3Writer();                                     // an unclosed writer removes its temporary file
  HepMC3Writer(const HepMC3Writer&) = delete;
  HepMC3Writer& operator=(const HepMC3Writer&) = delete;

  void write(const Event& event);
  // Finishes the file and moves it to its final name.
  void close();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace jetstudy::events
