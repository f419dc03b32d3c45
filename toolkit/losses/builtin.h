// The losses by name (a recipe's `loss: {name: ...}`), with their option schemas.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "toolkit/recipe/schema.h"

namespace jetstudy::losses {

class Loss;

struct LossEntry {
  const char* name;
  const char* description;
  recipe::Schema (*options)();
  std::unique_ptr<Loss> (*make)(const nlohmann::json& options);
};

const std::vector<LossEntry>& loss_table();
std::unique_ptr<Loss> make_loss(const nlohmann::json& loss);
std::vector<recipe::NamedSchema> loss_schemas();

}  // namespace jetstudy::losses
