// Pixel intensity of the energy-like channels: what a constituent adds to a `pt` pixel. pT is the default
// (DeepTop, arXiv:1701.08784); E and E_T = E / cosh(eta) are the calorimeter-like choices of the first jet
// images (Cogan et al., arXiv:1407.5675). E_T uses the constituent's own eta, before any preprocessing.
#pragma once

#include <string>
#include <vector>

namespace jetstudy::images {

enum class Intensity { pt, e, et };

// "pt", "e", "et"; parse throws core::InputError naming the closest valid name.
Intensity parse_intensity(const std::string& name);
std::string intensity_name(Intensity intensity);
std::vector<std::string> intensity_names();

}  // namespace jetstudy::images
