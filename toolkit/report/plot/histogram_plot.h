// Step histograms drawn as outlines, overlaid: the background jet mass before and after a cut on the tagger
// output (mass sculpting, arXiv:2001.05310), generated against real distributions for GANs.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "toolkit/report/plot/plot.h"

namespace jetstudy::report::plot {

// counts[i] entries between edges[i] and edges[i+1] (edges increasing, one more than counts).
struct Histogram {
  std::string name;
  std::vector<double> edges;
  std::vector<double> counts;
  double underflow = 0;         // below edges.front()
  double overflow = 0;          // at or above edges.back()
  std::size_t non_finite = 0;   // NaN/inf values that could not be filled
};

// `values` (optionally weighted; weights empty or one per value) in `bins` equal bins over [low, high).
Histogram fill_histogram(std::string name, const std::vector<double>& values, int bins, double low, double high,
                         const std::vector<double>& weights = {});

// The histogram divided by its total times the bin width, so that it integrates to 1 (an empty histogram is
// returned unchanged).
Histogram normalised(const Histogram& histogram);

struct HistogramOptions : PlotOptions {
  bool normalise = false;  // draw each histogram with unit area (compare shapes, not yields)
};

// The histograms as step outlines, histogram i in colour i. Non-finite counts are drawn as 0 and counted as
// dropped. On a log y axis empty bins are drawn at the floor of the axis (a tenth of the smallest positive
// count).
Plot histogram_plot(const std::vector<Histogram>& histograms, const HistogramOptions& options);

}  // namespace jetstudy::report::plot
