#include "toolkit/jets/nsubjettiness.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "toolkit/core/error.h"
#include "toolkit/jets/angles.h"
#include "toolkit/jets/kt_clustering.h"
#include "toolkit/jets/substructure_parts.h"

namespace jetstudy::jets {

double Nsubjettiness::ratio(int n) const {
  JETSTUDY_CHECK(n >= 2 && n <= 4, "N-subjettiness ratios exist for N = 2..4");
  const double below = tau[static_cast<std::size_t>(n - 2)];
  return below > 0 ? tau[static_cast<std::size_t>(n - 1)] / below : 0.0;
}

namespace {

bool has_axes(const ConstituentView& view) { return view.size() >= 2 && view.pt_sum > 0; }

Nsubjettiness from_axes(const ConstituentView& view, const AxesByN& axes_by_n, double R0) {
  Nsubjettiness out;
  const double normalisation = view.pt_sum * R0;
  for (std::size_t n = 0; n < axes_by_n.size(); ++n) {
    const std::vector<Axis>& axis = axes_by_n[n];
    if (axis.empty()) break;  // <= N constituents: tau_N = 0
    double sum = 0;
    for (std::size_t i = 0; i < view.size(); ++i) {
      double closest = std::numeric_limits<double>::max();
      for (const Axis& a : axis) {
        const double dy = view.y[i] - a.y;
        const double dphi = delta_phi(view.phi[i], a.phi);  // view phi in (-pi, pi], axis phi in [0, 2 pi)
        closest = std::min(closest, dy * dy + dphi * dphi);
      }
      sum += view.pt[i] * std::sqrt(closest);
    }
    out.tau[n] = sum / normalisation;
  }
  return out;
}

}  // namespace

Nsubjettiness nsubjettiness(const ConstituentView& view, NsubjettinessAxes axes, double R0) {
  if (!has_axes(view)) return {};  // <= 1 constituent: every tau_N = 0
  const KtRecombination recombination =
      axes == NsubjettinessAxes::wta_kt ? KtRecombination::wta_pt : KtRecombination::e_scheme;
  return from_axes(view, exclusive_kt_axes(view, recombination), R0);
}

NsubjettinessBoth nsubjettiness_both(const ConstituentView& view, double R0) {
  if (!has_axes(view)) return {};
  const ExclusiveKtAxes axes = exclusive_kt_axes_both(view);
  return {from_axes(view, axes.wta, R0), from_axes(view, axes.e_scheme, R0)};
}

Nsubjettiness nsubjettiness(const Jet& jet, NsubjettinessAxes axes, double R0) {
  if (R0 <= 0) R0 = jet.R > 0 ? jet.R : 1.0;
  return nsubjettiness(make_constituent_view(jet), axes, R0);
}

}  // namespace jetstudy::jets
