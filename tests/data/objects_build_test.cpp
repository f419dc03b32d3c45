#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <numeric>

#include "tests/data/small_config.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/core/error.h"
#include "toolkit/data/build_dataset.h"
#include "toolkit/data/dataset_cache.h"
#include "toolkit/events/generator/object_events_jsonl.h"

using namespace jetstudy::data;
using jetstudy::data::testing::ProgressLines;
using jetstudy::core::TempDirectory;
using Catch::Matchers::Contains;

namespace {

constexpr int kPixels = 32;
enum Channel { kElectron = 0, kMuon = 1, kJet = 2, kBjet = 3, kMet = 4 };

nlohmann::json objects_config(const nlohmann::json& source, const std::vector<std::string>& observers) {
  return {{"data",
           {{"source", source},
            {"split", {{"train", 0.6}, {"val", 0.2}, {"test", 0.2}}},
            {"observers", observers}}},
          {"images",
           {{"size", {kPixels, kPixels}},
            {"extent", {{-3, 3}, {-3.1416, 3.1416}}},
            {"channels", {"pt"}},
            {"steps", nlohmann::json::array()}}}};
}

// One event of a split: its label, observers and the pixel sum of each channel.
struct Row {
  int label = 0;
  std::map<std::string, float> observers;
  std::vector<double> channel_sum;
};

std::vector<Row> rows_of(const JetDataset& dataset) {
  std::vector<Row> rows;
  const auto plane = dataset.shape.height * dataset.shape.width;
  for (const Split* split : {&dataset.train, &dataset.val, &dataset.test}) {
    for (std::int64_t i = 0; i < split->size; ++i) {
      Row row;
      row.label = static_cast<int>(split->labels[static_cast<std::size_t>(i)]);
      for (const auto& [name, values] : split->observers) row.observers[name] = values[static_cast<std::size_t>(i)];
      for (std::int64_t c = 0; c < dataset.shape.channels; ++c) {
        const auto first = split->images.begin() + (i * dataset.shape.channels + c) * plane;
        row.channel_sum.push_back(std::accumulate(first, first + plane, 0.0));
      }
      rows.push_back(row);
    }
  }
  return rows;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0.0 : values[values.size() / 2];
}

void write_lines(const std::filesystem::path& path, const std::vector<std::string>& lines) {
  std::ofstream out(path);
  for (const auto& line : lines) out << line << "\n";
}

std::string muon_event(double pt, const std::string& truth = "dimuon") {
  return R"({"process":"dimuon","truth":")" + truth + R"(","objects":[{"type":"muon","pt":)" + std::to_string(pt) +
         R"(,"eta":0.0,"phi":0.0,"charge":1}],"met":{"pt":5.0,"phi":3.0}})";
}

std::string electron_event(double pt) {
  return R"({"process":"wjets","objects":[{"type":"electron","pt":)" + std::to_string(pt) +
         R"(,"eta":1.5,"phi":-1.0,"charge":-1},{"type":"jet","pt":40.0,"eta":-1.0,"phi":2.0,"btag":true}],)"
         R"("met":{"pt":30.0,"phi":1.0}})";
}

}  // namespace

TEST_CASE("objects source: generated ttbar, W+jets and Drell-Yan events become labelled object images") {
  const nlohmann::json source = {{"kind", "objects"}, {"classes", {"ttbar", "wjets", "dy"}}, {"events", 150}, {"seed", 1}};
  const auto spec = dataset_spec_from_json(
      objects_config(source, {"njets", "nbjets", "nleptons", "met", "lepton_pt", "mll", "mt"}));
  REQUIRE(std::holds_alternative<ObjectsSource>(spec.source));
  CHECK(source_description(spec.source) == "50 ttbar + 50 wjets + 50 dy events from the object generator");
  CHECK(class_names(spec.source) == std::vector<std::string>{"ttbar", "wjets", "dy"});
  ProgressLines progress;
  const auto dataset = build_dataset(spec, progress.callback());

  CHECK(dataset.classes == std::vector<std::string>{"ttbar", "wjets", "dy"});
  CHECK(dataset.shape == ImageShape{5, kPixels, kPixels});
  CHECK(dataset.train.size == 90);
  CHECK(dataset.val.size == 30);
  CHECK(dataset.test.size == 30);
  for (const char* name : {"ttbar", "wjets", "dy"}) {
    CHECK(dataset.counts["selection"][name]["kept"] == 50);
    CHECK(dataset.counts["selection"][name]["events"].get<std::int64_t>() >= 50);
  }
  const auto rows = rows_of(dataset);
  std::vector<int> per_class(3, 0);
  std::vector<double> dy_mll, bjets[3];
  int dy_muon_lit = 0;
  for (const auto& row : rows) {
    ++per_class[static_cast<std::size_t>(row.label)];
    // Every event has a lepton (min_leptons = 1), and MET is always drawn.
    CHECK(row.channel_sum[kElectron] + row.channel_sum[kMuon] > 0);
    CHECK(row.channel_sum[kMet] > 0);
    CHECK(row.observers.at("nleptons") >= 1);
    // The jet and b-jet channels are lit exactly when the event has such jets.
    const float light_jets = row.observers.at("njets") - row.observers.at("nbjets");
    CHECK((row.channel_sum[kJet] > 0) == (light_jets > 0));
    CHECK((row.channel_sum[kBjet] > 0) == (row.observers.at("nbjets") > 0));
    bjets[row.label].push_back(row.observers.at("nbjets"));
    if (row.label == 2) {
      if (row.observers.at("nleptons") >= 2) dy_mll.push_back(row.observers.at("mll"));
      if (row.channel_sum[kMuon] > 0) ++dy_muon_lit;
    }
  }
  CHECK(per_class == std::vector<int>{50, 50, 50});
  CHECK(dy_muon_lit > 10);  // Z -> mu mu in about half the Drell-Yan events
  CHECK(median(dy_mll) > 80);
  CHECK(median(dy_mll) < 100);
  const auto mean = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / v.size(); };
  CHECK(mean(bjets[0]) > 0.8);  // two b quarks at 70 % tagging efficiency
  CHECK(mean(bjets[1]) < 0.3);

  // The same recipe gives the same images.
  const auto again = build_dataset(spec, nullptr);
  CHECK(again.train.images == dataset.train.images);
  CHECK(again.test.labels == dataset.test.labels);
}

TEST_CASE("objects source: the dimuon truth labels make the five resonance classes") {
  const nlohmann::json source = {{"kind", "objects"},
                                 {"classes", {"jpsi", "psi2s", "upsilon1s", "z", "continuum"}},
                                 {"events", 100},
                                 {"min_leptons", 2},
                                 {"objects", {"muon", "met"}}};
  const auto spec = dataset_spec_from_json(objects_config(source, {"mll", "ptll"}));
  const auto dataset = build_dataset(spec, nullptr);
  CHECK(dataset.shape == ImageShape{2, kPixels, kPixels});
  CHECK(dataset.classes == std::vector<std::string>{"jpsi", "psi2s", "upsilon1s", "z", "continuum"});
  std::vector<std::vector<double>> mass(5);
  for (const auto& row : rows_of(dataset)) {
    mass[static_cast<std::size_t>(row.label)].push_back(row.observers.at("mll"));
    CHECK(row.channel_sum[0] > 0);  // the muons
  }
  for (const auto& masses : mass) CHECK(masses.size() == 20);
  CHECK(median(mass[0]) == Approx(3.097).epsilon(0.03));
  CHECK(median(mass[1]) == Approx(3.686).epsilon(0.03));
  CHECK(median(mass[2]) == Approx(9.460).epsilon(0.03));
  CHECK(median(mass[3]) == Approx(91.19).epsilon(0.05));
  CHECK(dataset.counts["skipped"]["few_leptons"].get<std::int64_t>() > 0);  // soft muons out of acceptance
}

TEST_CASE("objects source: JSON lines per class give each file's label, pixels at the objects' (eta, phi)") {
  TempDirectory dir("objects-jsonl");
  const auto muons = dir.path() / "muons.jsonl", electrons = dir.path() / "electrons.jsonl";
  write_lines(muons, {muon_event(50), "", muon_event(60), muon_event(70)});
  write_lines(electrons, {electron_event(35), electron_event(45)});
  nlohmann::json source = {{"kind", "objects"},
                           {"classes", {"mu", "el"}},
                           {"files", {{"mu", {muons.string()}}, {"el", {electrons.string()}}}}};
  auto spec = dataset_spec_from_json(objects_config(source, {"lepton_pt", "njets", "met"}));
  CHECK(source_description(spec.source) ==
        "objects from mu [" + muons.string() + "], el [" + electrons.string() + "]");
  auto dataset = build_dataset(spec, nullptr);
  CHECK(dataset.classes == std::vector<std::string>{"mu", "el"});
  CHECK(dataset.train.size + dataset.val.size + dataset.test.size == 5);
  CHECK(dataset.counts["selection"]["mu"]["kept"] == 3);
  CHECK(dataset.counts["selection"]["el"]["kept"] == 2);
  const auto plane = kPixels * kPixels;
  for (const Split* split : {&dataset.train, &dataset.val, &dataset.test}) {
    for (std::int64_t i = 0; i < split->size; ++i) {
      const float* image = split->images.data() + i * 5 * plane;
      const auto sum = [&](int c) { return std::accumulate(image + c * plane, image + (c + 1) * plane, 0.0); };
      const float lepton_pt = split->observers.at("lepton_pt")[static_cast<std::size_t>(i)];
      if (split->labels[static_cast<std::size_t>(i)] == 0) {
        // A muon at eta = 0, phi = 0: the pixel just above the centre of the 32 x 32 grid is lit.
        CHECK(image[kMuon * plane + 16 * kPixels + 16] == 1.0f);
        CHECK(sum(kElectron) == 0);
        CHECK(sum(kBjet) == 0);
        CHECK((lepton_pt == 50 || lepton_pt == 60 || lepton_pt == 70));
      } else {
        CHECK(sum(kMuon) == 0);
        CHECK(sum(kElectron) > 0);
        CHECK(sum(kBjet) > 0);  // the b-tagged jet has its own channel
        CHECK(sum(kJet) == 0);
        CHECK(split->observers.at("njets")[static_cast<std::size_t>(i)] == 1);
        CHECK((lepton_pt == 35 || lepton_pt == 45));
      }
    }
  }

  // limit: the first event of each class only.
  source["limit"] = 1;
  dataset = build_dataset(dataset_spec_from_json(objects_config(source, {"lepton_pt"})), nullptr);
  CHECK(dataset.counts["selection"]["mu"]["kept"] == 1);
  CHECK(dataset.counts["selection"]["el"]["kept"] == 1);
}

TEST_CASE("objects source: one JSON-lines list is labelled by each event's truth, others skipped and counted") {
  TempDirectory dir("objects-truth");
  const auto file = dir.path() / "dimuon.jsonl";
  // Also what the generator writes: its events read back through the same path.
  jetstudy::events::generator::ObjectEventOptions options;
  options.process = jetstudy::events::generator::ObjectProcess::dimuon;
  jetstudy::events::generator::ObjectEventGenerator generator(options);
  std::vector<jetstudy::events::generator::ObjectEvent> events;
  for (int i = 0; i < 200; ++i) events.push_back(generator.next());
  jetstudy::events::generator::write_object_events_jsonl(file, events);
  std::map<std::string, int> truths;
  int jpsi_or_z_with_muon = 0;
  for (const auto& event : events) {
    ++truths[event.truth];
    if ((event.truth == "jpsi" || event.truth == "z") && !event.objects.empty()) ++jpsi_or_z_with_muon;
  }
  const nlohmann::json source = {{"kind", "objects"}, {"classes", {"jpsi", "z"}}, {"files", {file.string()}}};
  const auto dataset = build_dataset(dataset_spec_from_json(objects_config(source, {"mll"})), nullptr);
  const std::int64_t kept = dataset.counts["selection"]["jpsi"]["kept"].get<std::int64_t>() +
                            dataset.counts["selection"]["z"]["kept"].get<std::int64_t>();
  CHECK(kept == jpsi_or_z_with_muon);
  CHECK(dataset.counts["selection"]["jpsi"]["events"] == truths["jpsi"]);
  CHECK(dataset.counts["skipped"]["other_truth"] == 200 - truths["jpsi"] - truths["z"]);
}

TEST_CASE("objects source: bad input is refused with the key or the file named") {
  TempDirectory dir("objects-bad");
  const auto generated = [](nlohmann::json classes) {
    return nlohmann::json{{"kind", "objects"}, {"classes", std::move(classes)}, {"events", 30}};
  };
  CHECK_THROWS_WITH(dataset_spec_from_json(objects_config(generated({"ttbaar", "dy"}), {"met"})),
                    Contains("data.source.classes[0]: unknown object class 'ttbaar'") && Contains("ttbar"));
  CHECK_THROWS_WITH(dataset_spec_from_json(objects_config(generated({"dimuon", "jpsi"}), {"met"})),
                    Contains("'dimuon' and its truth labels"));
  CHECK_THROWS_WITH(dataset_spec_from_json(objects_config(generated({"ttbar", "dy"}), {"tau21"})),
                    Contains("'tau21' is a jet observer") && Contains("njets"));
  CHECK_THROWS_WITH(dataset_spec_from_json(objects_config({{"kind", "objects"}, {"classes", {"ttbar", "dy"}}}, {"met"})),
                    Contains("either `events`") && Contains("or `files`"));

  auto narrow = objects_config(generated({"ttbar", "dy"}), {"met"});
  narrow["images"]["extent"] = {{-3, 3}, {-1.6, 1.6}};
  CHECK_THROWS_WITH(dataset_spec_from_json(narrow), Contains("images.extent: an object image covers the whole azimuth"));
  auto centred = objects_config(generated({"ttbar", "dy"}), {"met"});
  centred["images"]["steps"] = {{{"center", {{"on", "leading_subjet"}}}}};
  CHECK_THROWS_WITH(dataset_spec_from_json(centred), Contains("only normalize applies"));

  const auto empty = dir.path() / "empty.jsonl", muons = dir.path() / "muons.jsonl";
  write_lines(empty, {""});
  write_lines(muons, {muon_event(40)});
  const nlohmann::json files = {{"kind", "objects"},
                                {"files", {{"a", {muons.string()}}, {"b", {empty.string()}}}}};
  const auto spec = dataset_spec_from_json(objects_config(files, {"met"}));
  CHECK_THROWS_WITH(build_dataset(spec, nullptr), Contains(empty.string() + ": no events"));
  const nlohmann::json missing = {{"kind", "objects"},
                                  {"files", {{"a", {muons.string()}}, {"b", {(dir.path() / "nope.jsonl").string()}}}}};
  CHECK_THROWS_WITH(dataset_spec_from_json(objects_config(missing, {"met"})),
                    Contains("data.source.files.b[0]: file") && Contains("nope.jsonl' not found"));
  const nlohmann::json wrong_key = {{"kind", "objects"},
                                    {"classes", {"a", "c"}},
                                    {"files", {{"a", {muons.string()}}, {"b", {muons.string()}}}}};
  CHECK_THROWS_WITH(dataset_spec_from_json(objects_config(wrong_key, {"met"})),
                    Contains("class 'c' has no files"));
  // A class none of whose events has a lepton.
  const nlohmann::json leptonless = {{"kind", "objects"},
                                     {"files", {{"a", {muons.string()}}, {"b", {muons.string()}}}},
                                     {"min_leptons", 2}};
  CHECK_THROWS_WITH(build_dataset(dataset_spec_from_json(objects_config(leptonless, {"met"})), nullptr),
                    Contains(muons.string() + ": no event of class 'a'"));
}

TEST_CASE("objects source: the dataset cache stores the object images and a second build loads them") {
  TempDirectory cache("objects-cache");
  const nlohmann::json source = {{"kind", "objects"}, {"classes", {"wjets", "dy"}}, {"events", 40}};
  const auto config = objects_config(source, {"met", "mll"});
  ProgressLines first, second;
  const auto built = build_or_load_dataset(config, cache.path(), first.callback());
  CHECK(built.shape == ImageShape{5, kPixels, kPixels});
  const auto loaded = build_or_load_dataset(config, cache.path(), second.callback());
  CHECK(second.any_contains(": loaded from "));
  CHECK_FALSE(second.any_contains("not usable"));
  CHECK(loaded.classes == std::vector<std::string>{"wjets", "dy"});
  CHECK(loaded.train.images == built.train.images);
  CHECK(loaded.test.observers.at("mll") == built.test.observers.at("mll"));
}
