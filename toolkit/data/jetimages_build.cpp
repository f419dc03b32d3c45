// A dataset from the jet-images file of pre-made images ("Jet-Images -- Deep Learning Edition", de Oliveira et
// al., arXiv:1511.05190): no clustering, no pixelisation. Each row's image, label (`signal`) and observers go
// straight into a pool (rows drawn at random when data.source.jets asks for fewer than the file holds, and
// data.select applied to the file's jet_pt, jet_mass and jet_eta), which is shuffled with the source seed and
// split by fraction. Of the image steps only normalize is applied: center, rotate and flip were done by the
// authors (dataset_spec.cpp refuses the steps that cannot apply).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/data/hdf5_lock.h"
#include "toolkit/data/shuffle.h"
#include "toolkit/data/source_builds.h"
#include "toolkit/events/jetimages_reader.h"
#include "toolkit/images/jet_frame.h"
#include "toolkit/images/normalize.h"

namespace jetstudy::data {
namespace {

constexpr std::uint64_t kDrawSalt = 0x64726177ULL;     // "draw"
constexpr std::uint64_t kSplitSalt = 0x73706c6974ULL;  // "split"
constexpr std::size_t kRowsPerChunk = 4096;

// Which rows of the file the dataset may use: all, or `jets` of them drawn at random with the seed.
std::vector<bool> drawn_rows(std::uint64_t rows, const JetImagesSource& source) {
  if (!source.jets || static_cast<std::uint64_t>(*source.jets) >= rows) return std::vector<bool>(rows, true);
  std::vector<bool> drawn(rows, false);
  const auto order = shuffled_order(static_cast<std::int64_t>(rows), splitmix64(source.seed ^ kDrawSalt));
  for (std::int64_t k = 0; k < *source.jets; ++k) drawn[static_cast<std::size_t>(order[static_cast<std::size_t>(k)])] = true;
  return drawn;
}

// The file's key for each requested observer; throws core::InputError naming the file and what it has.
std::vector<std::string> observer_keys(const DatasetSpec& spec, const JetImagesSource& source,
                                       const std::vector<std::string>& in_file) {
  std::vector<std::string> keys;
  for (const auto& name : spec.observers) {
    const auto key = jetimages_key(name);
    if (std::find(in_file.begin(), in_file.end(), key) == in_file.end()) {
      std::string has;
      for (const auto& present : in_file) has += (has.empty() ? "" : ", ") + present;
      throw core::InputError(fmt::format("{}: data.observers asks for '{}' (key '{}'), which the jet-images file "
                                         "does not have (it has {}; mass, pt, eta, phi, tau21 are jet_mass, jet_pt, "
                                         "jet_eta, jet_phi, tau_21)",
                                         source.file.string(), name, key, has));
    }
    keys.push_back(key);
  }
  return keys;
}

bool passes(const Selection& select, float pt, float mass, float eta) {
  if (select.pt_gev && !select.pt_gev->contains(pt)) return false;
  if (select.mass_gev && !select.mass_gev->contains(mass)) return false;
  return !select.eta || select.eta->contains(eta);
}

nlohmann::json tally_json(std::int64_t rows, std::int64_t kept) {
  return {{"events", rows}, {"jets", kept}, {"efficiency", rows > 0 ? static_cast<double>(kept) / rows : 0.0}};
}

}  // namespace

JetDataset build_from_jetimages(const DatasetSpec& spec, const JetImagesSource& source,
                                const images::ImageBuilder& builder, const ProgressCallback& progress) {
  auto lock = lock_hdf5();
  events::JetImagesReader reader(source.file, kRowsPerChunk);
  const auto height = static_cast<std::int64_t>(reader.height()), width = static_cast<std::int64_t>(reader.width());
  if (builder.height() != height || builder.width() != width) {
    throw core::InputError(fmt::format("images.size: [{}, {}] does not match the pre-made images of {}, which are "
                                       "{} x {} pixels: use images.size: [{}, {}]",
                                       builder.height(), builder.width(), source.file.string(), height, width, height,
                                       width));
  }
  const auto keys = observer_keys(spec, source, reader.observer_names());
  const auto drawn = drawn_rows(reader.size(), source);

  std::vector<std::string> skipped;
  for (const auto& step : spec.images.constituent_steps) skipped.push_back(step->description());
  std::vector<const images::Normalize*> normalizations;
  for (const auto& step : spec.images.image_steps) {
    if (const auto* normalize = dynamic_cast<const images::Normalize*>(step.get())) {
      normalizations.push_back(normalize);
    } else {
      skipped.push_back(step->description());
    }
  }
  if (progress && !skipped.empty()) {
    std::string steps;
    for (const auto& step : skipped) steps += (steps.empty() ? "" : ", ") + step;
    progress(fmt::format("dataset {}: images.steps {} do not apply to the pre-made images of {} (the authors "
                         "centred, rotated and flipped them): skipped",
                         spec.hash.substr(0, 12), steps, source.file.string()));
  }

  JetDataset dataset;
  dataset.hash = spec.hash;
  dataset.shape = {1, height, width};
  const auto image_size = static_cast<std::size_t>(dataset.shape.size());
  Split pool;
  for (const auto& name : spec.observers) pool.observers[name];
  std::int64_t rows[2] = {0, 0}, kept[2] = {0, 0}, failed_selection = 0;
  const images::JetFrame no_frame;  // normalize needs no frame
  while (const auto batch = reader.next_chunk()) {
    core::throw_if_interrupted();
    for (std::size_t i = 0; i < batch->size(); ++i) {
      if (!drawn[batch->first + i]) continue;
      const int label = batch->labels[i] > 0.5f ? 1 : 0;
      ++rows[label];
      if (!passes(spec.select, batch->observers.at("jet_pt")[i], batch->observers.at("jet_mass")[i],
                  batch->observers.at("jet_eta")[i])) {
        ++failed_selection;
        continue;
      }
      ++kept[label];
      const auto first = batch->images.begin() + static_cast<std::ptrdiff_t>(i * image_size);
      pool.images.insert(pool.images.end(), first, first + static_cast<std::ptrdiff_t>(image_size));
      images::ImageView view{pool.images.data() + pool.images.size() - image_size, 1, height, width,
                             spec.images.extent};
      for (const auto* normalize : normalizations) normalize->apply(view, no_frame);
      pool.labels.push_back(static_cast<float>(label));
      for (std::size_t o = 0; o < keys.size(); ++o) pool.observers[spec.observers[o]].push_back(batch->observers.at(keys[o])[i]);
      ++pool.size;
    }
    if (progress) {
      progress(fmt::format("dataset {}: {}: {} of {} rows read, {} jets kept", spec.hash.substr(0, 12),
                           source.file.filename().string(), batch->first + batch->size(), reader.size(), pool.size));
    }
  }
  lock.unlock();

  dataset.counts["selection"] = {{"signal", tally_json(rows[1], kept[1])},
                                 {"background", tally_json(rows[0], kept[0])}};
  dataset.counts["skipped"] = {{"zero_pt", 0}, {"no_jet", 0}, {"failed_selection", failed_selection}};
  dataset.counts["mean_dropped_pt_fraction"] = 0.0;

  // Shuffle (seeded by the source seed), then cut by the split fractions: train and val rounded, test the rest.
  const std::int64_t total = pool.size;
  const auto order = shuffled_order(total, splitmix64(source.seed ^ kSplitSalt));
  const std::int64_t train = std::llround(static_cast<double>(total) * spec.split.train);
  const std::int64_t val =
      std::min(total - train, static_cast<std::int64_t>(std::llround(static_cast<double>(total) * spec.split.val)));
  for (Split* split : {&dataset.train, &dataset.val, &dataset.test}) {
    for (const auto& name : spec.observers) split->observers[name];  // present even when the split is empty
  }
  for (std::int64_t position = 0; position < total; ++position) {
    Split& split = position < train ? dataset.train : position < train + val ? dataset.val : dataset.test;
    const auto row = static_cast<std::size_t>(order[static_cast<std::size_t>(position)]);
    split.images.insert(split.images.end(), pool.images.begin() + static_cast<std::ptrdiff_t>(row * image_size),
                        pool.images.begin() + static_cast<std::ptrdiff_t>((row + 1) * image_size));
    split.labels.push_back(pool.labels[row]);
    for (const auto& [name, values] : pool.observers) split.observers[name].push_back(values[row]);
    ++split.size;
  }
  return dataset;
}

}  // namespace jetstudy::data
