#include "toolkit/images/rotate.h"

#include <cmath>
#include <vector>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"

namespace jetstudy::images {
namespace {

// Direction of the second subjet from the centre, if there is one away from the centre.
bool second_subjet_angle(const JetFrame& frame, double& angle) {
  if (frame.subjets.size() < 2) return false;
  const auto& second = frame.subjets[1];
  if (second.eta == 0 && second.phi == 0) return false;
  angle = std::atan2(second.phi, second.eta);
  return true;
}

// Bilinear read of one plane at fractional pixel indices (row, column), pixel centres at integers; pixels
// outside the image count as empty.
double bilinear(const float* plane, std::int64_t height, std::int64_t width, double row, double column) {
  const auto r0 = static_cast<std::int64_t>(std::floor(row));
  const auto c0 = static_cast<std::int64_t>(std::floor(column));
  const double wr = row - r0, wc = column - c0;
  auto value = [&](std::int64_t r, std::int64_t c) -> double {
    if (r < 0 || r >= height || c < 0 || c >= width) return 0.0;
    return plane[r * width + c];
  };
  return (1 - wr) * ((1 - wc) * value(r0, c0) + wc * value(r0, c0 + 1)) +
         wr * ((1 - wc) * value(r0 + 1, c0) + wc * value(r0 + 1, c0 + 1));
}

}  // namespace

RotateTo parse_rotate_to(const std::string& name) {
  if (name == "principal_axis") return RotateTo::principal_axis;
  if (name == "second_subjet") return RotateTo::second_subjet;
  throw core::InputError("images.steps: rotate.to '" + name + "' is not one of principal_axis, second_subjet" +
                         core::did_you_mean(name, {"principal_axis", "second_subjet"}));
}

std::string rotate_to_name(RotateTo to) { return to == RotateTo::principal_axis ? "principal_axis" : "second_subjet"; }

RotateWhen parse_rotate_when(const std::string& name) {
  if (name == "before") return RotateWhen::before;
  if (name == "after") return RotateWhen::after;
  throw core::InputError("images.steps: rotate.when '" + name + "' is not one of before, after" +
                         core::did_you_mean(name, {"before", "after"}));
}

std::string rotate_when_name(RotateWhen when) { return when == RotateWhen::before ? "before" : "after"; }

void Moments::add(double w, double eta_value, double phi_value) {
  weight += w;
  eta += w * eta_value;
  phi += w * phi_value;
  eta_eta += w * eta_value * eta_value;
  eta_phi += w * eta_value * phi_value;
  phi_phi += w * phi_value * phi_value;
}

double Moments::cov_eta_eta() const { return weight > 0 ? eta_eta / weight - (eta / weight) * (eta / weight) : 0; }
double Moments::cov_eta_phi() const { return weight > 0 ? eta_phi / weight - (eta / weight) * (phi / weight) : 0; }
double Moments::cov_phi_phi() const { return weight > 0 ? phi_phi / weight - (phi / weight) * (phi / weight) : 0; }

double Moments::principal_angle() const {
  if (weight <= 0) return 0;
  return 0.5 * std::atan2(2 * cov_eta_phi(), cov_eta_eta() - cov_phi_phi());
}

Moments constituent_moments(const JetFrame& frame) {
  Moments moments;
  for (const auto& c : frame.constituents) moments.add(c.pt, c.eta, c.phi);
  return moments;
}

Moments image_moments(const ImageView& image, std::int64_t channel) {
  Moments moments;
  for (std::int64_t h = 0; h < image.height; ++h) {
    const double eta = image.eta_center(h);
    for (std::int64_t w = 0; w < image.width; ++w) {
      const float value = image.at(channel, h, w);
      if (value != 0.0f) moments.add(value, eta, image.phi_center(w));
    }
  }
  return moments;
}

void rotate_frame(JetFrame& frame, double angle) {
  const double cos_a = std::cos(angle), sin_a = std::sin(angle);
  auto turn = [&](double& eta, double& phi) {
    const double new_eta = eta * cos_a + phi * sin_a;
    phi = -eta * sin_a + phi * cos_a;
    eta = new_eta;
  };
  for (auto& c : frame.constituents) turn(c.eta, c.phi);
  for (auto& s : frame.subjets) turn(s.eta, s.phi);
  turn(frame.axis_eta, frame.axis_phi);
}

double RotateConstituents::angle(const JetFrame& frame) const {
  double angle = 0;
  if (to_ == RotateTo::second_subjet && second_subjet_angle(frame, angle)) return angle;
  return constituent_moments(frame).principal_angle();
}

void RotateConstituents::apply(JetFrame& frame) const { rotate_frame(frame, angle(frame)); }

std::string RotateConstituents::description() const {
  return "rotate " + rotate_to_name(to_) + " to +eta before pixelisation";
}

void RotateImage::apply(ImageView& image, const JetFrame& frame) const {
  double angle = 0;
  if (!(to_ == RotateTo::second_subjet && second_subjet_angle(frame, angle))) {
    angle = image_moments(image).principal_angle();
  }
  if (angle == 0) return;
  const double cos_a = std::cos(angle), sin_a = std::sin(angle);
  const double eta_step = (image.extent.eta_max - image.extent.eta_min) / static_cast<double>(image.height);
  const double phi_step = (image.extent.phi_max - image.extent.phi_min) / static_cast<double>(image.width);
  thread_local std::vector<float> input;
  for (std::int64_t c = 0; c < image.channels; ++c) {
    float* plane = image.plane(c);
    input.assign(plane, plane + image.plane_size());
    for (std::int64_t h = 0; h < image.height; ++h) {
      const double eta = image.eta_center(h);
      for (std::int64_t w = 0; w < image.width; ++w) {
        const double phi = image.phi_center(w);
        // The output point came from the input point turned by +angle.
        const double source_eta = eta * cos_a - phi * sin_a;
        const double source_phi = eta * sin_a + phi * cos_a;
        const double row = (source_eta - image.extent.eta_min) / eta_step - 0.5;
        const double column = (source_phi - image.extent.phi_min) / phi_step - 0.5;
        plane[h * image.width + w] = static_cast<float>(bilinear(input.data(), image.height, image.width, row, column));
      }
    }
  }
}

std::string RotateImage::description() const {
  return "rotate " + rotate_to_name(to_) + " to +eta after pixelisation (bilinear)";
}

}  // namespace jetstudy::images
