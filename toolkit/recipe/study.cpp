#include "toolkit/recipe/study.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "toolkit/core/canonical_json.h"
#include "toolkit/core/sha256.h"
#include "toolkit/recipe/loader.h"

namespace jetstudy::recipe {

namespace {

// `sweep.rungs` as written (for messages), or the sweep block.
core::SourceLocation rungs_where(const SourceNode& tree) {
  const SourceNode* sweep = tree.find("sweep");
  if (!sweep) return tree.where;
  const SourceNode* rungs = sweep->find("rungs");
  return rungs ? rungs->where : sweep->where;
}

std::optional<AshaOptions> asha_options(const nlohmann::json& config, const std::vector<RunSpec>& runs,
                                        const SourceNode& tree) {
  if (!config.contains("sweep") || config["sweep"]["strategy"] != "asha") return std::nullopt;
  const auto& sweep = config["sweep"];
  AshaOptions asha;
  asha.monitor = sweep.value("monitor", config["train"]["early_stop"]["monitor"].get<std::string>());
  asha.maximize = monitor_maximized(asha.monitor, sweep.value("mode", "auto"));
  asha.rungs = sweep["rungs"].get<std::vector<int>>();
  asha.keep = sweep.contains("keep") ? *parse_keep_fraction(sweep["keep"]) : 1.0 / 3.0;

  int longest = 0;
  for (const auto& run : runs) longest = std::max(longest, run.config["train"]["epochs"].get<int>());
  if (asha.rungs.back() > longest) {
    throw core::RecipeError(rungs_where(tree), "sweep.rungs: rung " + std::to_string(asha.rungs.back()) +
                                                   " is beyond train.epochs (" + std::to_string(longest) +
                                                   "): no run gets there; use rungs up to " + std::to_string(longest));
  }
  return asha;
}

// The scheduling keys (run_identity.h) moved out of a config and put back, so that the config can be hashed
// as run_identity() would without copying it.
class SchedulingKeysAside {
 public:
  explicit SchedulingKeysAside(nlohmann::json& config) {
    for (const auto& dotted : scheduling_keys()) {
      nlohmann::json* map = &config;
      std::string key = dotted;
      for (auto dot = key.find('.'); map && dot != std::string::npos; dot = key.find('.')) {
        const std::string parent = key.substr(0, dot);
        map = map->is_object() && map->contains(parent) ? &(*map)[parent] : nullptr;
        key = key.substr(dot + 1);
      }
      if (!map || !map->is_object() || !map->contains(key)) continue;
      moved_.push_back({map, key, std::move((*map)[key])});
      map->erase(key);
    }
  }
  ~SchedulingKeysAside() {
    for (auto it = moved_.rbegin(); it != moved_.rend(); ++it) (*it->map)[it->key] = std::move(it->value);
  }
  SchedulingKeysAside(const SchedulingKeysAside&) = delete;
  SchedulingKeysAside& operator=(const SchedulingKeysAside&) = delete;

 private:
  struct Moved {
    nlohmann::json* map;
    std::string key;
    nlohmann::json value;
  };
  std::vector<Moved> moved_;
};

// The runs of one sweep point (expand_sweep puts its seeds innermost, so they are consecutive) differ only in
// their seed. The canonical JSON of a run's identity is "{" + its top-level entries in key order + "}", so the
// entries other than "seed" are dumped once per point and each run's hash is the SHA-256 of their join with its
// own seed entry: the same hash as run_identity(config), for a tenth of the work with 10 seeds.
void add_runs_of_point(std::vector<SweepPoint>::iterator first, std::vector<SweepPoint>::iterator last,
                       std::vector<RunSpec>& runs) {
  std::vector<std::string> before_seed, after_seed;
  {
    nlohmann::json& config = first->config;
    const SchedulingKeysAside aside(config);
    for (const auto& [key, value] : config.items()) {
      if (key == "seed") continue;
      auto entry = core::canonical_json(nlohmann::json(key)) + ":" + core::canonical_json(value);
      (key < "seed" ? before_seed : after_seed).push_back(std::move(entry));
    }
  }
  std::string head = "{";
  for (const auto& entry : before_seed) head += entry + ",";
  std::string tail;
  for (const auto& entry : after_seed) tail += "," + entry;
  tail += "}";

  for (auto point = first; point != last; ++point) {
    RunSpec run;
    run.hash = core::sha256_hex(head + "\"seed\":" + std::to_string(point->seed) + tail);
    run.config = std::move(point->config);
    run.seed = point->seed;
    run.point = std::move(point->point);
    run.label = std::move(point->label);
    runs.push_back(std::move(run));
  }
}

}  // namespace

bool monitor_maximized(const std::string& monitor, const std::string& mode) {
  if (mode == "max") return true;
  if (mode == "min") return false;
  if (monitor.find("inverse") != std::string::npos) return true;  // val_inverse_jsd: larger is better
  constexpr std::array<std::string_view, 8> kLossLike = {"loss", "error", "ece", "mse", "mae", "jsd", "distance", "chi2"};
  return std::none_of(kLossLike.begin(), kLossLike.end(),
                      [&](std::string_view word) { return monitor.find(word) != std::string::npos; });
}

Study load_study(const std::filesystem::path& path, const std::vector<std::string>& overrides,
                 const StudyComponents& components) {
  const Schema schema = study_schema(components);
  const SourceNode tree = load_recipe(path, overrides);

  Study study;
  study.path = path;
  study.config = schema.validate(tree);
  study.name = study.config.at("study").get<std::string>();
  study.expect = study.config.value("expect", nlohmann::json::object());
  study.run = study.config.at("run");
  auto points = expand_sweep(tree, schema, study.config);
  const std::size_t seeds = study.config.contains("sweep") ? study.config["sweep"]["seeds"].size() : 1;
  JETSTUDY_CHECK(seeds > 0 && points.size() % seeds == 0, "expand_sweep gives every point all its seeds");
  study.runs.reserve(points.size());
  for (auto first = points.begin(); first != points.end(); first += static_cast<std::ptrdiff_t>(seeds)) {
    add_runs_of_point(first, first + static_cast<std::ptrdiff_t>(seeds), study.runs);
  }
  study.asha = asha_options(study.config, study.runs, tree);
  return study;
}

}  // namespace jetstudy::recipe
