// Centring: shift the constituents so that a chosen axis sits at (0, 0) of the image (Cogan et al.,
// arXiv:1407.5675; de Oliveira et al., arXiv:1511.05190). Phi differences are wrapped into (-pi, pi].
#pragma once

#include <string>
#include <vector>

#include "toolkit/images/step.h"

namespace jetstudy::images {

enum class CenterOn {
  leading_subjet,  // the leading (highest-pT) subjet; a jet without subjets falls back to its axis
  pt_centroid,     // the pT-weighted centroid of the constituents in (eta, phi)
  jet_axis,        // the jet's own (eta, phi)
};

// "leading_subjet", "pt_centroid", "jet_axis"; parse throws core::InputError with the closest valid name.
CenterOn parse_center_on(const std::string& name);
std::string center_on_name(CenterOn on);
std::vector<std::string> center_on_names();

class Center : public ConstituentStep {
 public:
  explicit Center(CenterOn on) : on_(on) {}
  void apply(JetFrame& frame) const override;
  std::string description() const override;
  CenterOn on() const { return on_; }

 private:
  CenterOn on_;
};

}  // namespace jetstudy::images
