#include "toolkit/train/optimizers.h"

#include <nlohmann/json.hpp>

#include "toolkit/core/error.h"
#include "toolkit/core/registry.h"
#include "toolkit/recipe/named_schemas.h"
#include "toolkit/train/adadelta.h"

namespace jetstudy::train {
namespace {

using recipe::Field;
using recipe::Schema;
using Made = std::unique_ptr<torch::optim::Optimizer>;

struct OptimizerEntry {
  const char* name;
  const char* description;
  Schema (*options)();
  Made (*make)(const nlohmann::json& options, std::vector<torch::Tensor> parameters);
};

Schema with_learning_rate(double lr, std::vector<Field> more) {
  more.insert(more.begin(), Field::defaulted("lr", Schema::number().greater_than(0), lr, "learning rate"));
  return Schema::map(std::move(more));
}

Field weight_decay(double value, const char* doc) {
  return Field::defaulted("weight_decay", Schema::number().min(0), value, doc);
}

// Adam's moment decays and denominator guard, shared by adam and adamw.
std::vector<Field> adam_moments(Field decay) {
  return {Field::defaulted("beta1", Schema::number().min(0).less_than(1), 0.9, "decay of the mean gradient"),
          Field::defaulted("beta2", Schema::number().min(0).less_than(1), 0.999, "decay of the mean squared gradient"),
          Field::defaulted("eps", Schema::number().greater_than(0), 1e-8, "added to the denominator"),
          std::move(decay)};
}

double number(const nlohmann::json& options, const char* key) { return options.at(key).get<double>(); }

Made make_adam(const nlohmann::json& o, std::vector<torch::Tensor> parameters) {
  return std::make_unique<torch::optim::Adam>(std::move(parameters),
                                              torch::optim::AdamOptions(number(o, "lr"))
                                                  .betas({number(o, "beta1"), number(o, "beta2")})
                                                  .eps(number(o, "eps"))
                                                  .weight_decay(number(o, "weight_decay")));
}

Made make_adamw(const nlohmann::json& o, std::vector<torch::Tensor> parameters) {
  return std::make_unique<torch::optim::AdamW>(std::move(parameters),
                                               torch::optim::AdamWOptions(number(o, "lr"))
                                                   .betas({number(o, "beta1"), number(o, "beta2")})
                                                   .eps(number(o, "eps"))
                                                   .weight_decay(number(o, "weight_decay")));
}

Made make_adadelta(const nlohmann::json& o, std::vector<torch::Tensor> parameters) {
  return std::make_unique<Adadelta>(std::move(parameters), AdadeltaOptions(number(o, "lr"))
                                                               .rho(number(o, "rho"))
                                                               .eps(number(o, "eps"))
                                                               .weight_decay(number(o, "weight_decay")));
}

Made make_sgd(const nlohmann::json& o, std::vector<torch::Tensor> parameters) {
  const bool nesterov = o.at("nesterov").get<bool>();
  if (nesterov && number(o, "momentum") <= 0)
    throw core::InputError("train.optimizer: sgd with nesterov: true needs a momentum > 0 (e.g. momentum: 0.9)");
  return std::make_unique<torch::optim::SGD>(std::move(parameters), torch::optim::SGDOptions(number(o, "lr"))
                                                                        .momentum(number(o, "momentum"))
                                                                        .nesterov(nesterov)
                                                                        .weight_decay(number(o, "weight_decay")));
}

const std::vector<OptimizerEntry>& optimizer_table() {
  static const std::vector<OptimizerEntry> kOptimizers = {
      {"adam", "Adam (arXiv:1412.6980)",
       [] { return with_learning_rate(1e-3, adam_moments(weight_decay(0.0, "L2 penalty added to the gradient"))); },
       make_adam},
      {"adamw", "Adam with decoupled weight decay (arXiv:1711.05101)",
       [] {
         return with_learning_rate(
             1e-3, adam_moments(weight_decay(1e-2, "decoupled decay: weights shrink by lr * weight_decay per step")));
       },
       make_adamw},
      {"adadelta", "AdaDelta (arXiv:1212.5701), as Macaluso & Shih train their top tagger",
       [] {
         return with_learning_rate(
             1.0, {Field::defaulted("rho", Schema::number().min(0).max(1), 0.9, "decay of the running averages"),
                   Field::defaulted("eps", Schema::number().greater_than(0), 1e-6, "added inside the square roots"),
                   weight_decay(0.0, "L2 penalty added to the gradient")});
       },
       make_adadelta},
      {"sgd", "stochastic gradient descent with momentum (optionally Nesterov's)",
       [] {
         return with_learning_rate(
             1e-2, {Field::defaulted("momentum", Schema::number().min(0).less_than(1), 0.0, "momentum"),
                    Field::defaulted("nesterov", Schema::boolean(), false, "Nesterov momentum (needs momentum > 0)"),
                    weight_decay(0.0, "L2 penalty added to the gradient")});
       },
       make_sgd},
  };
  return kOptimizers;
}

}  // namespace

std::unique_ptr<torch::optim::Optimizer> make_optimizer(const nlohmann::json& optimizer,
                                                        std::vector<torch::Tensor> parameters) {
  const auto& entry = core::find_by_name(optimizer_table(), optimizer.at("name").get<std::string>(), "optimizer");
  // A recipe block arrives validated; a block written in code ({"name": "adadelta"}) gets the schema's defaults.
  auto options = optimizer;
  const auto schema = entry.options();
  for (const auto& field : schema.fields())
    if (!options.contains(field.key) && field.default_value) options[field.key] = *field.default_value;
  return entry.make(options, std::move(parameters));
}

std::vector<recipe::NamedSchema> optimizer_schemas() { return recipe::named_schemas(optimizer_table()); }

double learning_rate(const torch::optim::Optimizer& optimizer) {
  JETSTUDY_CHECK(!optimizer.param_groups().empty(), "optimizer without parameter groups");
  return optimizer.param_groups().front().options().get_lr();
}

void set_learning_rate(torch::optim::Optimizer& optimizer, double rate) {
  for (auto& group : optimizer.param_groups()) group.options().set_lr(rate);
}

}  // namespace jetstudy::train
