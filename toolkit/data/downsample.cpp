#include "toolkit/data/downsample.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "toolkit/core/error.h"
#include "toolkit/data/keep_rows.h"
#include "toolkit/data/reweight.h"
#include "toolkit/data/shuffle.h"

namespace jetstudy::data {

std::int64_t downsample_in_bins(Split& split, const std::string& in, double low, double high, std::int64_t bins,
                                std::int64_t classes, std::uint64_t seed) {
  JETSTUDY_CHECK(bins >= 1 && classes >= 2, "down-sampling needs bins and at least two classes");
  const auto& values = split.observers.at(in);
  const auto n = static_cast<std::size_t>(split.size);
  const auto cell = [&](std::size_t i) {  // (bin, class) of jet i, or -1 for a value that has no bin
    if (!std::isfinite(values[i])) return std::int64_t{-1};
    return flat_bin(values[i], low, high, bins) * classes + static_cast<std::int64_t>(split.labels[i]);
  };
  // Jets per (bin, class), then what each bin keeps per class: its smallest class's count.
  std::vector<std::int64_t> count(static_cast<std::size_t>(bins * classes), 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (const auto c = cell(i); c >= 0) ++count[static_cast<std::size_t>(c)];
  }
  std::vector<std::int64_t> quota(count.size(), 0);
  for (std::int64_t b = 0; b < bins; ++b) {
    const auto first = count.begin() + b * classes;
    const std::int64_t keep = *std::min_element(first, first + classes);
    std::fill(quota.begin() + b * classes, quota.begin() + (b + 1) * classes, keep);
  }
  // Visiting the jets in a seeded random order and keeping each while its (bin, class) has room drops a random
  // subset of every surplus.
  std::vector<char> keep(n, 0);
  for (const std::int64_t position : shuffled_order(split.size, seed)) {
    const auto i = static_cast<std::size_t>(position);
    const auto c = cell(i);
    if (c < 0 || quota[static_cast<std::size_t>(c)] == 0) continue;
    --quota[static_cast<std::size_t>(c)];
    keep[i] = 1;
  }
  return keep_rows(split, keep);
}

}  // namespace jetstudy::data
