// Soft interactions: the underlying event of the hard scatter and each pile-up interaction, modelled alike as
// uncorrelated soft particles -- about 6 charged + 3 neutral per unit pseudorapidity over |eta| < 4 (the
// measured dN_ch/deta ~ 6 of minimum bias at 13 TeV, CMS arXiv:1507.05915), pT exponential with mean ~0.5 GeV,
// phi uniform. Pile-up is a Poisson(mu) number of such interactions, every particle flagged from_pileup.
#pragma once

#include <vector>

#include "toolkit/events/event.h"
#include "toolkit/events/generator/random.h"

namespace jetstudy::events::generator {

struct SoftInteractionOptions {
  double charged_per_unit_eta = 6;
  double neutral_per_unit_eta = 3;
  double abs_eta_max = 4;
  double mean_pt_gev = 0.5;
};

class SoftInteractions {
 public:
  explicit SoftInteractions(SoftInteractionOptions options = {}) : options_(options) {}

  // Appends the particles of one soft interaction; from_pileup marks them as pile-up.
  void add_interaction(Random& random, bool from_pileup, std::vector<Particle>& out) const;
  // Appends Poisson(mu) pile-up interactions; returns how many there were.
  int add_pileup(double mu, Random& random, std::vector<Particle>& out) const;

  const SoftInteractionOptions& options() const { return options_; }

 private:
  SoftInteractionOptions options_;
};

}  // namespace jetstudy::events::generator
