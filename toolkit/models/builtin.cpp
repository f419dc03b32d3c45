// The whole model zoo at a glance.
#include "toolkit/models/builtin.h"

#include <nlohmann/json.hpp>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/models/deeptop.h"
#include "toolkit/models/deeptop_options_schema.h"

namespace jetstudy::models {
namespace {

std::shared_ptr<ClassifierImpl> make_deeptop(const nlohmann::json& options, const InputSpec& input) {
  return std::make_shared<DeepTopImpl>(DeepTopOptions::from_json(options), input);
}

}  // namespace

const std::vector<ArchitectureEntry>& architecture_table() {
  static const std::vector<ArchitectureEntry> kArchitectures = {
      {"deeptop", "DeepTop CNN (arXiv:1701.08784)", deeptop_options_schema, make_deeptop},
  };
  return kArchitectures;
}

std::shared_ptr<ClassifierImpl> make_architecture(const nlohmann::json& model, const InputSpec& input) {
  const auto name = model.at("arch").get<std::string>();
  std::vector<std::string> names;
  for (const auto& entry : architecture_table()) {
    if (name == entry.name) return entry.make(model, input);
    names.emplace_back(entry.name);
  }
  throw core::InputError("unknown architecture '" + name + "'" + core::did_you_mean(name, names));
}

std::vector<recipe::NamedSchema> architecture_schemas() {
  std::vector<recipe::NamedSchema> schemas;
  for (const auto& entry : architecture_table()) schemas.push_back({entry.name, entry.description, entry.options()});
  return schemas;
}

}  // namespace jetstudy::models
