#include "toolkit/data/dataset_spec.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "toolkit/core/canonical_json.h"
#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/data/object_observer.h"
#include "toolkit/data/observer.h"
#include "toolkit/data/source_files.h"
#include "toolkit/images/center.h"
#include "toolkit/images/flip.h"
#include "toolkit/images/normalize.h"
#include "toolkit/images/rotate.h"

namespace jetstudy::data {
namespace {

using nlohmann::json;

double number_at(const json& block, const std::string& key, double fallback, const std::string& where) {
  if (!block.contains(key)) return fallback;
  if (!block[key].is_number()) throw core::InputError(where + "." + key + ": expected a number, got " + block[key].dump());
  return block[key].get<double>();
}

TopTagSource toptag_source_from_json(const json& source) {
  TopTagSource out;
  const bool per_split = source.contains("train") || source.contains("val") || source.contains("test");
  if (per_split == source.contains("file")) {
    throw core::InputError("data.source: a toptag_h5 source needs either `train`, `val` and `test` files or one "
                           "`file` split by its ttv column, got " + source.dump());
  }
  if (per_split) {
    for (const char* key : {"train", "val", "test"}) {
      if (!source.contains(key)) throw core::InputError(std::string("data.source.") + key + ": missing (a toptag_h5 file)");
    }
    out.train = existing_source_file(source["train"], "data.source.train");
    out.val = existing_source_file(source["val"], "data.source.val");
    out.test = existing_source_file(source["test"], "data.source.test");
  } else {
    out.file = existing_source_file(source["file"], "data.source.file");
  }
  if (source.contains("limit")) {
    if (!source["limit"].is_number_integer() || source["limit"].get<std::int64_t>() < 1)
      throw core::InputError("data.source.limit: expected a positive number of jets per split, got " + source["limit"].dump());
    out.limit = source["limit"].get<std::int64_t>();
  }
  return out;
}

HepMCSource hepmc_source_from_json(const json& source) {
  HepMCSource out;
  for (const char* key : {"signal", "background"}) {
    if (!source.contains(key)) throw core::InputError(std::string("data.source.") + key + ": missing (a list of HepMC files)");
  }
  out.signal = existing_source_files(source["signal"], "data.source.signal");
  out.background = existing_source_files(source["background"], "data.source.background");
  if (source.contains("pileup") && !source["pileup"].is_null() && !(source["pileup"].is_number() && source["pileup"].get<double>() == 0)) {
    const json& pileup = source["pileup"];
    if (!pileup.is_object() || !pileup.contains("files") || !pileup.contains("mu")) {
      throw core::InputError("data.source.pileup: expected {files: [minimum-bias files], mu: <mean interactions>}, got " +
                             pileup.dump());
    }
    out.pileup_files = existing_source_files(pileup["files"], "data.source.pileup.files");
    out.pileup_mu = number_at(pileup, "mu", 0, "data.source.pileup");
    if (!(out.pileup_mu >= 0)) throw core::InputError("data.source.pileup.mu: expected a number >= 0, got " + pileup["mu"].dump());
  }
  if (source.contains("seed")) {
    if (!source["seed"].is_number_integer() || source["seed"].get<std::int64_t>() < 0)
      throw core::InputError("data.source.seed: expected a non-negative integer, got " + source["seed"].dump());
    out.seed = source["seed"].get<std::uint64_t>();
  }
  return out;
}

JetImagesSource jetimages_source_from_json(const json& source) {
  JetImagesSource out;
  if (!source.contains("file")) {
    throw core::InputError("data.source.file: missing (a jetimages_h5 source reads one file, e.g. "
                           "jet-images_Mass60-100_pT250-300_R1.25_Pix25.hdf5)");
  }
  out.file = existing_source_file(source["file"], "data.source.file");
  if (source.contains("jets") && !source["jets"].is_null()) {
    if (!source["jets"].is_number_integer() || source["jets"].get<std::int64_t>() < 2)
      throw core::InputError("data.source.jets: expected a number of jets >= 2 to draw from the file, got " +
                             source["jets"].dump());
    out.jets = source["jets"].get<std::int64_t>();
  }
  if (source.contains("seed")) {
    if (!source["seed"].is_number_integer() || source["seed"].get<std::int64_t>() < 0)
      throw core::InputError("data.source.seed: expected a non-negative integer, got " + source["seed"].dump());
    out.seed = source["seed"].get<std::uint64_t>();
  }
  return out;
}

// Pre-made images (jetimages_h5) hold one pT channel on the file's grid, already centred, rotated and flipped:
// channels other than pt, another intensity and steps that need constituents (zoom) or change the grid (crop)
// cannot be applied. center, rotate and flip are what the authors did already: the builder skips them and says
// so; normalize (per image or standardize) applies to the pixels as usual.
void check_premade_images(const images::ImageSpec& spec) {
  const auto& channels = spec.channels;
  if (channels.size() != 1 || channels[0].channel != images::Channel::pt || channels[0].has_own_grid() ||
      channels[0].origin != images::Origin::all) {
    std::string names;
    for (const auto& channel : channels) names += (names.empty() ? "" : ", ") + images::channel_name(channel.channel);
    throw core::InputError("images.channels: a jetimages_h5 source holds pre-made images of one channel, the pT per "
                           "pixel: use channels: [pt] (got [" + names + "])");
  }
  if (spec.intensity != images::Intensity::pt) {
    throw core::InputError("images.intensity: the pre-made images of a jetimages_h5 source hold pT per pixel: use "
                           "intensity: pt");
  }
  for (const auto& step : spec.constituent_steps) {
    const bool done_by_authors = dynamic_cast<const images::Center*>(step.get()) ||
                                 dynamic_cast<const images::RotateConstituents*>(step.get()) ||
                                 dynamic_cast<const images::Flip*>(step.get());
    if (!done_by_authors) {
      throw core::InputError("images.steps: '" + step->description() + "' needs the jet's constituents, which a "
                             "jetimages_h5 source does not have (its images are pre-made); only center, rotate, "
                             "flip (already done by the authors: skipped) and normalize apply");
    }
  }
  for (const auto& step : spec.image_steps) {
    if (dynamic_cast<const images::Normalize*>(step.get()) || dynamic_cast<const images::RotateImage*>(step.get()))
      continue;
    throw core::InputError("images.steps: '" + step->description() + "' does not apply to the pre-made images of a "
                           "jetimages_h5 source; only center, rotate, flip (already done by the authors: skipped) "
                           "and normalize apply");
  }
}

Source source_from_json(const json& source) {
  if (!source.is_object()) throw core::InputError("data.source: expected a map, got " + source.dump());
  const std::string kind = source.value("kind", std::string("generator"));
  if (kind == "toptag_h5") return toptag_source_from_json(source);
  if (kind == "hepmc3") return hepmc_source_from_json(source);
  if (kind == "jetimages_h5") return jetimages_source_from_json(source);
  if (kind == "objects") return objects_source_from_json(source);
  if (kind != "generator") {
    throw core::InputError("data.source.kind: unknown source '" + kind +
                           "' (known: generator, toptag_h5, hepmc3, jetimages_h5, objects)" +
                           core::did_you_mean(kind, {"generator", "toptag_h5", "hepmc3", "jetimages_h5", "objects"}));
  }
  GeneratorSource out;
  if (source.contains("classes")) {
    if (source.contains("signal") || source.contains("background")) {
      throw core::InputError("data.source: give either `signal` and `background` (a binary dataset) or `classes` "
                             "(a multi-class one), not both; got " + source.dump());
    }
    const json& classes = source["classes"];
    if (!classes.is_array() || classes.size() < 2) {
      throw core::InputError("data.source.classes: expected a list of at least two processes (label k is the "
                             "k-th), got " + classes.dump());
    }
    for (std::size_t k = 0; k < classes.size(); ++k) {
      if (!classes[k].is_string()) throw core::InputError(fmt::format("data.source.classes[{}]: expected a process name, got {}", k, classes[k].dump()));
      const auto process = events::generator::parse_process(classes[k].get<std::string>());
      if (std::find(out.classes.begin(), out.classes.end(), process) != out.classes.end()) {
        throw core::InputError(fmt::format("data.source.classes[{}]: process '{}' is listed twice", k,
                                           classes[k].get<std::string>()));
      }
      out.classes.push_back(process);
    }
  } else {
    out.signal = events::generator::parse_process(source.value("signal", std::string("top")));
    out.background = events::generator::parse_process(source.value("background", std::string("qcd")));
  }
  const std::int64_t fewest = out.multi_class() ? static_cast<std::int64_t>(out.classes.size()) : 2;
  if (!source.contains("jets") || !source["jets"].is_number_integer() || source["jets"].get<std::int64_t>() < fewest) {
    throw core::InputError(fmt::format("data.source.jets: expected the total number of jets (an integer >= {}, one "
                                       "per class), got {}",
                                       fewest, source.contains("jets") ? source["jets"].dump() : std::string("nothing")));
  }
  out.jets = source["jets"].get<std::int64_t>();
  if (source.contains("pt")) {
    const auto& pt = source["pt"];
    if (!pt.is_array() || pt.size() != 2 || !pt[0].is_number() || !pt[1].is_number() ||
        !(pt[0].get<double>() < pt[1].get<double>())) {
      throw core::InputError("data.source.pt: expected [min, max] in GeV with min < max, got " + pt.dump());
    }
    out.pt_min_gev = pt[0].get<double>();
    out.pt_max_gev = pt[1].get<double>();
  }
  out.pileup_mu = number_at(source, "pileup", 0, "data.source");
  out.quark_fraction = number_at(source, "quark_fraction", 0.5, "data.source");
  out.underlying_event = source.value("underlying_event", true);
  if (source.contains("seed")) {
    if (!source["seed"].is_number_integer() || source["seed"].get<std::int64_t>() < 0) {
      throw core::InputError("data.source.seed: expected a non-negative integer, got " + source["seed"].dump());
    }
    out.seed = source["seed"].get<std::uint64_t>();
  }
  return out;
}

// data.jets.groom: a map with exactly one of trim, prune, soft_drop, mmdt (docs/jets.md).
jets::GroomSpec groom_from_json(const json& groom) {
  const std::vector<std::string> known = {"trim", "prune", "soft_drop", "mmdt"};
  if (!groom.is_object()) throw core::InputError("data.jets.groom: expected a map, got " + groom.dump());
  if (groom.size() > 1) {
    throw core::InputError("data.jets.groom: choose one groomer, got " + std::to_string(groom.size()) + " (" +
                           groom.dump() + ")");
  }
  jets::GroomSpec out;
  for (const auto& [name, given] : groom.items()) {
    const json options = given.is_null() ? json::object() : given;
    const std::string where = "data.jets.groom." + name;
    if (!options.is_object()) throw core::InputError(where + ": expected a map of options, got " + options.dump());
    if (name == "trim") {
      jets::TrimSpec trim;
      trim.subjet_R = number_at(options, "R", trim.subjet_R, where);
      trim.fcut = number_at(options, "fcut", trim.fcut, where);
      out = trim;
    } else if (name == "prune") {
      jets::PruneSpec prune;
      prune.zcut = number_at(options, "zcut", prune.zcut, where);
      prune.rcut_factor = number_at(options, "rcut_factor", prune.rcut_factor, where);
      out = prune;
    } else if (name == "soft_drop") {
      jets::SoftDropSpec soft_drop;
      soft_drop.beta = number_at(options, "beta", soft_drop.beta, where);
      soft_drop.zcut = number_at(options, "zcut", soft_drop.zcut, where);
      soft_drop.R0 = number_at(options, "R0", soft_drop.R0, where);
      out = soft_drop;
    } else if (name == "mmdt") {
      jets::MmdtSpec mmdt;
      mmdt.zcut = number_at(options, "zcut", mmdt.zcut, where);
      mmdt.mu = number_at(options, "mu", mmdt.mu, where);
      out = mmdt;
    } else {
      throw core::InputError("data.jets.groom: unknown groomer '" + name + "' (known: trim, prune, soft_drop, mmdt)" +
                             core::did_you_mean(name, known));
    }
  }
  try {
    jets::check_groom(out);
  } catch (const core::InputError& error) {
    throw core::InputError("data.jets.groom." + jets::groom_name(out) + ": " + error.what());
  }
  return out;
}

jets::JetSpec jet_spec_from_json(const json& block) {
  jets::JetSpec spec;
  if (block.is_null()) return spec;
  if (!block.is_object()) throw core::InputError("data.jets: expected a map, got " + block.dump());
  spec.algorithm = block.value("algorithm", spec.algorithm);
  spec.R = number_at(block, "R", spec.R, "data.jets");
  spec.pt_min_gev = number_at(block, "ptmin", spec.pt_min_gev, "data.jets");
  spec.abs_eta_max = number_at(block, "abs_eta_max", spec.abs_eta_max, "data.jets");
  spec.subjet_R = number_at(block, "subjet_R", spec.subjet_R, "data.jets");
  if (block.contains("groom") && !block["groom"].is_null()) spec.groom = groom_from_json(block["groom"]);
  // The older JetSpec::trim mirrors a trimming groom for callers that still read it.
  if (const auto* trim = std::get_if<jets::TrimSpec>(&spec.groom)) spec.trim = *trim;
  return spec;
}

SplitFractions split_from_json(const json& block) {
  SplitFractions split;
  if (block.is_null()) return split;
  split.train = number_at(block, "train", 0, "data.split");
  split.val = number_at(block, "val", 0, "data.split");
  split.test = number_at(block, "test", 0, "data.split");
  if (block.contains("by")) {
    const auto by = block["by"].is_string() ? block["by"].get<std::string>() : block["by"].dump();
    if (by != "fraction" && by != "source")
      throw core::InputError("data.split.by: expected 'fraction' or 'source', got '" + by + "'" +
                             core::did_you_mean(by, {"fraction", "source"}));
    split.by_source = by == "source";
    if (split.by_source) return split;
  }
  if (split.train < 0 || split.val < 0 || split.test < 0 ||
      std::abs(split.train + split.val + split.test - 1) > 1e-6) {
    throw core::InputError("data.split: train, val and test must be >= 0 and sum to 1, got " + block.dump());
  }
  return split;
}

ReweightSpec reweight_from_json(const json& block) {
  if (!block.is_object()) throw core::InputError("data.reweight: expected {to: flat, in: pt, bins: 20}, got " + block.dump());
  const std::string to = block.value("to", std::string("flat"));
  if (to != "flat") throw core::InputError("data.reweight.to: only 'flat' is known, got '" + to + "'");
  ReweightSpec out;
  out.in = block.value("in", out.in);
  find_observer(out.in);  // throws for an unknown one
  if (block.contains("bins")) {
    if (!block["bins"].is_number_integer() || block["bins"].get<std::int64_t>() < 1)
      throw core::InputError("data.reweight.bins: expected a positive integer, got " + block["bins"].dump());
    out.bins = block["bins"].get<std::int64_t>();
  }
  return out;
}

DownsampleSpec downsample_from_json(const json& block) {
  if (!block.is_object()) throw core::InputError("data.downsample: expected {in: mass, bins: 20}, got " + block.dump());
  DownsampleSpec out;
  if (block.contains("in")) {
    if (!block["in"].is_string()) throw core::InputError("data.downsample.in: expected an observer name, got " + block["in"].dump());
    out.in = block["in"].get<std::string>();
  }
  find_observer(out.in);  // throws for an unknown one
  if (block.contains("bins")) {
    if (!block["bins"].is_number_integer() || block["bins"].get<std::int64_t>() < 1)
      throw core::InputError("data.downsample.bins: expected a positive integer, got " + block["bins"].dump());
    out.bins = block["bins"].get<std::int64_t>();
  }
  if (block.contains("seed")) {
    if (!block["seed"].is_number_integer() || block["seed"].get<std::int64_t>() < 0)
      throw core::InputError("data.downsample.seed: expected a non-negative integer, got " + block["seed"].dump());
    out.seed = block["seed"].get<std::uint64_t>();
  }
  return out;
}

void keep_observer(std::vector<std::string>& observers, const std::string& name) {
  if (std::find(observers.begin(), observers.end(), name) == observers.end()) observers.push_back(name);
}

}  // namespace

std::string jetimages_key(const std::string& observer) {
  static const std::pair<const char*, const char*> kKeys[] = {
      {"mass", "jet_mass"}, {"pt", "jet_pt"}, {"eta", "jet_eta"}, {"phi", "jet_phi"}, {"tau21", "tau_21"},
      {"tau32", "tau_32"}, {"tau1", "tau_1"}, {"tau2", "tau_2"}, {"tau3", "tau_3"},
  };
  for (const auto& [name, key] : kKeys) {
    if (observer == name) return key;
  }
  return observer;
}

std::vector<std::string> class_names(const Source& source) {
  if (const auto* objects = std::get_if<ObjectsSource>(&source)) return objects->classes;
  const auto* generator = std::get_if<GeneratorSource>(&source);
  if (!generator || !generator->multi_class()) return {"background", "signal"};
  std::vector<std::string> names;
  for (const auto process : generator->classes) names.push_back(events::generator::process_name(process));
  return names;
}

images::EventImageSpec event_image_spec_from_json(const json& block, images::Intensity intensity) {
  images::EventImageSpec spec;
  spec.intensity = intensity;
  if (block.is_null()) return spec;
  if (!block.is_object()) {
    throw core::InputError("images.event: expected {size: [eta, phi], extent: [[eta_min, eta_max], [-3.1416, "
                           "3.1416]], channels: [pt]}, got " + block.dump());
  }
  for (const auto& [key, value] : block.items()) {
    if (key != "size" && key != "extent" && key != "channels")
      throw core::InputError("images.event: unknown key '" + key + "'" + core::did_you_mean(key, {"size", "extent", "channels"}));
  }
  if (block.contains("size")) {
    const auto& size = block["size"];
    if (!size.is_array() || size.size() != 2 || !size[0].is_number_integer() || !size[1].is_number_integer() ||
        size[0].get<std::int64_t>() < 1 || size[1].get<std::int64_t>() < 1) {
      throw core::InputError("images.event.size: expected [eta_pixels, phi_pixels], positive integers, got " + size.dump());
    }
    spec.eta_pixels = size[0].get<std::int64_t>();
    spec.phi_pixels = size[1].get<std::int64_t>();
  }
  if (block.contains("extent")) {
    const auto& extent = block["extent"];
    auto range_ok = [](const json& range) {
      return range.is_array() && range.size() == 2 && range[0].is_number() && range[1].is_number() &&
             range[0].get<double>() < range[1].get<double>();
    };
    if (!extent.is_array() || extent.size() != 2 || !range_ok(extent[0]) || !range_ok(extent[1])) {
      throw core::InputError("images.event.extent: expected [[eta_min, eta_max], [phi_min, phi_max]] with min < max, "
                             "got " + extent.dump());
    }
    spec.eta_min = extent[0][0].get<double>();
    spec.eta_max = extent[0][1].get<double>();
    // The event image always covers the whole azimuth (phi wraps); 3.1416 for pi is fine.
    constexpr double kPi = 3.14159265358979323846, kSlack = 1e-3;
    if (std::abs(extent[1][0].get<double>() + kPi) > kSlack || std::abs(extent[1][1].get<double>() - kPi) > kSlack) {
      throw core::InputError("images.event.extent: an event image covers the whole azimuth, so the phi range must "
                             "be [-3.1416, 3.1416], got " + extent[1].dump());
    }
  }
  if (block.contains("channels")) {
    const auto& channels = block["channels"];
    if (!channels.is_array() || channels.empty())
      throw core::InputError("images.event.channels: expected a non-empty list of channels, got " + channels.dump());
    spec.channels.clear();
    for (const auto& entry : channels) spec.channels.push_back(images::channel_spec_from_json(entry));
  }
  try {
    const images::EventImageBuilder check(spec);  // jet_charge, own grids and bad grids are refused here
  } catch (const core::InputError& error) {
    throw core::InputError(std::string("images.event: ") + error.what());
  }
  return spec;
}

std::string source_description(const Source& source) {
  if (const auto* objects = std::get_if<ObjectsSource>(&source)) return objects_source_description(*objects);
  if (const auto* generator = std::get_if<GeneratorSource>(&source); generator && generator->multi_class()) {
    std::string text;
    for (std::size_t k = 0; k < generator->classes.size(); ++k) {
      text += fmt::format("{}{} {}", k == 0 ? "" : " + ", generator->class_jets(k),
                          events::generator::process_name(generator->classes[k]));
    }
    return text + " jets from the built-in generator";
  }
  if (const auto* generator = std::get_if<GeneratorSource>(&source)) {
    return fmt::format("{} {} + {} {} jets from the built-in generator", generator->signal_jets(),
                       events::generator::process_name(generator->signal), generator->background_jets(),
                       events::generator::process_name(generator->background));
  }
  if (const auto* toptag = std::get_if<TopTagSource>(&source)) {
    const auto limit = toptag->limit ? fmt::format(" (at most {} jets per split)", *toptag->limit) : std::string();
    if (!toptag->file.empty()) return "top-tagging file " + toptag->file.string() + " split by its ttv column" + limit;
    return fmt::format("top-tagging files train {}, val {}, test {}{}", toptag->train.string(), toptag->val.string(),
                       toptag->test.string(), limit);
  }
  if (const auto* jetimages = std::get_if<JetImagesSource>(&source)) {
    const auto jets = jetimages->jets ? fmt::format("{} jets drawn at random from ", *jetimages->jets) : std::string();
    return jets + "jet-images file " + jetimages->file.string() + " (pre-made images)";
  }
  const auto& hepmc = std::get<HepMCSource>(source);
  auto names = [](const std::vector<std::filesystem::path>& files) {
    std::string text;
    for (const auto& file : files) text += (text.empty() ? "" : ", ") + file.string();
    return text;
  };
  std::string text = "HepMC signal [" + names(hepmc.signal) + "] vs background [" + names(hepmc.background) + "]";
  if (!hepmc.pileup_files.empty()) text += fmt::format(", pile-up mu = {} from [{}]", hepmc.pileup_mu, names(hepmc.pileup_files));
  return text;
}

DatasetSpec dataset_spec_from_json(const json& config) {
  if (!config.contains("data") || !config["data"].is_object()) {
    throw core::InputError("data: the recipe needs a `data` block with a source");
  }
  const json& data = config["data"];
  const json images = config.contains("images") ? config["images"] : json(nullptr);
  if (!data.contains("source")) throw core::InputError("data.source: missing (e.g. {kind: generator, ...})");

  DatasetSpec spec;
  spec.source = source_from_json(data["source"]);
  spec.jets = jet_spec_from_json(data.contains("jets") ? data["jets"] : json(nullptr));
  spec.jets.max_jets = 1;  // a jet-image dataset holds the leading jet of each event
  spec.select = selection_from_json(data.contains("select") ? data["select"] : json(nullptr));
  spec.split = split_from_json(data.contains("split") ? data["split"] : json(nullptr));
  if (data.contains("observers")) {
    if (!data["observers"].is_array()) {
      throw core::InputError("data.observers: expected a list of names, got " + data["observers"].dump());
    }
    spec.observers.clear();
    for (const auto& name : data["observers"]) {
      if (!name.is_string()) throw core::InputError("data.observers: expected names, got " + name.dump());
      if (std::holds_alternative<ObjectsSource>(spec.source)) {
        find_object_observer(name.get<std::string>());  // event observers of whole events (object_observer.h)
      } else {
        find_observer(name.get<std::string>());  // throws for an unknown one
      }
      spec.observers.push_back(name.get<std::string>());
    }
  }
  const bool source_has_splits = std::holds_alternative<TopTagSource>(spec.source);
  const bool split_by_given = data.contains("split") && data["split"].is_object() && data["split"].contains("by");
  if (!split_by_given) spec.split.by_source = source_has_splits;  // top-tagging files: their own split by default
  if (spec.split.by_source && !source_has_splits) {
    throw core::InputError("data.split.by: 'source' needs a source with its own split (toptag_h5); this source has "
                           "none: give train/val/test fractions");
  }
  if (data.contains("balance") && !data["balance"].is_null()) {
    if (!data["balance"].is_boolean()) throw core::InputError("data.balance: expected true or false, got " + data["balance"].dump());
    spec.balance = data["balance"].get<bool>();
  }
  if (data.contains("reweight") && !data["reweight"].is_null()) {
    spec.reweight = reweight_from_json(data["reweight"]);
    // The reweighting variable travels as an observer, so the weights can be checked against it.
    keep_observer(spec.observers, spec.reweight->in);
  }
  if (data.contains("downsample") && !data["downsample"].is_null()) {
    spec.downsample = downsample_from_json(data["downsample"]);
    keep_observer(spec.observers, spec.downsample->in);  // so the flattened distribution can be checked
  }
  spec.images = images::image_spec_from_json(images);
  if (std::holds_alternative<JetImagesSource>(spec.source)) check_premade_images(spec.images);
  if (const auto* objects = std::get_if<ObjectsSource>(&spec.source)) object_image_spec(*objects, spec.images);
  if (images.is_object() && images.contains("event") && !images["event"].is_null()) {
    if (std::holds_alternative<JetImagesSource>(spec.source)) {
      throw core::InputError("images.event: a jetimages_h5 source holds pre-made jet images, not events, so it has "
                             "no event image; drop images.event");
    }
    if (std::holds_alternative<ObjectsSource>(spec.source)) {
      throw core::InputError("images.event: an objects source draws the whole event already (its object image); "
                             "drop images.event");
    }
    if (std::holds_alternative<TopTagSource>(spec.source)) {
      throw core::InputError("images.event: the top-tagging files hold one jet's constituents per row, not whole "
                             "events, so they have no event image; use a generator or hepmc3 source, or drop "
                             "images.event");
    }
    spec.event_images = event_image_spec_from_json(images["event"], spec.images.intensity);
  }
  spec.identity = {{"data", data}, {"images", images}};
  spec.hash = core::content_hash(spec.identity);
  return spec;
}

}  // namespace jetstudy::data
