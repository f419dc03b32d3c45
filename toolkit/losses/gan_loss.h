// GAN losses with an auxiliary class output (ACGAN, Odena, Olah & Shlens, arXiv:1610.09585), as trained by the
// location-aware GAN for jet images (LAGAN, de Oliveira, Paganini & Nachman, arXiv:1701.05927):
//   discriminator: BCE(D(real), 1 - s) + BCE(D(fake), 0) + aux_weight * [class loss on real + class loss on fake]
//   generator:     BCE(D(fake), 1) + aux_weight * class loss on fake         (the non-saturating -log D(G(z)))
// with one-sided label smoothing s of the real target, and label flipping: each of the discriminator's real/fake
// targets is swapped (real <-> fake) with probability label_flip, a common GAN stabiliser (LAGAN flips 5 %).
// Class logits are [N] for two classes (a sigmoid, as LAGAN's signal/background output; labels 0/1) or [N, K]
// (a softmax; labels the class index as float). Every term is a mean over its images.
#pragma once

#include <c10/util/Optional.h>

#include "toolkit/losses/loss.h"

namespace jetstudy::losses {

struct GanLossOptions {
  double aux_weight = 1.0;       // weight of the auxiliary class loss
  double label_flip = 0.0;       // probability of swapping a discriminator target (real <-> fake)
  double label_smoothing = 0.0;  // the real target is 1 - label_smoothing
};

// One discriminator/generator step's outputs. Class terms are skipped when the class logits are undefined.
struct GanBatch {
  torch::Tensor real_logits;        // [N] real/fake logits of the discriminator on real images
  torch::Tensor fake_logits;        // [M] on generated images
  torch::Tensor real_class_logits;  // [N] or [N, K] auxiliary class logits on real images
  torch::Tensor fake_class_logits;  // [M] or [M, K] on generated images
  torch::Tensor real_classes;       // [N] the real images' classes
  torch::Tensor fake_classes;       // [M] the classes the generator was asked for
};

// The auxiliary class loss: BCE for [N] logits, cross-entropy for [N, K]; a mean over images.
torch::Tensor auxiliary_class_loss(const torch::Tensor& class_logits, const torch::Tensor& classes);

// Label flips draw from `generator` (the default generator when none is given).
torch::Tensor discriminator_loss(const GanBatch& batch, const GanLossOptions& options,
                                 c10::optional<at::Generator> generator = c10::nullopt);
torch::Tensor generator_loss(const GanBatch& batch, const GanLossOptions& options);

// The table's `gan` loss: it keeps the options for the generate experiment's two-player loop; as a Loss it is
// the discriminator's weighted real/fake BCE of the outputs against targets (1 real, 0 fake), with neither
// smoothing nor flips (so a validation loss is deterministic).
class GanLoss : public Loss {
 public:
  // Throws core::InputError for a negative aux_weight, or a flip probability or smoothing outside [0, 1).
  explicit GanLoss(GanLossOptions options);
  torch::Tensor operator()(const LossInput& input) const override;
  std::string description() const override;
  const GanLossOptions& options() const { return options_; }

 private:
  GanLossOptions options_;
};

}  // namespace jetstudy::losses
