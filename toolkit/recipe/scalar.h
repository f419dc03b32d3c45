// How an untyped YAML scalar reads as an integer, a number or a boolean. YAML leaves `4`, `1e-3` and `true`
// as text; the schema decides which type a key wants, and these functions do the strict conversion.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jetstudy::recipe {

// "4", "-40", "+7" -> integer; "4.5", "4.0", "abc", "" -> nothing.
std::optional<std::int64_t> parse_integer(std::string_view text);

// "3", "1e-3", "1.0e-3", "-.5" -> number; "abc", ".inf", ".nan" -> nothing (only finite numbers).
std::optional<double> parse_number(std::string_view text);

// "true"/"True"/"TRUE" and "false"/"False"/"FALSE" (YAML 1.2 core schema).
std::optional<bool> parse_boolean(std::string_view text);

// An untyped scalar as JSON: integer, then number, then boolean, else string; quoted text is always a string.
nlohmann::json infer_scalar(std::string_view text, bool quoted);

// A number in its shortest round-trip form ("0.001", "1e-06", "3"), for messages.
std::string format_number(double value);

}  // namespace jetstudy::recipe
