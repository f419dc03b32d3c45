#include "toolkit/recipe/sweep.h"

#include <algorithm>

#include "toolkit/core/closest_name.h"
#include "toolkit/recipe/overrides.h"

namespace jetstudy::recipe {

namespace {

std::vector<std::string> split_path(const std::string& dotted) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto dot = dotted.find('.', start);
    parts.push_back(dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

// The value at a dotted path; null where the point left the key out (e.g. `data.jets.groom: [null, ...]`).
nlohmann::json at_path(const nlohmann::json& config, const std::string& dotted) {
  const nlohmann::json* value = &config;
  for (const auto& part : split_path(dotted)) {
    if (!value->is_object() || !value->contains(part)) return nullptr;
    value = &value->at(part);
  }
  return *value;
}

std::string label_value(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// The grid keys, checked against the key paths the schema defines.
std::vector<const SourceNode*> grid_entries(const SourceNode& recipe, const Schema& schema,
                                            const nlohmann::json& resolved) {
  const SourceNode* sweep = recipe.find("sweep");
  const SourceNode* grid = sweep ? sweep->find("grid") : nullptr;
  if (!grid || !grid->is_map()) return {};

  std::vector<std::string> known;
  for (auto& path : schema.key_paths(resolved)) {
    if (path != "sweep" && path.rfind("sweep.", 0) != 0 && path != "base") known.push_back(std::move(path));
  }
  std::vector<const SourceNode*> entries;
  for (const auto& entry : grid->children) {
    if (std::find(known.begin(), known.end(), entry.key) == known.end()) {
      throw core::RecipeError(entry.key_where, "sweep.grid: unknown key '" + entry.key + "'" +
                                                   core::did_you_mean(entry.key, known));
    }
    if (!entry.is_list() || entry.children.empty()) {
      throw core::RecipeError(entry.where, "sweep.grid." + entry.key + ": expected a non-empty list of values, got " +
                                               entry.describe());
    }
    entries.push_back(&entry);
  }
  return entries;
}

}  // namespace

std::vector<SweepPoint> expand_sweep(const SourceNode& recipe, const Schema& schema, const nlohmann::json& resolved) {
  const std::vector<const SourceNode*> grid = grid_entries(recipe, schema, resolved);
  std::vector<std::int64_t> seeds{1};
  if (resolved.contains("sweep")) seeds = resolved["sweep"]["seeds"].get<std::vector<std::int64_t>>();

  SourceNode unswept = recipe;
  unswept.erase("sweep");

  // An odometer over the grid: choice[i] indexes the values of grid key i; the last key turns fastest.
  std::vector<std::size_t> choice(grid.size(), 0);
  std::vector<SweepPoint> points;
  while (true) {
    SourceNode tree = unswept;
    for (std::size_t i = 0; i < grid.size(); ++i) {
      apply_override(tree, Override{split_path(grid[i]->key), grid[i]->children[choice[i]], grid[i]->key_where});
    }
    const nlohmann::json config = schema.validate(tree);

    auto point = nlohmann::json::object();
    std::string label;
    for (const auto* entry : grid) {
      const nlohmann::json value = at_path(config, entry->key);
      point[entry->key] = value;
      label += (label.empty() ? "" : " ") + entry->key + "=" + label_value(value);
    }
    for (const std::int64_t seed : seeds) {
      SweepPoint swept{config, point, label, seed};
      swept.config["seed"] = seed;
      points.push_back(std::move(swept));
    }

    std::size_t turning = grid.size();
    while (turning > 0) {
      --turning;
      if (++choice[turning] < grid[turning]->children.size()) break;
      choice[turning] = 0;
      if (turning == 0) return points;
    }
    if (grid.empty()) return points;
  }
}

}  // namespace jetstudy::recipe
