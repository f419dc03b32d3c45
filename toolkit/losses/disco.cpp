#include "toolkit/losses/disco.h"

#include <fmt/format.h>

#include "toolkit/losses/bce.h"
#include "toolkit/losses/distance_correlation.h"

namespace jetstudy::losses {

torch::Tensor Disco::decorrelation(const LossInput& input) const {
  const auto& observer = input.observer(options_.observer, "disco");
  const auto background = input.targets.reshape({-1}) == 0;
  if (background.sum().item<std::int64_t>() < 2) return torch::zeros({}, input.outputs.options());
  const auto scores = torch::sigmoid(input.outputs.reshape({-1})).index({background});
  const auto values = observer.reshape({-1}).index({background}).detach();
  const auto weights = input.weights.defined() ? input.weights.reshape({-1}).index({background}) : torch::Tensor();
  return distance_correlation(scores, values, weights, options_.power);
}

torch::Tensor Disco::operator()(const LossInput& input) const {
  const auto bce = BinaryCrossEntropy()(input);
  if (options_.lambda == 0) return bce;
  return bce + options_.lambda * decorrelation(input);
}

std::string Disco::description() const {
  return fmt::format("DisCo (arXiv:2001.05310): BCE + {} * dCorr^{}(sigmoid(output), {}) over background jets",
                     options_.lambda, 2 * options_.power, options_.observer);
}

}  // namespace jetstudy::losses
