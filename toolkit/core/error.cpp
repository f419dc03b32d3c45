#include "toolkit/core/error.h"

#include <iomanip>
#include <sstream>

namespace jetstudy::core {

std::string rounded(double value) {
  std::ostringstream text;
  text << std::setprecision(6) << value;
  return text.str();
}

std::string SourceLocation::to_string() const {
  std::string text = file;
  if (line > 0) {
    text += ":" + std::to_string(line);
    if (column > 0) text += ":" + std::to_string(column);
  }
  return text;
}

RecipeError::RecipeError(SourceLocation where, const std::string& message)
    : InputError(where.to_string() + ": " + message), where_(std::move(where)), message_(message) {}

void fail_check(const char* condition, const char* file, int line, const std::string& message) {
  throw InternalError(std::string(file) + ":" + std::to_string(line) + ": internal check failed (" + condition +
                      "): " + message);
}

}  // namespace jetstudy::core
