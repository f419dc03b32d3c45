// Numbers in JSON that survive a round trip exactly, including the non-finite ones JSON has no words for
// (an undefined AUC is NaN, an unset best value is infinite): those are written as "nan", "inf" and "-inf".
// Finite doubles are written with 17 significant digits, so reading one back gives the same bits.
#pragma once

#include <nlohmann/json.hpp>

namespace jetstudy::train {

nlohmann::json json_number(double value);
double number_from_json(const nlohmann::json& value);

}  // namespace jetstudy::train
