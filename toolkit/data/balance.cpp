#include "toolkit/data/balance.h"

#include <algorithm>
#include <vector>

#include "toolkit/core/error.h"
#include "toolkit/data/keep_rows.h"

namespace jetstudy::data {

std::int64_t balance_classes(Split& split, std::int64_t image_size, std::int64_t classes) {
  JETSTUDY_CHECK(classes >= 2, "balancing needs at least two classes");
  JETSTUDY_CHECK(split.images.size() == static_cast<std::size_t>(split.size * image_size), "images match the split size");
  std::vector<std::int64_t> per_class(static_cast<std::size_t>(classes), 0);
  for (const float label : split.labels) {
    const auto k = static_cast<std::int64_t>(label);
    JETSTUDY_CHECK(k >= 0 && k < classes && static_cast<float>(k) == label, "labels are class indices");
    ++per_class[static_cast<std::size_t>(k)];
  }
  const std::int64_t keep_per_class = *std::min_element(per_class.begin(), per_class.end());
  std::vector<std::int64_t> kept(static_cast<std::size_t>(classes), 0);
  std::vector<char> keep(static_cast<std::size_t>(split.size), 0);
  for (std::size_t i = 0; i < keep.size(); ++i) {
    std::int64_t& kept_of_class = kept[static_cast<std::size_t>(split.labels[i])];
    if (kept_of_class == keep_per_class) continue;
    ++kept_of_class;
    keep[i] = 1;
  }
  return keep_rows(split, keep);
}

}  // namespace jetstudy::data
