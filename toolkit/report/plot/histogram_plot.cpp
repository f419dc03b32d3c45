// See histogram_plot.h. The outline is drawn point by point -- (e0, floor), (e0, c0), (e1, c0), (e1, c1),
// ..., (en, floor), repeated vertices left out -- so that every bin is exactly as wide as its edges say,
// whatever gnuplot's step styles do.
#include "toolkit/report/plot/histogram_plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "toolkit/core/error.h"
#include "toolkit/report/plot/gnuplot.h"

namespace jetstudy::report::plot {
namespace {

void check_shape(const Histogram& histogram) {
  JETSTUDY_CHECK(histogram.edges.size() == histogram.counts.size() + 1,
                 fmt::format("histogram '{}' needs one more edge than bins", histogram.name));
  for (std::size_t i = 1; i < histogram.edges.size(); ++i) {
    JETSTUDY_CHECK(histogram.edges[i] > histogram.edges[i - 1],
                   fmt::format("histogram '{}' needs increasing edges", histogram.name));
  }
}

// Appends (x, y) to the outline unless it repeats the last vertex (equal neighbouring bins, empty bins).
void add_vertex(std::vector<std::vector<double>>& outline, double x, double y) {
  if (!outline.empty() && outline.back()[0] == x && outline.back()[1] == y) return;
  outline.push_back({x, y});
}

}  // namespace

Histogram fill_histogram(std::string name, const std::vector<double>& values, int bins, double low, double high,
                         const std::vector<double>& weights) {
  JETSTUDY_CHECK(bins > 0 && high > low, "a histogram needs bins > 0 and high > low");
  JETSTUDY_CHECK(weights.empty() || weights.size() == values.size(), "one weight per value, or none");
  Histogram histogram;
  histogram.name = std::move(name);
  histogram.counts.assign(static_cast<std::size_t>(bins), 0.0);
  const double width = (high - low) / bins;
  for (int i = 0; i <= bins; ++i) histogram.edges.push_back(low + i * width);
  for (std::size_t k = 0; k < values.size(); ++k) {
    const double weight = weights.empty() ? 1.0 : weights[k];
    const double value = values[k];
    if (!std::isfinite(value) || !std::isfinite(weight)) {
      ++histogram.non_finite;
    } else if (value < low) {
      histogram.underflow += weight;
    } else if (value >= high) {
      histogram.overflow += weight;
    } else {
      const auto bin = std::min(static_cast<std::size_t>((value - low) / width), histogram.counts.size() - 1);
      histogram.counts[bin] += weight;
    }
  }
  return histogram;
}

Histogram normalised(const Histogram& histogram) {
  check_shape(histogram);
  double total = 0;
  for (const double count : histogram.counts) {
    if (std::isfinite(count)) total += count;
  }
  if (total == 0) return histogram;
  Histogram unit = histogram;
  for (std::size_t i = 0; i < unit.counts.size(); ++i) {
    unit.counts[i] /= total * (unit.edges[i + 1] - unit.edges[i]);
  }
  return unit;
}

Plot histogram_plot(const std::vector<Histogram>& histograms, const HistogramOptions& options) {
  PlotScript script(options);
  std::vector<Histogram> drawn;
  for (const auto& histogram : histograms) {
    check_shape(histogram);
    drawn.push_back(options.normalise ? normalised(histogram) : histogram);
  }

  // On a log axis the outline starts and ends (and empty bins sit) at a floor below the smallest count.
  double floor = 0;
  if (options.log_y) {
    double smallest = std::numeric_limits<double>::infinity();
    for (const auto& histogram : drawn) {
      for (const double count : histogram.counts) {
        if (std::isfinite(count) && count > 0) smallest = std::min(smallest, count);
      }
    }
    floor = std::isfinite(smallest) ? smallest / 10 : 1;
    script.add(fmt::format("set yrange [{}:*]", gnuplot_number(floor)));
  }

  std::vector<std::string> clauses;
  for (std::size_t i = 0; i < drawn.size(); ++i) {
    const Histogram& histogram = drawn[i];
    if (histogram.counts.empty()) continue;
    std::vector<std::vector<double>> rows;
    rows.push_back({histogram.edges.front(), floor});
    for (std::size_t bin = 0; bin < histogram.counts.size(); ++bin) {
      double height = histogram.counts[bin];
      if (!std::isfinite(height)) {
        script.count_dropped(1);
        height = 0;
      }
      height = std::max(height, floor);
      add_vertex(rows, histogram.edges[bin], height);
      add_vertex(rows, histogram.edges[bin + 1], height);
    }
    add_vertex(rows, histogram.edges.back(), floor);
    bool x_drawable = true;
    for (const auto& row : rows) x_drawable = x_drawable && std::isfinite(row[0]) && (!options.log_x || row[0] > 0);
    if (!x_drawable) {
      script.count_dropped(histogram.counts.size());
      continue;
    }
    const std::string block = script.add_datablock(rows);
    clauses.push_back(fmt::format("{} using 1:2 with lines lw 1.5 lt {} {}", block, i + 1, title_clause(histogram.name)));
  }
  if (clauses.empty()) {
    script.add_empty_plot();
    return script.render();
  }
  std::string plot = "plot ";
  for (std::size_t i = 0; i < clauses.size(); ++i) plot += (i > 0 ? ", \\\n     " : "") + clauses[i];
  script.add(plot);
  return script.render();
}

}  // namespace jetstudy::report::plot
