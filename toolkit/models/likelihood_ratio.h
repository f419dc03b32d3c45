// The binned likelihood ratio of one or two observers (e.g. mass, or mass and tau32): the baseline a physicist
// compares a tagger with. By the Neyman-Pearson lemma the ratio p_S(x) / p_B(x) is the best score that uses only x,
// so it shows what an image network learns beyond those observers. Filled once from weighted histograms of the
// training split (no gradient descent); the score of a jet is log(p_S / p_B) in its bin.
#pragma once

#include <torch/torch.h>

#include <array>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "toolkit/models/input_spec.h"
#include "toolkit/models/network.h"
#include "toolkit/recipe/schema.h"

namespace jetstudy::models {

// [low, high] of one observer.
using BinRange = std::array<double, 2>;

struct LikelihoodRatioOptions {
  // From the validated `model:` block (likelihood_ratio_options_schema() fills the defaults).
  static LikelihoodRatioOptions from_json(const nlohmann::json& options);

  TORCH_ARG(std::vector<std::string>, inputs) = std::vector<std::string>{};  // 1 or 2 observer names
  TORCH_ARG(std::int64_t, bins) = 20;                                         // per axis
  // [low, high] per input; empty: the training split's 0.5% and 99.5% quantiles. Values outside go to the edge bins.
  TORCH_ARG(std::vector<BinRange>, range) = std::vector<BinRange>{};
  // Added to every bin of each class's histogram, in units of that class's mean jet weight, so that a bin one
  // class never reaches still has a finite ratio.
  TORCH_ARG(double, pseudo_count) = 0.5;
};

class LikelihoodRatioImpl : public NetworkImpl {
 public:
  // Throws core::InputError when the dataset's features are not `inputs`, for 0 or more than 2 inputs, for a
  // multi-class dataset, or for a range with low >= high.
  LikelihoodRatioImpl(LikelihoodRatioOptions options, const InputSpec& input);

  // log(p_S / p_B) of each jet's bin, [N]. Only after fit_directly() (or loading a fitted checkpoint).
  torch::Tensor forward(const NetworkInput& input) override;
  std::string description() const override;

  bool learns_by_gradient() const override { return false; }
  // Histograms train.features [N, D] of signal (label 1) and background (label 0) with the weights; throws
  // core::InputError when one class is missing.
  void fit_directly(const NetworkInput& train, const torch::Tensor& labels, const torch::Tensor& weights) override;

  // The fitted log ratios, [bins] or [bins, bins] (first input along the first axis), and the binned ranges [D, 2].
  torch::Tensor log_ratio() const { return log_ratio_; }
  torch::Tensor ranges() const { return torch::stack({low_, high_}, 1); }

 private:
  torch::Tensor flat_bin_index(const torch::Tensor& features) const;  // [N] into log_ratio_.flatten()

  LikelihoodRatioOptions options_;
  InputSpec input_;
  // Buffers, so a checkpoint keeps the fit.
  torch::Tensor low_, high_;  // [D]
  torch::Tensor log_ratio_;   // [bins] or [bins, bins]
  torch::Tensor fitted_;      // scalar: 1 once filled
};

// The recipe keys of `model: {arch: likelihood, ...}`.
recipe::Schema likelihood_ratio_options_schema();

}  // namespace jetstudy::models
