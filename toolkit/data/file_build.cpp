// Datasets from event files: the top-tagging benchmark (its own train / val / test) and HepMC signal and
// background files (shuffled, then split by fraction). Events are read in blocks on the calling thread;
// clustering and imaging of a block run in parallel (TBB), and kept jets are appended in file order, so the
// dataset does not depend on the number of threads.
#include <tbb/parallel_for.h>

#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <optional>

#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/data/observer.h"
#include "toolkit/data/shuffle.h"
#include "toolkit/data/source_builds.h"
#include "toolkit/events/event_source.h"
#include "toolkit/events/pileup_overlay.h"
#include "toolkit/events/toptag_reader.h"
#include "toolkit/images/event_image.h"
#include "toolkit/jets/jet_finder.h"

namespace jetstudy::data {
namespace {

constexpr std::size_t kEventsPerBlock = 512;
constexpr std::uint64_t kSplitSalt = 0x73706c6974ULL;  // "split"

// What became of the events of one class.
struct Tally {
  std::int64_t events = 0, kept = 0, no_jet = 0, zero_pt = 0, failed_selection = 0;
  double dropped_pt_sum = 0;
};

// Clusters, selects and images blocks of events, appending the kept jets to a split in input order.
class BlockImager {
 public:
  BlockImager(const DatasetSpec& spec, const images::ImageBuilder& builder)
      : spec_(spec), builder_(builder), finder_(spec.jets) {
    for (const auto& name : spec.observers) observers_.push_back(&find_observer(name));
    if (spec.event_images) event_builder_.emplace(*spec.event_images);
  }

  // C' x H' x W' of the event images (all 0 without images.event).
  ImageShape event_shape() const {
    if (!event_builder_) return {};
    return {static_cast<std::int64_t>(event_builder_->spec().channels.size()), event_builder_->grid().eta_pixels(),
            event_builder_->grid().phi_pixels()};
  }

  void add(events::Event event, float label) {
    block_.push_back(std::move(event));
    labels_.push_back(label);
  }
  bool full() const { return block_.size() >= kEventsPerBlock; }

  // Images the pending events into `target`; tallies[label] counts what became of each class's events.
  void flush(Split& target, Tally (&tallies)[2]) {
    const auto n = block_.size();
    if (n == 0) return;
    const auto image_size = static_cast<std::size_t>(builder_.image_size());
    enum class Fate : char { kept, no_jet, zero_pt, failed_selection };
    std::vector<Fate> fate(n, Fate::no_jet);
    std::vector<float> images(n * image_size, 0.0f);
    std::vector<float> values(n * observers_.size(), 0.0f);
    std::vector<double> dropped(n, 0.0);
    const auto event_image_size = static_cast<std::size_t>(event_shape().size());
    std::vector<float> event_images(n * event_image_size, 0.0f);
    tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
      const auto found = finder_.find(block_[i]);
      if (found.empty()) return;
      const jets::Jet& jet = found.front();
      if (!(jet.pt > 0)) {
        fate[i] = Fate::zero_pt;
        return;
      }
      if (!spec_.select.passes(jet)) {
        fate[i] = Fate::failed_selection;
        return;
      }
      builder_.build_into(jet, images.data() + i * image_size, &dropped[i]);
      if (event_builder_) {
        const auto event_image = event_builder_->build(block_[i]);
        std::copy(event_image.pixels.begin(), event_image.pixels.end(), event_images.begin() + i * event_image_size);
      }
      for (std::size_t o = 0; o < observers_.size(); ++o)
        values[i * observers_.size() + o] = static_cast<float>(observers_[o]->value(jet));
      fate[i] = Fate::kept;
    });
    for (std::size_t i = 0; i < n; ++i) {
      Tally& tally = tallies[labels_[i] > 0.5f ? 1 : 0];
      ++tally.events;
      switch (fate[i]) {
        case Fate::no_jet: ++tally.no_jet; continue;
        case Fate::zero_pt: ++tally.zero_pt; continue;
        case Fate::failed_selection: ++tally.failed_selection; continue;
        case Fate::kept: break;
      }
      ++tally.kept;
      tally.dropped_pt_sum += dropped[i];
      target.images.insert(target.images.end(), images.begin() + static_cast<std::ptrdiff_t>(i * image_size),
                           images.begin() + static_cast<std::ptrdiff_t>((i + 1) * image_size));
      target.event_images.insert(target.event_images.end(),
                                 event_images.begin() + static_cast<std::ptrdiff_t>(i * event_image_size),
                                 event_images.begin() + static_cast<std::ptrdiff_t>((i + 1) * event_image_size));
      target.labels.push_back(labels_[i]);
      for (std::size_t o = 0; o < observers_.size(); ++o)
        target.observers[observers_[o]->name].push_back(values[i * observers_.size() + o]);
      ++target.size;
    }
    block_.clear();
    labels_.clear();
  }

 private:
  const DatasetSpec& spec_;
  const images::ImageBuilder& builder_;
  const jets::JetFinder finder_;
  std::vector<const Observer*> observers_;
  std::optional<images::EventImageBuilder> event_builder_;
  std::vector<events::Event> block_;
  std::vector<float> labels_;
};

void prepare(Split& split, const DatasetSpec& spec) {
  for (const auto& name : spec.observers) split.observers[name];  // present even when the split is empty
}

nlohmann::json tally_json(const Tally& tally) {
  return {{"events", tally.events},
          {"jets", tally.kept},
          {"efficiency", tally.events > 0 ? static_cast<double>(tally.kept) / tally.events : 0.0}};
}

void fill_counts(JetDataset& dataset, const Tally (&tallies)[2]) {
  const Tally& signal = tallies[1];
  const Tally& background = tallies[0];
  dataset.counts["selection"] = {{"signal", tally_json(signal)}, {"background", tally_json(background)}};
  dataset.counts["skipped"] = {{"zero_pt", signal.zero_pt + background.zero_pt},
                               {"no_jet", signal.no_jet + background.no_jet},
                               {"failed_selection", signal.failed_selection + background.failed_selection}};
  const auto kept = signal.kept + background.kept;
  dataset.counts["mean_dropped_pt_fraction"] =
      kept > 0 ? (signal.dropped_pt_sum + background.dropped_pt_sum) / static_cast<double>(kept) : 0.0;
}

// One line about every 64 blocks, so logs stay readable for the 1.2M-jet files.
void report(const ProgressCallback& progress, const DatasetSpec& spec, const std::string& what, std::int64_t events,
            std::int64_t jets) {
  if (!progress || events % static_cast<std::int64_t>(64 * kEventsPerBlock) != 0) return;
  progress(fmt::format("dataset {}: {}: {} events read, {} jets kept", spec.hash.substr(0, 12), what, events, jets));
}

}  // namespace

JetDataset build_from_toptag(const DatasetSpec& spec, const TopTagSource& source, const images::ImageBuilder& builder,
                             const ProgressCallback& progress) {
  JetDataset dataset;
  dataset.hash = spec.hash;
  dataset.shape = {builder.channels(), builder.height(), builder.width()};
  BlockImager imager(spec, builder);
  Tally tallies[2];  // [0] background, [1] signal
  struct Part {
    const char* name;
    Split* split;
    std::filesystem::path file;
    std::optional<int> ttv;  // the split's ttv code (0 train, 1 test, 2 val) when one file holds all three
  };
  const bool one_file = !source.file.empty();
  const Part parts[] = {
      {"train", &dataset.train, one_file ? source.file : source.train, one_file ? std::optional(0) : std::nullopt},
      {"val", &dataset.val, one_file ? source.file : source.val, one_file ? std::optional(2) : std::nullopt},
      {"test", &dataset.test, one_file ? source.file : source.test, one_file ? std::optional(1) : std::nullopt}};
  for (const Part& part : parts) {
    prepare(*part.split, spec);
    events::TopTagReader reader(part.file, part.ttv);
    std::int64_t rows = 0;
    while (!source.limit || rows < *source.limit) {
      auto jet = reader.next_jet();
      if (!jet) break;
      ++rows;
      imager.add(std::move(jet->constituents), static_cast<float>(jet->label));
      if (imager.full()) {
        core::throw_if_interrupted();
        imager.flush(*part.split, tallies);
      }
      report(progress, spec, part.name, rows, part.split->size);
    }
    imager.flush(*part.split, tallies);
  }
  fill_counts(dataset, tallies);
  return dataset;
}

JetDataset build_from_hepmc(const DatasetSpec& spec, const HepMCSource& source, const images::ImageBuilder& builder,
                            const ProgressCallback& progress) {
  JetDataset dataset;
  dataset.hash = spec.hash;
  dataset.shape = {builder.channels(), builder.height(), builder.width()};
  BlockImager imager(spec, builder);
  dataset.event_shape = imager.event_shape();
  Tally tallies[2];
  Split pool;  // every kept jet, signal files first, in file order
  prepare(pool, spec);
  std::uint64_t file_index = 0;
  for (const auto& [files, label] : {std::pair{&source.signal, 1.0f}, std::pair{&source.background, 0.0f}}) {
    for (const auto& file : *files) {
      std::unique_ptr<events::EventSource> events = events::open_event_file(file);
      if (!source.pileup_files.empty()) {
        // Hard file k takes its pile-up from minimum-bias file k mod n, with its own seed.
        const auto& minimum_bias = source.pileup_files[file_index % source.pileup_files.size()];
        events = std::make_unique<events::PileupOverlaySource>(
            std::move(events),
            std::make_unique<events::PileupOverlay>(minimum_bias, source.pileup_mu, splitmix64(source.seed ^ file_index)));
      }
      ++file_index;
      std::int64_t read = 0;
      while (auto event = events->next()) {
        imager.add(std::move(*event), label);
        ++read;
        if (imager.full()) {
          core::throw_if_interrupted();
          imager.flush(pool, tallies);
        }
        report(progress, spec, file.filename().string(), read, pool.size);
      }
      imager.flush(pool, tallies);
    }
  }
  fill_counts(dataset, tallies);

  // Shuffle (seeded by the source seed), then cut by the split fractions: train and val rounded, test the rest.
  const auto order = shuffled_order(pool.size, splitmix64(source.seed ^ kSplitSalt));
  const std::int64_t total = pool.size;
  const std::int64_t train = std::llround(static_cast<double>(total) * spec.split.train);
  const std::int64_t val = std::min(total - train, static_cast<std::int64_t>(std::llround(static_cast<double>(total) * spec.split.val)));
  const auto image_size = static_cast<std::size_t>(dataset.shape.size());
  const auto event_image_size = static_cast<std::size_t>(dataset.event_shape.size());
  for (std::int64_t position = 0; position < total; ++position) {
    Split& split = position < train ? dataset.train : position < train + val ? dataset.val : dataset.test;
    const auto row = static_cast<std::size_t>(order[static_cast<std::size_t>(position)]);
    split.images.insert(split.images.end(), pool.images.begin() + static_cast<std::ptrdiff_t>(row * image_size),
                        pool.images.begin() + static_cast<std::ptrdiff_t>((row + 1) * image_size));
    split.event_images.insert(split.event_images.end(),
                              pool.event_images.begin() + static_cast<std::ptrdiff_t>(row * event_image_size),
                              pool.event_images.begin() + static_cast<std::ptrdiff_t>((row + 1) * event_image_size));
    split.labels.push_back(pool.labels[row]);
    for (const auto& [name, values] : pool.observers) split.observers[name].push_back(values[row]);
    ++split.size;
  }
  for (Split* split : {&dataset.train, &dataset.val, &dataset.test}) prepare(*split, spec);
  return dataset;
}

}  // namespace jetstudy::data
