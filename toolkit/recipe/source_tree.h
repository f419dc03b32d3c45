// A YAML tree whose every node remembers where it was written: the file and line:col it came from, or the
// `--set key=value` override that put it there. Merging a base: file, applying --set and substituting sweep
// values all keep these origins, so a validation error anywhere names the place the user has to edit.
#pragma once

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

#include "toolkit/core/error.h"

namespace jetstudy::recipe {

struct SourceNode {
  enum class Kind { kNull, kScalar, kList, kMap };

  Kind kind = Kind::kNull;
  std::string scalar;                // kScalar: the text as written (YAML scalars are untyped)
  bool quoted = false;               // kScalar: written in quotes, so it is a string whatever it looks like
  std::vector<SourceNode> children;  // kList: the items; kMap: the values, in the order written
  std::string key;                   // as a map value: its key
  core::SourceLocation key_where;    // as a map value: where its key was written
  core::SourceLocation where;        // where this value was written

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_list() const { return kind == Kind::kList; }
  bool is_map() const { return kind == Kind::kMap; }

  // Map lookup: the value under `name`, or nullptr.
  const SourceNode* find(std::string_view name) const;
  SourceNode* find(std::string_view name);
  // Map update: replaces the value under `value.key` (keeping its position) or appends it.
  void set(SourceNode value);
  // Map update: removes `name`; returns whether it was there.
  bool erase(std::string_view name);

  // How the value reads in an error message: "'-40'" for a scalar, "a map", "a list of 3", "nothing".
  std::string describe() const;
};

// Makes a node of the given kind at a place.
SourceNode make_map(core::SourceLocation where);
SourceNode make_scalar(std::string text, core::SourceLocation where, bool quoted = false);

// Converts a parsed YAML node; locations are `file` plus yaml-cpp's 0-based marks + 1. Throws RecipeError at
// the second occurrence of a duplicate key (yaml-cpp 0.7 keeps both) and at a key that is not a scalar.
SourceNode from_yaml(const YAML::Node& node, const std::string& file);

// Converts JSON (e.g. a schema default) into a tree located entirely at `where`.
SourceNode from_json(const nlohmann::json& value, const core::SourceLocation& where);

// Moves every node and key of the tree to `where` (used for --set values, which have no lines of their own).
void relocate(SourceNode& node, const core::SourceLocation& where);

// The tree as JSON with scalars read the way YAML would: integer, then number, then true/false, else string.
nlohmann::json to_untyped_json(const SourceNode& node);

// Deep merge: map keys of `over` replace or extend those of `base` recursively; anything else (scalars,
// lists, null) replaces the base value whole. A merged map keeps the location of `over`.
void merge_into(SourceNode& base, const SourceNode& over);

}  // namespace jetstudy::recipe
