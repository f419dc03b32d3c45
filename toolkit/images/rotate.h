// Rotation: turn the jet about the image centre so that a chosen direction points along +eta -- the image's
// vertical axis, since rows index eta (de Oliveira et al., arXiv:1511.05190; Macaluso & Shih, arXiv:1803.00107).
//   to principal_axis: the major axis of the pT-weighted (eta, phi) covariance (its sign is left to flip);
//   to second_subjet:  the direction from the centre to the second subjet, which ends up at positive eta
//                      (a jet with fewer than two subjets falls back to the principal axis).
// Two places, as the review contrasts: RotateConstituents turns the constituents before pixelisation (exact,
// keeps every pT); RotateImage turns the pixelised image, reading each output pixel centre back in the input
// by bilinear interpolation -- that smears and loses pT at the pixel level and so distorts the pixel mass.
#pragma once

#include <string>
#include <vector>

#include "toolkit/images/step.h"

namespace jetstudy::images {

enum class RotateTo { principal_axis, second_subjet };
enum class RotateWhen { before, after };

RotateTo parse_rotate_to(const std::string& name);  // throws core::InputError with the closest valid name
std::string rotate_to_name(RotateTo to);
RotateWhen parse_rotate_when(const std::string& name);
std::string rotate_when_name(RotateWhen when);

// Second moments of weighted points in (eta, phi).
struct Moments {
  double weight = 0, eta = 0, phi = 0;         // sum w, sum w eta, sum w phi
  double eta_eta = 0, eta_phi = 0, phi_phi = 0;  // sum w eta^2, ...
  void add(double w, double eta_value, double phi_value);
  double cov_eta_eta() const;
  double cov_eta_phi() const;
  double cov_phi_phi() const;
  // Angle from +eta towards +phi of the major axis of the covariance, in (-pi/2, pi/2]; 0 without weight.
  double principal_angle() const;
};

Moments constituent_moments(const JetFrame& frame);
Moments image_moments(const ImageView& image, std::int64_t channel = 0);

// Turns every point of the frame (constituents, subjets, axis) by -angle about (0, 0): a point at direction
// `angle` from +eta ends up on the +eta axis.
void rotate_frame(JetFrame& frame, double angle);

class RotateConstituents : public ConstituentStep {
 public:
  explicit RotateConstituents(RotateTo to) : to_(to) {}
  void apply(JetFrame& frame) const override;
  std::string description() const override;  // "rotate principal_axis to +eta before pixelisation"
  // The angle apply() turns the frame by.
  double angle(const JetFrame& frame) const;

 private:
  RotateTo to_;
};

class RotateImage : public ImageStep {
 public:
  explicit RotateImage(RotateTo to) : to_(to) {}
  // The angle comes from the image's own pT moments (first channel) or, for second_subjet, from the frame's
  // subjets; every channel is turned by it.
  void apply(ImageView& image, const JetFrame& frame) const override;
  std::string description() const override;  // "rotate principal_axis to +eta after pixelisation (bilinear)"

 private:
  RotateTo to_;
};

}  // namespace jetstudy::images
