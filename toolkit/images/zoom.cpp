#include "toolkit/images/zoom.h"

#include <fmt/format.h>

#include "toolkit/core/error.h"

namespace jetstudy::images {

Zoom::Zoom(double reference_pt_gev) : reference_pt_gev_(reference_pt_gev) {
  if (!(reference_pt_gev > 0)) {
    throw core::InputError(fmt::format("images.steps: zoom.reference_pt must be > 0 GeV, got {}", reference_pt_gev));
  }
}

void Zoom::apply(JetFrame& frame) const {
  if (frame.jet_pt <= 0) return;
  const double scale = frame.jet_pt / reference_pt_gev_;
  for (auto& c : frame.constituents) {
    c.eta *= scale;
    c.phi *= scale;
  }
  for (auto& s : frame.subjets) {
    s.eta *= scale;
    s.phi *= scale;
  }
  frame.axis_eta *= scale;
  frame.axis_phi *= scale;
}

std::string Zoom::description() const { return fmt::format("zoom by pT / {} GeV", reference_pt_gev_); }

}  // namespace jetstudy::images
