// Every loss at a glance.
#include "toolkit/losses/builtin.h"

#include <nlohmann/json.hpp>

#include "toolkit/core/registry.h"
#include "toolkit/losses/bce.h"
#include "toolkit/losses/cross_entropy.h"
#include "toolkit/losses/disco.h"
#include "toolkit/losses/gan_loss.h"
#include "toolkit/losses/mse.h"
#include "toolkit/losses/pivot.h"
#include "toolkit/losses/reconstruction.h"
#include "toolkit/models/mass_adversary.h"
#include "toolkit/recipe/named_schemas.h"

namespace jetstudy::losses {
namespace {

using recipe::Field;
using recipe::Schema;

recipe::Schema no_options() { return Schema::map({}); }

Field observer_field() {
  return Field::defaulted("observer", Schema::string(), "mass", "the observer to decorrelate the output from");
}

recipe::Schema mse_options() {
  return Schema::map({
      Field::defaulted("on", Schema::one_of({"probability", "logits"}, "mse mode"), "probability",
                       "probability: (sigmoid(output) - label)^2, the original DeepTop loss; logits: (output - "
                       "target)^2 for per-jet regression"),
  });
}

recipe::Schema disco_options() {
  return Schema::map({
      Field::required("lambda", Schema::number().min(0), "strength of the distance-correlation term"),
      observer_field(),
      Field::defaulted("power", Schema::integer().min(1).max(2), 1,
                       "1: lambda * dCorr^2 (arXiv:2001.05310); 2: lambda * (dCorr^2)^2"),
  });
}

recipe::Schema pivot_options() {
  return Schema::map({
      Field::required("lambda", Schema::number().min(0), "strength of the adversarial term (order 10 in arXiv:1611.01046)"),
      observer_field(),
      Field::defaulted("adversary", models::mass_adversary_options_schema(), nlohmann::json::object(),
                       "the network that predicts the observer from the classifier's score (background jets only)"),
      Field::defaulted("adversary_steps", Schema::integer().min(1), 1, "adversary steps per classifier step (K)"),
      Field::defaulted("adversary_lr", Schema::number().greater_than(0), 1e-3, "the adversary's Adam learning rate"),
  });
}

recipe::Schema reconstruction_options() {
  return Schema::map({
      Field::defaulted("pixel_weight_power", Schema::number().min(0), 0.0,
                       "0: plain MSE per jet; p > 0: each pixel weighted by (|target| + 1e-6)^p, normalised per jet"),
  });
}

recipe::Schema gan_options() {
  return Schema::map({
      Field::defaulted("aux_weight", Schema::number().min(0), 1.0, "weight of the auxiliary class loss (ACGAN)"),
      Field::defaulted("label_flip", Schema::number().min(0).less_than(1), 0.0,
                       "probability of swapping each discriminator target, real <-> fake (LAGAN: 0.05)"),
      Field::defaulted("label_smoothing", Schema::number().min(0).less_than(1), 0.0,
                       "one-sided smoothing: the real target is 1 - label_smoothing"),
  });
}

std::unique_ptr<Loss> make_bce(const nlohmann::json&) { return std::make_unique<BinaryCrossEntropy>(); }

std::unique_ptr<Loss> make_cross_entropy(const nlohmann::json&) { return std::make_unique<CrossEntropy>(); }

std::unique_ptr<Loss> make_mse(const nlohmann::json& options) {
  const bool on_logits = options.at("on").get<std::string>() == "logits";
  return std::make_unique<MeanSquaredError>(on_logits ? MeanSquaredError::On::logits : MeanSquaredError::On::probability);
}

std::unique_ptr<Loss> make_disco(const nlohmann::json& options) {
  DiscoOptions disco;
  disco.lambda = options.at("lambda").get<double>();
  disco.observer = options.at("observer").get<std::string>();
  disco.power = options.at("power").get<int>();
  return std::make_unique<Disco>(disco);
}

std::unique_ptr<Loss> make_pivot(const nlohmann::json& options) {
  PivotOptions pivot;
  pivot.lambda = options.at("lambda").get<double>();
  pivot.observer = options.at("observer").get<std::string>();
  pivot.adversary = models::MassAdversaryOptions::from_json(options.at("adversary"));
  pivot.adversary_steps = options.at("adversary_steps").get<int>();
  pivot.adversary_lr = options.at("adversary_lr").get<double>();
  return std::make_unique<Pivot>(pivot);
}

std::unique_ptr<Loss> make_reconstruction(const nlohmann::json& options) {
  return std::make_unique<Reconstruction>(options.at("pixel_weight_power").get<double>());
}

std::unique_ptr<Loss> make_gan(const nlohmann::json& options) {
  GanLossOptions gan;
  gan.aux_weight = options.at("aux_weight").get<double>();
  gan.label_flip = options.at("label_flip").get<double>();
  gan.label_smoothing = options.at("label_smoothing").get<double>();
  return std::make_unique<GanLoss>(gan);
}

}  // namespace

const std::vector<LossEntry>& loss_table() {
  static const std::vector<LossEntry> kLosses = {
      {"bce", "binary cross-entropy on logits", no_options, make_bce},
      {"cross_entropy", "multi-class cross-entropy on [N, K] logits", no_options, make_cross_entropy},
      {"mse", "mean squared error (the original DeepTop loss, arXiv:1701.08784)", mse_options, make_mse},
      {"disco", "BCE + lambda * distance correlation with an observer on background (DisCo, arXiv:2001.05310)",
       disco_options, make_disco},
      {"pivot", "BCE - lambda * a mass adversary's NLL on background (pivot, arXiv:1611.01046)", pivot_options,
       make_pivot},
      {"reconstruction", "autoencoder reconstruction error per jet (MSE, optionally pixel-weighted)",
       reconstruction_options, make_reconstruction},
      {"gan", "non-saturating GAN loss with auxiliary class loss and label flips (ACGAN, LAGAN)", gan_options, make_gan},
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
