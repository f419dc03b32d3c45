#include "toolkit/events/pileup_overlay.h"

#include <cmath>

#include "toolkit/core/error.h"

namespace jetstudy::events {

PileupOverlay::PileupOverlay(std::filesystem::path minimum_bias, double mu, std::uint64_t seed)
    : path_(std::move(minimum_bias)), mu_(mu), random_(seed) {
  if (!std::isfinite(mu_) || mu_ < 0) {
    throw core::InputError(path_.string() + ": pile-up mu must be a finite number >= 0, not " + std::to_string(mu_));
  }
  if (mu_ > 0) poisson_ = std::poisson_distribution<int>(mu_);
  source_ = open_event_file(path_);
}

std::string PileupOverlay::description() const {
  return "pile-up: Poisson(mu = " + std::to_string(mu_) + ") minimum-bias events from " + source_->description();
}

const Event& PileupOverlay::next_minimum_bias() {
  auto event = source_->next();
  if (!event) {
    source_ = open_event_file(path_);  // start the file again
    ++rewinds_;
    event = source_->next();
    if (!event) throw core::InputError(path_.string() + ": the minimum-bias file holds no events to overlay");
  }
  current_ = std::move(*event);
  return current_;
}

int PileupOverlay::overlay(Event& event) {
  const int interactions = mu_ > 0 ? poisson_(random_) : 0;
  for (int i = 0; i < interactions; ++i) {
    const Event& minimum_bias = next_minimum_bias();
    for (Particle particle : minimum_bias.particles) {
      particle.from_pileup = true;
      event.particles.push_back(particle);
    }
    particles_added_ += minimum_bias.particles.size();
  }
  interactions_added_ += static_cast<std::uint64_t>(interactions);
  return interactions;
}

std::optional<Event> PileupOverlaySource::next() {
  auto event = hard_->next();
  if (event) overlay_->overlay(*event);
  return event;
}

std::string PileupOverlaySource::description() const {
  return hard_->description() + " + " + overlay_->description();
}

}  // namespace jetstudy::events
