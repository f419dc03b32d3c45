#include "toolkit/jets/lane_scans.h"

namespace jetstudy::jets {

JETSTUDY_FOR_BASELINE SmallestAt nearest_to(const double* y, const double* phi, std::size_t count, std::size_t self,
                                            double y0, double phi0) {
  return lanes::nearest_to<2>(y, phi, count, self, y0, phi0);
}

JETSTUDY_FOR_BASELINE SmallestAt first_smallest(const double* values, std::size_t count) {
  return lanes::first_smallest<2>(values, count);
}

#if JETSTUDY_LANE_SCANS_VERSIONS

JETSTUDY_FOR_AVX2 SmallestAt nearest_to(const double* y, const double* phi, std::size_t count, std::size_t self,
                                        double y0, double phi0) {
  return lanes::nearest_to<4>(y, phi, count, self, y0, phi0);
}

JETSTUDY_FOR_AVX2 SmallestAt first_smallest(const double* values, std::size_t count) {
  return lanes::first_smallest<4>(values, count);
}

#endif

}  // namespace jetstudy::jets
