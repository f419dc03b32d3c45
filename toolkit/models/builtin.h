// The model zoo: architecture names -> option schema + factory. A new architecture is one file in
// toolkit/models/ plus one line in builtin.cpp.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "toolkit/models/input_spec.h"
#include "toolkit/recipe/schema.h"

namespace jetstudy::models {

class NetworkImpl;

// What an architecture's output is (network.h) and so which experiment kinds can train it.
enum class NetworkKind { scorer, autoencoder, pixel_regressor, gan };
const char* network_kind_name(NetworkKind kind);

struct ArchitectureEntry {
  const char* name;
  const char* description;
  NetworkKind kind;
  recipe::Schema (*options)();  // the recipe's `model:` keys besides `arch`
  std::shared_ptr<NetworkImpl> (*make)(const nlohmann::json& options, const InputSpec& input);
};

const std::vector<ArchitectureEntry>& architecture_table();

// Builds the architecture named by model.arch with the validated options; shapes come from the dataset.
std::shared_ptr<NetworkImpl> make_architecture(const nlohmann::json& model, const InputSpec& input);

const ArchitectureEntry& find_architecture(const std::string& name);

// For the recipe schema: every architecture with its options.
std::vector<recipe::NamedSchema> architecture_schemas();

}  // namespace jetstudy::models
