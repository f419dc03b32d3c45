#include "toolkit/sched/shell_quote.h"

#include <nlohmann/json.hpp>

#include "toolkit/core/error.h"

namespace jetstudy::sched {

std::string shell_quote(std::string_view text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') {
      quoted += "'\\''";  // close the quote, an escaped quote, open again
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

void refuse_control_characters(std::string_view text, const std::string& what) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7f) continue;
    // The JSON form shows the value with its \n visible.
    throw core::InputError(what + ": " + nlohmann::json(std::string(text)).dump() +
                           " holds a line break or control character; a cluster submission takes one line");
  }
}

std::string sbatch_quote(std::string_view text, const std::string& what) {
  refuse_control_characters(text, what);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '\\' || c == '"' || c == '#') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::string condor_value(std::string_view text, const std::string& what) {
  refuse_control_characters(text, what);
  std::string value;
  for (const char c : text) {
    if (c == '$') {
      value += "$(DOLLAR)";
    } else {
      value += c;
    }
  }
  return value;
}

std::string condor_argument(std::string_view text, const std::string& what) {
  const std::string value = condor_value(text, what);
  std::string quoted = "'";
  for (const char c : value) {
    if (c == '\'' || c == '"') quoted += c;  // both are written twice inside a new-style argument string
    quoted += c;
  }
  return quoted + "'";
}

}  // namespace jetstudy::sched
