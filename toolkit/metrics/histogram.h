// Weighted histograms with explicit bin edges, and the Jensen-Shannon divergence between two of them (the
// sculpting measure of the decorrelation studies: DisCo, arXiv:2001.05310, reports 1/JSD).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace jetstudy::metrics {

// `bins` equal-width bins from low to high: bins + 1 edges. Throws core::InputError unless bins >= 1 and
// low < high (both finite).
std::vector<double> uniform_edges(std::size_t bins, double low, double high);

// Throws core::InputError unless `edges` has at least two finite, strictly increasing values; `what` names the
// binning in the message (e.g. "pt bins").
void check_edges(const std::vector<double>& edges, const std::string& what);

// The bin of `value`: bin i holds [edges[i], edges[i+1]), the last bin also its upper edge (as numpy);
// nothing for a value outside [edges.front(), edges.back()] or NaN.
std::optional<std::size_t> bin_index(const std::vector<double>& edges, double value);

// The histogram divided by its sum (a probability per bin); all zeros stay zeros.
std::vector<double> normalised(const std::vector<double>& counts);

// Jensen-Shannon divergence of two normalised histograms with the same bins, with base-2 logarithms, so it lies
// in [0, 1]: 0 for identical distributions, 1 for distributions without common bins.
//   JSD(P, Q) = KL(P || M) / 2 + KL(Q || M) / 2,   M = (P + Q) / 2,   0 log 0 = 0.
double jensen_shannon_divergence(const std::vector<double>& p, const std::vector<double>& q);

}  // namespace jetstudy::metrics
