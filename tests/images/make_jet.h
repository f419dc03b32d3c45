// Test helper: a jets::Jet from massless constituents given as (pt, eta, phi), with the jet axis and
// four-momentum from their sum, and optional subjets.
#pragma once

#include <cmath>
#include <vector>

#include "toolkit/jets/jet.h"

namespace jetstudy::images::testing {

struct PtEtaPhi {
  double pt, eta, phi;
};

inline jets::Jet make_jet(const std::vector<PtEtaPhi>& particles, const std::vector<PtEtaPhi>& subjets = {}) {
  jets::Jet jet;
  for (const auto& p : particles) {
    jets::Constituent c;
    c.pt = p.pt;
    c.eta = p.eta;
    c.phi = p.phi;
    c.e = p.pt * std::cosh(p.eta);
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

}  // namespace jetstudy::images::testing
