// Stores built by the report tests: studies with hand-made metrics, curves and predictions.h5 files, so every
// number a table shows can be checked by hand.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/core/temp_directory.h"
#include "toolkit/data/predictions_file.h"
#include "toolkit/store/store.h"

namespace jetstudy::testing {

inline const auto kReportTime = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));

struct FakeRun {
  std::string hash;
  nlohmann::json point;
  std::string label;
  int seed = 1;
  std::vector<store::MetricValue> metrics;  // test metrics etc.
  std::vector<std::string> curves;          // names of curves to store (roc gets real points)
  std::optional<std::vector<float>> scores; // writes predictions.h5 with kLabels when given
  double duration_s = 10.0;
  std::string device = "cpu";
  bool dirty = false;
};

// Labels of every predictions.h5 the fixture writes: two signal jets, two background jets.
inline const std::vector<float> kLabels{1, 1, 0, 0};

inline store::RunOutcome outcome_of(const FakeRun& run, const core::TempDirectory& directory) {
  store::RunOutcome outcome;
  outcome.metrics = run.metrics;
  for (const std::string& name : run.curves) {
    nlohmann::json points = {{"x", {0.0, 1.0}}, {"y", {1.0, 0.5}}};
    if (name == "roc") points = {{"eps_s", {0.0, 0.5, 1.0}}, {"eps_b", {0.0, 0.01, 1.0}}};
    if (name == "learning") points = {{"epoch", {1, 2, 3}}, {"train_loss", {0.6, 0.4, 0.3}}, {"val_loss", {0.65, 0.5, 0.45}}};
    outcome.curves.push_back({name, points});
  }
  if (run.scores) {
    const auto path = directory / ("predictions-" + run.hash + ".h5");
    data::write_predictions_file(path, {"dataset-hash", *run.scores, kLabels, {}});
    outcome.artifacts.push_back({"predictions", path.string(), "not-checked"});
  }
  return outcome;
}

inline void add_done(store::Store& s, const std::string& study, const FakeRun& run,
                     const core::TempDirectory& directory) {
  const nlohmann::json config = {{"data", {{"source", {{"kind", "generator"}}}}}, {"images", {{"size", {4, 4}}}},
                                 {"point", run.point}};
  s.add_run(study, run.hash, config, run.seed, run.point, run.label);
  s.mark_running(run.hash, {"local", "node1", run.device, "abc1234", run.dirty, {{"libtorch", "2.1.2"}}});
  s.mark_done(run.hash, outcome_of(run, directory), run.duration_s);
}

inline std::vector<store::MetricValue> test_metrics(double auc, double rejection_03, double rejection_05) {
  return {{"test", "auc", auc, std::nullopt},
          {"test", "rejection@0.3", rejection_03, std::nullopt},
          {"test", "rejection@0.5", rejection_05, std::nullopt},
          {"val", "auc", 0.5, std::nullopt},  // other splits and per-epoch values stay out of the tables
          {"test", "auc", 0.1, 3},
          {"model", "parameters", 1234.0, std::nullopt}};
}

// Study "top" (recipe with expect: auc 0.93 ± 0.02, rejection@0.5 60 ± 5 on toptag_h5 files):
//   "narrow" seeds 1, 2, 3 done: AUC 0.90, 0.94, 0.92; 1/eps_B@0.3 100, 130, 110; @0.5 38, 44, 40; training 10, 20, 30 s;
//            roc stored for seed 1 only; predictions for seeds 1 and 2.
//   "wide"   seeds 1, 2 done: AUC 0.93, 0.95; @0.3 200, 210; @0.5 80, 90; seed 3 failed; seed 4 pending.
inline store::Store top_study(const core::TempDirectory& directory, const std::string& study = "top",
                              const std::string& wide_label = "wide") {
  auto s = store::Store::open(directory / "jetstudy.sqlite");
  const nlohmann::json config = {
      {"study", study},
      {"description", "top vs QCD"},
      {"data", {{"source", {{"kind", "toptag_h5"}, {"train", "a.h5"}, {"test", "c.h5"}}}}},
      {"expect", {{"auc", {{"value", 0.93}, {"tolerance", 0.02}}}, {"rejection@0.5", {{"value", 60}, {"tolerance", 5}}}}}};
  s.upsert_study(study, "recipes/top.yaml", config);
  const nlohmann::json narrow = {{"model.filters", 8}}, wide = {{"model.filters", 64}};
  FakeRun a1{"a1", narrow, "narrow", 1, test_metrics(0.90, 100, 38), {"roc", "learning"},
             std::vector<float>{0.75f, 0.25f, 0.5f, 0.125f}, 10.0};
  FakeRun a2{"a2", narrow, "narrow", 2, test_metrics(0.94, 130, 44), {"learning"},
             std::vector<float>{0.5f, 0.75f, 0.25f, 0.875f}, 20.0};
  FakeRun a3{"a3", narrow, "narrow", 3, test_metrics(0.92, 110, 40), {"learning"}, std::nullopt, 30.0, "cuda:0", true};
  FakeRun b1{"b1", wide, wide_label, 1, test_metrics(0.93, 200, 80), {"roc", "learning"}, std::nullopt, 40.0};
  FakeRun b2{"b2", wide, wide_label, 2, test_metrics(0.95, 210, 90), {"roc", "learning"}, std::nullopt, 50.0};
  for (const FakeRun& run : {a1, b1, a2, b2, a3}) add_done(s, study, run, directory);
  s.add_run(study, "b3ffffffffffffffff", {{"w", 3}}, 3, wide, wide_label);
  s.mark_running("b3ffffffffffffffff", {"local", "node1", "cpu", "abc1234", false, nlohmann::json::object()});
  s.mark_failed("b3ffffffffffffffff", "CUDA out of memory\nwhile allocating 2 GiB", 4.0);
  s.add_run(study, "b4", {{"w", 4}}, 4, wide, wide_label);
  return s;
}

// The recipe of top_study edited and run again (as `jetstudy run` does: upsert_study, then add_run per planned run):
// a new recipe version whose expect: names the dataset of its AUC figure, planning "narrow" seed 1 (run a1, done
// already) and seed 2 as a new run "v2" (AUC 0.80, done). a2, a3 and every "wide" run belong to version 1 only.
inline void edit_top_recipe(store::Store& s, const core::TempDirectory& directory, const std::string& study = "top") {
  const nlohmann::json config = {
      {"study", study},
      {"description", "top vs QCD, edited"},
      {"data", {{"source", {{"kind", "generator"}, {"signal", "top"}}}}},
      {"expect",
       {{"auc", {{"value", 0.93}, {"tolerance", 0.02}, {"dataset", "top-tagging reference dataset (arXiv:1902.09914)"}}},
        {"rejection@0.5", {{"value", 60}, {"tolerance", 5}}}}}};
  s.upsert_study(study, "recipes/top.yaml", config);
  const nlohmann::json narrow = {{"model.filters", 8}};
  s.add_run(study, "a1", {{"data", {{"source", {{"kind", "generator"}}}}}, {"images", {{"size", {4, 4}}}}, {"point", narrow}},
            1, narrow, "narrow");
  add_done(s, study, FakeRun{"v2", narrow, "narrow", 2, test_metrics(0.80, 50, 20), {"learning"}}, directory);
}

}  // namespace jetstudy::testing
