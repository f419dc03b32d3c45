#include "toolkit/recipe/loader.h"

#include <fstream>
#include <sstream>

#include "toolkit/recipe/overrides.h"

namespace jetstudy::recipe {

SourceNode parse_recipe_file(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!std::filesystem::is_regular_file(path) || !in) {
    throw core::RecipeError({file, 0, 0}, "cannot read the recipe file (does it exist?)");
  }
  std::stringstream text;
  text << in.rdbuf();

  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text.str());
  } catch (const YAML::ParserException& error) {
    throw core::RecipeError({file, error.mark.line + 1, error.mark.column + 1}, "YAML syntax error: " + error.msg);
  }
  if (documents.size() > 1) {
    throw core::RecipeError({file, 0, 0}, "a recipe is one YAML document, found " +
                                              std::to_string(documents.size()) + " (separated by ---)");
  }
  if (documents.empty() || documents.front().IsNull()) {
    throw core::RecipeError({file, 0, 0}, "the recipe is empty; expected a map of keys such as study:, data:, model:");
  }
  SourceNode root = from_yaml(documents.front(), file);
  if (!root.is_map()) {
    throw core::RecipeError(root.where, "expected a map of keys such as study:, data:, model: at the top level, got " +
                                            root.describe());
  }
  return root;
}

namespace {

// The base file named by `base:` in `child`, relative to the directory of the file that names it.
std::filesystem::path base_path(const SourceNode& base_value, const std::filesystem::path& child_path) {
  if (!base_value.is_scalar() || base_value.scalar.empty()) {
    throw core::RecipeError(base_value.where, "base: expected the path of a recipe file, got " + base_value.describe());
  }
  const std::filesystem::path written(base_value.scalar);
  if (written.is_absolute()) return written;
  return (child_path.parent_path() / written).lexically_normal();
}

}  // namespace

SourceNode load_recipe(const std::filesystem::path& path, const std::vector<std::string>& overrides) {
  SourceNode root = parse_recipe_file(path);

  if (const SourceNode* base_value = root.find("base"); base_value && !base_value->is_null()) {
    const std::filesystem::path base_file = base_path(*base_value, path);
    if (!std::filesystem::is_regular_file(base_file)) {
      throw core::RecipeError(base_value->where, "base file '" + base_file.string() +
                                                     "' does not exist (base: is relative to this file)");
    }
    SourceNode merged = parse_recipe_file(base_file);
    if (const SourceNode* nested = merged.find("base"); nested && !nested->is_null()) {
      throw core::RecipeError(nested->where, "only one level of base: is supported; '" + path.string() +
                                                 "' already uses this file as its base");
    }
    merge_into(merged, root);
    root = std::move(merged);
  }

  for (const auto& assignment : overrides) apply_override(root, parse_override(assignment));
  return root;
}

}  // namespace jetstudy::recipe
