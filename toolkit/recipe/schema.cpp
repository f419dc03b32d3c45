#include "toolkit/recipe/schema.h"

#include <algorithm>
#include <regex>

#include "toolkit/core/closest_name.h"
#include "toolkit/recipe/scalar.h"

namespace jetstudy::recipe {

struct Schema::Impl {
  Kind kind = Kind::kAny;
  std::string doc;
  std::string noun = "value";                 // one_of, tagged, steps: what a name names
  std::vector<std::string> names;             // one_of
  bool parametrised = false;                  // one_of: `name@number` also allowed
  std::optional<std::regex> pattern;          // string
  std::string pattern_description;            // string: what a match looks like
  std::optional<Schema> element;              // list items, free_map values
  std::optional<Schema> key;                  // free_map keys
  std::vector<Field> fields;                  // map
  std::string tag;                            // tagged
  std::vector<NamedSchema> variants;          // tagged, steps
  std::optional<std::string> default_variant; // tagged
  std::vector<Schema> alternatives;           // any_of
  std::optional<std::size_t> length, min_length;
  std::optional<double> min, max, greater_than, less_than;
  std::vector<Check> checks;
};

namespace {

using Kind = Schema::Kind;

std::string child_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string item_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// "an architecture", "a source".
std::string with_article(const std::string& noun) {
  const bool vowel = !noun.empty() && std::string("aeiou").find(noun.front()) != std::string::npos;
  return (vowel ? "an " : "a ") + noun;
}

std::string in_path(const std::string& path) { return path.empty() ? "" : " in " + path; }

[[noreturn]] void fail_at(const core::SourceLocation& where, const std::string& path, const std::string& message) {
  throw core::RecipeError(where, path.empty() ? message : path + ": " + message);
}

[[noreturn]] void fail(const SourceNode& node, const std::string& path, const std::string& message) {
  fail_at(node.where, path, message);
}

[[noreturn]] void fail_expected(const Schema& schema, const SourceNode& node, const std::string& path) {
  fail(node, path, "expected " + schema.describe() + ", got " + node.describe());
}

std::string join(const std::vector<std::string>& names, const std::string& separator = ", ") {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : separator) + name;
  return text;
}

// "; did you mean 'x'?" for a misspelt key: the closest by edit distance, or else the key whose letters are the
// initials of the words written ("learning_rate" -> "lr").
std::string key_suggestion(const std::string& name, const std::vector<std::string>& keys) {
  const std::string close = core::did_you_mean(name, keys);
  if (!close.empty()) return close;
  std::string initials;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (i == 0 || name[i - 1] == '_') initials += name[i];
  }
  if (initials.size() < 2) return "";
  const auto match = std::find(keys.begin(), keys.end(), initials);
  return match == keys.end() ? "" : "; did you mean '" + *match + "'?";
}

// "; did you mean 'x'?" when a name is close, otherwise the list of valid names.
std::string suggestion(const std::string& name, const std::vector<std::string>& names) {
  const std::string close = core::did_you_mean(name, names);
  if (!close.empty()) return close;
  return names.empty() ? "" : "; expected one of " + join(names);
}

std::vector<std::string> variant_names(const std::vector<NamedSchema>& variants) {
  std::vector<std::string> names;
  for (const auto& variant : variants) names.push_back(variant.name);
  return names;
}

const NamedSchema* find_variant(const std::vector<NamedSchema>& variants, const std::string& name) {
  for (const auto& variant : variants) {
    if (variant.name == name) return &variant;
  }
  return nullptr;
}

// " in [0, 1)", " > 0", " >= 1", or "".
std::string range_phrase(const Schema::Impl& s) {
  std::optional<std::string> lower, upper;
  if (s.greater_than) lower = format_number(*s.greater_than);
  else if (s.min) lower = format_number(*s.min);
  if (s.less_than) upper = format_number(*s.less_than);
  else if (s.max) upper = format_number(*s.max);
  if (lower && upper) {
    return std::string(" in ") + (s.greater_than ? "(" : "[") + *lower + ", " + *upper + (s.less_than ? ")" : "]");
  }
  if (lower) return (s.greater_than ? " > " : " >= ") + *lower;
  if (upper) return (s.less_than ? " < " : " <= ") + *upper;
  return "";
}

std::string describe_numeric(const Schema::Impl& s, const std::string& noun) {
  const bool has_upper = s.less_than || s.max;
  if (!has_upper && s.greater_than == 0.0 && !s.min) return "a positive " + noun;
  if (!has_upper && s.min == 0.0 && !s.greater_than) return "a non-negative " + noun;
  return (noun == "integer" ? "an " : "a ") + noun + range_phrase(s);
}

bool in_range(const Schema::Impl& s, double value) {
  if (s.min && value < *s.min) return false;
  if (s.max && value > *s.max) return false;
  if (s.greater_than && value <= *s.greater_than) return false;
  if (s.less_than && value >= *s.less_than) return false;
  return true;
}

// Which node shapes a schema can take, so any_of can tell which alternative the user was aiming at.
bool takes_shape(const Schema& schema, const SourceNode& node) {
  switch (schema.kind()) {
    case Kind::kAny:
    case Kind::kAnyOf:
      return true;
    case Kind::kList:
    case Kind::kSteps:
      return node.is_list();
    case Kind::kMap:
    case Kind::kTagged:
    case Kind::kFreeMap:
      return node.is_map();
    default:
      return node.is_scalar();
  }
}

nlohmann::json validate_fields(const std::vector<Field>& fields, const SourceNode& node, const std::string& path,
                               const std::vector<std::string>& other_keys) {
  std::vector<std::string> known = other_keys;
  for (const auto& field : fields) known.push_back(field.key);
  for (const auto& child : node.children) {
    if (std::find(known.begin(), known.end(), child.key) != known.end()) continue;
    throw core::RecipeError(child.key_where,
                            "unknown key '" + child.key + "'" + in_path(path) + key_suggestion(child.key, known));
  }

  auto out = nlohmann::json::object();
  for (const auto& field : fields) {
    const SourceNode* given = node.find(field.key);
    const std::string path_of_field = child_path(path, field.key);
    if (given && !given->is_null()) {
      out[field.key] = field.schema.validate(*given, path_of_field);
    } else if (field.default_value) {
      out[field.key] = field.schema.validate(from_json(*field.default_value, node.where), path_of_field);
    } else if (field.is_required && given) {
      fail(*given, path_of_field, "expected " + field.schema.describe() + ", got nothing");
    } else if (field.is_required) {
      throw core::RecipeError(node.where, "missing key '" + field.key + "'" + in_path(path));
    }
  }
  return out;
}

void collect_key_paths(const Schema& schema, const std::string& prefix, const nlohmann::json& resolved,
                       std::vector<std::string>& paths) {
  const auto below = [&](const std::string& key) {
    return resolved.is_object() && resolved.contains(key) ? resolved.at(key) : nlohmann::json::object();
  };
  if (schema.kind() == Kind::kMap) {
    for (const auto& field : schema.fields()) {
      const std::string path = child_path(prefix, field.key);
      paths.push_back(path);
      collect_key_paths(field.schema, path, below(field.key), paths);
    }
    return;
  }
  if (schema.kind() != Kind::kTagged) return;
  paths.push_back(child_path(prefix, schema.tag()));
  const NamedSchema* chosen = nullptr;
  if (resolved.is_object() && resolved.contains(schema.tag()) && resolved.at(schema.tag()).is_string()) {
    chosen = find_variant(schema.variants(), resolved.at(schema.tag()).get<std::string>());
  }
  for (const auto& variant : schema.variants()) {
    if (chosen && chosen != &variant) continue;
    collect_key_paths(variant.options, prefix, resolved, paths);
  }
}

}  // namespace

// --- Factories ---

template <typename Change>
Schema Schema::changed(Change change) const {
  auto copy = std::make_shared<Impl>(*impl_);
  change(*copy);
  return Schema(std::move(copy));
}

namespace {
std::shared_ptr<Schema::Impl> make_impl(Kind kind) {
  auto impl = std::make_shared<Schema::Impl>();
  impl->kind = kind;
  return impl;
}
}  // namespace

Schema Schema::any() { return Schema(make_impl(Kind::kAny)); }
Schema Schema::string() { return Schema(make_impl(Kind::kString)); }
Schema Schema::integer() { return Schema(make_impl(Kind::kInteger)); }
Schema Schema::number() { return Schema(make_impl(Kind::kNumber)); }
Schema Schema::boolean() { return Schema(make_impl(Kind::kBoolean)); }

Schema Schema::one_of(std::vector<std::string> names, std::string noun) {
  auto impl = make_impl(Kind::kOneOf);
  impl->names = std::move(names);
  impl->noun = std::move(noun);
  return Schema(std::move(impl));
}

Schema Schema::list(Schema element) {
  auto impl = make_impl(Kind::kList);
  impl->element = std::move(element);
  return Schema(std::move(impl));
}

Schema Schema::map(std::vector<Field> fields) {
  auto impl = make_impl(Kind::kMap);
  impl->fields = std::move(fields);
  return Schema(std::move(impl));
}

Schema Schema::tagged(std::string tag, std::vector<NamedSchema> variants, std::string noun,
                      std::optional<std::string> default_variant) {
  for (const auto& variant : variants) {
    JETSTUDY_CHECK(variant.options.kind() == Kind::kMap, "options of '" + variant.name + "' must be a map schema");
  }
  JETSTUDY_CHECK(!default_variant || find_variant(variants, *default_variant),
                 "default variant '" + default_variant.value_or("") + "' is not among the variants");
  auto impl = make_impl(Kind::kTagged);
  impl->tag = std::move(tag);
  impl->variants = std::move(variants);
  impl->noun = std::move(noun);
  impl->default_variant = std::move(default_variant);
  return Schema(std::move(impl));
}

Schema Schema::any_of(std::vector<Schema> alternatives) {
  JETSTUDY_CHECK(!alternatives.empty(), "any_of needs at least one alternative");
  auto impl = make_impl(Kind::kAnyOf);
  impl->alternatives = std::move(alternatives);
  return Schema(std::move(impl));
}

Schema Schema::steps(std::vector<NamedSchema> variants, std::string noun) {
  for (const auto& variant : variants) {
    JETSTUDY_CHECK(variant.options.kind() == Kind::kMap, "options of '" + variant.name + "' must be a map schema");
  }
  auto impl = make_impl(Kind::kSteps);
  impl->variants = std::move(variants);
  impl->noun = std::move(noun);
  return Schema(std::move(impl));
}

Schema Schema::free_map(Schema value) {
  auto impl = make_impl(Kind::kFreeMap);
  impl->element = std::move(value);
  return Schema(std::move(impl));
}

// --- Refinements ---

Schema Schema::matching(const std::string& regex, std::string what_it_looks_like) const {
  JETSTUDY_CHECK(kind() == Kind::kString, "matching() applies to strings");
  return changed([&](Impl& s) {
    s.pattern = std::regex(regex);
    s.pattern_description = std::move(what_it_looks_like);
  });
}

Schema Schema::length(std::size_t n) const {
  return changed([&](Impl& s) { s.length = n; });
}
Schema Schema::min_length(std::size_t n) const {
  return changed([&](Impl& s) { s.min_length = n; });
}
Schema Schema::min(double bound) const {
  return changed([&](Impl& s) { s.min = bound; });
}
Schema Schema::max(double bound) const {
  return changed([&](Impl& s) { s.max = bound; });
}
Schema Schema::greater_than(double bound) const {
  return changed([&](Impl& s) { s.greater_than = bound; });
}
Schema Schema::less_than(double bound) const {
  return changed([&](Impl& s) { s.less_than = bound; });
}
Schema Schema::parametrised() const {
  JETSTUDY_CHECK(kind() == Kind::kOneOf, "parametrised() applies to one_of");
  return changed([&](Impl& s) { s.parametrised = true; });
}
Schema Schema::keys(Schema key) const {
  JETSTUDY_CHECK(kind() == Kind::kFreeMap, "keys() applies to free_map");
  return changed([&](Impl& s) { s.key = std::move(key); });
}
Schema Schema::satisfying(Check check) const {
  return changed([&](Impl& s) { s.checks.push_back(std::move(check)); });
}
Schema Schema::doc(std::string text) const {
  return changed([&](Impl& s) { s.doc = std::move(text); });
}

Schema::Kind Schema::kind() const { return impl_->kind; }
const std::string& Schema::doc() const { return impl_->doc; }
const std::vector<Field>& Schema::fields() const { return impl_->fields; }
const std::vector<NamedSchema>& Schema::variants() const { return impl_->variants; }
const std::string& Schema::tag() const { return impl_->tag; }
const std::optional<Schema>& Schema::element() const { return impl_->element; }

// --- Description ---

std::string Schema::describe() const {
  const Impl& s = *impl_;
  switch (s.kind) {
    case Kind::kAny: return "a value";
    case Kind::kString: return s.pattern ? s.pattern_description : "a string";
    case Kind::kInteger: return describe_numeric(s, "integer");
    case Kind::kNumber: return describe_numeric(s, "number");
    case Kind::kBoolean: return "true or false";
    case Kind::kOneOf:
      if (s.names.size() == 1) return "'" + s.names.front() + "'";
      return "one of " + join(s.names) + (s.parametrised ? " (optionally name@number)" : "");
    case Kind::kList: {
      std::string text = "a list";
      if (s.length) text += " of " + std::to_string(*s.length) + " values";
      else if (s.min_length == 1u) text = "a non-empty list";
      else if (s.min_length) text += " of at least " + std::to_string(*s.min_length) + " values";
      if (s.element && s.element->kind() != Kind::kAny) text += ", each " + s.element->describe();
      return text;
    }
    case Kind::kMap: {
      if (s.fields.empty() || s.fields.size() > 4) return "a map";
      std::vector<std::string> keys;
      for (const auto& field : s.fields) keys.push_back(field.key);
      return "a map with keys " + join(keys);
    }
    case Kind::kTagged: return "a map with '" + s.tag + "'";
    case Kind::kAnyOf: {
      std::vector<std::string> parts;
      for (const auto& alternative : s.alternatives) parts.push_back(alternative.describe());
      return join(parts, " or ");
    }
    case Kind::kSteps: return "a list of " + s.noun + "s";
    case Kind::kFreeMap: return "a map";
  }
  return "?";
}

// --- Validation ---

nlohmann::json Schema::validate(const YAML::Node& node, const std::string& file) const {
  return validate(from_yaml(node, file), "");
}

nlohmann::json Schema::validate(const SourceNode& node, const std::string& path) const {
  const Impl& s = *impl_;
  const auto expected = [&]() { fail_expected(*this, node, path); };
  if (node.is_null() && s.kind != Kind::kAny) expected();

  nlohmann::json out;
  switch (s.kind) {
    case Kind::kAny:
      out = to_untyped_json(node);
      break;

    case Kind::kString:
      if (!node.is_scalar()) expected();
      if (s.pattern && !std::regex_match(node.scalar, *s.pattern)) expected();
      out = node.scalar;
      break;

    case Kind::kInteger: {
      if (!node.is_scalar()) expected();
      const auto value = parse_integer(node.scalar);
      if (!value) fail(node, path, "expected " + describe() + ", got '" + node.scalar + "'");
      if (!in_range(s, static_cast<double>(*value))) {
        fail(node, path, "expected " + describe() + ", got " + node.scalar);
      }
      out = *value;
      break;
    }

    case Kind::kNumber: {
      if (!node.is_scalar()) expected();
      const auto value = parse_number(node.scalar);
      if (!value) fail(node, path, "expected " + describe() + ", got '" + node.scalar + "'");
      if (!in_range(s, *value)) fail(node, path, "expected " + describe() + ", got " + node.scalar);
      out = *value;
      break;
    }

    case Kind::kBoolean: {
      if (!node.is_scalar()) expected();
      const auto value = parse_boolean(node.scalar);
      if (!value) expected();
      out = *value;
      break;
    }

    case Kind::kOneOf: {
      if (!node.is_scalar()) expected();
      std::string name = node.scalar;
      std::optional<std::string> parameter;
      if (s.parametrised) {
        if (const auto at = name.find('@'); at != std::string::npos) {
          parameter = name.substr(at + 1);
          name.resize(at);
        }
      }
      if (std::find(s.names.begin(), s.names.end(), name) == s.names.end()) {
        fail(node, path, "unknown " + s.noun + " '" + name + "'" + suggestion(name, s.names));
      }
      if (parameter && !parse_number(*parameter)) {
        fail(node, path, "expected a number after '@' in '" + node.scalar + "' (e.g. " + name + "@0.3)");
      }
      out = node.scalar;
      break;
    }

    case Kind::kList: {
      if (!node.is_list()) expected();
      const std::size_t n = node.children.size();
      if ((s.length && n != *s.length) || (s.min_length && n < *s.min_length)) expected();
      out = nlohmann::json::array();
      for (std::size_t i = 0; i < n; ++i) out.push_back(s.element->validate(node.children[i], item_path(path, i)));
      break;
    }

    case Kind::kMap:
      if (!node.is_map()) expected();
      out = validate_fields(s.fields, node, path, {});
      break;

    case Kind::kTagged: {
      // A bare name stands for that variant with its default options: `loss: bce` is `loss: {name: bce}`.
      if (node.is_scalar()) {
        auto as_map = make_map(node.where);
        auto name = make_scalar(node.scalar, node.where);
        name.key = s.tag;
        name.key_where = node.where;
        as_map.set(std::move(name));
        return validate(as_map, path);
      }
      if (!node.is_map()) expected();
      const SourceNode* tag_node = node.find(s.tag);
      std::string name;
      if (tag_node && !tag_node->is_null()) {
        if (!tag_node->is_scalar()) {
          fail(*tag_node, child_path(path, s.tag), "expected the name of " + with_article(s.noun) + ", got " + tag_node->describe());
        }
        name = tag_node->scalar;
      } else if (s.default_variant) {
        name = *s.default_variant;
      } else {
        throw core::RecipeError(node.where, "missing key '" + s.tag + "'" + in_path(path) + " (the " + s.noun +
                                                ": one of " + join(variant_names(s.variants)) + ")");
      }
      const NamedSchema* variant = find_variant(s.variants, name);
      if (!variant) {
        fail(*tag_node, child_path(path, s.tag),
             "unknown " + s.noun + " '" + name + "'" + suggestion(name, variant_names(s.variants)));
      }
      out = validate_fields(variant->options.fields(), node, path, {s.tag});
      out[s.tag] = name;
      // The variant's own rules across its keys (e.g. a generator source needs signal and background, or classes).
      for (const auto& check : variant->options.impl_->checks) {
        if (const auto problem = check(out)) fail(node, path, *problem);
      }
      break;
    }

    case Kind::kAnyOf: {
      std::vector<core::RecipeError> shaped_errors;
      bool accepted = false;
      for (const auto& alternative : s.alternatives) {
        try {
          out = alternative.validate(node, path);
          accepted = true;
          break;
        } catch (const core::RecipeError& error) {
          if (takes_shape(alternative, node)) shaped_errors.push_back(error);
        }
      }
      if (accepted) break;
      // Only one alternative has the shape written (a map, a list, a scalar): its own message says more.
      if (shaped_errors.size() == 1) throw shaped_errors.front();
      fail_expected(*this, node, path);
    }

    case Kind::kSteps: {
      if (!node.is_list()) expected();
      out = nlohmann::json::array();
      for (std::size_t i = 0; i < node.children.size(); ++i) {
        const SourceNode& item = node.children[i];
        const std::string path_of_item = item_path(path, i);
        std::string name;
        core::SourceLocation name_where = item.where;
        const SourceNode* options = nullptr;
        if (item.is_scalar()) {
          name = item.scalar;
        } else if (item.is_map() && item.children.size() == 1) {
          options = &item.children.front();
          name = options->key;
          name_where = options->key_where;
        } else {
          fail(item, path_of_item,
               "expected " + with_article(s.noun) + " name or a single-key map such as '" +
                   (s.variants.empty() ? std::string("name") : s.variants.front().name) +
                   ": {...}', got " + item.describe());
        }
        const NamedSchema* variant = find_variant(s.variants, name);
        if (!variant) {
          fail_at(name_where, path_of_item,
                  "unknown " + s.noun + " '" + name + "'" + suggestion(name, variant_names(s.variants)));
        }
        const SourceNode written = options && !options->is_null() ? *options : make_map(name_where);
        out.push_back({{name, variant->options.validate(written, path_of_item + "." + name)}});
      }
      break;
    }

    case Kind::kFreeMap:
      if (!node.is_map()) expected();
      out = nlohmann::json::object();
      for (const auto& child : node.children) {
        if (s.key) s.key->validate(make_scalar(child.key, child.key_where), path);
        out[child.key] = s.element->validate(child, child_path(path, child.key));
      }
      break;
  }

  for (const auto& check : s.checks) {
    if (const auto problem = check(out)) fail(node, path, *problem);
  }
  return out;
}

std::vector<std::string> Schema::key_paths(const nlohmann::json& resolved) const {
  std::vector<std::string> paths;
  collect_key_paths(*this, "", resolved, paths);
  std::vector<std::string> unique;
  for (auto& path : paths) {
    if (std::find(unique.begin(), unique.end(), path) == unique.end()) unique.push_back(std::move(path));
  }
  return unique;
}

// --- Fields ---

Field Field::required(std::string key, Schema schema, std::string doc) {
  return Field{std::move(key), std::move(schema), true, std::nullopt, std::move(doc)};
}

Field Field::defaulted(std::string key, Schema schema, nlohmann::json value, std::string doc) {
  return Field{std::move(key), std::move(schema), false, std::move(value), std::move(doc)};
}

Field Field::optional(std::string key, Schema schema, std::string doc) {
  return Field{std::move(key), std::move(schema), false, std::nullopt, std::move(doc)};
}

}  // namespace jetstudy::recipe
