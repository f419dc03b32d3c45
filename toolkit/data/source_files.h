// The files a recipe's data.source names: checked to exist before anything is built, relative to the current
// directory (the recipe JSON carries no path of its own). Internal to toolkit/data.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace jetstudy::data {

// `value` must be a file name of an existing regular file; otherwise core::InputError at `where`, saying what was
// expected ("a <kind> name", e.g. kind "file" or "JSON-lines file") or which file is missing.
std::filesystem::path existing_source_file(const nlohmann::json& value, const std::string& where,
                                           const std::string& kind = "file");

// One file name or a non-empty list of them ("a list of <kind>s" otherwise), each as existing_source_file.
std::vector<std::filesystem::path> existing_source_files(const nlohmann::json& value, const std::string& where,
                                                         const std::string& kind = "file");

}  // namespace jetstudy::data
