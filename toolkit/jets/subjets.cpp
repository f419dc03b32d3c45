#include "toolkit/jets/subjets.h"

#include <cmath>
#include <string>

#include "toolkit/core/error.h"
#include "toolkit/jets/constituent_view.h"
#include "toolkit/jets/kt_clustering.h"
#include "toolkit/jets/pseudojets.h"

namespace jetstudy::jets {

std::vector<Subjet> exclusive_kt_subjets(const Jet& jet, int n) {
  if (n < 1) throw core::InputError("exclusive subjets: N must be >= 1 (got " + std::to_string(n) + ")");
  return to_subjets(exclusive_kt_pieces(make_constituent_view(jet), static_cast<std::size_t>(n)));
}

std::vector<Subjet> inclusive_kt_subjets(const Jet& jet, double R) {
  if (!std::isfinite(R) || R <= 0) {
    throw core::InputError("inclusive subjets: radius must be > 0 (got " + std::to_string(R) + ")");
  }
  return to_subjets(inclusive_kt_pieces(make_constituent_view(jet), R));
}

}  // namespace jetstudy::jets
