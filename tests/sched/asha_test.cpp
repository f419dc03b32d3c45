#include "toolkit/sched/asha.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "toolkit/core/error.h"

using jetstudy::sched::AshaOptions;
using jetstudy::sched::AshaScheduler;

namespace {

std::string run(int i) { return "run" + std::to_string(i); }

}  // namespace

TEST_CASE("asha: 9 runs, keep 1/3: which stop at rung 1 and which at rung 3") {
  AshaScheduler asha(AshaOptions{"val_auc", true, {1, 3}, 1.0 / 3.0});
  // Rung 1, in arrival order. The n-th value continues if it is within the best ceil(n/3) seen so far:
  //   run1 0.50 n=1 best 1 -> on        run2 0.60 n=2 best 1 -> on (first)   run3 0.40 n=3 best 1 -> stop
  //   run4 0.70 n=4 best 2 -> on (1st)  run5 0.55 n=5 best 2 -> stop (3rd)   run6 0.65 n=6 best 2 -> on (2nd)
  //   run7 0.30 n=7 best 3 -> stop      run8 0.80 n=8 best 3 -> on (1st)     run9 0.58 n=9 best 3 -> stop (5th)
  const std::vector<double> at_rung1{0.50, 0.60, 0.40, 0.70, 0.55, 0.65, 0.30, 0.80, 0.58};
  std::vector<int> stopped_at_1;
  for (int i = 1; i <= 9; ++i) {
    if (asha.should_stop(run(i), 1, at_rung1[i - 1])) stopped_at_1.push_back(i);
  }
  CHECK(stopped_at_1 == std::vector<int>{3, 5, 7, 9});
  CHECK(asha.recorded_at(1) == at_rung1);

  // Epoch 2 is no rung: nobody is stopped there, whatever the value.
  for (const int i : {1, 2, 4, 6, 8}) CHECK_FALSE(asha.should_stop(run(i), 2, 0.0));

  // Rung 3 for the five that went on:
  //   run1 0.70 n=1 -> on   run2 0.72 n=2 best 1 -> on   run4 0.71 n=3 best 1 -> stop (2nd)
  //   run6 0.80 n=4 best 2 -> on (1st)   run8 0.75 n=5 best 2 -> on (2nd)
  CHECK_FALSE(asha.should_stop(run(1), 3, 0.70));
  CHECK_FALSE(asha.should_stop(run(2), 3, 0.72));
  CHECK(asha.should_stop(run(4), 3, 0.71));
  CHECK_FALSE(asha.should_stop(run(6), 3, 0.80));
  CHECK_FALSE(asha.should_stop(run(8), 3, 0.75));
  CHECK(asha.stopped_at(run(4)) == 3);
  CHECK(asha.stopped_at(run(3)) == 1);
  CHECK_FALSE(asha.stopped_at(run(8)).has_value());
}

TEST_CASE("asha: a resumed run that replays its epochs gets the same answers, and a stopped run stays stopped") {
  AshaScheduler asha(AshaOptions{"val_auc", true, {1, 3}, 0.5});
  CHECK_FALSE(asha.should_stop("a", 1, 0.9));
  CHECK(asha.should_stop("b", 1, 0.1));      // n=2, best 1: b is second
  CHECK_FALSE(asha.should_stop("a", 1, 0.0)); // replay: the first answer stands, the new value is ignored
  CHECK(asha.should_stop("b", 1, 0.99));
  CHECK(asha.recorded_at(1) == std::vector<double>{0.9, 0.1});
  CHECK(asha.should_stop("b", 2, 0.99));     // after its stop, every later epoch says stop
  CHECK_FALSE(asha.should_stop("a", 2, 0.5));
}

TEST_CASE("asha: a loss is minimised, ties continue together, and a value that is not finite ranks last") {
  AshaScheduler asha(AshaOptions{"val_loss", false, {2}, 1.0 / 3.0});
  CHECK_FALSE(asha.should_stop("a", 2, 0.30));
  CHECK_FALSE(asha.should_stop("b", 2, 0.20));  // smaller loss: best of 2
  CHECK(asha.should_stop("c", 2, 0.25));        // n=3, best 1: b
  CHECK_FALSE(asha.should_stop("d", 2, 0.20));  // n=4, best 2: ties with b
  CHECK(asha.should_stop("e", 2, std::nan("")));
  CHECK(asha.should_stop("f", 2, std::numeric_limits<double>::infinity()));
  CHECK_FALSE(asha.should_stop("g", 1, 100.0));  // epoch 1 is before the first rung
}

TEST_CASE("asha: rungs that do not increase or a keep outside (0, 1) are bad input") {
  REQUIRE_THROWS_WITH(AshaScheduler(AshaOptions{"val_auc", true, {1, 3, 3}, 0.5}),
                      "sweep.rungs: expected increasing epochs >= 1 such as [1, 3, 9], got rung 3 at position 3");
  REQUIRE_THROWS_WITH(AshaScheduler(AshaOptions{"val_auc", true, {}, 0.5}),
                      Catch::Matchers::StartsWith("sweep.rungs: ASHA needs at least one rung"));
  REQUIRE_THROWS_AS(AshaScheduler(AshaOptions{"val_auc", true, {1}, 1.0}), jetstudy::core::InputError);
}
