#include "toolkit/data/source_files.h"

#include <fmt/format.h>

#include "toolkit/core/error.h"

namespace jetstudy::data {

std::filesystem::path existing_source_file(const nlohmann::json& value, const std::string& where,
                                           const std::string& kind) {
  if (!value.is_string()) throw core::InputError(where + ": expected a " + kind + " name, got " + value.dump());
  const std::filesystem::path path = value.get<std::string>();
  if (!std::filesystem::is_regular_file(path)) {
    throw core::InputError(fmt::format("{}: file '{}' not found (relative names are taken from the current "
                                       "directory, {})",
                                       where, path.string(), std::filesystem::current_path().string()));
  }
  return path;
}

std::vector<std::filesystem::path> existing_source_files(const nlohmann::json& value, const std::string& where,
                                                         const std::string& kind) {
  if (value.is_string()) return {existing_source_file(value, where, kind)};
  if (!value.is_array() || value.empty())
    throw core::InputError(where + ": expected a list of " + kind + "s, got " + value.dump());
  std::vector<std::filesystem::path> files;
  for (std::size_t i = 0; i < value.size(); ++i)
    files.push_back(existing_source_file(value[i], fmt::format("{}[{}]", where, i), kind));
  return files;
}

}  // namespace jetstudy::data
