#include "experiments/study_components.h"

#include <algorithm>

#include "experiments/experiment.h"
#include "toolkit/core/registry.h"
#include "toolkit/data/object_observer.h"
#include "toolkit/data/observer.h"
#include "toolkit/events/generator/generator.h"
#include "toolkit/images/step_schemas.h"
#include "toolkit/losses/builtin.h"
#include "toolkit/metrics/evaluate.h"
#include "toolkit/models/builtin.h"
#include "toolkit/train/optimizers.h"

namespace jetstudy::experiments {
namespace {

using recipe::Field;
using recipe::Schema;

// data.source: {kind: generator, ...} -- the built-in Monte Carlo (docs/generator.md).
recipe::NamedSchema generator_source() {
  const auto process = Schema::one_of(events::generator::process_names(), "process");
  const auto window = Schema::list(Schema::number().greater_than(0)).length(2);
  return {"generator", "jetstudy's built-in shower Monte Carlo",
          Schema::map({
              Field::optional("signal", process, "process of the signal jets (label 1); with background"),
              Field::optional("background", process, "process of the background jets (label 0); with signal"),
              Field::optional("classes", Schema::list(process).min_length(2),
                              "multi-class instead of signal/background: label k is the k-th process"),
              Field::required("jets", Schema::integer().min(2), "total jets, split evenly across the classes"),
              Field::required("pt", window, "pT window of the hard object [min, max] in GeV"),
              Field::defaulted("pileup", Schema::number().min(0), 0.0, "mean number of pile-up interactions"),
              Field::defaulted("quark_fraction", Schema::number().min(0).max(1), 0.5,
                               "qcd: fraction of light-quark (vs gluon) jets"),
              Field::defaulted("seed", Schema::integer().min(0), 1, "generator seed (the dataset's, not the run's)"),
          })
              .satisfying([](const nlohmann::json& source) -> std::optional<std::string> {
                // Exactly one of the two forms: {signal, background} or {classes}.
                const bool binary = source.contains("signal") || source.contains("background");
                if (source.contains("classes")) {
                  if (binary) return "give either signal and background or classes, not both";
                  std::vector<std::string> seen;
                  for (const auto& name : source["classes"]) {
                    if (std::find(seen.begin(), seen.end(), name.get<std::string>()) != seen.end())
                      return "classes: process '" + name.get<std::string>() + "' is listed twice";
                    seen.push_back(name.get<std::string>());
                  }
                  if (source["jets"].get<std::int64_t>() < static_cast<std::int64_t>(seen.size()))
                    return "jets: at least one jet per class is needed (" + std::to_string(seen.size()) + " classes)";
                  return std::nullopt;
                }
                if (!source.contains("signal") || !source.contains("background"))
                  return "a generator source needs signal and background (a binary dataset) or classes (a "
                         "multi-class one, e.g. classes: [qcd, w, z, top])";
                return std::nullopt;
              })};
}

// data.source: {kind: toptag_h5, train: FILE, val: FILE, test: FILE} or {kind: toptag_h5, file: FILE} (split by
// its ttv column) -- the top-tagging reference dataset (arXiv:1902.09914). Files relative to the current directory.
recipe::NamedSchema toptag_source() {
  return {"toptag_h5", "the top-tagging reference files (pandas HDF5, arXiv:1902.09914)",
          Schema::map({
              Field::optional("train", Schema::string(), "training file (with val and test)"),
              Field::optional("val", Schema::string(), "validation file"),
              Field::optional("test", Schema::string(), "test file"),
              Field::optional("file", Schema::string(), "one file split by its ttv column (instead of train/val/test)"),
              Field::optional("limit", Schema::integer().min(1), "at most this many jets per split (the first rows)"),
          })};
}

// data.source: {kind: hepmc3, signal: [files], background: [files], pileup: {files: [...], mu: 50}}.
recipe::NamedSchema hepmc3_source() {
  const auto files = Schema::list(Schema::string()).min_length(1);
  return {"hepmc3", "HepMC files (plain, .gz, .zst) of signal and background events",
          Schema::map({
              Field::required("signal", files, "signal event files (label 1): the leading jet of each event"),
              Field::required("background", files, "background event files (label 0)"),
              Field::optional("pileup",
                              Schema::map({
                                  Field::required("files", files, "minimum-bias event files"),
                                  Field::required("mu", Schema::number().min(0), "mean pile-up interactions"),
                              }),
                              "pile-up overlaid on every event"),
              Field::defaulted("seed", Schema::integer().min(0), 1, "seed of the pile-up draws and the split shuffle"),
          })};
}

// data.source: {kind: jetimages_h5, file: FILE, jets: N, seed: 1} -- the pre-made 25x25 W' -> WZ / QCD images of
// arXiv:1511.05190 (jet-images_Mass60-100_pT250-300_R1.25_Pix25.hdf5), split by fraction. File relative to the
// current directory.
recipe::NamedSchema jetimages_source() {
  return {"jetimages_h5", "the jet-images file of pre-made images, labels and observers (HDF5, arXiv:1511.05190)",
          Schema::map({
              Field::required("file", Schema::string(), "the HDF5 file (keys image, signal, jet_pt, jet_mass, tau_21, ...)"),
              Field::optional("jets", Schema::integer().min(2), "use this many rows of the file, drawn at random (all if absent)"),
              Field::defaulted("seed", Schema::integer().min(0), 1, "seed of the draw and the split shuffle"),
          })};
}

// data.source: {kind: objects, classes: [ttbar, wjets, dy], events: 3000} (generated) or {kind: objects, files:
// {ttbar: [a.jsonl], ...}} (JSON lines) -- whole events as object images, arXiv:1807.00083 (data/objects_source.h).
recipe::NamedSchema objects_source() {
  const auto files = Schema::list(Schema::string()).min_length(1);
  return {"objects", "whole events as object images: the object-level generator or JSON lines (arXiv:1807.00083)",
          Schema::map({
              Field::optional("classes", Schema::list(Schema::string()).min_length(2),
                              "label k is the k-th: object processes (ttbar, wjets, dy, dimuon) or dimuon truths "
                              "(jpsi, psi2s, upsilon1s, z, continuum); with files, their keys or truths"),
              Field::optional("events", Schema::integer().min(2), "generated: total events, split evenly over the classes"),
              Field::optional("files", Schema::any_of({files, Schema::free_map(files)}),
                              "JSON lines: {class: [files]} (label by file) or [files] (label by each event's truth)"),
              Field::optional("limit", Schema::integer().min(1), "files: at most this many events per class"),
              Field::defaulted("min_leptons", Schema::integer().min(0), 1, "events with fewer electrons + muons are skipped"),
              Field::defaulted("objects",
                               Schema::list(Schema::one_of({"electron", "muon", "jet", "bjet", "met"}, "object type"))
                                   .min_length(1),
                               nlohmann::json::array({"electron", "muon", "jet", "bjet", "met"}),
                               "one image channel per object type, in this order"),
              Field::defaulted("radius", Schema::number().min(0), 0.1, "C: circle radius C ln(pT/GeV) in (eta, phi)"),
              Field::defaulted("fill", Schema::one_of({"one", "pt"}, "fill"), "one", "pixels in a circle: 1, or summed pT"),
              Field::defaulted("seed", Schema::integer().min(0), 1, "generator seed and the split shuffle"),
          })
              .satisfying([](const nlohmann::json& source) -> std::optional<std::string> {
                if (source.contains("events") == source.contains("files"))
                  return "give either events (generated) or files (JSON lines), not both or neither";
                if (source.contains("events") && !source.contains("classes"))
                  return "generated object events need classes, e.g. [ttbar, wjets, dy]";
                if (source.contains("files") && source["files"].is_array() && !source.contains("classes"))
                  return "files as one list are labelled by each event's truth: name the truths in classes";
                return std::nullopt;
              })};
}

// Jet observers (data/observer.h) and the event observers of an objects source (data/object_observer.h).
std::vector<std::string> all_observer_names() {
  auto names = data::observer_names();
  for (const auto& name : data::object_observer_names()) names.push_back(name);
  return names;
}

// The schema accepts `name` and, for parametrised metrics, `name@number` ("rejection@0.3").
std::vector<std::string> metric_base_names() {
  std::vector<std::string> names;
  for (const auto& name : metrics::metric_names()) names.push_back(name.substr(0, name.find('@')));
  return names;
}

}  // namespace

const recipe::StudyComponents& study_components() {
  static const recipe::StudyComponents kComponents{
      .experiments = experiment_schemas(),
      .sources = {generator_source(), toptag_source(), hepmc3_source(), jetimages_source(), objects_source()},
      .architectures = models::architecture_schemas(),
      .losses = losses::loss_schemas(),
      .optimizers = train::optimizer_schemas(),
      .image_steps = images::image_step_schemas(),  // toolkit/images/step_schemas.cpp
      .metrics = metric_base_names(),
      .observers = all_observer_names(),
      .default_observers = data::default_observer_names(),
      .image_channel = images::image_channel_schema(),
      .image_intensity = images::image_intensity_schema(),
  };
  return kComponents;
}

}  // namespace jetstudy::experiments
