#include "toolkit/recipe/source_tree.h"

#include <algorithm>

#include "toolkit/recipe/scalar.h"

namespace jetstudy::recipe {

namespace {

core::SourceLocation location_of(const YAML::Mark& mark, const std::string& file) {
  if (mark.is_null() || mark.line < 0) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

}  // namespace

const SourceNode* SourceNode::find(std::string_view name) const {
  if (kind != Kind::kMap) return nullptr;
  for (const auto& child : children) {
    if (child.key == name) return &child;
  }
  return nullptr;
}

SourceNode* SourceNode::find(std::string_view name) {
  return const_cast<SourceNode*>(static_cast<const SourceNode*>(this)->find(name));
}

void SourceNode::set(SourceNode value) {
  JETSTUDY_CHECK(kind == Kind::kMap, "set() on a node that is not a map");
  if (auto* existing = find(value.key)) {
    *existing = std::move(value);
    return;
  }
  children.push_back(std::move(value));
}

bool SourceNode::erase(std::string_view name) {
  if (kind != Kind::kMap) return false;
  const auto it = std::find_if(children.begin(), children.end(),
                               [&](const SourceNode& child) { return child.key == name; });
  if (it == children.end()) return false;
  children.erase(it);
  return true;
}

std::string SourceNode::describe() const {
  switch (kind) {
    case Kind::kNull: return "nothing";
    case Kind::kScalar: return "'" + scalar + "'";
    case Kind::kList: return "a list of " + std::to_string(children.size());
    case Kind::kMap: return "a map";
  }
  return "?";
}

SourceNode make_map(core::SourceLocation where) {
  SourceNode node;
  node.kind = SourceNode::Kind::kMap;
  node.where = std::move(where);
  return node;
}

SourceNode make_scalar(std::string text, core::SourceLocation where, bool quoted) {
  SourceNode node;
  node.kind = SourceNode::Kind::kScalar;
  node.scalar = std::move(text);
  node.quoted = quoted;
  node.where = std::move(where);
  return node;
}

SourceNode from_yaml(const YAML::Node& yaml, const std::string& file) {
  SourceNode node;
  node.where = location_of(yaml.Mark(), file);
  switch (yaml.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return node;
    case YAML::NodeType::Scalar:
      node.kind = SourceNode::Kind::kScalar;
      node.scalar = yaml.Scalar();
      node.quoted = yaml.Tag() == "!";  // yaml-cpp tags quoted scalars "!", plain ones "?"
      return node;
    case YAML::NodeType::Sequence:
      node.kind = SourceNode::Kind::kList;
      for (const auto& item : yaml) node.children.push_back(from_yaml(item, file));
      return node;
    case YAML::NodeType::Map:
      node.kind = SourceNode::Kind::kMap;
      for (const auto& entry : yaml) {
        const auto key_where = location_of(entry.first.Mark(), file);
        if (!entry.first.IsScalar()) throw core::RecipeError(key_where, "a key must be a plain name");
        const std::string& key = entry.first.Scalar();
        if (node.find(key)) throw core::RecipeError(key_where, "duplicate key '" + key + "'");
        SourceNode value = from_yaml(entry.second, file);
        // yaml-cpp marks an empty value at the start of the next line; the key is the better place.
        if (value.is_null()) value.where = key_where;
        value.key = key;
        value.key_where = key_where;
        node.children.push_back(std::move(value));
      }
      return node;
  }
  return node;
}

SourceNode from_json(const nlohmann::json& value, const core::SourceLocation& where) {
  SourceNode node;
  node.where = where;
  if (value.is_null()) return node;
  if (value.is_string()) return make_scalar(value.get<std::string>(), where, /*quoted=*/true);
  if (value.is_number_float()) return make_scalar(format_number(value.get<double>()), where);
  if (value.is_primitive()) return make_scalar(value.dump(), where);
  if (value.is_array()) {
    node.kind = SourceNode::Kind::kList;
    for (const auto& item : value) node.children.push_back(from_json(item, where));
    return node;
  }
  node.kind = SourceNode::Kind::kMap;
  for (const auto& [key, item] : value.items()) {
    SourceNode child = from_json(item, where);
    child.key = key;
    child.key_where = where;
    node.children.push_back(std::move(child));
  }
  return node;
}

void relocate(SourceNode& node, const core::SourceLocation& where) {
  node.where = where;
  if (!node.key.empty()) node.key_where = where;
  for (auto& child : node.children) relocate(child, where);
}

nlohmann::json to_untyped_json(const SourceNode& node) {
  switch (node.kind) {
    case SourceNode::Kind::kNull: return nullptr;
    case SourceNode::Kind::kScalar: return infer_scalar(node.scalar, node.quoted);
    case SourceNode::Kind::kList: {
      auto list = nlohmann::json::array();
      for (const auto& item : node.children) list.push_back(to_untyped_json(item));
      return list;
    }
    case SourceNode::Kind::kMap: {
      auto map = nlohmann::json::object();
      for (const auto& child : node.children) map[child.key] = to_untyped_json(child);
      return map;
    }
  }
  return nullptr;
}

void merge_into(SourceNode& base, const SourceNode& over) {
  if (!base.is_map() || !over.is_map()) {
    const std::string key = base.key;
    const core::SourceLocation key_where = base.key_where;
    base = over;
    base.key = key;
    base.key_where = over.key.empty() ? key_where : over.key_where;
    return;
  }
  base.where = over.where;
  if (!over.key.empty()) base.key_where = over.key_where;
  for (const auto& child : over.children) {
    if (auto* existing = base.find(child.key)) {
      merge_into(*existing, child);
    } else {
      base.children.push_back(child);
    }
  }
}

}  // namespace jetstudy::recipe
