#include "toolkit/images/flip.h"

namespace jetstudy::images {

void Flip::apply(JetFrame& frame) const {
  double pt_phi_below = 0, pt_phi_above = 0, pt_eta_below = 0, pt_eta_above = 0;
  for (const auto& c : frame.constituents) {
    (c.phi < 0 ? pt_phi_below : pt_phi_above) += c.phi == 0 ? 0 : c.pt;
    (c.eta < 0 ? pt_eta_below : pt_eta_above) += c.eta == 0 ? 0 : c.pt;
  }
  const bool mirror_phi = pt_phi_below > pt_phi_above;
  const bool mirror_eta = flip_eta_ && pt_eta_below > pt_eta_above;
  auto reflect = [&](double& eta, double& phi) {
    if (mirror_phi) phi = -phi;
    if (mirror_eta) eta = -eta;
  };
  if (!mirror_phi && !mirror_eta) return;
  for (auto& c : frame.constituents) reflect(c.eta, c.phi);
  for (auto& s : frame.subjets) reflect(s.eta, s.phi);
  reflect(frame.axis_eta, frame.axis_phi);
}

std::string Flip::description() const { return flip_eta_ ? "flip more pT to +phi, +eta" : "flip more pT to +phi"; }

}  // namespace jetstudy::images
