#include "toolkit/losses/pivot.h"

#include <fmt/format.h>

#include "toolkit/losses/bce.h"

namespace jetstudy::losses {

Pivot::Pivot(PivotOptions options)
    : options_(std::move(options)), adversary_(std::make_shared<models::MassAdversaryImpl>(options_.adversary)) {
  if (options_.adversary_steps < 0)
    throw core::InputError(fmt::format("loss pivot: adversary_steps must be at least 0, got {}", options_.adversary_steps));
  if (!(options_.adversary_lr > 0))
    throw core::InputError(fmt::format("loss pivot: adversary_lr must be positive, got {}", options_.adversary_lr));
  optimizer_ = std::make_unique<torch::optim::Adam>(adversary_->parameters(), torch::optim::AdamOptions(options_.adversary_lr));
}

// The adversary lives where the batches are; moving it before its first step keeps the optimiser valid (Adam's
// state is created at the first step, on the parameters' device).
void Pivot::follow_device(const torch::Device& device) {
  const auto parameters = adversary_->parameters();
  if (parameters.empty() || parameters.front().device() == device) return;
  adversary_->to(device);
  optimizer_ = std::make_unique<torch::optim::Adam>(adversary_->parameters(), torch::optim::AdamOptions(options_.adversary_lr));
}

torch::Tensor Pivot::adversary_nll(const LossInput& input) const {
  const auto& observer = input.observer(options_.observer, "pivot");
  const auto background = input.targets.reshape({-1}) == 0;
  if (background.sum().item<std::int64_t>() == 0) return {};
  // Evaluated where the adversary lives (before_step moves it to the batches' device), returned where the batch is.
  const auto device = adversary_->parameters().front().device();
  const auto scores = torch::sigmoid(input.outputs.reshape({-1})).index({background}).to(device);
  const auto values = observer.reshape({-1}).index({background}).detach().to(device);
  const auto weights =
      input.weights.defined() ? input.weights.reshape({-1}).index({background}).detach().to(device) : torch::Tensor();
  return adversary_->negative_log_likelihood(scores, values, weights).to(input.outputs.device());
}

void Pivot::before_step(const LossInput& detached) {
  follow_device(detached.outputs.device());
  LossInput input = detached;
  input.outputs = detached.outputs.detach();
  adversary_->train();
  for (int step = 0; step < options_.adversary_steps; ++step) {
    const auto nll = adversary_nll(input);
    if (!nll.defined()) return;
    optimizer_->zero_grad();
    nll.backward();
    optimizer_->step();
  }
}

torch::Tensor Pivot::operator()(const LossInput& input) const {
  const auto bce = BinaryCrossEntropy()(input);
  if (options_.lambda == 0) return bce;
  const auto nll = adversary_nll(input);
  if (!nll.defined()) return bce;
  return bce - options_.lambda * nll;
}

std::string Pivot::description() const {
  return fmt::format("adversarial pivot (arXiv:1611.01046): BCE - {} * NLL of {} on background jets, {} adversary "
                     "step(s) per step at lr {}; {}",
                     options_.lambda, options_.observer, options_.adversary_steps, options_.adversary_lr,
                     adversary_->description());
}

}  // namespace jetstudy::losses
