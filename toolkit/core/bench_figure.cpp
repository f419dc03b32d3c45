#include "toolkit/core/bench_figure.h"

#include <fmt/format.h>

namespace jetstudy::core {
namespace {

// Rates span 1e2 .. 1e7: whole numbers from 1000 up, four significant figures below.
std::string number(double value) {
  return value >= 1000 || value <= -1000 ? fmt::format("{:.0f}", value) : fmt::format("{:.4g}", value);
}

}  // namespace

std::string bench_summary_line(const std::string& suite, const BenchFigure& figure) {
  const std::string peer =
      figure.peer == "target" ? fmt::format("target {}", number(figure.peer_value)) : figure.peer;
  return fmt::format("bench {}: {} {} {} ({:.2f}x vs {})", suite, figure.what, number(figure.value), figure.unit,
                     figure.ratio(), peer);
}

std::string bench_table(const std::vector<BenchFigure>& figures) {
  std::string table = fmt::format("{:<56} {:>10} {:<11} {:<34} {:>10} {:>7} {:>6}\n", "figure", "value", "unit", "peer",
                                  "peer value", "ratio", "goal");
  for (const auto& figure : figures)
    table += fmt::format("{:<56} {:>10} {:<11} {:<34} {:>10} {:>6.2f}x {:>6}\n", figure.what, number(figure.value),
                         figure.unit, figure.peer, number(figure.peer_value), figure.ratio(),
                         figure.goal_ratio > 0 ? fmt::format("{}{:.2g}x", figure.lower_is_better ? (figure.meets_goal() ? "<=" : ">")
                                                                                               : (figure.meets_goal() ? ">=" : "<"),
                                                          figure.goal_ratio)
                                               : "-");
  return table;
}

nlohmann::json bench_json(const std::string& suite, const std::vector<BenchFigure>& figures) {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& figure : figures)
    entries.push_back({{"what", figure.what},
                       {"value", figure.value},
                       {"unit", figure.unit},
                       {"peer", figure.peer},
                       {"peer_value", figure.peer_value},
                       {"ratio", figure.ratio()},
                       {"goal_ratio", figure.goal_ratio},
                       {"lower_is_better", figure.lower_is_better},
                       {"meets_goal", figure.meets_goal()}});
  return {{"suite", suite}, {"figures", entries}};
}

}  // namespace jetstudy::core
