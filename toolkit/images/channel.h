// Image channels: what each pixel sums over the constituents that fall into it, one image plane per channel
// (C x H x W). `pt` is the DeepTop calorimeter-like image (arXiv:1701.08784); charged/neutral pT and charged
// multiplicity are the colours of Komiske, Metodiev, Schwartz, "Deep learning in color" (arXiv:1612.01551);
// the per-pixel jet charge follows Fraser & Schwartz (arXiv:1803.08066) with the jet charge Q_kappa of Krohn,
// Lin, Schwartz, Waalewijn (arXiv:1209.2421):
//   jet_charge pixel = sum_{i in pixel} q_i pT_i^kappa / (pT_jet)^kappa,
// so the pixels of a jet add up to its jet charge Q_kappa (every channel is a sum over constituents, which is
// what lets channels of different resolutions be summed or up-sampled onto one grid).
// A channel may also sum only the hard-scatter or only the pile-up particles (`origin`), the inputs and target
// of PUMML, Komiske, Metodiev, Nachman, Schwartz (arXiv:1707.08600).
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "toolkit/images/intensity.h"
#include "toolkit/images/jet_frame.h"

namespace jetstudy::images {

enum class Channel {
  pt,             // sum of the intensity (pT by default, or E, E_T) of all constituents
  charged_pt,     // the same over charged constituents
  neutral_pt,     // the same over neutral constituents
  charged_count,  // number of charged constituents
  muon_count,     // number of muons (|pid| = 13)
  jet_charge,     // sum q pT^kappa / pT_jet^kappa
};

// How a channel with a coarser grid than the image is brought onto it (a finer one is always summed).
enum class Upsample {
  nearest,   // each fine pixel takes its share of the coarse pixel it lies in (the total is kept exactly)
  bilinear,  // the coarse density interpolated at fine pixel centres, rescaled so the total is kept
};

// Which particles a channel sums, by events::Particle::from_pileup (kept by the jet finder on each constituent).
enum class Origin {
  all,           // every particle
  hard_scatter,  // only particles of the hard interaction (and its underlying event)
  pileup,        // only particles of pile-up interactions
};

// One image plane: which channel, its kappa (jet_charge only), which particles it sums, and optionally its own
// pixel grid over the same extent (tracks finer than towers): 0 x 0 means the image grid.
struct ChannelSpec {
  Channel channel = Channel::pt;
  double kappa = 0.5;
  std::int64_t eta_pixels = 0, phi_pixels = 0;
  Upsample upsample = Upsample::nearest;
  Origin origin = Origin::all;

  bool has_own_grid() const { return eta_pixels > 0; }
};

// "pt", "charged_pt", ...; parse throws core::InputError naming the closest valid name.
Channel parse_channel(const std::string& name);
std::string channel_name(Channel channel);
std::vector<std::string> channel_names();
Upsample parse_upsample(const std::string& name);
std::string upsample_name(Upsample upsample);
// "all", "hard_scatter", "pileup"; parse throws core::InputError naming the closest valid name.
Origin parse_origin(const std::string& name);
std::string origin_name(Origin origin);

// One entry of `images.channels`: a name ("charged_pt") or a map
//   {name: jet_charge, kappa: 0.3}   {name: charged_pt, size: [80, 80]}   {name: pt, size: [20, 20], upsample: bilinear}
//   {name: charged_pt, origin: pileup}   (origin: all | hard_scatter | pileup, default all)
// Throws core::InputError for anything else.
ChannelSpec channel_spec_from_json(const nlohmann::json& entry);
// "pt", "jet_charge(kappa=0.3)", "charged_pt@80x80", "pt@20x20/bilinear", "charged_pt[pileup]",
// "neutral_pt[hard_scatter]"
std::string channel_description(const ChannelSpec& spec);

// What one constituent adds to a pixel of this channel; jet_pt is the jet's pT in GeV (for jet_charge).
inline double channel_value(const ChannelSpec& spec, Intensity intensity, double jet_pt, const FramePoint& c) {
  if (spec.origin == Origin::hard_scatter && c.from_pileup) return 0.0;
  if (spec.origin == Origin::pileup && !c.from_pileup) return 0.0;
  const auto energy = [&] { return intensity == Intensity::pt ? c.pt : intensity == Intensity::e ? c.e : c.et; };
  switch (spec.channel) {
    case Channel::pt: return energy();
    case Channel::charged_pt: return c.charge != 0 ? energy() : 0.0;
    case Channel::neutral_pt: return c.charge == 0 ? energy() : 0.0;
    case Channel::charged_count: return c.charge != 0 ? 1.0 : 0.0;
    case Channel::muon_count: return (c.pid == 13 || c.pid == -13) ? 1.0 : 0.0;
    case Channel::jet_charge: {
      if (c.charge == 0 || jet_pt <= 0) return 0.0;
      return c.charge * std::pow(c.pt / jet_pt, spec.kappa);
    }
  }
  return 0;
}

}  // namespace jetstudy::images
