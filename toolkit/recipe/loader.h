// Reads a recipe file into one located tree: YAML parse (syntax errors and duplicate keys at file:line:col),
// one level of `base: relative/path.yaml` inheritance (deep merge: child map keys override the base's
// recursively, lists and scalars replace whole), then the --set overrides in order. Nothing is validated
// here; the schema does that on the tree, and every node still knows which file (or --set) wrote it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "toolkit/recipe/source_tree.h"

namespace jetstudy::recipe {

// One YAML file as a map tree; throws RecipeError for a missing file, a syntax error, a duplicate key, an
// empty document, several documents or a document that is not a map.
SourceNode parse_recipe_file(const std::filesystem::path& path);

// The merged tree of `path`, its base (if any) and the overrides ("a.b.c=value").
SourceNode load_recipe(const std::filesystem::path& path, const std::vector<std::string>& overrides = {});

}  // namespace jetstudy::recipe
