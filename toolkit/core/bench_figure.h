// A benchmark figure and how `jetstudy bench` reports it (DESIGN.md): every figure is compared with a peer
// measured in the same run (a plain FastJet loop, a numpy pipeline, PyTorch, ...) or, where the issue sets an
// absolute goal and nothing comparable exists, with that target.
//   bench events: cluster+trim+substructure 7012 jets/s (1.04x vs plain FastJet anti-kT loop)
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace jetstudy::core {

struct BenchFigure {
  std::string what;   // "cluster+trim+substructure"
  double value = 0;   // in `unit`, higher is better unless lower_is_better
  std::string unit;   // "jets/s"
  std::string peer;   // "plain FastJet anti-kT loop" or "target" (an absolute goal)
  double peer_value = 0;
  double goal_ratio = 0;  // the ratio the issue asks for (0 = none); reported, never enforced here
  bool lower_is_better = false;  // memory, time: the goal is ratio <= goal_ratio

  double ratio() const { return peer_value > 0 ? value / peer_value : 0; }
  bool meets_goal() const {
    return goal_ratio <= 0 || (lower_is_better ? ratio() <= goal_ratio : ratio() >= goal_ratio);
  }
};

// "bench <suite>: <what> <value> <unit> (<ratio>x vs <peer>)"
std::string bench_summary_line(const std::string& suite, const BenchFigure& figure);

// A table: what, value, unit, peer, peer value, ratio, goal.
std::string bench_table(const std::vector<BenchFigure>& figures);

nlohmann::json bench_json(const std::string& suite, const std::vector<BenchFigure>& figures);

}  // namespace jetstudy::core
