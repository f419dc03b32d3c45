// Event images: the whole detector in eta x phi on its own grid (default eta in [-2.5, 2.5], phi in [-pi, pi),
// 50 x 64 pixels), for two-stream networks that see a jet image and the event around it (Lin, Freytsis,
// Moult, Nachman, arXiv:1807.10768). Absolute coordinates, no preprocessing; phi wraps (pi and -pi are the same
// column). Channels as for jet images, except jet_charge (it needs a jet) and own grids.
#pragma once

#include <cstdint>
#include <vector>

#include "toolkit/events/event.h"
#include "toolkit/images/channel.h"
#include "toolkit/images/intensity.h"
#include "toolkit/images/jet_image.h"
#include "toolkit/images/pixel_grid.h"

namespace jetstudy::images {

struct EventParticle {
  double pt = 0, eta = 0, phi = 0;  // GeV, pseudorapidity, radians (any value: wrapped)
  int charge = 0;
  int pid = 0;
  double e = 0;                     // GeV; only the e / et intensities read it
  bool from_pileup = false;         // for channels with origin hard_scatter / pileup
};

struct EventImageSpec {
  std::int64_t eta_pixels = 50, phi_pixels = 64;
  double eta_min = -2.5, eta_max = 2.5;  // phi always covers [-pi, pi)
  Intensity intensity = Intensity::pt;
  std::vector<ChannelSpec> channels{ChannelSpec{}};
  bool include_neutrinos = false;  // events::Event input: neutrinos (|pid| 12, 14, 16) are invisible
};

class EventImageBuilder {
 public:
  // Throws core::InputError for a jet_charge channel, a channel with its own grid, or a bad grid.
  explicit EventImageBuilder(EventImageSpec spec);

  // dropped_pt_fraction of the result: the pT share outside the eta range.
  JetImage build(const std::vector<EventParticle>& particles) const;
  // Visible final-state particles with pT > 0 (particles along the beam have no eta).
  JetImage build(const events::Event& event) const;

  const EventImageSpec& spec() const { return spec_; }
  const PixelGrid& grid() const { return grid_; }

 private:
  EventImageSpec spec_;
  PixelGrid grid_;
};

}  // namespace jetstudy::images
