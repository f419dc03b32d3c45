// Pile-up overlay: adds Poisson(mu) minimum-bias interactions, read from an event file (a HepMC3 minimum-bias
// sample in practice), to each hard-scatter event. Added particles have from_pileup = true. The number of
// interactions per event comes from a 64-bit Mersenne twister seeded with `seed`, and minimum-bias events are
// taken in file order, so the same file, mu and seed give the same events. When the file runs out it is read
// again from the start (counted by rewinds(): with few minimum-bias events, the pile-up repeats).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "toolkit/events/event.h"
#include "toolkit/events/event_source.h"

namespace jetstudy::events {

class PileupOverlay {
 public:
  // Throws core::InputError if mu is negative or not finite, or the file cannot be read or holds no events.
  PileupOverlay(std::filesystem::path minimum_bias, double mu, std::uint64_t seed);

  // Appends the particles of Poisson(mu) minimum-bias events to `event`; returns how many interactions.
  int overlay(Event& event);

  double mu() const { return mu_; }
  std::uint64_t interactions_added() const { return interactions_added_; }
  std::uint64_t particles_added() const { return particles_added_; }
  std::uint64_t rewinds() const { return rewinds_; }  // times the minimum-bias file was started again
  std::string description() const;

 private:
  const Event& next_minimum_bias();
  std::filesystem::path path_;
  double mu_;
  std::mt19937_64 random_;
  std::poisson_distribution<int> poisson_;
  std::unique_ptr<EventSource> source_;
  Event current_;
  std::uint64_t interactions_added_ = 0;
  std::uint64_t particles_added_ = 0;
  std::uint64_t rewinds_ = 0;
};

// An EventSource that overlays pile-up on every event of another source.
class PileupOverlaySource : public EventSource {
 public:
  PileupOverlaySource(std::unique_ptr<EventSource> hard, std::unique_ptr<PileupOverlay> overlay)
      : hard_(std::move(hard)), overlay_(std::move(overlay)) {}
  std::optional<Event> next() override;
  std::string description() const override;
  const PileupOverlay& overlay() const { return *overlay_; }

 private:
  std::unique_ptr<EventSource> hard_;
  std::unique_ptr<PileupOverlay> overlay_;
};

}  // namespace jetstudy::events
