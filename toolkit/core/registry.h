// Tables of named components (architectures, losses, optimisers, experiment kinds, ...): each table is a
// std::vector of entries with a `name` member. Looking a name up either finds its entry or throws the error a
// user needs: "unknown architecture 'resnxt'; did you mean 'resnext'?".
#pragma once

#include <string>
#include <vector>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"

namespace jetstudy::core {

template <typename Entry>
std::vector<std::string> names_of(const std::vector<Entry>& table) {
  std::vector<std::string> names;
  for (const auto& entry : table) names.emplace_back(entry.name);
  return names;
}

// `noun` names the kind of thing in the message ("architecture", "loss", ...).
template <typename Entry>
const Entry& find_by_name(const std::vector<Entry>& table, const std::string& name, const std::string& noun) {
  for (const auto& entry : table)
    if (name == entry.name) return entry;
  throw InputError("unknown " + noun + " '" + name + "'" + did_you_mean(name, names_of(table)));
}

}  // namespace jetstudy::core
