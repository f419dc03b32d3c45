#include "toolkit/sched/plan.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "toolkit/core/temp_directory.h"
#include "toolkit/sched/cost_estimate.h"

using namespace jetstudy;
using nlohmann::json;

namespace {

json config_of(const std::string& arch, int kernel, double lr, std::int64_t seed, const std::string& kind = "classify") {
  return {{"study", "any"},
          {"experiment", {{"kind", kind}}},
          {"model", {{"arch", arch}, {"kernel", kernel}}},
          {"train", {{"optimizer", {{"name", "adam"}, {"lr", lr}}}, {"device", "cpu"}}},
          {"seed", seed}};
}

recipe::RunSpec spec_of(const std::string& hash, const json& config) {
  recipe::RunSpec spec;
  spec.config = config;
  spec.seed = config["seed"].get<std::int64_t>();
  spec.point = {{"train.optimizer.lr", config["train"]["optimizer"]["lr"]}};
  spec.label = "train.optimizer.lr=" + config["train"]["optimizer"]["lr"].dump();
  spec.hash = hash;
  return spec;
}

// A study sweeping the learning rate of `arch` with kernel `kernel` over two rates x two seeds.
recipe::Study lr_study(const std::string& prefix, const std::string& arch, int kernel, const std::string& kind = "classify") {
  recipe::Study study;
  study.name = prefix;
  for (const double lr : {1e-3, 2e-3}) {
    for (const std::int64_t seed : {1, 2}) {
      study.runs.push_back(spec_of(prefix + "-" + std::to_string(lr) + "-" + std::to_string(seed),
                                   config_of(arch, kernel, lr, seed, kind)));
    }
  }
  return study;
}

void add_finished(store::Store& store, const std::string& study, const std::string& hash, const json& config,
                  double seconds, bool done = true) {
  store.add_run(study, hash, config, config["seed"].get<std::int64_t>(), json::object(), "");
  store.mark_running(hash, store::RunEnvironment{"local", "host", "cpu", "rev", false, {}});
  if (done) {
    store.mark_done(hash, store::RunOutcome{}, seconds);
  } else {
    store.mark_failed(hash, "diverged", seconds);
  }
}

// Finished runs in two older studies: three of DeepTop kernel 4 at other rates and seeds (100, 200, 600 s), one of
// DeepTop kernel 8 (1000 s), one ResNeXt (50 s), one failed DeepTop (ignored). One of them, at lr 1e-3 seed 1, is
// also a run of the kernel-4 study below.
store::Store store_with_history(const core::TempDirectory& directory) {
  auto store = store::Store::open(directory / "jetstudy.sqlite");
  store.upsert_study("old", "old.yaml", json::object());
  store.upsert_study("older", "older.yaml", json::object());
  add_finished(store, "old", "k4-" + std::to_string(1e-3) + "-1", config_of("deeptop", 4, 1e-3, 1), 100);
  add_finished(store, "old", "f2", config_of("deeptop", 4, 3e-4, 2), 200);
  add_finished(store, "older", "f3", config_of("deeptop", 4, 1e-2, 3), 600);
  add_finished(store, "older", "f4", config_of("deeptop", 8, 1e-3, 1), 1000);
  add_finished(store, "older", "f5", config_of("resnext", 4, 1e-3, 1), 50);
  add_finished(store, "older", "f6", config_of("deeptop", 4, 1e-3, 9), 5, /*done=*/false);
  store.add_run("older", "f2", config_of("deeptop", 4, 3e-4, 2), 2, json::object(), "");  // in two studies
  return store;
}

}  // namespace

TEST_CASE("plan: a run done in another study is done here too (by hash), the rest are to do") {
  core::TempDirectory directory("plan");
  const auto store = store_with_history(directory);
  const auto plan = sched::make_plan(lr_study("k4", "deeptop", 4), store, false);
  CHECK(plan.runs.size() == 4);
  CHECK(plan.count_done() == 1);
  CHECK(plan.count_to_do() == 3);
  CHECK_FALSE(plan.runs[0].to_do);
  CHECK(sched::make_plan(lr_study("k4", "deeptop", 4), store, true).count_to_do() == 4);
}

TEST_CASE("plan: finished runs are read across studies, once each, done ones only") {
  core::TempDirectory directory("plan");
  const auto store = store_with_history(directory);
  const auto finished = sched::finished_runs(store);
  std::vector<std::string> hashes;
  for (const auto& run : finished) hashes.push_back(run.hash);
  std::sort(hashes.begin(), hashes.end());
  CHECK(hashes == std::vector<std::string>{"f2", "f3", "f4", "f5", "k4-" + std::to_string(1e-3) + "-1"});
  CHECK(sched::median({3, 1, 2}) == 2);
  CHECK(sched::median({400, 100, 200, 600}) == 300);
  CHECK(sched::median({}) == 0);
}

TEST_CASE("plan: the cost is the median duration of runs with the same config except seed and swept keys") {
  core::TempDirectory directory("plan");
  const auto store = store_with_history(directory);
  const auto estimate = sched::estimate_cost(sched::make_plan(lr_study("k4", "deeptop", 4), store, false),
                                             sched::finished_runs(store));
  CHECK(estimate.runs_to_do == 3);
  CHECK(estimate.same_config == 3);  // kernel 4 at other rates and seeds: median of 100, 200, 600 s
  CHECK(estimate.same_kind == 0);
  CHECK(estimate.seconds == Approx(3 * 200.0));
}

TEST_CASE("plan: without the same config, runs of the same experiment kind and architecture give the cost") {
  core::TempDirectory directory("plan");
  const auto store = store_with_history(directory);
  const auto finished = sched::finished_runs(store);
  const auto kernel6 = sched::estimate_cost(sched::make_plan(lr_study("k6", "deeptop", 6), store, false), finished);
  CHECK(kernel6.same_config == 0);
  CHECK(kernel6.same_kind == 4);  // every DeepTop classifier: median of 100, 200, 600, 1000 s = 400 s
  CHECK(kernel6.seconds == Approx(4 * 400.0));
  CHECK(kernel6.any());

  const auto gan = sched::estimate_cost(sched::make_plan(lr_study("gan", "lagan", 4, "generate"), store, false), finished);
  CHECK(gan.unestimated == 4);
  CHECK_FALSE(gan.any());
  CHECK(gan.seconds == 0);

  const auto empty = sched::estimate_cost(sched::make_fresh_plan(lr_study("k4", "deeptop", 4)), {});
  CHECK(empty.unestimated == 4);
  CHECK_FALSE(empty.any());
}
