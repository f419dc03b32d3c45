#include "toolkit/data/dataset_file_summary.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "toolkit/core/error.h"
#include "toolkit/core/hdf5_file.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/data/dataset_file.h"
#include "toolkit/data/dataset_spec.h"
#include "toolkit/data/dataset_summary.h"
#include "toolkit/data/hdf5_lock.h"
#include "toolkit/data/observer.h"
#include "toolkit/events/jetimages_reader.h"
#include "toolkit/events/toptag_reader.h"
#include "toolkit/jets/jet_finder.h"

namespace jetstudy::data {
namespace {

namespace h5 = core::hdf5;

// The jets of the top-tagging dataset: anti-kT R = 0.8 (arXiv:1902.09914; ../shared/ANCHORS.md).
constexpr double kTopTaggingJetRadius = 0.8;
constexpr std::size_t kJetsPerBlock = 4096;

const char* const kWhatInspectReads =
    "dataset inspect reads a jetstudy dataset (results/cache/<hash>.h5, written by `jetstudy dataset build`), the "
    "top-tagging reference dataset (pandas key 'table') or the jet-images W' file (datasets 'image' and 'signal'); "
    "`jetstudy jets FILE` prints the jets of an event file";

enum class FileKind { jetstudy_dataset, top_tagging, jet_images };

FileKind kind_of(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) h5::fail(path, "cannot open (does the file exist?)");
  const auto lock = lock_hdf5();
  return h5::quietly([&] {
    if (H5Fis_hdf5(path.c_str()) <= 0) h5::fail(path, std::string("not an HDF5 file. ") + kWhatInspectReads);
    const h5::Handle file = h5::open_file_read_only(path);
    const hid_t root = file.get();
    if (H5Aexists(root, "format") > 0) {
      h5::fail(path, "a file of jetstudy's format '" + h5::read_string_attribute(root, "format", path) +
                         "', not a file of labelled jets. " + kWhatInspectReads);
    }
    if (H5Lexists(root, "table", H5P_DEFAULT) > 0) return FileKind::top_tagging;
    if (H5Lexists(root, "image", H5P_DEFAULT) > 0 && H5Lexists(root, "signal", H5P_DEFAULT) > 0) {
      return FileKind::jet_images;
    }
    if (H5Aexists(root, "format_version") > 0 && H5Aexists(root, "hash") > 0) return FileKind::jetstudy_dataset;
    h5::fail(path, std::string("an HDF5 file of none of the kinds ") + kWhatInspectReads);
  });
}

// Observers of each top-tagging jet computed in parallel, blocks read on this thread; splits by ttv.
nlohmann::json summarize_top_tagging(const std::filesystem::path& path) {
  const auto lock = lock_hdf5();
  events::TopTagReader reader(path);
  std::vector<const Observer*> observers;
  for (const auto& name : default_observer_names()) observers.push_back(&find_observer(name));
  Split by_ttv[3];  // 0 train, 1 test, 2 val
  std::vector<events::TopTagJet> block;
  const auto flush = [&] {
    std::vector<float> values(block.size() * observers.size());
    try {
      tbb::parallel_for(std::size_t{0}, block.size(), [&](std::size_t i) {
        const jets::Jet jet = jets::jet_of_all_particles(block[i].constituents, kTopTaggingJetRadius);
        for (std::size_t k = 0; k < observers.size(); ++k) {
          values[i * observers.size() + k] = static_cast<float>(observers[k]->value(jet));
        }
      });
    } catch (const core::InputError& error) {
      h5::fail(path, error.what());
    }
    for (std::size_t i = 0; i < block.size(); ++i) {
      Split& split = by_ttv[block[i].ttv];
      ++split.size;
      split.labels.push_back(static_cast<float>(block[i].label));
      for (std::size_t k = 0; k < observers.size(); ++k) {
        split.observers[observers[k]->name].push_back(values[i * observers.size() + k]);
      }
    }
    block.clear();
  };
  while (auto jet = reader.next_jet()) {
    block.push_back(std::move(*jet));
    if (block.size() == kJetsPerBlock) {
      core::throw_if_interrupted();
      flush();
    }
  }
  flush();
  nlohmann::json summary = summarize_splits(
      {"background", "signal"}, {{"train", &by_ttv[0]}, {"val", &by_ttv[2]}, {"test", &by_ttv[1]}});
  summary["kind"] = "top-tagging";
  summary["file"] = path.string();
  summary["layout"] = reader.layout() == events::PandasLayout::kFixed ? "fixed" : "table";
  return summary;
}

// Labels and the file's own observers (no pixels read); one split, "all".
nlohmann::json summarize_jet_images(const std::filesystem::path& path) {
  const auto lock = lock_hdf5();
  events::JetImagesReader reader(path, kJetsPerBlock, events::JetImagePixels::skip);
  std::vector<std::pair<std::string, std::string>> observer_keys;  // our name, the file's key
  const auto& in_file = reader.observer_names();
  for (const auto& name : default_observer_names()) {
    const std::string key = jetimages_key(name);
    if (std::find(in_file.begin(), in_file.end(), key) != in_file.end()) observer_keys.emplace_back(name, key);
  }
  Split all;
  while (const auto batch = reader.next_chunk()) {
    core::throw_if_interrupted();
    for (std::size_t i = 0; i < batch->size(); ++i) {
      ++all.size;
      all.labels.push_back(batch->labels[i] > 0.5f ? 1.0f : 0.0f);  // as a dataset built from the file labels it
      for (const auto& [name, key] : observer_keys) all.observers[name].push_back(batch->observers.at(key)[i]);
    }
  }
  nlohmann::json summary = summarize_splits({"background", "signal"}, {{"all", &all}});
  summary["kind"] = "jet-images";
  summary["file"] = path.string();
  summary["image_shape"] = {1, reader.height(), reader.width()};
  return summary;
}

}  // namespace

nlohmann::json summarize_dataset_file(const std::filesystem::path& path) {
  switch (kind_of(path)) {
    case FileKind::top_tagging:
      return summarize_top_tagging(path);
    case FileKind::jet_images:
      return summarize_jet_images(path);
    case FileKind::jetstudy_dataset:
      break;
  }
  return summarize_dataset(read_dataset_file(path, TrainImages::leave_in_file));
}

}  // namespace jetstudy::data
