#include "toolkit/images/flip.h"

namespace jetstudy::images {

void Flip::apply(JetFrame& frame) const {
  // pT on the positive side minus pT on the negative side (a constituent on the axis counts for neither),
  // accumulated without branches.
  double phi_balance = 0, eta_balance = 0;
  for (const auto& c : frame.constituents) {
    phi_balance += c.pt * ((c.phi > 0) - (c.phi < 0));
    eta_balance += c.pt * ((c.eta > 0) - (c.eta < 0));
  }
  const bool mirror_phi = phi_balance < 0;
  const bool mirror_eta = flip_eta_ && eta_balance < 0;
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
