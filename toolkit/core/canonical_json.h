// Canonical JSON: the byte string whose SHA-256 is the identity of a run or a dataset. Object keys are sorted
// (nlohmann::json keeps objects in a std::map), no whitespace, numbers in their shortest round-trip form, so
// two recipes that mean the same thing hash the same.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace jetstudy::core {

std::string canonical_json(const nlohmann::json& value);

// SHA-256 (hex) of canonical_json(value).
std::string content_hash(const nlohmann::json& value);

}  // namespace jetstudy::core
