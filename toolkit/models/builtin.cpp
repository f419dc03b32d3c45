// The whole model zoo at a glance.
#include "toolkit/models/builtin.h"

#include <nlohmann/json.hpp>

#include "toolkit/core/registry.h"
#include "toolkit/models/deeptop.h"
#include "toolkit/models/deeptop_options_schema.h"
#include "toolkit/recipe/named_schemas.h"

namespace jetstudy::models {
namespace {

std::shared_ptr<NetworkImpl> make_deeptop(const nlohmann::json& options, const InputSpec& input) {
  return std::make_shared<DeepTopImpl>(DeepTopOptions::from_json(options), input);
}

}  // namespace

const std::vector<ArchitectureEntry>& architecture_table() {
  static const std::vector<ArchitectureEntry> kArchitectures = {
      {"deeptop", "DeepTop CNN (arXiv:1701.08784)", NetworkKind::scorer, deeptop_options_schema, make_deeptop},
  };
  return kArchitectures;
}

const char* network_kind_name(NetworkKind kind) {
  switch (kind) {
    case NetworkKind::scorer: return "scorer";
    case NetworkKind::autoencoder: return "autoencoder";
    case NetworkKind::pixel_regressor: return "pixel_regressor";
    case NetworkKind::gan: return "gan";
  }
  return "?";
}

const ArchitectureEntry& find_architecture(const std::string& name) {
  return core::find_by_name(architecture_table(), name, "architecture");
}

std::shared_ptr<NetworkImpl> make_architecture(const nlohmann::json& model, const InputSpec& input) {
  return find_architecture(model.at("arch").get<std::string>()).make(model, input);
}

std::vector<recipe::NamedSchema> architecture_schemas() {
  return recipe::named_schemas(architecture_table());
}

}  // namespace jetstudy::models
