// Object images (the CMS Open Data topology classifier, Nguyen et al., arXiv:1807.00083): every reconstructed
// object drawn as a filled circle of radius C * ln(pT / GeV) at its (eta, phi) on a 224 x 224 canvas over
// eta in [-3, 3], phi in [-pi, pi) (circles wrap round in phi), one channel per object type. Missing transverse
// energy is drawn at eta = 0. A pixel is inside a circle when its centre is; the pixel holding the object's
// own position is always drawn, so a soft object never vanishes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "toolkit/images/jet_image.h"

namespace jetstudy::images {

enum class ObjectType { electron, muon, jet, bjet, met };

std::string object_type_name(ObjectType type);

// A reconstructed object, plain numbers (GeV, radians).
struct RecoObject {
  ObjectType type = ObjectType::jet;
  double pt = 0, eta = 0, phi = 0;  // eta is ignored for met
};

enum class ObjectFill {
  one,  // a pixel inside any circle of its type is 1 (a drawing)
  pt,   // a pixel sums the pT of the circles of its type that cover it
};

struct ObjectImageSpec {
  std::int64_t eta_pixels = 224, phi_pixels = 224;
  double eta_min = -3, eta_max = 3;  // phi always covers [-pi, pi)
  double radius_per_log_pt = 0.1;    // C: radius = C ln(pT / GeV) in (eta, phi) units; 100 GeV -> 0.46
  ObjectFill fill = ObjectFill::one;
  std::vector<ObjectType> channels{ObjectType::electron, ObjectType::muon, ObjectType::jet, ObjectType::bjet,
                                   ObjectType::met};
};

class ObjectImageBuilder {
 public:
  explicit ObjectImageBuilder(ObjectImageSpec spec);  // throws core::InputError for a bad grid or C < 0
  // Objects of a type not among the channels are left out.
  JetImage build(const std::vector<RecoObject>& objects) const;
  // Radius of an object's circle: max(0, C ln(pT / GeV)).
  double radius(double pt) const;
  const ObjectImageSpec& spec() const { return spec_; }

 private:
  ObjectImageSpec spec_;
};

}  // namespace jetstudy::images
