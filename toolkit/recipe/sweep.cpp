#include "toolkit/recipe/sweep.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

#include "toolkit/core/closest_name.h"
#include "toolkit/recipe/overrides.h"
#include "toolkit/recipe/scalar.h"

namespace jetstudy::recipe {

namespace {

using core::RecipeError;

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

// A swept key path, where it was written, and the top-level section of the recipe it lies in.
struct SweptKey {
  std::vector<std::string> path;  // {"model", "filters"}
  std::string dotted;             // "model.filters"
  core::SourceLocation where;
};

// One factor of the product: keys set together and the settings they take (settings[i][k] is the value of
// keys[k] in setting i). Each grid key is a factor of its own; the zip block and the random draws are one each.
struct Factor {
  std::vector<SweptKey> keys;
  std::vector<std::vector<SourceNode>> settings;
};

// Checks swept keys against the key paths the schema defines, and that no key is swept twice.
class KeyChecker {
 public:
  KeyChecker(const Schema& schema, const nlohmann::json& resolved) {
    for (auto& path : schema.key_paths(resolved)) {
      if (path != "sweep" && path.rfind("sweep.", 0) != 0 && path != "base") known_.push_back(std::move(path));
    }
  }

  SweptKey check(const SourceNode& entry, const std::string& block) {
    if (std::find(known_.begin(), known_.end(), entry.key) == known_.end()) {
      throw RecipeError(entry.key_where, block + ": unknown key '" + entry.key + "'" + core::did_you_mean(entry.key, known_));
    }
    const auto [earlier, inserted] = swept_by_.emplace(entry.key, block);
    if (!inserted) {
      throw RecipeError(entry.key_where, block + ": '" + entry.key + "' is already swept by " + earlier->second +
                                             "; sweep each key in one place");
    }
    return {split_path(entry.key), entry.key, entry.key_where};
  }

 private:
  std::vector<std::string> known_;
  std::map<std::string, std::string> swept_by_;  // key -> the block that sweeps it
};

void add_grid(const SourceNode& grid, KeyChecker& keys, std::vector<Factor>& factors) {
  for (const auto& entry : grid.children) {
    Factor factor{{keys.check(entry, "sweep.grid")}, {}};
    if (!entry.is_list() || entry.children.empty()) {
      throw RecipeError(entry.where, "sweep.grid." + entry.key + ": expected a non-empty list of values, got " +
                                         entry.describe());
    }
    for (const auto& value : entry.children) factor.settings.push_back({value});
    factors.push_back(std::move(factor));
  }
}

void add_zip(const SourceNode& zip, KeyChecker& keys, std::vector<Factor>& factors) {
  Factor factor;
  const SourceNode* first = nullptr;
  for (const auto& entry : zip.children) {
    factor.keys.push_back(keys.check(entry, "sweep.zip"));
    if (!entry.is_list() || entry.children.empty()) {
      throw RecipeError(entry.where, "sweep.zip." + entry.key + ": expected a non-empty list of values, got " +
                                         entry.describe());
    }
    if (!first) {
      first = &entry;
      continue;
    }
    if (entry.children.size() != first->children.size()) {
      throw RecipeError(entry.key_where, "sweep.zip: '" + entry.key + "' has " + std::to_string(entry.children.size()) +
                                             " values but '" + first->key + "' has " +
                                             std::to_string(first->children.size()) +
                                             "; zip advances its lists together, so they need the same length");
    }
  }
  if (!first) return;
  for (std::size_t i = 0; i < first->children.size(); ++i) {
    std::vector<SourceNode> setting;
    for (const auto& entry : zip.children) setting.push_back(entry.children[i]);
    factor.settings.push_back(std::move(setting));
  }
  factors.push_back(std::move(factor));
}

// --- random draws ---

enum class Distribution { kUniform, kLogUniform, kIntUniform, kChoice };

const std::vector<std::string>& distribution_names() {
  static const std::vector<std::string> kNames{"uniform", "log_uniform", "int_uniform", "choice"};
  return kNames;
}

struct RandomParameter {
  Distribution distribution = Distribution::kUniform;
  double low = 0, high = 0;                   // uniform, log_uniform
  std::int64_t int_low = 0, int_high = 0;     // int_uniform
  const SourceNode* choices = nullptr;        // choice: the list written
  core::SourceLocation where;                 // the distribution as written: where a bad draw is reported
};

RandomParameter read_distribution(const SourceNode& entry) {
  const std::string path = "sweep.random.params." + entry.key;
  if (!entry.is_map() || entry.children.size() != 1) {
    throw RecipeError(entry.where, path + ": expected one distribution: {uniform: [a, b]}, {log_uniform: [a, b]}, "
                                          "{int_uniform: [a, b]} or {choice: [v1, v2, ...]}, got " + entry.describe());
  }
  const SourceNode& written = entry.children.front();
  const auto& names = distribution_names();
  const auto named = std::find(names.begin(), names.end(), written.key);
  if (named == names.end()) {
    std::string hint = core::did_you_mean(written.key, names);
    if (hint.empty()) hint = "; expected uniform, log_uniform, int_uniform or choice";
    throw RecipeError(written.key_where, path + ": unknown distribution '" + written.key + "'" + hint);
  }
  RandomParameter parameter;
  parameter.distribution = static_cast<Distribution>(named - names.begin());
  parameter.where = written.where;
  const std::string where_in = path + "." + written.key;

  if (parameter.distribution == Distribution::kChoice) {
    if (!written.is_list() || written.children.empty()) {
      throw RecipeError(written.where, where_in + ": expected a non-empty list of values to choose from, got " +
                                           written.describe());
    }
    parameter.choices = &written;
    return parameter;
  }

  const bool scalars = written.is_list() && written.children.size() == 2 && written.children[0].is_scalar() &&
                       written.children[1].is_scalar();
  if (!scalars) throw RecipeError(written.where, where_in + ": expected bounds [a, b], got " + written.describe());
  const SourceNode& a = written.children[0];
  const SourceNode& b = written.children[1];
  if (parameter.distribution == Distribution::kIntUniform) {
    for (const auto* bound : {&a, &b}) {
      if (!parse_integer(bound->scalar)) {
        throw RecipeError(bound->where, where_in + ": expected integer bounds, got " + bound->describe());
      }
    }
    parameter.int_low = *parse_integer(a.scalar);
    parameter.int_high = *parse_integer(b.scalar);
    if (parameter.int_low > parameter.int_high) {
      throw RecipeError(written.where, where_in + ": expected [a, b] with a <= b, got [" + a.scalar + ", " + b.scalar + "]");
    }
    return parameter;
  }
  for (const auto* bound : {&a, &b}) {
    if (!parse_number(bound->scalar)) throw RecipeError(bound->where, where_in + ": expected a number, got " + bound->describe());
  }
  parameter.low = *parse_number(a.scalar);
  parameter.high = *parse_number(b.scalar);
  if (parameter.low > parameter.high) {
    throw RecipeError(written.where, where_in + ": expected [a, b] with a <= b, got [" + a.scalar + ", " + b.scalar + "]");
  }
  if (parameter.distribution == Distribution::kLogUniform && parameter.low <= 0) {
    throw RecipeError(a.where, where_in + ": the lower bound must be > 0 (a log-uniform draw spans log(a) .. log(b)), got " +
                                   a.scalar);
  }
  return parameter;
}

SourceNode draw(const RandomParameter& parameter, std::mt19937_64& engine) {
  const auto number = [&](double value) {
    value = std::clamp(round_significant(value), parameter.low, parameter.high);
    return make_scalar(format_number(value), parameter.where);
  };
  switch (parameter.distribution) {
    case Distribution::kUniform:
      return number(parameter.low + (parameter.high - parameter.low) * unit_draw(engine));
    case Distribution::kLogUniform: {
      const double log_low = std::log(parameter.low), log_high = std::log(parameter.high);
      return number(std::exp(log_low + (log_high - log_low) * unit_draw(engine)));
    }
    case Distribution::kIntUniform:
      return make_scalar(std::to_string(integer_draw(engine, parameter.int_low, parameter.int_high)), parameter.where);
    case Distribution::kChoice: {
      const auto last = static_cast<std::int64_t>(parameter.choices->children.size()) - 1;
      return parameter.choices->children[static_cast<std::size_t>(integer_draw(engine, 0, last))];
    }
  }
  JETSTUDY_CHECK(false, "unhandled distribution");
  return {};
}

// n draws; draw i takes the parameters in the order written, each consuming the engine in turn.
void add_random(const SourceNode& random, const nlohmann::json& resolved_random, KeyChecker& keys,
                std::vector<Factor>& factors) {
  const SourceNode* params = random.find("params");
  JETSTUDY_CHECK(params && params->is_map(), "the schema requires sweep.random.params to be a map");
  Factor factor;
  std::vector<RandomParameter> parameters;
  for (const auto& entry : params->children) {
    factor.keys.push_back(keys.check(entry, "sweep.random.params"));
    parameters.push_back(read_distribution(entry));
  }
  if (parameters.empty()) {
    throw RecipeError(params->where, "sweep.random.params: expected at least one key path with a distribution, "
                                     "e.g. {train.optimizer.lr: {log_uniform: [1.0e-4, 1.0e-2]}}");
  }
  const auto n = resolved_random.at("n").get<std::int64_t>();
  std::mt19937_64 engine(static_cast<std::uint64_t>(resolved_random.at("seed").get<std::int64_t>()));
  for (std::int64_t i = 0; i < n; ++i) {
    std::vector<SourceNode> setting;
    for (const auto& parameter : parameters) setting.push_back(draw(parameter, engine));
    factor.settings.push_back(std::move(setting));
  }
  factors.push_back(std::move(factor));
}

// Validates the top-level sections (data, model, train, ...) that a point changes, each once per distinct
// setting of the factors that reach into it. The other sections are taken from the recipe validated whole.
class SectionCache {
 public:
  SectionCache(const SourceNode& unswept, const Schema& schema, const std::vector<Factor>& factors)
      : unswept_(unswept), factors_(factors) {
    JETSTUDY_CHECK(schema.kind() == Schema::Kind::kMap, "a recipe schema is a map");
    for (std::size_t f = 0; f < factors.size(); ++f) {
      for (const auto& key : factors[f].keys) {
        const std::string& name = key.path.front();
        auto section = std::find_if(sections_.begin(), sections_.end(), [&](const Section& s) { return s.name == name; });
        if (section == sections_.end()) {
          const auto& fields = schema.fields();
          const auto field = std::find_if(fields.begin(), fields.end(), [&](const Field& x) { return x.key == name; });
          JETSTUDY_CHECK(field != fields.end(), "a checked sweep key lies in a section of the schema");
          sections_.push_back({name, Schema::map({*field}), {}, {}});
          section = std::prev(sections_.end());
        }
        if (std::find(section->factors.begin(), section->factors.end(), f) == section->factors.end()) {
          section->factors.push_back(f);
        }
      }
    }
  }

  // Replaces each swept section of `config` by its validation under the factor settings `choice`.
  void apply(const std::vector<std::size_t>& choice, nlohmann::json& config) {
    for (auto& section : sections_) {
      std::string id;
      for (const std::size_t f : section.factors) id += std::to_string(choice[f]) + ",";
      auto cached = section.validated.find(id);
      if (cached == section.validated.end()) cached = section.validated.emplace(id, validate(section, choice)).first;
      if (cached->second) {
        config[section.name] = *cached->second;
      } else {
        config.erase(section.name);
      }
    }
  }

 private:
  struct Section {
    std::string name;
    Schema schema;                    // a map with just this section's field
    std::vector<std::size_t> factors;  // the factors with a key in it
    std::unordered_map<std::string, std::optional<nlohmann::json>> validated;  // nullopt: the section is absent
  };

  std::optional<nlohmann::json> validate(const Section& section, const std::vector<std::size_t>& choice) const {
    SourceNode root = make_map(unswept_.where);
    if (const SourceNode* written = unswept_.find(section.name)) root.set(*written);
    for (const std::size_t f : section.factors) {
      const Factor& factor = factors_[f];
      for (std::size_t k = 0; k < factor.keys.size(); ++k) {
        const SweptKey& key = factor.keys[k];
        if (key.path.front() != section.name) continue;
        apply_override(root, Override{key.path, factor.settings[choice[f]][k], key.where});
      }
    }
    nlohmann::json validated = section.schema.validate(root);
    if (!validated.contains(section.name)) return std::nullopt;
    return std::move(validated[section.name]);
  }

  const SourceNode& unswept_;
  const std::vector<Factor>& factors_;
  std::vector<Section> sections_;
};

}  // namespace

std::optional<double> parse_keep_fraction(const nlohmann::json& value) {
  if (value.is_number()) {
    const double fraction = value.get<double>();
    if (fraction > 0 && fraction < 1) return fraction;
    return std::nullopt;
  }
  if (!value.is_string()) return std::nullopt;
  const std::string text = value.get<std::string>();
  const auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  const auto kept = parse_integer(text.substr(0, slash));
  const auto out_of = parse_integer(text.substr(slash + 1));
  if (!kept || !out_of || *kept <= 0 || *kept >= *out_of) return std::nullopt;
  return static_cast<double>(*kept) / static_cast<double>(*out_of);
}

double unit_draw(std::mt19937_64& engine) { return static_cast<double>(engine() >> 11) * 0x1.0p-53; }

std::int64_t integer_draw(std::mt19937_64& engine, std::int64_t low, std::int64_t high) {
  JETSTUDY_CHECK(low <= high, "integer_draw needs low <= high");
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
  if (span == kMax) return static_cast<std::int64_t>(engine());
  const std::uint64_t range = span + 1;
  const std::uint64_t limit = kMax / range * range;  // draws at or above it would favour the small values
  std::uint64_t x = engine();
  while (x >= limit) x = engine();
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + x % range);
}

double round_significant(double value) {
  if (!std::isfinite(value) || value == 0) return value;
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return std::strtod(text, nullptr);
}

std::vector<SweepPoint> expand_sweep(const SourceNode& recipe, const Schema& schema, const nlohmann::json& resolved) {
  const SourceNode* sweep = recipe.find("sweep");
  const bool swept = resolved.contains("sweep");
  std::vector<Factor> factors;
  if (swept && sweep && sweep->is_map()) {
    KeyChecker keys(schema, resolved);
    if (const SourceNode* grid = sweep->find("grid"); grid && grid->is_map()) add_grid(*grid, keys, factors);
    if (const SourceNode* zip = sweep->find("zip"); zip && zip->is_map()) add_zip(*zip, keys, factors);
    if (const SourceNode* random = sweep->find("random"); random && random->is_map()) {
      add_random(*random, resolved["sweep"]["random"], keys, factors);
    }
  }
  std::vector<std::int64_t> seeds{1};
  if (swept) seeds = resolved["sweep"]["seeds"].get<std::vector<std::int64_t>>();

  SourceNode unswept = recipe;
  unswept.erase("sweep");
  nlohmann::json unswept_config = resolved;
  unswept_config.erase("sweep");
  SectionCache sections(unswept, schema, factors);

  std::vector<const SweptKey*> keys_in_order;
  for (const auto& factor : factors) {
    for (const auto& key : factor.keys) keys_in_order.push_back(&key);
  }

  std::size_t total = seeds.size();
  for (const auto& factor : factors) total *= factor.settings.size();
  std::vector<SweepPoint> points;
  points.reserve(total);

  // An odometer over the factors: choice[f] indexes the settings of factor f; the last factor turns fastest.
  std::vector<std::size_t> choice(factors.size(), 0);
  while (true) {
    nlohmann::json config = unswept_config;
    sections.apply(choice, config);

    auto point = nlohmann::json::object();
    std::string label;
    for (const SweptKey* key : keys_in_order) {
      nlohmann::json value = at_path(config, key->dotted);
      label += (label.empty() ? "" : " ") + key->dotted + "=" + label_value(value);
      point[key->dotted] = std::move(value);
    }
    for (std::size_t s = 0; s < seeds.size(); ++s) {
      const bool last = s + 1 == seeds.size();
      SweepPoint swept_point{last ? std::move(config) : config, last ? std::move(point) : point, label, seeds[s]};
      swept_point.config["seed"] = seeds[s];
      points.push_back(std::move(swept_point));
    }

    std::size_t turning = factors.size();
    while (true) {
      if (turning == 0) return points;
      --turning;
      if (++choice[turning] < factors[turning].settings.size()) break;
      choice[turning] = 0;
    }
  }
}

}  // namespace jetstudy::recipe
