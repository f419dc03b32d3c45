#include "toolkit/recipe/run_identity.h"

#include "toolkit/core/canonical_json.h"

namespace jetstudy::recipe {

const std::vector<std::string>& scheduling_keys() {
  static const std::vector<std::string> kKeys{"study", "description", "base",         "run",
                                              "expect", "sweep",      "train.device", "train.threads"};
  return kKeys;
}

nlohmann::json identity_config(const nlohmann::json& config) {
  nlohmann::json identity = config;
  for (const auto& dotted : scheduling_keys()) {
    nlohmann::json* map = &identity;
    std::string key = dotted;
    for (auto dot = key.find('.'); dot != std::string::npos; dot = key.find('.')) {
      const std::string parent = key.substr(0, dot);
      if (!map->is_object() || !map->contains(parent)) {
        map = nullptr;
        break;
      }
      map = &(*map)[parent];
      key = key.substr(dot + 1);
    }
    if (map && map->is_object()) map->erase(key);
  }
  return identity;
}

std::string run_identity(const nlohmann::json& config) { return core::content_hash(identity_config(config)); }

std::string dataset_identity(const nlohmann::json& config) {
  return core::content_hash(nlohmann::json{{"data", config.at("data")}, {"images", config.at("images")}});
}

RunSpec make_run_spec(SweepPoint point) {
  RunSpec run;
  run.hash = run_identity(point.config);
  run.config = std::move(point.config);
  run.seed = point.seed;
  run.point = std::move(point.point);
  run.label = std::move(point.label);
  return run;
}

}  // namespace jetstudy::recipe
