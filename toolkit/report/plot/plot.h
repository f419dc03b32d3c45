// One plot of a report: the options every plot shares (title, axis labels, log axes, size), the result (inline
// SVG plus how many points could not be drawn), and PlotScript, which writes the gnuplot script that the
// plot primitives (line_plot.h, error_bar_plot.h, histogram_plot.h, scatter_plot.h, heatmap_plot.h) fill in.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace jetstudy::report::plot {

// A tick at `position` labelled `text` (e.g. a categorical hyperparameter, or variable names on a
// correlation map).
struct TickLabel {
  double position = 0;
  std::string text;
};

enum class KeyPosition { top_right, top_left, bottom_left, bottom_right, outside_right, none };

struct PlotOptions {
  std::string title;
  std::string x_label;
  std::string y_label;
  bool log_x = false;
  bool log_y = false;
  int width_px = 640;
  int height_px = 420;
  KeyPosition key = KeyPosition::top_right;
  std::vector<TickLabel> x_ticks;  // empty: gnuplot's automatic ticks
  std::vector<TickLabel> y_ticks;
  std::string id;                  // the SVG's id prefix; empty: "jsplot<N>", unique in this process
  std::string gnuplot = "gnuplot"; // the program, found on PATH
};

// A named curve: y against x, in the order given.
struct Series {
  std::string name;
  std::vector<double> x;
  std::vector<double> y;
};

struct Plot {
  std::string svg;                  // "<svg ...>...</svg>", ready to inline in HTML
  std::size_t dropped_points = 0;   // points left out: NaN/inf, or <= 0 on a log axis
};

// Writes one gnuplot script: the terminal and common settings from PlotOptions, datablocks of numbers,
// then the plot commands the primitive appends; render() runs gnuplot and inlines the SVG.
class PlotScript {
 public:
  explicit PlotScript(const PlotOptions& options);

  // Adds a datablock of rows of numbers and returns its name ($d0, $d1, ...). A non-finite number is
  // written as NaN, which gnuplot treats as a missing value (a blank heatmap cell).
  std::string add_datablock(const std::vector<std::vector<double>>& rows);
  // Appends one line of gnuplot commands.
  void add(const std::string& command);
  // Counts points the primitive could not draw; they end up in Plot::dropped_points.
  void count_dropped(std::size_t points) { dropped_ += points; }

  // Draws empty axes with a "no drawable points" note, for a figure whose every point was dropped
  // (gnuplot refuses to plot nothing).
  void add_empty_plot();

  // Whether (x, y) can be drawn on these axes: finite, and positive where the axis is logarithmic.
  bool drawable(double x, double y) const;

  const std::string& id() const { return id_; }
  const PlotOptions& options() const { return options_; }
  const std::string& script() const { return script_; }
  Plot render() const;

 private:
  PlotOptions options_;
  std::string id_;
  std::string script_;
  int datablocks_ = 0;
  std::size_t dropped_ = 0;
};

// "set xtics (...)" for custom ticks on `axis` ("x", "y", "cb"); empty string when there are none.
std::string tick_command(const std::string& axis, const std::vector<TickLabel>& ticks);

// The gnuplot "title '...'" clause for a series name, or "notitle" when the name is empty.
std::string title_clause(const std::string& name);

}  // namespace jetstudy::report::plot
