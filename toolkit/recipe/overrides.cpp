#include "toolkit/recipe/overrides.h"

namespace jetstudy::recipe {

Override parse_override(std::string_view assignment) {
  Override result;
  result.where = {"--set " + std::string(assignment), 0, 0};
  const auto equals = assignment.find('=');
  if (equals == std::string_view::npos) {
    throw core::RecipeError(result.where, "expected key=value, e.g. --set train.epochs=3");
  }
  const std::string_view key = assignment.substr(0, equals);
  const std::string text(assignment.substr(equals + 1));

  std::size_t start = 0;
  while (true) {
    const auto dot = key.find('.', start);
    const std::string_view part = key.substr(start, dot == std::string_view::npos ? key.npos : dot - start);
    if (part.empty()) {
      throw core::RecipeError(result.where, "empty key in '" + std::string(key) + "'; expected a dotted path such as train.epochs");
    }
    result.key_path.emplace_back(part);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  // A swept key is itself a dotted path: --set sweep.grid.model.filters=[[8],[16]] sets grid key "model.filters";
  // likewise under sweep.zip and sweep.random.params.
  const auto join_swept_key = [&result](std::size_t first) {
    if (result.key_path.size() <= first + 1) return;
    std::string swept = result.key_path[first];
    for (std::size_t i = first + 1; i < result.key_path.size(); ++i) swept += "." + result.key_path[i];
    result.key_path.resize(first);
    result.key_path.push_back(std::move(swept));
  };
  const auto& path = result.key_path;
  if (path.size() > 2 && path[0] == "sweep" && (path[1] == "grid" || path[1] == "zip")) {
    join_swept_key(2);
  } else if (path.size() > 3 && path[0] == "sweep" && path[1] == "random" && path[2] == "params") {
    join_swept_key(3);
  }
  if (result.key_path.front() == "base") {
    throw core::RecipeError(result.where, "base: cannot be overridden; pass the other recipe file instead");
  }

  try {
    result.value = from_yaml(YAML::Load(text), result.where.file);
  } catch (const YAML::ParserException& error) {
    throw core::RecipeError(result.where, "the value is not valid YAML: " + error.msg);
  }
  relocate(result.value, result.where);
  return result;
}

void apply_override(SourceNode& root, const Override& override_value) {
  JETSTUDY_CHECK(root.is_map(), "a recipe tree is a map");
  SourceNode* map = &root;
  const auto& path = override_value.key_path;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    SourceNode* next = map->find(path[i]);
    if (next && next->is_scalar()) {
      // A bare name (`loss: bce`) has no keys to set; replacing it by a map would lose the name.
      std::string written;
      for (std::size_t j = 0; j <= i; ++j) written += (j ? "." : "") + path[j];
      throw core::RecipeError(override_value.where,
                              written + " is the bare name '" + next->scalar + "' in the recipe; write it as a map with "
                              "that name and its options (e.g. {name: " + next->scalar + "}) to set a key below it");
    }
    if (!next || !next->is_map()) {
      SourceNode created = make_map(override_value.where);
      created.key = path[i];
      created.key_where = override_value.where;
      map->set(std::move(created));
      next = map->find(path[i]);
    }
    map = next;
  }
  SourceNode value = override_value.value;
  value.key = path.back();
  value.key_where = override_value.where;
  map->set(std::move(value));
}

}  // namespace jetstudy::recipe
