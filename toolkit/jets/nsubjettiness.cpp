#include "toolkit/jets/nsubjettiness.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "toolkit/core/error.h"
#include "toolkit/jets/kt_clustering.h"
#include "toolkit/jets/substructure_parts.h"

namespace jetstudy::jets {

double Nsubjettiness::ratio(int n) const {
  JETSTUDY_CHECK(n >= 2 && n <= 4, "N-subjettiness ratios exist for N = 2..4");
  const double below = tau[static_cast<std::size_t>(n - 2)];
  return below > 0 ? tau[static_cast<std::size_t>(n - 1)] / below : 0.0;
}

Nsubjettiness nsubjettiness(const ConstituentView& view, NsubjettinessAxes axes, double R0) {
  Nsubjettiness out;
  if (view.size() < 2 || !(view.pt_sum > 0)) return out;  // <= 1 constituent: every tau_N = 0
  const auto axes_by_n = exclusive_kt_axes(
      view, axes == NsubjettinessAxes::wta_kt ? KtRecombination::wta_pt : KtRecombination::e_scheme);
  const double normalisation = view.pt_sum * R0;
  for (std::size_t n = 0; n < axes_by_n.size(); ++n) {
    const std::vector<Axis>& axis = axes_by_n[n];
    if (axis.empty()) break;  // <= N constituents: tau_N = 0
    double sum = 0;
    for (std::size_t i = 0; i < view.size(); ++i) {
      double closest = std::numeric_limits<double>::max();
      for (const Axis& a : axis) {
        const double dy = view.y[i] - a.y;
        // view phi in (-pi, pi], axis phi in [0, 2 pi): |difference| < 3 pi, one wrap suffices.
        double dphi = std::abs(view.phi[i] - a.phi);
        if (dphi > std::numbers::pi) dphi = std::abs(dphi - 2 * std::numbers::pi);
        closest = std::min(closest, dy * dy + dphi * dphi);
      }
      sum += view.pt[i] * std::sqrt(closest);
    }
    out.tau[n] = sum / normalisation;
  }
  return out;
}

Nsubjettiness nsubjettiness(const Jet& jet, NsubjettinessAxes axes, double R0) {
  if (R0 <= 0) R0 = jet.R > 0 ? jet.R : 1.0;
  return nsubjettiness(make_constituent_view(jet), axes, R0);
}

}  // namespace jetstudy::jets
