#include "toolkit/data/build_dataset.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/data/balance.h"
#include "toolkit/data/downsample.h"
#include "toolkit/data/reweight.h"
#include "toolkit/data/shuffle.h"
#include "toolkit/data/source_builds.h"
#include "toolkit/images/image_builder.h"
#include "toolkit/images/standardize.h"

namespace jetstudy::data {
namespace {

constexpr double kDroppedPtWarning = 0.01;  // warn when the extent loses more than 1 % of the jet pT on average
constexpr std::uint64_t kDownsampleSalt = 0x646f776e73616d70ULL;  // "downsamp"

Split* splits_of(JetDataset& dataset, int i) {
  Split* splits[] = {&dataset.train, &dataset.val, &dataset.test};
  return splits[i];
}
constexpr const char* kSplitNames[] = {"train", "val", "test"};

// {"jets", "per_class": [n_0, ..., n_K-1]} plus, for a binary dataset, "signal" and "background".
nlohmann::json split_counts(const Split& split, const std::vector<std::string>& classes) {
  std::vector<std::int64_t> per_class(classes.size(), 0);
  for (const float label : split.labels) ++per_class[static_cast<std::size_t>(label)];
  nlohmann::json counts = {{"jets", split.size}, {"per_class", per_class}};
  if (classes.size() == 2) {
    counts["signal"] = per_class[1];
    counts["background"] = per_class[0];
  }
  return counts;
}

// data.downsample in the train and val splits, with one binning for all splits (the dataset's range of `in`).
void downsample(const DownsampleSpec& spec, JetDataset& dataset) {
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (int i = 0; i < 3; ++i) {
    for (const float value : splits_of(dataset, i)->observers.at(spec.in)) {
      if (!std::isfinite(value)) continue;
      low = std::min(low, static_cast<double>(value));
      high = std::max(high, static_cast<double>(value));
    }
  }
  nlohmann::json dropped = {{"train", 0}, {"val", 0}};
  if (low <= high) {
    const auto classes = static_cast<std::int64_t>(dataset.classes.size());
    for (int i = 0; i < 2; ++i) {  // train and val; the test split keeps its natural distributions
      const std::uint64_t seed = splitmix64(splitmix64(spec.seed ^ kDownsampleSalt) ^ static_cast<std::uint64_t>(i));
      dropped[kSplitNames[i]] = downsample_in_bins(*splits_of(dataset, i), spec.in, low, high, spec.bins, classes, seed);
    }
  }
  dataset.counts["downsample"] = {{"in", spec.in}, {"bins", spec.bins}, {"seed", spec.seed},
                                  {"range", {low <= high ? low : 0.0, low <= high ? high : 0.0}}, {"dropped", dropped}};
}

images::ImageBatch batch_of(Split& split, const ImageShape& shape) {
  return {split.images.data(), split.size, shape.channels, shape.height, shape.width};
}

void reweight(const ReweightSpec& spec, JetDataset& dataset) {
  // One binning for all splits: from the smallest to the largest value anywhere in the dataset.
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (int i = 0; i < 3; ++i) {
    for (const float value : splits_of(dataset, i)->observers.at(spec.in)) {
      low = std::min(low, static_cast<double>(value));
      high = std::max(high, static_cast<double>(value));
    }
  }
  if (!(low <= high)) return;  // no jets at all
  for (int i = 0; i < 3; ++i) {
    Split& split = *splits_of(dataset, i);
    split.weights = flat_weights(split.observers.at(spec.in), split.labels, low, high, spec.bins);
  }
  dataset.counts["reweight"] = {{"to", "flat"}, {"in", spec.in}, {"bins", spec.bins}, {"range", {low, high}}};
}

// Fits each dataset step (normalize standardize) on the training images; standardize_images() applies it.
void fit_dataset_steps(const DatasetSpec& spec, JetDataset& dataset) {
  for (const auto& prototype : spec.images.dataset_steps) {
    auto step = prototype->unfitted_copy();
    const auto* standardize = dynamic_cast<const images::Standardize*>(step.get());
    JETSTUDY_CHECK(standardize != nullptr, "the dataset cache stores the statistics of normalize standardize only");
    JETSTUDY_CHECK(dataset.pixel_mean.empty(), "one normalize standardize per images block");
    step->fit(batch_of(dataset.train, dataset.shape));
    dataset.pixel_mean = standardize->mean();
    dataset.pixel_std = standardize->standard_deviation();
  }
}

void warn_about_losses(const DatasetSpec& spec, const JetDataset& dataset, const ProgressCallback& progress) {
  if (!progress) return;
  const auto tag = "dataset " + spec.hash.substr(0, 12);
  const double dropped = dataset.counts.value("mean_dropped_pt_fraction", 0.0);
  if (dropped > kDroppedPtWarning) {
    const auto& extent = spec.images.extent;
    progress(fmt::format("warning: {}: the image extent eta [{}, {}] x phi [{}, {}] loses {:.1f}% of the jet pT on "
                         "average (jets of R = {}); widen images.extent or zoom out",
                         tag, extent.eta_min, extent.eta_max, extent.phi_min, extent.phi_max, 100 * dropped,
                         spec.jets.R));
  }
  const auto zero_pt = dataset.counts["skipped"].value("zero_pt", std::int64_t{0});
  if (zero_pt > 0) progress(fmt::format("{}: skipped {} jets with zero pT (no image to draw)", tag, zero_pt));
}

}  // namespace

JetDataset build_dataset(const DatasetSpec& spec, const ProgressCallback& progress) {
  const images::ImageBuilder builder(spec.images);
  JetDataset dataset;
  if (const auto* generator = std::get_if<GeneratorSource>(&spec.source)) {
    dataset = build_from_generator(spec, *generator, builder, progress);
  } else if (const auto* toptag = std::get_if<TopTagSource>(&spec.source)) {
    dataset = build_from_toptag(spec, *toptag, builder, progress);
  } else if (const auto* jetimages = std::get_if<JetImagesSource>(&spec.source)) {
    dataset = build_from_jetimages(spec, *jetimages, builder, progress);
  } else if (const auto* objects = std::get_if<ObjectsSource>(&spec.source)) {
    dataset = build_from_objects(spec, *objects, progress);
  } else {
    dataset = build_from_hepmc(spec, std::get<HepMCSource>(spec.source), builder, progress);
  }
  core::throw_if_interrupted();  // Ctrl-C while building: stop before anything is written

  for (int i = 0; i < 3; ++i) {
    Split& split = *splits_of(dataset, i);
    split.weights.assign(static_cast<std::size_t>(split.size), 1.0f);
  }
  const auto classes = static_cast<std::int64_t>(dataset.classes.size());
  if (spec.balance) {
    nlohmann::json dropped;
    for (int i = 0; i < 3; ++i)
      dropped[kSplitNames[i]] = balance_classes(*splits_of(dataset, i), dataset.shape.size(), classes);
    dataset.counts["balance"] = {{"dropped", dropped}};
  }
  if (spec.downsample) downsample(*spec.downsample, dataset);
  if (spec.reweight) reweight(*spec.reweight, dataset);
  for (int i = 0; i < 3; ++i) dataset.counts[kSplitNames[i]] = split_counts(*splits_of(dataset, i), dataset.classes);
  fit_dataset_steps(spec, dataset);
  warn_about_losses(spec, dataset, progress);
  return dataset;
}

void standardize_images(JetDataset& dataset) {
  if (dataset.standardized || dataset.pixel_mean.empty()) return;
  const images::Standardize step(dataset.pixel_mean, dataset.pixel_std);
  for (int i = 0; i < 3; ++i) {
    Split& split = *splits_of(dataset, i);
    // A training split whose images were left in the cache file (TrainImages::leave_in_file) has none here: the
    // loader standardises the images it streams.
    if (split.images.empty()) continue;
    step.apply(batch_of(split, dataset.shape));
  }
  dataset.standardized = true;
}

}  // namespace jetstudy::data
