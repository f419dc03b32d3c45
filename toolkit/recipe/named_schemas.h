// The recipe-schema view of a component table: each entry's name, description and option schema.
#pragma once

#include <vector>

#include "toolkit/recipe/schema.h"

namespace jetstudy::recipe {

// Entry has `name`, `description` and `Schema (*options)()`.
template <typename Entry>
std::vector<NamedSchema> named_schemas(const std::vector<Entry>& table) {
  std::vector<NamedSchema> schemas;
  for (const auto& entry : table) schemas.push_back({entry.name, entry.description, entry.options()});
  return schemas;
}

}  // namespace jetstudy::recipe
