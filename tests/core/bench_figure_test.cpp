#include "toolkit/core/bench_figure.h"

#include <catch2/catch.hpp>

using namespace jetstudy::core;

TEST_CASE("bench_figure: the summary line has the form the CLI contract fixes") {
  const BenchFigure clustering{"cluster+trim+substructure", 7012.4, "jets/s", "plain FastJet anti-kT loop", 6740, 0.8};
  CHECK(bench_summary_line("events", clustering) ==
        "bench events: cluster+trim+substructure 7012 jets/s (1.04x vs plain FastJet anti-kT loop)");
  CHECK(clustering.meets_goal());
  const BenchFigure generation{"generation top", 34000, "events/s", "target", 5000, 1.0};
  CHECK(bench_summary_line("events", generation) == "bench events: generation top 34000 events/s (6.80x vs target 5000)");
}

TEST_CASE("bench_figure: JSON carries the ratio and whether the goal is met") {
  const BenchFigure slow{"read", 100, "jets/s", "target", 200, 1.0};
  const auto json = bench_json("events", {slow});
  CHECK(json["suite"] == "events");
  CHECK(json["figures"][0]["ratio"] == 0.5);
  CHECK(json["figures"][0]["meets_goal"] == false);
}
