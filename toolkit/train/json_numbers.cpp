#include "toolkit/train/json_numbers.h"

#include <cmath>
#include <limits>

#include "toolkit/core/error.h"

namespace jetstudy::train {

nlohmann::json json_number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return value;
}

double number_from_json(const nlohmann::json& value) {
  if (value.is_number()) return value.get<double>();
  const auto text = value.is_string() ? value.get<std::string>() : std::string();
  if (text == "nan") return std::numeric_limits<double>::quiet_NaN();
  if (text == "inf") return std::numeric_limits<double>::infinity();
  if (text == "-inf") return -std::numeric_limits<double>::infinity();
  JETSTUDY_CHECK(false, "expected a number, nan, inf or -inf in JSON, got " + value.dump());
  return 0;
}

}  // namespace jetstudy::train
