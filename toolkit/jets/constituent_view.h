// A jet's constituents as flat arrays with rapidity computed once, for the substructure loops (internal to
// toolkit/jets/): y from (pT, eta, E), the four-momentum rebuilt as (pT cos phi, pT sin phi, pT sinh eta, E).
#pragma once

#include <vector>

#include "toolkit/jets/jet.h"

namespace jetstudy::jets {

struct ConstituentView {
  std::vector<double> pt, y, phi;  // phi as stored, in (-pi, pi]
  std::vector<double> px, py, pz, e;
  double pt_sum = 0;
  std::size_t size() const { return pt.size(); }
};

ConstituentView make_constituent_view(const Jet& jet);

}  // namespace jetstudy::jets
