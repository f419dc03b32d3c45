// Zoom (Lorentz-boost scaling): multiply every (eta, phi) offset from the centre by pT_jet / reference_pt
// before pixelisation, so that a decay whose opening angle shrinks like 2m/pT fills the same pixels at any pT
// (CMS ImageTop, CMS-PAS-JME-18-002; CMS-DP-2017-049). A jet at the reference pT is unchanged, a jet at twice
// it is drawn twice as wide.
#pragma once

#include <string>

#include "toolkit/images/step.h"

namespace jetstudy::images {

class Zoom : public ConstituentStep {
 public:
  explicit Zoom(double reference_pt_gev);  // throws core::InputError unless > 0
  void apply(JetFrame& frame) const override;
  std::string description() const override;  // "zoom by pT / 300 GeV"
  double reference_pt_gev() const { return reference_pt_gev_; }

 private:
  double reference_pt_gev_;
};

}  // namespace jetstudy::images
