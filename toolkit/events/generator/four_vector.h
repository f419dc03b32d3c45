// Small four-vector helpers for the built-in generator: (px, py, pz, E) in GeV, Lorentz boosts and the
// directions used by the small-angle shower kinematics. Conventions as in the PDG review "Kinematics".
#pragma once

#include <algorithm>
#include <cmath>

namespace jetstudy::events::generator {

struct ThreeVector {
  double x = 0, y = 0, z = 0;

  double norm() const { return std::sqrt(x * x + y * y + z * z); }
  ThreeVector unit() const {
    const double n = norm();
    return n > 0 ? ThreeVector{x / n, y / n, z / n} : ThreeVector{0, 0, 1};
  }
  friend ThreeVector operator+(ThreeVector a, ThreeVector b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
  friend ThreeVector operator-(ThreeVector a, ThreeVector b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
  friend ThreeVector operator*(double s, ThreeVector a) { return {s * a.x, s * a.y, s * a.z}; }
  friend double dot(ThreeVector a, ThreeVector b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
  friend ThreeVector cross(ThreeVector a, ThreeVector b) {
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
  }
};

// Two unit vectors perpendicular to the unit vector n and to each other: the plane in which a splitting or a
// transverse-momentum kick happens.
struct TransversePlane {
  ThreeVector u, v;
};
inline TransversePlane transverse_plane(ThreeVector n) {
  // Cross with the axis least aligned with n, for numerical safety.
  const ThreeVector helper = std::abs(n.x) < 0.6 ? ThreeVector{1, 0, 0} : ThreeVector{0, 1, 0};
  const ThreeVector u = cross(n, helper).unit();
  return {u, cross(n, u)};
}

// The unit vector at polar angle theta from n, at azimuth phi around it.
inline ThreeVector rotate_away(ThreeVector n, double theta, double phi) {
  const TransversePlane plane = transverse_plane(n);
  const double s = std::sin(theta);
  return (std::cos(theta) * n + (s * std::cos(phi)) * plane.u + (s * std::sin(phi)) * plane.v).unit();
}

struct FourVector {
  double px = 0, py = 0, pz = 0, e = 0;

  static FourVector from_p_m(ThreeVector p, double mass) {
    return {p.x, p.y, p.z, std::sqrt(dot(p, p) + mass * mass)};
  }
  static FourVector massless(ThreeVector direction, double energy) {
    const ThreeVector d = direction.unit();
    return {energy * d.x, energy * d.y, energy * d.z, energy};
  }
  static FourVector from_pt_eta_phi_m(double pt, double eta, double phi, double mass) {
    return from_p_m({pt * std::cos(phi), pt * std::sin(phi), pt * std::sinh(eta)}, mass);
  }

  ThreeVector p3() const { return {px, py, pz}; }
  double p() const { return std::sqrt(px * px + py * py + pz * pz); }
  double pt() const { return std::hypot(px, py); }
  double m2() const { return e * e - px * px - py * py - pz * pz; }
  double m() const { return std::sqrt(std::max(0.0, m2())); }
  double phi() const { return std::atan2(py, px); }
  double eta() const { return std::asinh(pz / std::max(pt(), 1e-300)); }
  double rapidity() const { return 0.5 * std::log((e + pz) / (e - pz)); }
  ThreeVector boost_vector() const { return {px / e, py / e, pz / e}; }

  friend FourVector operator+(FourVector a, FourVector b) {
    return {a.px + b.px, a.py + b.py, a.pz + b.pz, a.e + b.e};
  }
  FourVector& operator+=(FourVector b) { return *this = *this + b; }
  friend FourVector operator*(double s, FourVector a) { return {s * a.px, s * a.py, s * a.pz, s * a.e}; }

  // This vector seen from a frame moving with velocity -beta (i.e. the vector is boosted by +beta).
  FourVector boosted(ThreeVector beta) const {
    const double b2 = dot(beta, beta);
    if (b2 <= 0) return *this;
    const double gamma = 1.0 / std::sqrt(1.0 - b2);
    const double bp = beta.x * px + beta.y * py + beta.z * pz;
    const double gamma2 = (gamma - 1.0) / b2;
    const double factor = gamma2 * bp + gamma * e;
    return {px + factor * beta.x, py + factor * beta.y, pz + factor * beta.z, gamma * (e + bp)};
  }
  // A boost along the beam (z) axis by rapidity y: rapidities add, transverse momenta stay.
  FourVector boosted_z(double y) const {
    const double c = std::cosh(y), s = std::sinh(y);
    return {px, py, c * pz + s * e, c * e + s * pz};
  }
};

inline double angle_between(ThreeVector a, ThreeVector b) {
  // atan2 of |a x b| and a.b is accurate at small angles, where acos is not.
  return std::atan2(cross(a, b).norm(), dot(a, b));
}

}  // namespace jetstudy::events::generator
