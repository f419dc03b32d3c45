// What a dataset is: where its jets come from (the built-in generator, the top-tagging benchmark files, HepMC
// files of signal and background, or the jet-images file of pre-made images), how they are clustered, selected, balanced and weighted, how they become
// images, which observers travel with them and how they are split. Its identity is the content hash of the
// recipe's `data` and `images` blocks.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "toolkit/data/objects_source.h"
#include "toolkit/data/selection.h"
#include "toolkit/events/generator/generator.h"
#include "toolkit/images/event_image.h"
#include "toolkit/images/image_spec.h"
#include "toolkit/jets/jet_finder.h"

namespace jetstudy::data {

// Binary (signal vs background) or multi-class (`classes: [qcd, w, z, top]`: label k is classes[k], as in the
// quark/gluon colour study arXiv:1612.01551 or the CMS five-class studies). Jets are split evenly across the
// classes, the first ones getting one more when they do not divide.
struct GeneratorSource {
  events::generator::Process signal = events::generator::Process::top;      // label 1 (binary)
  events::generator::Process background = events::generator::Process::qcd;  // label 0 (binary)
  std::vector<events::generator::Process> classes;  // multi-class: label k; empty for a binary dataset
  std::int64_t jets = 0;            // in total: binary (jets + 1) / 2 signal, jets / 2 background
  double pt_min_gev = 350, pt_max_gev = 450;
  double pileup_mu = 0;
  double quark_fraction = 0.5;
  bool underlying_event = true;
  std::uint64_t seed = 1;

  std::int64_t signal_jets() const { return (jets + 1) / 2; }
  std::int64_t background_jets() const { return jets / 2; }
  bool multi_class() const { return !classes.empty(); }
  // Jets of class k (k < number of classes): jets / K, plus one for the first jets % K classes.
  std::int64_t class_jets(std::size_t k) const {
    const auto count = static_cast<std::int64_t>(classes.size());
    return jets / count + (static_cast<std::int64_t>(k) < jets % count ? 1 : 0);
  }
};

// The top-tagging reference files (arXiv:1902.09914): either one file per split, or one `file` whose `ttv`
// column says the split (0 train, 1 test, 2 val). Labels are the file's is_signal_new. The constituents are
// clustered with data.jets and the leading jet kept (anti-kT R >= 0.8 gives back the benchmark's jet).
struct TopTagSource {
  std::filesystem::path train, val, test;  // one file per split, or ...
  std::filesystem::path file;              // ... one file split by its ttv column
  std::optional<std::int64_t> limit;       // at most this many jets per split (the first ones in the file)
};

// HepMC files (plain, .gz, .zst): every event of a signal file gives at most one jet labelled 1, of a
// background file labelled 0; optional pile-up overlaid from minimum-bias files at Poisson(mu).
struct HepMCSource {
  std::vector<std::filesystem::path> signal, background;
  std::vector<std::filesystem::path> pileup_files;
  double pileup_mu = 0;
  std::uint64_t seed = 1;  // pile-up draws and the shuffle before splitting
};

// The jet-images file of "Jet-Images -- Deep Learning Edition" (de Oliveira et al., arXiv:1511.05190;
// jet-images_Mass60-100_pT250-300_R1.25_Pix25.hdf5, read by events::JetImagesReader): pre-made images,
// labels (`signal`) and observers, already centred, rotated and flipped by the authors. No clustering and no
// pixelisation: images, labels and observers go straight into the dataset (data.select windows on pT, mass and
// eta use the file's jet_pt, jet_mass, jet_eta), which is shuffled with `seed` and split by fraction.
struct JetImagesSource {
  std::filesystem::path file;
  std::optional<std::int64_t> jets;  // use this many rows of the file, drawn at random with `seed` (all if absent)
  std::uint64_t seed = 1;             // the draw and the shuffle before splitting
};

// ObjectsSource (objects_source.h): whole events as object images, arXiv:1807.00083.
using Source = std::variant<GeneratorSource, TopTagSource, HepMCSource, JetImagesSource, ObjectsSource>;

struct SplitFractions {
  double train = 0.8, val = 0.1, test = 0.1;
  bool by_source = false;  // the source's own split (top-tagging files / ttv) instead of the fractions
};

// data.reweight: {to: flat, in: pt, bins: 20}. Each class of each split gets weights that make its histogram of
// `in` flat over `bins` equal bins between the dataset's smallest and largest value (reweight.h).
struct ReweightSpec {
  std::string in = "pt";
  std::int64_t bins = 20;
};

// data.downsample: {in: mass, bins: 20} (CMS ImageTop-MD, arXiv:2004.08262). In the train and val splits, per
// equal bin of `in` (between the dataset's smallest and largest value), every class keeps as many jets as the
// smallest class has there, the surplus dropped at random (seeded by `seed`), so a classifier cannot learn the
// observer's shape. The test split is untouched (downsample.h).
struct DownsampleSpec {
  std::string in = "mass";
  std::int64_t bins = 20;
  std::uint64_t seed = 1;
};

struct DatasetSpec {
  Source source;
  jets::JetSpec jets;
  Selection select;
  SplitFractions split;
  bool balance = false;                // equal signal and background per split, surplus dropped
  std::optional<ReweightSpec> reweight;
  std::optional<DownsampleSpec> downsample;
  std::vector<std::string> observers{"mass", "pt", "eta"};  // includes reweight->in and downsample->in
  images::ImageSpec images;
  // images.event: each jet's whole event as an image beside the jet image (generator and hepmc3 sources).
  std::optional<images::EventImageSpec> event_images;
  nlohmann::json identity;  // {"data": ..., "images": ...} exactly as hashed
  std::string hash;         // core::content_hash(identity)
};

// From a validated recipe (as JSON) with `data` and `images` blocks. Throws core::InputError naming the key
// for anything it cannot build (unknown source kind, groomer, observer, split fractions not summing to 1, a
// source file that does not exist, ...). File names are taken relative to the current directory.
DatasetSpec dataset_spec_from_json(const nlohmann::json& config);

// A data.observers name -> the jet-images file's key holding it: mass -> jet_mass, pt -> jet_pt, eta -> jet_eta,
// phi -> jet_phi, tau21 -> tau_21, tau32 -> tau_32, tau1..tau3 -> tau_1..tau_3; any other name is looked up as
// itself.
std::string jetimages_key(const std::string& observer);

// One line for logs: "100 top + 100 qcd jets from the built-in generator", "top-tagging files train.h5, ...".
std::string source_description(const Source& source);

// The names of the labels a source gives: {"background", "signal"} for binary sources, the process names of
// data.source.classes for a multi-class generator source (JetDataset::classes).
std::vector<std::string> class_names(const Source& source);

// images.event: {size: [50, 64], extent: [[-2.5, 2.5], [-3.1416, 3.1416]], channels: [pt]} (absent keys take
// these defaults; intensity is the images block's). The phi range must be the full circle. Throws
// core::InputError naming the key.
images::EventImageSpec event_image_spec_from_json(const nlohmann::json& event_block, images::Intensity intensity);

}  // namespace jetstudy::data
