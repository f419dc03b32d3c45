#include "toolkit/metrics/histogram.h"

#include <algorithm>
#include <cmath>

#include "toolkit/core/error.h"

namespace jetstudy::metrics {

std::vector<double> uniform_edges(std::size_t bins, double low, double high) {
  if (bins == 0) throw core::InputError("histogram: needs at least one bin");
  if (!(std::isfinite(low) && std::isfinite(high) && low < high)) {
    throw core::InputError("histogram: the range must be finite with low < high, got [" + std::to_string(low) + ", " +
                           std::to_string(high) + "]");
  }
  std::vector<double> edges(bins + 1);
  for (std::size_t i = 0; i <= bins; ++i) {
    edges[i] = low + (high - low) * static_cast<double>(i) / static_cast<double>(bins);
  }
  edges.back() = high;
  return edges;
}

void check_edges(const std::vector<double>& edges, const std::string& what) {
  if (edges.size() < 2) {
    throw core::InputError(what + ": needs at least two bin edges, got " + std::to_string(edges.size()));
  }
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (!std::isfinite(edges[i])) throw core::InputError(what + ": bin edge " + std::to_string(i) + " is not finite");
    if (i > 0 && !(edges[i] > edges[i - 1])) {
      throw core::InputError(what + ": bin edges must increase strictly; edge " + std::to_string(i) + " (" +
                             std::to_string(edges[i]) + ") is not above edge " + std::to_string(i - 1) + " (" +
                             std::to_string(edges[i - 1]) + ")");
    }
  }
}

std::optional<std::size_t> bin_index(const std::vector<double>& edges, double value) {
  if (std::isnan(value) || value < edges.front() || value > edges.back()) return std::nullopt;
  if (value == edges.back()) return edges.size() - 2;
  const auto above = std::upper_bound(edges.begin(), edges.end(), value);  // first edge > value
  return static_cast<std::size_t>(above - edges.begin()) - 1;
}

std::vector<double> normalised(const std::vector<double>& counts) {
  double total = 0;
  for (const double count : counts) total += count;
  if (!(total > 0)) return counts;
  std::vector<double> fractions(counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) fractions[i] = counts[i] / total;
  return fractions;
}

double jensen_shannon_divergence(const std::vector<double>& p, const std::vector<double>& q) {
  JETSTUDY_CHECK(p.size() == q.size(), "the two histograms of a JSD must have the same bins");
  // p log2(p / m) with 0 log 0 = 0; m > 0 wherever p > 0.
  auto term = [](double a, double m) { return a > 0 ? a * std::log2(a / m) : 0.0; };
  double divergence = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double m = (p[i] + q[i]) / 2;
    divergence += (term(p[i], m) + term(q[i], m)) / 2;
  }
  return std::clamp(divergence, 0.0, 1.0);  // rounding can step a hair outside
}

}  // namespace jetstudy::metrics
