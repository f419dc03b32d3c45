#include "toolkit/sched/asha.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "toolkit/core/error.h"

namespace jetstudy::sched {

AshaScheduler::AshaScheduler(AshaOptions options) : options_(std::move(options)) {
  if (options_.rungs.empty()) throw core::InputError("sweep.rungs: ASHA needs at least one rung (an epoch), e.g. [1, 3, 9]");
  for (std::size_t i = 0; i < options_.rungs.size(); ++i) {
    const int epoch = options_.rungs[i];
    if (epoch < 1 || (i > 0 && epoch <= options_.rungs[i - 1])) {
      throw core::InputError("sweep.rungs: expected increasing epochs >= 1 such as [1, 3, 9], got rung " +
                             std::to_string(epoch) + " at position " + std::to_string(i + 1));
    }
    rungs_.push_back({epoch, {}, {}});
  }
  if (!(options_.keep > 0 && options_.keep < 1)) {
    throw core::InputError("sweep.keep: expected a fraction in (0, 1) such as 1/3, got " + std::to_string(options_.keep));
  }
}

double AshaScheduler::ranking_value(double value) const {
  if (!std::isfinite(value)) return -std::numeric_limits<double>::infinity();
  return options_.maximize ? value : -value;
}

bool AshaScheduler::should_stop(const std::string& hash, int epoch, double value) {
  if (const auto stopped = stopped_at_.find(hash); stopped != stopped_at_.end() && epoch > stopped->second) return true;
  const auto rung = std::find_if(rungs_.begin(), rungs_.end(), [&](const Rung& r) { return r.epoch == epoch; });
  if (rung == rungs_.end()) return false;
  if (const auto decided = rung->continues.find(hash); decided != rung->continues.end()) return !decided->second;

  const double mine = ranking_value(value);
  rung->values.push_back(mine);
  const auto recorded = static_cast<double>(rung->values.size());
  // ceil(keep x n), at least 1; the small margin keeps 1/3 x 6 = 1.9999999999999998 at 2.
  const auto quota = std::max<std::ptrdiff_t>(1, static_cast<std::ptrdiff_t>(std::ceil(options_.keep * recorded - 1e-9)));
  const auto better = std::count_if(rung->values.begin(), rung->values.end(), [&](double other) { return other > mine; });
  const bool continues = better < quota;  // ties rank with the run: its rank is 1 + the runs strictly better
  rung->continues[hash] = continues;
  if (!continues) stopped_at_[hash] = epoch;
  return !continues;
}

std::vector<double> AshaScheduler::recorded_at(int epoch) const {
  const auto rung = std::find_if(rungs_.begin(), rungs_.end(), [&](const Rung& r) { return r.epoch == epoch; });
  if (rung == rungs_.end()) return {};
  std::vector<double> values;
  for (const double ranked : rung->values) values.push_back(options_.maximize ? ranked : -ranked);
  return values;
}

std::optional<int> AshaScheduler::stopped_at(const std::string& hash) const {
  const auto stopped = stopped_at_.find(hash);
  if (stopped == stopped_at_.end()) return std::nullopt;
  return stopped->second;
}

}  // namespace jetstudy::sched
