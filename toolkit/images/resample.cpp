#include "toolkit/images/resample.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace jetstudy::images {
namespace {

struct Share {
  std::int64_t source_bin;
  double weight;  // fraction of the source bin inside the target bin
};

// For each of n_target equal bins over [0, 1): the source bins (of n_source) that overlap it and which
// fraction of each source bin falls inside.
std::vector<std::vector<Share>> overlap_shares(std::int64_t n_source, std::int64_t n_target) {
  std::vector<std::vector<Share>> shares(static_cast<std::size_t>(n_target));
  for (std::int64_t t = 0; t < n_target; ++t) {
    const double lo = static_cast<double>(t) / n_target, hi = static_cast<double>(t + 1) / n_target;
    const auto first = static_cast<std::int64_t>(std::floor(lo * n_source));
    for (std::int64_t s = first; s < n_source; ++s) {
      const double s_lo = static_cast<double>(s) / n_source, s_hi = static_cast<double>(s + 1) / n_source;
      if (s_lo >= hi) break;
      const double overlap = std::min(hi, s_hi) - std::max(lo, s_lo);
      if (overlap > 0) shares[t].push_back({s, overlap * n_source});
    }
  }
  return shares;
}

void area_resample(const float* source, std::int64_t sh, std::int64_t sw, float* target, std::int64_t th,
                   std::int64_t tw) {
  const auto rows = overlap_shares(sh, th);
  const auto columns = overlap_shares(sw, tw);
  std::vector<double> by_column(static_cast<std::size_t>(sh * tw), 0.0);  // [source row][target column]
  for (std::int64_t r = 0; r < sh; ++r) {
    for (std::int64_t t = 0; t < tw; ++t) {
      double sum = 0;
      for (const auto& share : columns[t]) sum += share.weight * source[r * sw + share.source_bin];
      by_column[r * tw + t] = sum;
    }
  }
  for (std::int64_t t_row = 0; t_row < th; ++t_row) {
    for (std::int64_t t = 0; t < tw; ++t) {
      double sum = 0;
      for (const auto& share : rows[t_row]) sum += share.weight * by_column[share.source_bin * tw + t];
      target[t_row * tw + t] = static_cast<float>(sum);
    }
  }
}

// Position of target bin centre i (of n_target) in source-bin units, where source bin centres sit at k + 0.5.
double source_coordinate(std::int64_t i, std::int64_t n_target, std::int64_t n_source) {
  return (static_cast<double>(i) + 0.5) / n_target * n_source;
}

}  // namespace

void resample_plane(const float* source, std::int64_t sh, std::int64_t sw, float* target, std::int64_t th,
                    std::int64_t tw, Upsample upsample) {
  if (th <= sh && tw <= sw) {
    area_resample(source, sh, sw, target, th, tw);
    return;
  }
  const double area_ratio = static_cast<double>(sh * sw) / static_cast<double>(th * tw);  // target / source area
  double source_total = 0, target_total = 0;
  bool signed_values = false;  // jet_charge: a ratio of totals near zero would be meaningless, so no rescale
  for (std::int64_t i = 0; i < sh * sw; ++i) {
    source_total += source[i];
    signed_values = signed_values || source[i] < 0;
  }
  for (std::int64_t r = 0; r < th; ++r) {
    const double y = source_coordinate(r, th, sh);
    for (std::int64_t c = 0; c < tw; ++c) {
      const double x = source_coordinate(c, tw, sw);
      double density;
      if (upsample == Upsample::nearest) {
        const auto row = std::min(sh - 1, static_cast<std::int64_t>(y));
        const auto column = std::min(sw - 1, static_cast<std::int64_t>(x));
        density = source[row * sw + column];
      } else {
        // Between the centres at k + 0.5: clamp to the outermost centres.
        const double fy = std::clamp(y - 0.5, 0.0, static_cast<double>(sh - 1));
        const double fx = std::clamp(x - 0.5, 0.0, static_cast<double>(sw - 1));
        const auto r0 = static_cast<std::int64_t>(fy), c0 = static_cast<std::int64_t>(fx);
        const auto r1 = std::min(r0 + 1, sh - 1), c1 = std::min(c0 + 1, sw - 1);
        const double wy = fy - r0, wx = fx - c0;
        density = (1 - wy) * ((1 - wx) * source[r0 * sw + c0] + wx * source[r0 * sw + c1]) +
                  wy * ((1 - wx) * source[r1 * sw + c0] + wx * source[r1 * sw + c1]);
      }
      target[r * tw + c] = static_cast<float>(density * area_ratio);
      target_total += density * area_ratio;
    }
  }
  if (signed_values || target_total == 0 || source_total == target_total) return;
  const double scale = source_total / target_total;
  for (std::int64_t i = 0; i < th * tw; ++i) target[i] = static_cast<float>(target[i] * scale);
}

}  // namespace jetstudy::images
