// The adversary of adversarial decorrelation: a network that learns p(observer | classifier score), the pivot of
// Louppe, Kagan & Cranmer (arXiv:1611.01046) as used by the ATLAS and CMS mass-decorrelated taggers. If the
// classifier's score carries information about the observer (the jet mass), the adversary predicts the observer
// better than its unconditional distribution; the classifier is then trained to make that prediction fail.
//   mdn:    a dense network -> K Gaussians (means, widths, mixture weights) over the observer scaled to [0, 1]
//           by `range` (a mixture density network, Bishop 1994, as in arXiv:1611.01046);
//   binned: a dense network -> softmax over B equal bins of `range`; the NLL is the cross-entropy of the bin.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "toolkit/recipe/schema.h"

namespace jetstudy::models {

struct MassAdversaryOptions {
  // From the validated `adversary:` block (mass_adversary_options_schema() fills the defaults).
  static MassAdversaryOptions from_json(const nlohmann::json& options);

  TORCH_ARG(std::string, kind) = "mdn";  // "mdn" or "binned"
  TORCH_ARG(std::int64_t, components) = 5;  // mdn: Gaussians in the mixture
  TORCH_ARG(std::int64_t, bins) = 20;       // binned: bins over the range
  TORCH_ARG(std::vector<std::int64_t>, hidden) = std::vector<std::int64_t>{64, 64};  // dense widths, ReLU
  TORCH_ARG(double, range_min) = 0.0;       // the observer's range, in its units (GeV for the mass)
  TORCH_ARG(double, range_max) = 400.0;
};

// The recipe keys of a pivot loss's `adversary:` block.
recipe::Schema mass_adversary_options_schema();

class MassAdversaryImpl : public torch::nn::Module {
 public:
  // Throws core::InputError for an unknown kind, no components/bins, or an empty range.
  explicit MassAdversaryImpl(MassAdversaryOptions options);

  // The weighted mean over jets of -log p(observer | score). scores [N] in (0, 1) (the classifier's sigmoid),
  // observer [N] in its own units, weights [N] or undefined (all 1). mdn: the density of the observer scaled
  // to [0, 1]; binned: the probability of the observer's bin (observers outside the range fall in the end bins).
  torch::Tensor negative_log_likelihood(const torch::Tensor& scores, const torch::Tensor& observer,
                                        const torch::Tensor& weights);

  // The network's raw outputs for scores [N]: mdn [N, 3K] (means, log widths, mixture logits), binned [N, B].
  torch::Tensor forward(const torch::Tensor& scores);

  // The observer scaled to [0, 1] by the range.
  torch::Tensor scaled(const torch::Tensor& observer) const;

  const MassAdversaryOptions& options() const { return options_; }
  std::string description() const;

 private:
  torch::Tensor per_jet_nll(const torch::Tensor& scores, const torch::Tensor& observer);

  MassAdversaryOptions options_;
  torch::nn::Sequential network_{nullptr};
};
TORCH_MODULE(MassAdversary);

}  // namespace jetstudy::models
