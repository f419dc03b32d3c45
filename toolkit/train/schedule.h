// Learning-rate schedules over epochs (a recipe's `train.schedule`): step decay, reduce-on-plateau of the
// monitored quantity, cosine annealing over train.epochs (Loshchilov & Hutter, arXiv:1608.03983, without
// restarts), or constant when absent. Each follows the PyTorch scheduler of the same name, stepped once per epoch.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace jetstudy::train {

struct ScheduleOptions {
  std::string name = "constant";  // constant | step | plateau | cosine
  int every = 10;                 // step: epochs between decays
  double gamma = 0.1;             // step: factor per decay
  double factor = 0.5;            // plateau: factor per reduction
  int patience = 2;               // plateau: epochs without improvement tolerated before reducing
  double min_lr = 0.0;            // plateau and cosine: the floor

  // From a validated `train.schedule` block ({name: step, every: 10, gamma: 0.1}); null or absent keys take the
  // defaults above (plateau's min_lr defaults to 1e-6). Throws core::InputError for an unknown name.
  static ScheduleOptions from_json(const nlohmann::json& schedule);
};

class LearningRateSchedule {
 public:
  // `base_rate` is the optimizer's learning rate; `epochs` the planned number (cosine spans them);
  // `minimise` says which way the monitored quantity improves (plateau).
  LearningRateSchedule(ScheduleOptions options, double base_rate, int epochs, bool minimise);

  // The rate to train epoch `epoch` (1-based) with.
  double rate(int epoch) const;
  // After epoch `epoch`: the monitored quantity (plateau reduces the rate for the next epoch here).
  void epoch_finished(double monitored);

  std::string description() const;  // "step: x0.1 every 10 epochs from 0.001"

  // What a resumed run needs (the plateau's current rate, best value and count of bad epochs).
  nlohmann::json state() const;
  void restore(const nlohmann::json& state);

 private:
  ScheduleOptions options_;
  double base_rate_;
  int epochs_;
  bool minimise_;
  double plateau_rate_;
  double plateau_best_;
  int plateau_bad_epochs_ = 0;
};

}  // namespace jetstudy::train
