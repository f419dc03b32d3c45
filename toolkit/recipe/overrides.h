// `--set a.b.c=value` overrides from the command line. The value is parsed as YAML (`--set train.epochs=3`,
// `--set model.filters=[8,8]`, `--set data.jets.groom=` to clear a key); every node it creates is located at
// "--set a.b.c=value", so a bad value or an unknown key is reported against the override that wrote it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "toolkit/recipe/source_tree.h"

namespace jetstudy::recipe {

struct Override {
  std::vector<std::string> key_path;  // {"model", "filters"}
  SourceNode value;                   // the parsed value, located at `where`
  core::SourceLocation where;         // {"--set model.filters=[8,8]", 0, 0}
};

// Parses "a.b.c=value"; throws RecipeError for a missing '=', an empty key part or a YAML syntax error.
Override parse_override(std::string_view assignment);

// Sets the value in the tree, creating maps on the way (an existing non-map on the way is replaced).
void apply_override(SourceNode& root, const Override& override_value);

}  // namespace jetstudy::recipe
