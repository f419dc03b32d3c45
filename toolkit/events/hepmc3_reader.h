// Streaming reader of HepMC ASCII event files through the HepMC3 library (Buckley et al., arXiv:1912.08005):
// the HepMC3 format (Asciiv3) and HepMC2's IO_GenEvent (HepMC3's ReaderAsciiHepMC2), plain, .gz or .zst.
// Each event keeps its final state (status 1), converted to GeV; pid and charge (from the PDG code) are kept.
//
// The reader frames events itself, line by line, before handing each one to HepMC3, so that problems are
// reported as "file:line: event N: ..." -- a truncated file (fewer particle lines than the event header
// declares), a malformed particle line, NaN or infinite momenta -- as core::InputError. Events without any
// final-state particle are skipped and counted (empty_events_skipped()).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "toolkit/events/compressed_input.h"
#include "toolkit/events/event_source.h"

namespace jetstudy::events {

enum class HepMCFormat { kAsciiV3, kHepMC2 };

class HepMC3Reader : public EventSource {
 public:
  // Opens the file and reads its header; throws core::InputError if it is not HepMC ASCII.
  explicit HepMC3Reader(std::filesystem::path path);
  ~HepMC3Reader() override;

  // The next event with at least one final-state particle; Event::number is the event number written in
  // the file's "E" line.
  std::optional<Event> next() override;
  std::string description() const override;

  HepMCFormat format() const { return format_; }
  const std::filesystem::path& path() const { return path_; }
  std::uint64_t events_read() const { return events_read_; }                  // returned by next()
  std::uint64_t empty_events_skipped() const { return empty_events_skipped_; }  // no status-1 particle

 private:
  struct Frame;  // one event's lines, as read
  bool read_line(std::string& line);
  void read_header();
  Frame read_frame();
  Event convert(const Frame& frame) const;

  std::filesystem::path path_;
  std::unique_ptr<CompressedInput> input_;
  HepMCFormat format_ = HepMCFormat::kAsciiV3;
  std::string preamble_;        // version, listing start and run-information lines, given to HepMC3 per event
  std::string pending_line_;    // the "E" line that opens the next event, already read
  long pending_line_number_ = 0;
  long line_number_ = 0;
  std::uint64_t events_read_ = 0;
  std::uint64_t empty_events_skipped_ = 0;
};

}  // namespace jetstudy::events
