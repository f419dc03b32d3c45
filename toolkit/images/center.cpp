#include "toolkit/images/center.h"

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"

namespace jetstudy::images {

CenterOn parse_center_on(const std::string& name) {
  if (name == "leading_subjet") return CenterOn::leading_subjet;
  if (name == "pt_centroid") return CenterOn::pt_centroid;
  if (name == "jet_axis") return CenterOn::jet_axis;
  throw core::InputError("images.steps: center.on '" + name + "' is not one of leading_subjet, pt_centroid, " +
                         "jet_axis" + core::did_you_mean(name, center_on_names()));
}

std::string center_on_name(CenterOn on) {
  switch (on) {
    case CenterOn::leading_subjet: return "leading_subjet";
    case CenterOn::pt_centroid: return "pt_centroid";
    case CenterOn::jet_axis: return "jet_axis";
  }
  return "?";
}

std::vector<std::string> center_on_names() { return {"leading_subjet", "pt_centroid", "jet_axis"}; }

void Center::apply(JetFrame& frame) const {
  switch (on_) {
    case CenterOn::jet_axis:
      shift_frame(frame, frame.axis_eta, frame.axis_phi);
      return;
    case CenterOn::leading_subjet:
      if (frame.subjets.empty()) {
        shift_frame(frame, frame.axis_eta, frame.axis_phi);
        return;
      }
      shift_frame(frame, frame.subjets.front().eta, frame.subjets.front().phi);
      return;
    case CenterOn::pt_centroid: {
      // Coordinates are already relative to the jet axis (|phi| << pi for constituents of one jet), so a
      // plain weighted mean is the centroid on the circle too.
      double sum_pt = 0, sum_eta = 0, sum_phi = 0;
      for (const auto& c : frame.constituents) {
        sum_pt += c.pt;
        sum_eta += c.pt * c.eta;
        sum_phi += c.pt * c.phi;
      }
      if (sum_pt <= 0) return;
      shift_frame(frame, sum_eta / sum_pt, sum_phi / sum_pt);
      return;
    }
  }
}

std::string Center::description() const { return "center on " + center_on_name(on_); }

}  // namespace jetstudy::images
