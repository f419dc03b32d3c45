#include "toolkit/train/adadelta.h"

#include <torch/torch.h>

#include <sstream>
#include <string>
#include <type_traits>

#include "toolkit/core/error.h"

namespace jetstudy::train {
namespace {

// The key under which a LibTorch optimiser keeps a parameter's state, the one its own optimisers and their
// serialisation use: the TensorImpl's address printed as a string up to LibTorch 1.13 (Debian's), the address itself
// in LibTorch 2 (pip's CUDA builds, docs/gpu.md).
template <typename Key>
Key parameter_state_key(const torch::Tensor& parameter) {
  if constexpr (std::is_same_v<Key, std::string>) {
    std::ostringstream address;
    address << parameter.unsafeGetTensorImpl();
    return address.str();
  } else {
    return parameter.unsafeGetTensorImpl();
  }
}

}  // namespace

AdadeltaOptions::AdadeltaOptions(double lr) : lr_(lr) {}

void AdadeltaOptions::serialize(torch::serialize::OutputArchive& archive) const {
  _TORCH_OPTIM_SERIALIZE_TORCH_ARG(lr);
  _TORCH_OPTIM_SERIALIZE_TORCH_ARG(rho);
  _TORCH_OPTIM_SERIALIZE_TORCH_ARG(eps);
  _TORCH_OPTIM_SERIALIZE_TORCH_ARG(weight_decay);
}

void AdadeltaOptions::serialize(torch::serialize::InputArchive& archive) {
  _TORCH_OPTIM_DESERIALIZE_TORCH_ARG(double, lr);
  _TORCH_OPTIM_DESERIALIZE_TORCH_ARG(double, rho);
  _TORCH_OPTIM_DESERIALIZE_TORCH_ARG(double, eps);
  _TORCH_OPTIM_DESERIALIZE_TORCH_ARG(double, weight_decay);
}

void AdadeltaParamState::serialize(torch::serialize::OutputArchive& archive) const {
  _TORCH_OPTIM_SERIALIZE_TORCH_ARG(square_avg);
  _TORCH_OPTIM_SERIALIZE_TORCH_ARG(acc_delta);
  _TORCH_OPTIM_SERIALIZE_TORCH_ARG(step);
}

void AdadeltaParamState::serialize(torch::serialize::InputArchive& archive) {
  _TORCH_OPTIM_DESERIALIZE_TORCH_ARG(torch::Tensor, square_avg);
  _TORCH_OPTIM_DESERIALIZE_TORCH_ARG(torch::Tensor, acc_delta);
  _TORCH_OPTIM_DESERIALIZE_TORCH_ARG(int64_t, step);
}

Adadelta::Adadelta(std::vector<torch::Tensor> parameters, AdadeltaOptions options)
    : Optimizer({torch::optim::OptimizerParamGroup(std::move(parameters))},
                std::make_unique<AdadeltaOptions>(options)) {
  JETSTUDY_CHECK(options.lr() >= 0, "adadelta: negative learning rate");
  JETSTUDY_CHECK(options.rho() >= 0 && options.rho() <= 1, "adadelta: rho outside [0, 1]");
  JETSTUDY_CHECK(options.eps() >= 0 && options.weight_decay() >= 0, "adadelta: negative eps or weight decay");
}

torch::Tensor Adadelta::step(LossClosure closure) {
  torch::NoGradGuard no_grad;
  torch::Tensor loss;
  if (closure) {
    torch::AutoGradMode enable_grad(true);
    loss = closure();
  }
  for (auto& group : param_groups_) {
    const auto& options = static_cast<const AdadeltaOptions&>(group.options());
    for (auto& parameter : group.params()) {
      if (!parameter.grad().defined()) continue;
      auto gradient = parameter.grad();
      if (options.weight_decay() != 0) gradient = gradient.add(parameter, options.weight_decay());

      const auto key = parameter_state_key<std::remove_cvref_t<decltype(state_.begin()->first)>>(parameter);
      auto found = state_.find(key);
      if (found == state_.end()) {
        auto fresh = std::make_unique<AdadeltaParamState>();
        fresh->square_avg(torch::zeros_like(parameter, at::MemoryFormat::Preserve));
        fresh->acc_delta(torch::zeros_like(parameter, at::MemoryFormat::Preserve));
        found = state_.emplace(key, std::move(fresh)).first;
      }
      auto& state = static_cast<AdadeltaParamState&>(*found->second);
      state.step(state.step() + 1);

      // E[g^2] <- rho E[g^2] + (1 - rho) g^2;  dx = sqrt(E[dx^2] + eps) / sqrt(E[g^2] + eps) * g
      state.square_avg().mul_(options.rho()).addcmul_(gradient, gradient, 1 - options.rho());
      const auto rms_gradient = state.square_avg().add(options.eps()).sqrt_();
      const auto delta = state.acc_delta().add(options.eps()).sqrt_().div_(rms_gradient).mul_(gradient);
      parameter.add_(delta, -options.lr());
      state.acc_delta().mul_(options.rho()).addcmul_(delta, delta, 1 - options.rho());
    }
  }
  return loss;
}

void Adadelta::save(torch::serialize::OutputArchive& archive) const {
  torch::optim::serialize<AdadeltaParamState, AdadeltaOptions>(archive, *this);
}

void Adadelta::load(torch::serialize::InputArchive& archive) {
  torch::optim::serialize<AdadeltaParamState, AdadeltaOptions>(archive, *this);
}

}  // namespace jetstudy::train
