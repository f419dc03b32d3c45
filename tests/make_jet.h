// Test helper shared by the jets and images suites: a jets::Jet from massless constituents given as
// (pt, eta, phi[, charge]), with the jet's four-momentum and axis from their sum, optional subjets and the
// radius R; and the event of the same particles, for the jet finder.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "toolkit/events/event.h"
#include "toolkit/jets/jet.h"

namespace jetstudy::testing {

struct Massless {
  double pt, eta, phi;
  int charge = 0;
};

inline jets::Jet make_jet(const std::vector<Massless>& particles, const std::vector<Massless>& subjets = {},
                          double R = 1.0) {
  jets::Jet jet;
  jet.R = R;
  for (const auto& p : particles) {
    jets::Constituent c;
    c.pt = p.pt;
    c.eta = p.eta;
    c.phi = p.phi;
    c.e = p.pt * std::cosh(p.eta);
    c.charge = p.charge;
    jet.constituents.push_back(c);
    jet.px += p.pt * std::cos(p.phi);
    jet.py += p.pt * std::sin(p.phi);
    jet.pz += p.pt * std::sinh(p.eta);
    jet.e += c.e;
  }
  jet.pt = std::hypot(jet.px, jet.py);
  jet.phi = std::atan2(jet.py, jet.px);
  jet.eta = std::asinh(jet.pz / jet.pt);
  jet.m = std::sqrt(std::max(0.0, jet.e * jet.e - jet.px * jet.px - jet.py * jet.py - jet.pz * jet.pz));
  for (const auto& s : subjets) jet.subjets.push_back({s.pt, s.eta, s.phi, 0});
  return jet;
}

// The same without subjets, with its radius.
inline jets::Jet make_jet(const std::vector<Massless>& particles, double R) { return make_jet(particles, {}, R); }

inline events::Event make_event(const std::vector<Massless>& particles) {
  events::Event event;
  for (const auto& p : particles) {
    event.particles.push_back({p.pt * std::cos(p.phi), p.pt * std::sin(p.phi), p.pt * std::sinh(p.eta),
                               p.pt * std::cosh(p.eta), p.charge != 0 ? 211 * p.charge : 22, p.charge, false});
  }
  return event;
}

}  // namespace jetstudy::testing
