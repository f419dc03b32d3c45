#include "toolkit/data/objects_source.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/data/source_files.h"
#include "toolkit/events/generator/object_events.h"
#include "toolkit/images/normalize.h"

namespace jetstudy::data {
namespace {

using nlohmann::json;
namespace gen = events::generator;

constexpr double kPi = 3.14159265358979323846;
constexpr double kPhiSlack = 1e-3;  // 3.1416 stands for pi

std::vector<std::string> dimuon_truths() {
  std::vector<std::string> names;
  for (const auto& resonance : gen::dimuon_resonances()) names.emplace_back(resonance.name);
  names.emplace_back("continuum");
  return names;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

std::vector<std::string> class_list(const json& classes) {
  if (!classes.is_array() || classes.size() < 2)
    throw core::InputError("data.source.classes: expected a list of at least two classes (label k is the k-th), got " +
                           classes.dump());
  std::vector<std::string> names;
  for (std::size_t k = 0; k < classes.size(); ++k) {
    if (!classes[k].is_string())
      throw core::InputError(fmt::format("data.source.classes[{}]: expected a class name, got {}", k, classes[k].dump()));
    const auto name = classes[k].get<std::string>();
    if (contains(names, name))
      throw core::InputError(fmt::format("data.source.classes[{}]: class '{}' is listed twice", k, name));
    names.push_back(name);
  }
  return names;
}

// Generated classes: object processes, or the dimuon truth labels -- not both dimuon and one of its labels, which
// would draw the same events twice under two names.
void check_generated_classes(const std::vector<std::string>& classes) {
  const auto known = generated_object_classes();
  for (std::size_t k = 0; k < classes.size(); ++k) {
    if (!contains(known, classes[k])) {
      throw core::InputError(fmt::format("data.source.classes[{}]: unknown object class '{}' (known: {}){}", k,
                                         classes[k], joined(known), core::did_you_mean(classes[k], known)));
    }
  }
  const auto truths = dimuon_truths();
  const bool has_truth = std::any_of(classes.begin(), classes.end(), [&](const auto& c) { return contains(truths, c); });
  if (has_truth && contains(classes, "dimuon")) {
    throw core::InputError("data.source.classes: 'dimuon' and its truth labels (" + joined(truths) +
                           ") cannot be classes together; for the resonance study list the labels alone, e.g. "
                           "classes: [jpsi, psi2s, upsilon1s, z, continuum]");
  }
}

std::int64_t integer_at(const json& source, const char* key, std::int64_t smallest, const std::string& what) {
  const json& value = source[key];
  if (!value.is_number_integer() || value.get<std::int64_t>() < smallest)
    throw core::InputError(fmt::format("data.source.{}: expected {} (an integer >= {}), got {}", key, what, smallest,
                                       value.dump()));
  return value.get<std::int64_t>();
}

images::ObjectType parse_channel(const json& value, std::size_t index) {
  static const std::vector<std::string> kNames = {"electron", "muon", "jet", "bjet", "met"};
  const auto name = value.is_string() ? value.get<std::string>() : value.dump();
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (name == kNames[i]) return static_cast<images::ObjectType>(i);
  }
  throw core::InputError(fmt::format("data.source.objects[{}]: unknown object type '{}' (known: {}){}", index, name,
                                     joined(kNames), core::did_you_mean(name, kNames)));
}

}  // namespace

std::vector<std::string> generated_object_classes() {
  auto names = gen::object_process_names();
  for (const auto& truth : dimuon_truths()) names.push_back(truth);
  return names;
}

ObjectsSource objects_source_from_json(const json& source) {
  ObjectsSource out;
  const bool has_files = source.contains("files") && !source["files"].is_null();
  const bool has_events = source.contains("events") && !source["events"].is_null();
  if (has_files == has_events) {
    throw core::InputError("data.source: an objects source needs either `events` (generated: {kind: objects, classes: "
                           "[ttbar, wjets, dy], events: 3000}) or `files` (JSON lines: {kind: objects, files: {ttbar: "
                           "[a.jsonl], wjets: [b.jsonl]}}), not " + std::string(has_files ? "both" : "neither"));
  }
  if (has_events) {
    if (!source.contains("classes"))
      throw core::InputError("data.source.classes: missing (the object classes to generate, e.g. [ttbar, wjets, dy] "
                             "or [jpsi, psi2s, upsilon1s, z, continuum])");
    out.classes = class_list(source["classes"]);
    check_generated_classes(out.classes);
    out.events = integer_at(source, "events", static_cast<std::int64_t>(out.classes.size()),
                            "the total number of events, at least one per class");
  } else if (source["files"].is_object()) {
    // Files per class: the labels are the keys, in the order of `classes` when given (a recipe map has no order
    // of its own: without `classes` the keys are taken alphabetically).
    const json& files = source["files"];
    if (files.size() < 2)
      throw core::InputError("data.source.files: expected files for at least two classes, got " + files.dump());
    std::vector<std::string> keys;
    for (const auto& [name, list] : files.items()) keys.push_back(name);
    out.classes = source.contains("classes") ? class_list(source["classes"]) : keys;
    for (const auto& name : out.classes) {
      if (!files.contains(name))
        throw core::InputError("data.source.classes: class '" + name + "' has no files in data.source.files (which "
                               "has " + joined(keys) + ")" + core::did_you_mean(name, keys));
    }
    for (const auto& key : keys) {
      if (!contains(out.classes, key))
        throw core::InputError("data.source.files." + key + ": not among data.source.classes (" +
                               joined(out.classes) + "); list it there or drop its files");
    }
    for (const auto& name : out.classes) out.class_files.push_back(existing_source_files(files[name], "data.source.files." + name, "JSON-lines file"));
  } else {
    if (!source.contains("classes"))
      throw core::InputError("data.source.classes: missing; with `files` as one list each event is labelled by its "
                             "\"truth\" field, so name the truths that are classes (e.g. [jpsi, psi2s, upsilon1s, z, "
                             "continuum]), or give `files` per class ({ttbar: [a.jsonl], ...})");
    out.classes = class_list(source["classes"]);
    out.truth_files = existing_source_files(source["files"], "data.source.files", "JSON-lines file");
  }
  if (source.contains("limit") && !source["limit"].is_null()) {
    if (!has_files) throw core::InputError("data.source.limit: applies to files only; generated sources count `events`");
    out.limit = integer_at(source, "limit", 1, "at most this many events per class");
  }
  if (source.contains("min_leptons")) out.min_leptons = integer_at(source, "min_leptons", 0, "a number of leptons");
  if (source.contains("objects")) {
    const json& objects = source["objects"];
    if (!objects.is_array() || objects.empty())
      throw core::InputError("data.source.objects: expected a non-empty list of object types, got " + objects.dump());
    out.channels.clear();
    for (std::size_t i = 0; i < objects.size(); ++i) {
      const auto type = parse_channel(objects[i], i);
      if (std::find(out.channels.begin(), out.channels.end(), type) != out.channels.end())
        throw core::InputError(fmt::format("data.source.objects[{}]: '{}' is listed twice", i, objects[i].dump()));
      out.channels.push_back(type);
    }
  }
  if (source.contains("radius")) {
    if (!source["radius"].is_number() || source["radius"].get<double>() < 0)
      throw core::InputError("data.source.radius: expected C >= 0 (circle radius C ln(pT/GeV)), got " +
                             source["radius"].dump());
    out.radius_per_log_pt = source["radius"].get<double>();
  }
  if (source.contains("fill")) {
    const auto fill = source["fill"].is_string() ? source["fill"].get<std::string>() : source["fill"].dump();
    if (fill != "one" && fill != "pt")
      throw core::InputError("data.source.fill: expected 'one' (drawn pixels are 1) or 'pt' (pixels sum the objects' "
                             "pT), got '" + fill + "'" + core::did_you_mean(fill, {"one", "pt"}));
    out.fill = fill == "pt" ? images::ObjectFill::pt : images::ObjectFill::one;
  }
  if (source.contains("seed")) out.seed = static_cast<std::uint64_t>(integer_at(source, "seed", 0, "a seed"));
  return out;
}

images::ObjectImageSpec object_image_spec(const ObjectsSource& source, const images::ImageSpec& images) {
  if (images.channels.size() != 1 || images.channels[0].channel != images::Channel::pt ||
      images.channels[0].has_own_grid() || images.channels[0].origin != images::Origin::all) {
    throw core::InputError("images.channels: an objects source draws one channel per object type, chosen by "
                           "data.source.objects (default [electron, muon, jet, bjet, met]); leave images.channels "
                           "at [pt]");
  }
  if (!images.constituent_steps.empty()) {
    throw core::InputError("images.steps: '" + images.constituent_steps.front()->description() +
                           "' works on a jet's constituents; object images are whole events drawn at their own "
                           "(eta, phi): only normalize applies");
  }
  for (const auto& step : images.image_steps) {
    if (!dynamic_cast<const images::Normalize*>(step.get())) {
      throw core::InputError("images.steps: '" + step->description() +
                             "' does not apply to object images (whole events at their own (eta, phi)): only "
                             "normalize applies");
    }
  }
  const auto& extent = images.extent;
  if (std::abs(extent.phi_min + kPi) > kPhiSlack || std::abs(extent.phi_max - kPi) > kPhiSlack) {
    throw core::InputError(fmt::format("images.extent: an object image covers the whole azimuth, so the phi range "
                                       "must be [-3.1416, 3.1416], got [{}, {}] (the study: [[-3, 3], [-3.1416, "
                                       "3.1416]])",
                                       extent.phi_min, extent.phi_max));
  }
  images::ObjectImageSpec spec;
  spec.eta_pixels = images.eta_pixels;
  spec.phi_pixels = images.phi_pixels;
  spec.eta_min = extent.eta_min;
  spec.eta_max = extent.eta_max;
  spec.radius_per_log_pt = source.radius_per_log_pt;
  spec.fill = source.fill;
  spec.channels = source.channels;
  const images::ObjectImageBuilder check(spec);  // throws core::InputError for a bad grid
  return spec;
}

std::string objects_source_description(const ObjectsSource& source) {
  std::string text;
  if (source.generated()) {
    for (std::size_t k = 0; k < source.classes.size(); ++k)
      text += fmt::format("{}{} {}", k == 0 ? "" : " + ", source.class_events(k), source.classes[k]);
    return text + " events from the object generator";
  }
  const auto names = [](const std::vector<std::filesystem::path>& files) {
    std::string list;
    for (const auto& file : files) list += (list.empty() ? "" : ", ") + file.string();
    return list;
  };
  if (!source.truth_files.empty())
    return "objects from [" + names(source.truth_files) + "] labelled by truth: " + joined(source.classes);
  for (std::size_t k = 0; k < source.classes.size(); ++k)
    text += (k == 0 ? "objects from " : ", ") + source.classes[k] + " [" + names(source.class_files[k]) + "]";
  return text;
}

}  // namespace jetstudy::data
