// A small declarative schema for recipes: what each key may hold, its default and a line of documentation.
// Validation turns an untyped YAML tree (SourceNode) into typed JSON with every default filled in, or throws
// core::RecipeError at the offending node's file:line:col naming the dotted key path, what was expected and,
// for a misspelt name, the closest valid one:
//   recipes/x.yaml:12:13: images.size[0]: expected a positive integer, got -40
#pragma once

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/recipe/source_tree.h"

namespace jetstudy::recipe {

struct Field;
struct NamedSchema;

class Schema {
 public:
  enum class Kind { kAny, kString, kInteger, kNumber, kBoolean, kOneOf, kList, kMap, kTagged, kAnyOf, kSteps, kFreeMap };

  // Returns a problem with an already typed value ("train + val + test must sum to 1, got 0.9"), or nothing.
  using Check = std::function<std::optional<std::string>(const nlohmann::json&)>;

  // --- Factories ---
  static Schema any();       // anything; scalars read as integer, number, true/false or string
  static Schema string();
  static Schema integer();   // `4`; not `4.5`, not `abc`
  static Schema number();    // `3`, `1e-3`, `1.0e-3`; always stored as a floating-point number
  static Schema boolean();   // true / false
  // An enumerated name; `noun` names the kind of thing in messages ("unknown architecture 'resnxt'").
  static Schema one_of(std::vector<std::string> names, std::string noun = "value");
  static Schema list(Schema element);
  // A map with fixed keys (unknown keys are errors, missing required keys are errors, defaults filled in).
  static Schema map(std::vector<Field> fields);
  // A map whose `tag` key (e.g. `arch`) selects the variant whose options (a map schema) apply to the rest.
  // Without a default variant the tag key is required. A bare name stands for that variant with its default
  // options (`loss: bce` reads as `loss: {name: bce}`).
  static Schema tagged(std::string tag, std::vector<NamedSchema> variants, std::string noun,
                       std::optional<std::string> default_variant = std::nullopt);
  // The first alternative that accepts the value wins (e.g. `threads: auto | 4`).
  static Schema any_of(std::vector<Schema> alternatives);
  // A list of named steps, each a bare name `flip` or a single-key map `center: {on: jet_axis}`; normalised
  // to [{"center": {"on": "jet_axis"}}, {"flip": {}}] with each step's option defaults filled in.
  static Schema steps(std::vector<NamedSchema> variants, std::string noun = "step");
  // A map with any keys, each value checked against `value` (e.g. `expect: {auc: {...}}`).
  static Schema free_map(Schema value);

  // --- Refinements (each returns a changed copy) ---
  Schema matching(const std::string& regex, std::string what_it_looks_like) const;  // string: whole match
  Schema length(std::size_t n) const;       // list: exactly n items
  Schema min_length(std::size_t n) const;   // list: at least n items
  Schema min(double bound) const;           // integer/number: >= bound
  Schema max(double bound) const;           // integer/number: <= bound
  Schema greater_than(double bound) const;  // integer/number: > bound
  Schema less_than(double bound) const;     // integer/number: < bound
  Schema parametrised() const;              // one_of: also accept `name@number` ("rejection@0.3")
  Schema keys(Schema key) const;            // free_map: check each key as a scalar against `key`
  Schema satisfying(Check check) const;     // any: an extra check on the typed value, reported at its node
  Schema doc(std::string text) const;

  Kind kind() const;
  const std::string& doc() const;
  const std::vector<Field>& fields() const;           // map
  const std::vector<NamedSchema>& variants() const;   // tagged, steps
  const std::string& tag() const;                     // tagged
  const std::optional<Schema>& element() const;       // list, free_map

  // What a valid value looks like, for messages: "a positive integer", "one of antikt, kt, cambridge".
  std::string describe() const;

  // Typed JSON with defaults filled in; throws core::RecipeError. `path` is the dotted key path of `node`.
  nlohmann::json validate(const SourceNode& node, const std::string& path = "") const;
  nlohmann::json validate(const YAML::Node& node, const std::string& file) const;

  // Every dotted key path the schema defines below this map ("data", "data.jets", "data.jets.R", ...), for
  // checking sweep keys. A tagged map contributes the variant named in `resolved` (all variants if none).
  std::vector<std::string> key_paths(const nlohmann::json& resolved = nlohmann::json::object()) const;

  struct Impl;

 private:
  explicit Schema(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  template <typename Change>
  Schema changed(Change change) const;

  std::shared_ptr<const Impl> impl_;
};

// One key of a map schema.
struct Field {
  std::string key;
  Schema schema;
  bool is_required = false;
  std::optional<nlohmann::json> default_value;  // validated like a written value, so nested defaults fill too
  std::string doc;

  // The key must be written.
  static Field required(std::string key, Schema schema, std::string doc);
  // Absent means `value`.
  static Field defaulted(std::string key, Schema schema, nlohmann::json value, std::string doc);
  // Absent stays absent (e.g. `groom:`: no grooming).
  static Field optional(std::string key, Schema schema, std::string doc);
};

// A named variant: an architecture, a data source, an image step, ... with the schema of its options.
struct NamedSchema {
  std::string name;
  std::string description;
  Schema options;  // a map schema
};

}  // namespace jetstudy::recipe
