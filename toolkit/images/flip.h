// Flip (parity): reflect the constituents so that the half of the image with more pT lies at positive phi and,
// optionally, the half with more pT in eta lies at positive eta (de Oliveira et al., arXiv:1511.05190;
// Macaluso & Shih, arXiv:1803.00107). A reflection keeps all pairwise distances, so the pixel mass is unchanged.
#pragma once

#include <string>

#include "toolkit/images/step.h"

namespace jetstudy::images {

class Flip : public ConstituentStep {
 public:
  explicit Flip(bool flip_eta = false) : flip_eta_(flip_eta) {}
  // phi -> -phi when sum pT (phi < 0) > sum pT (phi > 0); likewise in eta if asked. Ties are left alone.
  void apply(JetFrame& frame) const override;
  std::string description() const override;  // "flip more pT to +phi" or "flip more pT to +phi, +eta"
  bool flips_eta() const { return flip_eta_; }

 private:
  bool flip_eta_;
};

}  // namespace jetstudy::images
