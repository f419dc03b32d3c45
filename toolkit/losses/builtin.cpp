// Every loss at a glance.
#include "toolkit/losses/builtin.h"

#include <nlohmann/json.hpp>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/losses/bce.h"

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
  const auto name = loss.at("name").get<std::string>();
  std::vector<std::string> names;
  for (const auto& entry : loss_table()) {
    if (name == entry.name) return entry.make(loss);
    names.emplace_back(entry.name);
  }
  throw core::InputError("unknown loss '" + name + "'" + core::did_you_mean(name, names));
}

std::vector<recipe::NamedSchema> loss_schemas() {
  std::vector<recipe::NamedSchema> schemas;
  for (const auto& entry : loss_table()) schemas.push_back({entry.name, entry.description, entry.options()});
  return schemas;
}

}  // namespace jetstudy::losses
