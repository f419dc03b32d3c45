#include "toolkit/sched/rung_verdict.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/core/temp_directory.h"

using namespace jetstudy;
using Catch::Matchers::Contains;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

sched::AshaOptions half_at_rungs_2_and_4() {
  sched::AshaOptions options;
  options.monitor = "val_auc";
  options.maximize = true;
  options.rungs = {2, 4};
  options.keep = 0.5;
  return options;
}

}  // namespace

TEST_CASE("rung_verdict: asha.json and rung-<epoch>.json keep the rungs, the monitor and the verdict") {
  core::TempDirectory directory("rung-files");
  const sched::ResultsLayout layout{directory.path()};
  CHECK(layout.asha_file("abc") == directory.path() / "runs" / "abc" / "asha.json");
  CHECK(layout.rung_decision("abc", 3) == directory.path() / "runs" / "abc" / "rung-3.json");

  CHECK_FALSE(sched::read_rung_plan(layout.asha_file("abc")).has_value());
  sched::write_rung_plan(layout.asha_file("abc"), {{1, 3, 9}, "val_auc"});
  const auto plan = sched::read_rung_plan(layout.asha_file("abc"));
  REQUIRE(plan);
  CHECK((plan->rungs == std::vector<int>{1, 3, 9}));
  CHECK(plan->monitor == "val_auc");
  CHECK(plan->is_rung(3));
  CHECK_FALSE(plan->is_rung(2));
  CHECK(core::read_file(layout.asha_file("abc")) == "{\"monitor\":\"val_auc\",\"rungs\":[1,3,9]}\n");

  CHECK_FALSE(sched::read_rung_verdict(layout.rung_decision("abc", 3)).has_value());
  sched::write_rung_verdict(layout.rung_decision("abc", 3), true);
  CHECK(sched::read_rung_verdict(layout.rung_decision("abc", 3)) == std::optional<bool>(true));
  CHECK(core::read_file(layout.rung_decision("abc", 3)) == "{\"stop\":true}\n");
  sched::write_rung_verdict(layout.rung_decision("abc", 1), false);
  CHECK(sched::read_rung_verdict(layout.rung_decision("abc", 1)) == std::optional<bool>(false));

  std::ofstream(layout.rung_decision("abc", 9)) << "{\"stop\": \"maybe\"}";
  CHECK_THROWS_WITH(sched::read_rung_verdict(layout.rung_decision("abc", 9)),
                    Contains("rung-9.json: corrupt rung verdict (expected {\"stop\": true|false})"));
  std::ofstream(layout.asha_file("abc")) << "{\"rungs\": 3}";
  CHECK_THROWS_WITH(sched::read_rung_plan(layout.asha_file("abc")), Contains("asha.json: corrupt ASHA file"));
}

TEST_CASE("rung_verdict: the coordinator writes a verdict at each rung epoch, stop-requested first, the same on replay") {
  core::TempDirectory directory("rung-judge");
  const sched::ResultsLayout layout{directory.path()};
  const auto asha = half_at_rungs_2_and_4();
  const auto plan = sched::rung_plan_for(asha);
  const auto should_stop = sched::asha_stop_hook(asha);
  for (const std::string hash : {"good", "bad"}) {
    std::filesystem::create_directories(layout.run_directory(hash));
    sched::write_rung_verdict(layout.rung_decision(hash, 2), true);  // left by an earlier coordinator
    sched::prepare_rung_handshake(layout, hash, plan);
    CHECK_FALSE(std::filesystem::exists(layout.rung_decision(hash, 2)));
    CHECK(sched::read_rung_plan(layout.asha_file(hash))->rungs == std::vector<int>{2, 4});
  }

  // Epoch 1 is no rung: no verdict. At rung 2 the first run is the best of one and goes on.
  CHECK_FALSE(sched::judge_epoch_report(layout, "good", plan, should_stop, {1, {{"val_auc", 0.7}}}));
  CHECK_FALSE(std::filesystem::exists(layout.rung_decision("good", 1)));
  CHECK_FALSE(sched::judge_epoch_report(layout, "good", plan, should_stop, {2, {{"val_auc", 0.9}}}));
  CHECK(sched::read_rung_verdict(layout.rung_decision("good", 2)) == std::optional<bool>(false));
  CHECK_FALSE(std::filesystem::exists(layout.stop_request("good")));

  // The second is not within the best ceil(1/2 x 2) = 1: stop, with stop-requested naming the epoch.
  CHECK(sched::judge_epoch_report(layout, "bad", plan, should_stop, {2, {{"val_auc", 0.6}}}));
  CHECK(sched::read_rung_verdict(layout.rung_decision("bad", 2)) == std::optional<bool>(true));
  CHECK(core::read_file(layout.stop_request("bad")) == "epoch 2\n");

  // A resumed run replays its epochs: the same verdicts, whatever the value, and stop-requested is not made again.
  CHECK_FALSE(sched::judge_epoch_report(layout, "bad", plan, should_stop, {2, {{"val_auc", 0.99}}}));
  CHECK(sched::read_rung_verdict(layout.rung_decision("bad", 2)) == std::optional<bool>(true));
  CHECK_FALSE(sched::judge_epoch_report(layout, "good", plan, should_stop, {2, {{"val_auc", 0.1}}}));
  CHECK(sched::read_rung_verdict(layout.rung_decision("good", 2)) == std::optional<bool>(false));

  // A report without the monitored value (it was not finite) ranks last.
  std::filesystem::create_directories(layout.run_directory("nan"));
  CHECK(sched::judge_epoch_report(layout, "nan", plan, should_stop, {2, {{"val_loss", 0.3}}}));
  CHECK(sched::read_rung_verdict(layout.rung_decision("nan", 2)) == std::optional<bool>(true));

  // Without a plan there is no handshake: stop-requested alone.
  std::filesystem::create_directories(layout.run_directory("plain"));
  CHECK(sched::judge_epoch_report(layout, "plain", std::nullopt, [](auto&&...) { return true; }, {2, {}}));
  CHECK(std::filesystem::exists(layout.stop_request("plain")));
  CHECK_FALSE(std::filesystem::exists(layout.rung_decision("plain", 2)));
}

TEST_CASE("rung_verdict: the worker waits at a rung for the verdict and follows it") {
  core::TempDirectory directory("rung-wait");
  const sched::ResultsLayout layout{directory.path()};
  const auto run = layout.run_directory("abc");
  std::vector<std::string> logged;
  const auto log = [&](const std::string& line) { logged.push_back(line); };
  const sched::RungWait wait{std::chrono::milliseconds(5), std::chrono::milliseconds(10'000)};
  std::filesystem::create_directories(run);

  // Without asha.json (no ASHA, or an HTCondor scratch directory) nothing is waited for.
  CHECK_FALSE(sched::scheduler_asks_stop(run, 2, wait, log));
  core::write_file_atomically(layout.stop_request("abc"), "epoch 1\n");
  CHECK(sched::scheduler_asks_stop(run, 2, wait, log));
  std::filesystem::remove(layout.stop_request("abc"));

  sched::write_rung_plan(layout.asha_file("abc"), {{2, 4}, "val_auc"});
  CHECK_FALSE(sched::scheduler_asks_stop(run, 3, wait, log));  // not a rung: no wait

  // The verdict arrives 150 ms after the epoch: the worker waits for it.
  {
    const auto start = Clock::now();
    std::thread coordinator([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
      sched::write_rung_verdict(layout.rung_decision("abc", 2), true);
    });
    const bool stop = sched::scheduler_asks_stop(run, 2, wait, log);
    coordinator.join();
    CHECK(stop);
    CHECK(seconds_since(start) >= 0.14);
  }
  // "Go on" is followed unless stop-requested is there as well.
  sched::write_rung_verdict(layout.rung_decision("abc", 4), false);
  CHECK_FALSE(sched::scheduler_asks_stop(run, 4, wait, log));
  core::write_file_atomically(layout.stop_request("abc"), "epoch 3\n");
  CHECK(sched::scheduler_asks_stop(run, 4, wait, log));
  CHECK(logged.empty());
}

TEST_CASE("rung_verdict: without a verdict the worker gives up after the limit, says so, and goes on") {
  core::TempDirectory directory("rung-timeout");
  const sched::ResultsLayout layout{directory.path()};
  const auto run = layout.run_directory("abc");
  sched::write_rung_plan(layout.asha_file("abc"), {{2}, "val_auc"});
  std::vector<std::string> logged;
  const auto start = Clock::now();
  CHECK_FALSE(sched::scheduler_asks_stop(run, 2, {std::chrono::milliseconds(5), std::chrono::milliseconds(100)},
                                         [&](const std::string& line) { logged.push_back(line); }));
  CHECK(seconds_since(start) >= 0.09);
  CHECK(seconds_since(start) < 5);
  REQUIRE(logged.size() == 1);
  CHECK_THAT(logged[0], Contains("no ASHA verdict for rung epoch 2") && Contains("rung-2.json") &&
                            Contains("going on without it"));

  // Ctrl-C while waiting stops the wait (the epoch is checkpointed already).
  core::request_interrupt();
  CHECK_THROWS_AS(sched::scheduler_asks_stop(run, 2, {}, {}), core::Interrupted);
  core::clear_interrupt();
}
