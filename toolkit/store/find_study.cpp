#include "toolkit/store/find_study.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"

namespace jetstudy::store {

StudyRecord find_study(const Store& store, const std::string& name) {
  if (auto record = store.study(name)) return *record;
  const std::vector<std::string> known = store.studies();
  if (known.empty())
    throw core::InputError(fmt::format("{}: no study '{}': the store holds no studies yet (run a recipe first)",
                                       store.path().string(), name));
  throw core::InputError(fmt::format("{}: no study '{}'{}; the studies there are: {}", store.path().string(), name,
                                     core::did_you_mean(name, known), fmt::join(known, ", ")));
}

}  // namespace jetstudy::store
