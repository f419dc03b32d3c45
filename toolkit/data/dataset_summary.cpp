#include "toolkit/data/dataset_summary.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace jetstudy::data {
namespace {

nlohmann::json quantiles_of(const std::vector<float>& values) {
  return {{"q10", quantile(values, 0.1)}, {"q50", quantile(values, 0.5)}, {"q90", quantile(values, 0.9)}};
}

}  // namespace

double quantile(std::vector<float> values, double q) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const double position = q * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const auto above = std::min(below + 1, values.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return values[below] + fraction * (static_cast<double>(values[above]) - values[below]);
}

nlohmann::json summarize_splits(const std::vector<std::string>& classes, const std::vector<NamedSplit>& splits) {
  nlohmann::json summary = {
      {"classes", classes}, {"splits", nlohmann::json::object()}, {"observables", nlohmann::json::object()}};
  std::map<std::string, std::vector<float>> all, signal, background;
  for (const auto& [name, split] : splits) {
    const auto signal_jets = std::count(split->labels.begin(), split->labels.end(), 1.0f);
    std::vector<std::int64_t> per_class(classes.size(), 0);
    for (const float label : split->labels) ++per_class[static_cast<std::size_t>(label)];
    summary["splits"][name] = {{"jets", split->size},
                               {"per_class", per_class},
                               {"signal", signal_jets},
                               {"background", split->size - signal_jets},
                               {"signal_fraction", split->size > 0 ? static_cast<double>(signal_jets) / split->size : 0.0}};
    for (const auto& [observer, values] : split->observers) {
      for (std::size_t i = 0; i < values.size(); ++i) {
        all[observer].push_back(values[i]);
        (split->labels[i] > 0.5f ? signal : background)[observer].push_back(values[i]);
      }
    }
  }
  for (const auto& [observer, values] : all)
    summary["observables"][observer] = {
        {"all", quantiles_of(values)}, {"signal", quantiles_of(signal[observer])}, {"background", quantiles_of(background[observer])}};
  return summary;
}

nlohmann::json summarize_dataset(const JetDataset& dataset) {
  nlohmann::json summary = summarize_splits(
      dataset.classes, {{"train", &dataset.train}, {"val", &dataset.val}, {"test", &dataset.test}});
  summary["kind"] = "jetstudy dataset";
  summary["hash"] = dataset.hash;
  summary["image_shape"] = {dataset.shape.channels, dataset.shape.height, dataset.shape.width};
  if (dataset.event_shape.channels > 0)
    summary["event_image_shape"] = {dataset.event_shape.channels, dataset.event_shape.height, dataset.event_shape.width};
  return summary;
}

}  // namespace jetstudy::data
