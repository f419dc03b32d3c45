// See plot.h.
#include "toolkit/report/plot/plot.h"

#include <fmt/format.h>

#include <atomic>
#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/report/plot/gnuplot.h"
#include "toolkit/report/plot/inline_svg.h"

namespace jetstudy::report::plot {
namespace {

// An id prefix from the caller's choice, reduced to characters valid in both XML ids and gnuplot names.
std::string plot_id(const std::string& requested) {
  static std::atomic<unsigned> next{0};
  if (requested.empty()) return fmt::format("jsplot{}", next++);
  std::string id;
  for (const char c : requested) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    id += ok ? c : '_';
  }
  if (id[0] >= '0' && id[0] <= '9') id.insert(0, "p");
  return id;
}

std::string key_command(KeyPosition key) {
  switch (key) {
    case KeyPosition::top_right: return "set key top right noenhanced";
    case KeyPosition::top_left: return "set key top left noenhanced";
    case KeyPosition::bottom_left: return "set key bottom left noenhanced";
    case KeyPosition::bottom_right: return "set key bottom right noenhanced";
    case KeyPosition::outside_right: return "set key outside right top noenhanced";
    case KeyPosition::none: return "unset key";
  }
  return "unset key";
}

}  // namespace

std::string tick_command(const std::string& axis, const std::vector<TickLabel>& ticks) {
  if (ticks.empty()) return "";
  std::string command = "set " + axis + "tics (";
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    JETSTUDY_CHECK(std::isfinite(ticks[i].position), "tick positions are finite");
    if (i > 0) command += ", ";
    command += gnuplot_quote(ticks[i].text) + " " + gnuplot_number(ticks[i].position);
  }
  return command + ")";
}

std::string title_clause(const std::string& name) {
  if (name.empty()) return "notitle";
  return "title " + gnuplot_quote(name);
}

PlotScript::PlotScript(const PlotOptions& options) : options_(options), id_(plot_id(options.id)) {
  JETSTUDY_CHECK(options.width_px > 0 && options.height_px > 0, "a figure has a positive size");
  add(fmt::format("set terminal svg size {},{} fixed noenhanced font 'sans,11' name '{}' background '#ffffff'",
                  options.width_px, options.height_px, id_));
  add("set encoding utf8");
  if (!options.title.empty()) add("set title " + gnuplot_quote(options.title));
  if (!options.x_label.empty()) add("set xlabel " + gnuplot_quote(options.x_label));
  if (!options.y_label.empty()) add("set ylabel " + gnuplot_quote(options.y_label));
  // Log axes get plain numbers at the decades (0.001, 1000, 1e+06) rather than gnuplot's "0.00100".
  if (options.log_x) add("set logscale x\nset format x '%g'");
  if (options.log_y) add("set logscale y\nset format y '%g'");
  add(key_command(options.key));
  if (!options.x_ticks.empty()) add(tick_command("x", options.x_ticks));
  if (!options.y_ticks.empty()) add(tick_command("y", options.y_ticks));
  add("set grid lc rgb '#dddddd'");
}

std::string PlotScript::add_datablock(const std::vector<std::vector<double>>& rows) {
  const std::string name = fmt::format("$d{}", datablocks_++);
  script_ += name + " << EOD\n";
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) script_ += ' ';
      script_ += std::isfinite(row[i]) ? gnuplot_number(row[i]) : std::string("NaN");
    }
    script_ += '\n';
  }
  script_ += "EOD\n";
  return name;
}

void PlotScript::add(const std::string& command) {
  script_ += command;
  script_ += '\n';
}

void PlotScript::add_empty_plot() {
  add(options_.log_x ? "set xrange [1:10]" : "set xrange [0:1]");
  add(options_.log_y ? "set yrange [1:10]" : "set yrange [0:1]");
  add("set label 'no drawable points' at graph 0.5, graph 0.5 center");
  add("plot NaN notitle");
}

bool PlotScript::drawable(double x, double y) const {
  if (!std::isfinite(x) || !std::isfinite(y)) return false;
  if (options_.log_x && x <= 0) return false;
  if (options_.log_y && y <= 0) return false;
  return true;
}

Plot PlotScript::render() const {
  Plot figure;
  figure.svg = inline_svg(run_gnuplot(script_, options_.gnuplot), id_);
  figure.dropped_points = dropped_;
  return figure;
}

}  // namespace jetstudy::report::plot
