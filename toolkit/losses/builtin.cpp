// Every loss at a glance.
#include "toolkit/losses/builtin.h"

#include <nlohmann/json.hpp>

#include "toolkit/core/registry.h"
#include "toolkit/losses/bce.h"
#include "toolkit/recipe/named_schemas.h"

namespace jetstudy::losses {
namespace {

recipe::Schema no_options() { return recipe::Schema::map({}); }

std::unique_ptr<Loss> make_bce(const nlohmann::json&) { return std::make_unique<BinaryCrossEntropy>(); }

}  // namespace

const std::vector<LossEntry>& loss_table() {
  static const std::vector<LossEntry> kLosses = {
      {"bce", "binary cross-entropy on logits", no_options, make_bce},
  };
  return kLosses;
}

std::unique_ptr<Loss> make_loss(const nlohmann::json& loss) {
  return core::find_by_name(loss_table(), loss.at("name").get<std::string>(), "loss").make(loss);
}

std::vector<recipe::NamedSchema> loss_schemas() {
  return recipe::named_schemas(loss_table());
}

}  // namespace jetstudy::losses
