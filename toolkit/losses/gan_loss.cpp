#include "toolkit/losses/gan_loss.h"

#include <fmt/format.h>

namespace jetstudy::losses {
namespace {

namespace F = torch::nn::functional;

torch::Tensor bce(const torch::Tensor& logits, const torch::Tensor& targets) {
  return F::binary_cross_entropy_with_logits(logits.reshape({-1}), targets.reshape({-1}).to(logits.dtype()));
}

// Each target becomes the other side's target with probability `flip`.
torch::Tensor flipped(const torch::Tensor& targets, double other, double flip, c10::optional<at::Generator> generator) {
  if (flip <= 0) return targets;
  const auto draws = torch::rand({targets.numel()}, generator, targets.options().device(torch::kCPU)).to(targets.device());
  return torch::where(draws < flip, torch::full_like(targets, other), targets);
}

bool has_classes(const torch::Tensor& class_logits) { return class_logits.defined() && class_logits.numel() > 0; }

}  // namespace

torch::Tensor auxiliary_class_loss(const torch::Tensor& class_logits, const torch::Tensor& classes) {
  if (class_logits.dim() == 1) return bce(class_logits, classes);
  return F::cross_entropy(class_logits, classes.reshape({-1}).round().to(torch::kLong));
}

torch::Tensor discriminator_loss(const GanBatch& batch, const GanLossOptions& options,
                                 c10::optional<at::Generator> generator) {
  const double real = 1 - options.label_smoothing, fake = 0;
  const auto real_targets = flipped(torch::full({batch.real_logits.numel()}, real, batch.real_logits.options()), fake,
                                    options.label_flip, generator);
  const auto fake_targets = flipped(torch::full({batch.fake_logits.numel()}, fake, batch.fake_logits.options()), real,
                                    options.label_flip, generator);
  auto loss = bce(batch.real_logits, real_targets) + bce(batch.fake_logits, fake_targets);
  if (options.aux_weight == 0) return loss;
  if (has_classes(batch.real_class_logits))
    loss = loss + options.aux_weight * auxiliary_class_loss(batch.real_class_logits, batch.real_classes);
  if (has_classes(batch.fake_class_logits))
    loss = loss + options.aux_weight * auxiliary_class_loss(batch.fake_class_logits, batch.fake_classes);
  return loss;
}

torch::Tensor generator_loss(const GanBatch& batch, const GanLossOptions& options) {
  auto loss = bce(batch.fake_logits, torch::ones_like(batch.fake_logits));
  if (options.aux_weight == 0 || !has_classes(batch.fake_class_logits)) return loss;
  return loss + options.aux_weight * auxiliary_class_loss(batch.fake_class_logits, batch.fake_classes);
}

GanLoss::GanLoss(GanLossOptions options) : options_(options) {
  if (options_.aux_weight < 0)
    throw core::InputError(fmt::format("loss gan: aux_weight must be >= 0, got {}", options_.aux_weight));
  if (options_.label_flip < 0 || options_.label_flip >= 1)
    throw core::InputError(fmt::format("loss gan: label_flip is a probability in [0, 1), got {}", options_.label_flip));
  if (options_.label_smoothing < 0 || options_.label_smoothing >= 1)
    throw core::InputError(
        fmt::format("loss gan: label_smoothing must be in [0, 1), got {}", options_.label_smoothing));
}

torch::Tensor GanLoss::operator()(const LossInput& input) const {
  const auto per_image = F::binary_cross_entropy_with_logits(
      input.outputs.reshape({-1}), input.targets.reshape({-1}).to(input.outputs.dtype()),
      F::BinaryCrossEntropyWithLogitsFuncOptions().reduction(torch::kNone));
  return weighted_mean(per_image, input.weights);
}

std::string GanLoss::description() const {
  return fmt::format("non-saturating GAN loss with auxiliary class loss (ACGAN arXiv:1610.09585, LAGAN arXiv:1701.05927): "
                     "aux_weight {}, label_flip {}, label_smoothing {}",
                     options_.aux_weight, options_.label_flip, options_.label_smoothing);
}

}  // namespace jetstudy::losses
