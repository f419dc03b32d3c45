#include "toolkit/models/minibatch_discrimination.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "toolkit/core/error.h"

namespace jetstudy::models {

MinibatchDiscriminationImpl::MinibatchDiscriminationImpl(MinibatchDiscriminationOptions options)
    : options_(options) {
  reset();
}

void MinibatchDiscriminationImpl::reset() {
  const auto& o = options_;
  if (o.in_features() < 1 || o.kernels() < 1 || o.kernel_dims() < 1)
    throw core::InputError(fmt::format(
        "minibatch discrimination: in_features, kernels and kernel_dims must be positive, got {}, {}, {}",
        o.in_features(), o.kernels(), o.kernel_dims()));
  // Small initial projections keep exp(-L1) away from 0 at the start, so the features carry a gradient.
  const double scale = 1.0 / std::sqrt(static_cast<double>(o.in_features()));
  T = register_parameter("T", torch::randn({o.in_features(), o.kernels() * o.kernel_dims()}) * scale);
}

torch::Tensor MinibatchDiscriminationImpl::forward(const torch::Tensor& features) {
  const auto& o = options_;
  if (features.dim() != 2 || features.size(1) != o.in_features())
    throw core::InputError(fmt::format("minibatch discrimination: expects [N, {}] features, got [{}]",
                                       o.in_features(), fmt::join(features.sizes(), ", ")));
  const auto rows = features.matmul(T).view({-1, o.kernels(), o.kernel_dims()});  // M [N, B, C]
  // L1 distance between every pair of samples, per kernel: [N, N, B].
  const auto distances = (rows.unsqueeze(1) - rows.unsqueeze(0)).abs().sum(3);
  return torch::exp(-distances).sum(1);  // sum over j: [N, B]
}

}  // namespace jetstudy::models
