#include "experiments/interpretability.h"

#include <algorithm>
#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/metrics/beyond_observables.h"
#include "toolkit/metrics/calibration.h"
#include "toolkit/metrics/image_maps.h"
#include "toolkit/metrics/network_probes.h"
#include "toolkit/metrics/pt_bins.h"
#include "toolkit/metrics/roc.h"

namespace jetstudy::experiments {
namespace {

// NaN and infinities become null in JSON.
nlohmann::json finite_or_null(double value) { return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(); }

// `bins` equal-width edges over the central 98 % of the values (so one stray jet does not stretch the range).
std::vector<double> central_edges(std::vector<double> values, int bins) {
  std::sort(values.begin(), values.end());
  const double low = values[static_cast<std::size_t>(0.01 * static_cast<double>(values.size() - 1))];
  const double high = values[static_cast<std::size_t>(0.99 * static_cast<double>(values.size() - 1))];
  std::vector<double> edges;
  for (int i = 0; i <= bins; ++i) edges.push_back(low + (high - low) * i / bins);
  return edges;
}

void add_image_maps(const PreparedData& data, models::NetworkImpl& network, const std::vector<double>& scores,
                    const std::vector<double>& labels, store::RunOutcome& outcome) {
  const auto& shape = data.dataset.shape;
  const metrics::ImageLayout layout{shape.channels, shape.height, shape.width};
  const auto maps = metrics::image_maps(data.dataset.test.images, layout, scores, labels,
                                        std::max<std::size_t>(1, scores.size() / 20));
  outcome.curves.push_back({"image_maps",
                            {{"channels", shape.channels}, {"height", shape.height}, {"width", shape.width},
                             {"signal_mean", maps.signal_mean}, {"background_mean", maps.background_mean},
                             {"difference", maps.difference}, {"correlation", maps.correlation},
                             {"extreme_jets", maps.extreme_jets}, {"most_signal_like", maps.most_signal_like},
                             {"most_background_like", maps.most_background_like}}});
  // Convolutional networks: their first-layer filters and what each makes of the difference image.
  try {
    std::string layer;
    const auto filters = metrics::first_layer_filters(network, &layer);
    const auto convolved = metrics::convolved_difference(network, maps.difference, layout);
    outcome.curves.push_back({"filters",
                              {{"layer", layer}, {"shape", filters.shape}, {"weights", filters.values},
                               {"convolved_difference_shape", convolved.shape},
                               {"convolved_difference", convolved.values}}});
  } catch (const core::InputError&) {
    // No Conv2d on the jet image (dense, likelihood): nothing to show.
  }
}

void add_calibration(const std::vector<double>& scores, const std::vector<double>& labels,
                     const std::vector<double>& weights, store::RunOutcome& outcome) {
  const auto table = metrics::calibration(scores, labels, weights);
  nlohmann::json bins = nlohmann::json::array();
  for (const auto& bin : table.bins)
    bins.push_back({{"low", bin.low}, {"high", bin.high}, {"weight", bin.weight}, {"mean_score", bin.mean_score},
                    {"signal_fraction", bin.signal_fraction}});
  outcome.curves.push_back({"calibration", {{"bins", bins}, {"ece", table.ece}}});
  outcome.metrics.push_back({"test", "ece", table.ece, std::nullopt});
}

void add_pt_bins(const std::vector<double>& scores, const std::vector<double>& labels, const std::vector<double>& pt,
                 const std::vector<double>& weights, store::RunOutcome& outcome) {
  nlohmann::json bins = nlohmann::json::array();
  for (const auto& bin : metrics::performance_in_bins(scores, labels, pt, central_edges(pt, 5), weights))
    bins.push_back({{"low", bin.low}, {"high", bin.high}, {"signal_jets", bin.signal_jets},
                    {"background_jets", bin.background_jets}, {"auc", finite_or_null(bin.auc)},
                    {"rejection@0.5", finite_or_null(bin.rejection)}});
  outcome.curves.push_back({"pt_bins", {{"observer", "pt"}, {"bins", bins}}});
}

void add_beyond_observables(const std::vector<double>& scores, const std::vector<double>& labels,
                            const std::map<std::string, std::vector<float>>& observers,
                            const std::vector<double>& weights, store::RunOutcome& outcome) {
  // The N-subjettiness ratio that separates these classes best on its own (tau21 for W, tau32 for top).
  std::string shape_observable;
  double best_separation = -1;
  for (const auto* candidate : {"tau21", "tau32"}) {
    if (!observers.count(candidate)) continue;
    const double separation = std::abs(
        metrics::auc(metrics::roc_curve(to_doubles(observers.at(candidate)), labels, weights)) - 0.5);
    if (separation > best_separation) best_separation = separation, shape_observable = candidate;
  }
  if (!observers.count("mass") || shape_observable.empty()) return;
  const auto mass = to_doubles(observers.at("mass")), shape = to_doubles(observers.at(shape_observable));
  const auto result = metrics::beyond_observables(scores, labels, mass, central_edges(mass, 10), shape,
                                                  central_edges(shape, 10), weights);
  outcome.metrics.push_back({"test", "auc_beyond_mass_" + shape_observable, result.auc_after, std::nullopt});
  outcome.curves.push_back({"beyond_observables",
                            {{"observables", {"mass", shape_observable}}, {"bins", {10, 10}},
                             {"auc_before", result.auc_before}, {"auc_after", result.auc_after},
                             {"jets_outside", result.jets_outside}}});
}

void add_phi_shift(const PreparedData& data, models::NetworkImpl& network, const torch::Device& device,
                   store::RunOutcome& outcome) {
  if (!data.test.event_images.defined()) return;
  const auto width = data.test.event_images.size(3);
  std::vector<std::int64_t> shifts;
  for (std::int64_t s = 0; s < width; s += std::max<std::int64_t>(1, width / 16)) shifts.push_back(s);
  const auto sample = data.test.slice(0, std::min<std::int64_t>(data.test.size(), 512), device);
  const auto outputs = metrics::output_versus_phi_shift(network, sample.network_input(), shifts);
  outcome.curves.push_back({"phi_shift", {{"shift_pixels", shifts}, {"mean_logit", outputs}}});
}

}  // namespace

void add_interpretability(const PreparedData& data, models::NetworkImpl& network, const std::vector<float>& scores,
                          const torch::Device& device, store::RunOutcome& outcome) {
  const auto& test = data.dataset.test;
  const auto score = to_doubles(scores), labels = to_doubles(test.labels), weights = to_doubles(test.weights);
  add_image_maps(data, network, score, labels, outcome);
  add_calibration(score, labels, weights, outcome);
  if (test.observers.count("pt")) add_pt_bins(score, labels, to_doubles(test.observers.at("pt")), weights, outcome);
  add_beyond_observables(score, labels, test.observers, weights, outcome);
  add_phi_shift(data, network, device, outcome);
}

}  // namespace jetstudy::experiments
