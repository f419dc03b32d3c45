#include "toolkit/train/optimizers.h"

#include <nlohmann/json.hpp>

#include "toolkit/core/registry.h"
#include "toolkit/recipe/named_schemas.h"

namespace jetstudy::train {
namespace {

using recipe::Field;
using recipe::Schema;

struct OptimizerEntry {
  const char* name;
  const char* description;
  Schema (*options)();
  std::unique_ptr<torch::optim::Optimizer> (*make)(const nlohmann::json& options, std::vector<torch::Tensor> parameters);
};

Schema with_learning_rate(double lr, std::vector<Field> more) {
  more.insert(more.begin(), Field::defaulted("lr", Schema::number().greater_than(0), lr, "learning rate"));
  return Schema::map(std::move(more));
}

const std::vector<OptimizerEntry>& optimizer_table() {
  static const std::vector<OptimizerEntry> kOptimizers = {
      {"adam", "Adam (arXiv:1412.6980)",
       [] {
         return with_learning_rate(
             1e-3, {Field::defaulted("weight_decay", Schema::number().min(0), 0.0, "L2 penalty")});
       },
       [](const nlohmann::json& o, std::vector<torch::Tensor> parameters) -> std::unique_ptr<torch::optim::Optimizer> {
         return std::make_unique<torch::optim::Adam>(
             std::move(parameters),
             torch::optim::AdamOptions(o.at("lr").get<double>()).weight_decay(o.at("weight_decay").get<double>()));
       }},
      {"sgd", "stochastic gradient descent with momentum",
       [] {
         return with_learning_rate(
             1e-2, {Field::defaulted("momentum", Schema::number().min(0).less_than(1), 0.0, "momentum"),
                    Field::defaulted("weight_decay", Schema::number().min(0), 0.0, "L2 penalty")});
       },
       [](const nlohmann::json& o, std::vector<torch::Tensor> parameters) -> std::unique_ptr<torch::optim::Optimizer> {
         return std::make_unique<torch::optim::SGD>(std::move(parameters),
                                                    torch::optim::SGDOptions(o.at("lr").get<double>())
                                                        .momentum(o.at("momentum").get<double>())
                                                        .weight_decay(o.at("weight_decay").get<double>()));
       }},
  };
  return kOptimizers;
}

}  // namespace

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const nlohmann::json& optimizer,
                                                        std::vector<torch::Tensor> parameters) {
  return core::find_by_name(optimizer_table(), optimizer.at("name").get<std::string>(), "optimizer")
      .make(optimizer, std::move(parameters));
}

std::vector<recipe::NamedSchema> optimizer_schemas() {
  return recipe::named_schemas(optimizer_table());
}

}  // namespace jetstudy::train
