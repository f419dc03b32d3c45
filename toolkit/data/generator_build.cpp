#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <atomic>
#include <cmath>
#include <fmt/format.h>
#include <mutex>
#include <numeric>
#include <optional>

#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/data/build_dataset.h"
#include "toolkit/data/observer.h"
#include "toolkit/data/shuffle.h"
#include "toolkit/data/source_builds.h"

namespace jetstudy::data {
namespace {

constexpr std::uint64_t kShuffleSalt = 0x73687566666c65ULL;  // "shuffle"

namespace gen = events::generator;

std::uint64_t chunk_seed(std::uint64_t source_seed, std::uint64_t class_index, std::uint64_t chunk) {
  return splitmix64(splitmix64(splitmix64(source_seed) ^ class_index) ^ chunk);
}

struct JetClass {
  gen::Process process;
  float label;
  std::int64_t count;
  std::string role;  // key in counts.selection: "signal" / "background", or the process name (multi-class)
  std::int64_t offset = 0;  // where its jets start in the combined list the shuffle permutes
};

// Binary: signal (label 1) first, then background (label 0). Multi-class: the listed processes, label = index.
std::vector<JetClass> jet_classes(const GeneratorSource& source) {
  std::vector<JetClass> classes;
  if (!source.multi_class()) {
    classes = {{source.signal, 1.0f, source.signal_jets(), "signal"},
               {source.background, 0.0f, source.background_jets(), "background"}};
  } else {
    for (std::size_t k = 0; k < source.classes.size(); ++k) {
      classes.push_back({source.classes[k], static_cast<float>(k), source.class_jets(k),
                         gen::process_name(source.classes[k])});
    }
  }
  for (std::size_t c = 1; c < classes.size(); ++c) classes[c].offset = classes[c - 1].offset + classes[c - 1].count;
  return classes;
}

struct Task {
  std::size_t class_index;
  std::int64_t chunk;
  std::int64_t first, count;  // jets [first, first + count) of the class
};

// Where each jet of the combined list (signal 0..S-1, then background) goes after the deterministic shuffle.
struct Placement {
  Split* split;
  std::int64_t row;
};

std::vector<Placement> shuffle_and_split(std::int64_t total, const SplitFractions& fractions, std::uint64_t seed,
                                         Split& train, Split& val, Split& test) {
  const auto order = shuffled_order(total, splitmix64(seed ^ kShuffleSalt));
  train.size = std::llround(static_cast<double>(total) * fractions.train);
  val.size = std::min(total - train.size, static_cast<std::int64_t>(std::llround(static_cast<double>(total) * fractions.val)));
  test.size = total - train.size - val.size;

  std::vector<Placement> placement(static_cast<std::size_t>(total));
  for (std::int64_t position = 0; position < total; ++position) {
    const auto jet = static_cast<std::size_t>(order[static_cast<std::size_t>(position)]);
    if (position < train.size) {
      placement[jet] = {&train, position};
    } else if (position < train.size + val.size) {
      placement[jet] = {&val, position - train.size};
    } else {
      placement[jet] = {&test, position - train.size - val.size};
    }
  }
  return placement;
}

void allocate(Split& split, std::int64_t image_size, std::int64_t event_image_size,
              const std::vector<std::string>& observers) {
  split.images.assign(static_cast<std::size_t>(split.size * image_size), 0.0f);
  split.event_images.assign(static_cast<std::size_t>(split.size * event_image_size), 0.0f);
  split.labels.assign(static_cast<std::size_t>(split.size), 0.0f);
  for (const auto& name : observers) split.observers[name].assign(static_cast<std::size_t>(split.size), 0.0f);
}

}  // namespace

JetDataset build_from_generator(const DatasetSpec& spec, const GeneratorSource& source,
                                const images::ImageBuilder& builder, const ProgressCallback& progress) {
  const std::vector<JetClass> classes = jet_classes(source);

  JetDataset dataset;
  dataset.hash = spec.hash;
  dataset.shape = {builder.channels(), builder.height(), builder.width()};
  dataset.classes = class_names(source);
  std::optional<images::EventImageBuilder> event_builder;
  if (spec.event_images) {
    event_builder.emplace(*spec.event_images);
    dataset.event_shape = {static_cast<std::int64_t>(spec.event_images->channels.size()),
                           event_builder->grid().eta_pixels(), event_builder->grid().phi_pixels()};
  }
  const auto placement =
      shuffle_and_split(source.jets, spec.split, source.seed, dataset.train, dataset.val, dataset.test);
  for (Split* split : {&dataset.train, &dataset.val, &dataset.test}) {
    allocate(*split, dataset.shape.size(), dataset.event_shape.size(), spec.observers);
  }
  std::vector<const Observer*> observers;
  for (const auto& name : spec.observers) observers.push_back(&find_observer(name));

  std::vector<Task> tasks;
  for (std::size_t c = 0; c < classes.size(); ++c) {
    for (std::int64_t first = 0, chunk = 0; first < classes[c].count; first += kJetsPerChunk, ++chunk) {
      tasks.push_back({c, chunk, first, std::min(kJetsPerChunk, classes[c].count - first)});
    }
  }
  std::vector<std::int64_t> events_generated(tasks.size(), 0);
  std::vector<double> dropped_pt_sum(tasks.size(), 0.0);
  std::vector<std::int64_t> zero_pt(tasks.size(), 0);
  std::atomic<bool> failed{false};
  std::mutex progress_mutex;
  std::size_t chunks_done = 0;

  auto run_task = [&](std::size_t t) {
    const Task& task = tasks[t];
    const JetClass& jet_class = classes[task.class_index];
    gen::GeneratorOptions options;
    options.process = jet_class.process;
    options.pt_min_gev = source.pt_min_gev;
    options.pt_max_gev = source.pt_max_gev;
    options.quark_fraction = source.quark_fraction;
    options.pileup_mu = source.pileup_mu;
    options.underlying_event = source.underlying_event;
    options.seed = chunk_seed(source.seed, task.class_index, static_cast<std::uint64_t>(task.chunk));
    gen::Generator generator(options);
    const jets::JetFinder finder(spec.jets);
    // Class jets are numbered class after class (binary: signal first) in the combined list the shuffle permuted.
    const std::int64_t offset = jet_class.offset;

    std::int64_t kept = 0, generated = 0;
    while (kept < task.count) {
      if (failed.load(std::memory_order_relaxed) || core::interrupt_requested()) return;
      const auto event = generator.next();
      ++generated;
      const auto found = finder.find(event);
      if (!found.empty() && found.front().pt <= 0) {
        ++zero_pt[t];  // nothing to draw and no direction to centre on: skipped and counted
      } else if (!found.empty() && spec.select.passes(found.front())) {
        const jets::Jet& jet = found.front();
        const Placement& place = placement[static_cast<std::size_t>(offset + task.first + kept)];
        double dropped = 0;
        builder.build_into(jet, place.split->images.data() + place.row * dataset.shape.size(), &dropped);
        if (event_builder) {
          const auto event_image = event_builder->build(event);
          std::copy(event_image.pixels.begin(), event_image.pixels.end(),
                    place.split->event_images.begin() + place.row * dataset.event_shape.size());
        }
        place.split->labels[static_cast<std::size_t>(place.row)] = jet_class.label;
        for (const Observer* observer : observers) {
          place.split->observers.at(observer->name)[static_cast<std::size_t>(place.row)] =
              static_cast<float>(observer->value(jet));
        }
        dropped_pt_sum[t] += dropped;
        ++kept;
      }
      if (generated >= kGuardMinEvents && kept * kGuardOneIn < generated) {
        throw core::InputError(fmt::format(
            "data: the pT window [{}, {}] GeV with selection {} keeps too few jets of process {}: {} of {} events "
            "passed (at least 1 in {} is needed); widen data.select or move data.source.pt to where {} jets are",
            source.pt_min_gev, source.pt_max_gev, spec.select.description(), gen::process_name(jet_class.process),
            kept, generated, kGuardOneIn, gen::process_name(jet_class.process)));
      }
    }
    events_generated[t] = generated;
    if (progress) {
      // One line per tenth of the work, so logs stay readable for large datasets.
      const std::lock_guard lock(progress_mutex);
      ++chunks_done;
      const auto tenths = [&](std::size_t done) { return done * 10 / tasks.size(); };
      if (tenths(chunks_done) != tenths(chunks_done - 1))
        progress(fmt::format("dataset {}: {}/{} chunks of {} jets", spec.hash.substr(0, 12), chunks_done,
                             tasks.size(), kJetsPerChunk));
    }
  };

  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, tasks.size(), 1), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t t = r.begin(); t != r.end(); ++t) {
      try {
        run_task(t);
      } catch (...) {
        failed = true;
        throw;
      }
    }
  });
  core::throw_if_interrupted();  // Ctrl-C while building: stop before anything is written

  nlohmann::json selection = nlohmann::json::object();
  double dropped_total = 0;
  for (std::size_t c = 0; c < classes.size(); ++c) {
    std::int64_t events = 0;
    for (std::size_t t = 0; t < tasks.size(); ++t) {
      if (tasks[t].class_index != c) continue;
      events += events_generated[t];
      dropped_total += dropped_pt_sum[t];
    }
    selection[classes[c].role] = {{"process", gen::process_name(classes[c].process)},
                                  {"jets", classes[c].count},
                                  {"events", events},
                                  {"efficiency", events > 0 ? static_cast<double>(classes[c].count) / events : 0.0}};
  }
  dataset.counts = {{"selection", selection},
                    {"skipped", {{"zero_pt", std::accumulate(zero_pt.begin(), zero_pt.end(), std::int64_t{0})}}},
                    {"mean_dropped_pt_fraction", dropped_total / static_cast<double>(source.jets)}};
  return dataset;
}

}  // namespace jetstudy::data
