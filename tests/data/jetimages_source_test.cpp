#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

#include "tests/data/small_config.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/core/error.h"
#include "toolkit/core/hdf5_file.h"
#include "toolkit/data/build_dataset.h"

using namespace jetstudy::data;
using jetstudy::data::testing::ProgressLines;
using jetstudy::core::TempDirectory;
using jetstudy::data::testing::small_config;
using Catch::Matchers::Contains;

namespace {

constexpr int kJets = 60;
constexpr int kPixels = 25;

// The pT the synthetic file gives jet i, and whether it is signal (every third jet).
float jet_pt(int i) { return 250.0f + 0.8f * static_cast<float>(i); }
bool is_signal(int i) { return i % 3 == 0; }

// A jet-images file as events::JetImagesReader reads it (keys of arXiv:1511.05190's file): 60 images of
// 25 x 25, jet i with 60 % of its pT in the central pixel and 40 % two pixels to the right, jet_mass 50 + i
// GeV, tau_21 = i / 100, tau_32 = i / 200.
void write_jetimages_file(const std::filesystem::path& path) {
  namespace h5 = jetstudy::core::hdf5;
  std::vector<float> images(kJets * kPixels * kPixels, 0.0f), signal, pt, eta, phi, mass, tau21, tau32;
  for (int i = 0; i < kJets; ++i) {
    float* image = images.data() + i * kPixels * kPixels;
    image[12 * kPixels + 12] = 0.6f * jet_pt(i);
    image[12 * kPixels + 14] = 0.4f * jet_pt(i);
    signal.push_back(is_signal(i) ? 1.0f : 0.0f);
    pt.push_back(jet_pt(i));
    eta.push_back(0.01f * static_cast<float>(i) - 0.3f);
    phi.push_back(0.05f * static_cast<float>(i));
    mass.push_back(50.0f + static_cast<float>(i));
    tau21.push_back(static_cast<float>(i) / 100);
    tau32.push_back(static_cast<float>(i) / 200);
  }
  h5::Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
  h5::write_floats(file.get(), "image", {kJets, kPixels, kPixels}, images, path);
  const std::pair<const char*, const std::vector<float>*> columns[] = {
      {"signal", &signal}, {"jet_pt", &pt},     {"jet_eta", &eta}, {"jet_phi", &phi},
      {"jet_mass", &mass}, {"tau_21", &tau21}, {"tau_32", &tau32}};
  for (const auto& [name, values] : columns) h5::write_floats(file.get(), name, {kJets}, *values, path);
}

nlohmann::json jetimages_config(const std::filesystem::path& file) {
  auto config = small_config();
  config["data"]["source"] = {{"kind", "jetimages_h5"}, {"file", file.string()}, {"seed", 3}};
  config["data"]["select"] = {{"pt", {250, 300}}, {"mass", {60, 100}}};
  config["data"]["split"] = {{"train", 0.6}, {"val", 0.2}, {"test", 0.2}};
  config["data"]["observers"] = {"mass", "pt", "tau21", "tau32"};
  config["images"] = {{"size", {25, 25}},
                      {"extent", {{-1.25, 1.25}, {-1.25, 1.25}}},
                      {"channels", {"pt"}},
                      {"steps", {{{"center", {{"on", "leading_subjet"}}}}, "rotate", "flip"}}};
  return config;
}

// The synthetic jet index, recovered from its pT.
int index_of(float pt) { return static_cast<int>(std::lround((pt - 250.0f) / 0.8f)); }

}  // namespace

TEST_CASE("jetimages_h5 source: pre-made images, labels and observers go straight into the split dataset") {
  TempDirectory dir("jetimages-source");
  const auto file = dir.path() / "jet-images.h5";
  write_jetimages_file(file);
  const auto spec = dataset_spec_from_json(jetimages_config(file));
  REQUIRE(std::holds_alternative<JetImagesSource>(spec.source));
  CHECK(source_description(spec.source) == "jet-images file " + file.string() + " (pre-made images)");
  ProgressLines progress;
  const auto built = build_dataset(spec, progress.callback());

  // mass 50 + i in [60, 100] keeps jets 10..50: 41 jets, 13 of them signal (i = 12, 15, ..., 48).
  CHECK(built.shape == ImageShape{1, 25, 25});
  CHECK(built.train.size == 25);  // round(0.6 * 41)
  CHECK(built.val.size == 8);     // round(0.2 * 41)
  CHECK(built.test.size == 8);
  CHECK(built.counts["selection"]["signal"]["events"] == 20);
  CHECK(built.counts["selection"]["signal"]["jets"] == 13);
  CHECK(built.counts["selection"]["background"]["jets"] == 28);
  CHECK(built.counts["skipped"]["failed_selection"] == 19);
  std::int64_t signal = 0;
  for (const Split* split : {&built.train, &built.val, &built.test}) {
    REQUIRE(split->images.size() == static_cast<std::size_t>(split->size * 625));
    for (std::int64_t j = 0; j < split->size; ++j) {
      const float pt = split->observers.at("pt")[static_cast<std::size_t>(j)];
      const int i = index_of(pt);
      CAPTURE(i);
      REQUIRE((i >= 10 && i <= 50));
      CHECK(split->labels[static_cast<std::size_t>(j)] == (is_signal(i) ? 1.0f : 0.0f));
      signal += is_signal(i) ? 1 : 0;
      CHECK(split->observers.at("mass")[static_cast<std::size_t>(j)] == Approx(50 + i));      // jet_mass
      CHECK(split->observers.at("tau21")[static_cast<std::size_t>(j)] == Approx(i / 100.0));  // tau_21
      CHECK(split->observers.at("tau32")[static_cast<std::size_t>(j)] == Approx(i / 200.0));  // tau_32
      // The image is the file's, untouched: pT in GeV, summing to the jet's pT.
      const auto first = split->images.begin() + j * 625;
      CHECK(std::accumulate(first, first + 625, 0.0) == Approx(pt).epsilon(1e-5));
      CHECK(*(first + 12 * 25 + 12) == Approx(0.6 * pt));
    }
  }
  CHECK(signal == 13);
  CHECK(progress.any_contains("center on leading_subjet"));
  CHECK(progress.any_contains("do not apply to the pre-made images"));

  // The same seed gives the same split; another seed another one.
  const auto again = build_dataset(spec);
  CHECK(again.train.observers.at("pt") == built.train.observers.at("pt"));
  auto reseeded = jetimages_config(file);
  reseeded["data"]["source"]["seed"] = 4;
  CHECK(build_dataset(dataset_spec_from_json(reseeded)).train.observers.at("pt") != built.train.observers.at("pt"));
}

TEST_CASE("jetimages_h5 source: jets draws a subset, normalize applies to the pixels") {
  TempDirectory dir("jetimages-subset");
  const auto file = dir.path() / "jet-images.h5";
  write_jetimages_file(file);
  auto config = jetimages_config(file);
  config["data"]["source"]["jets"] = 30;
  config["data"]["select"] = nlohmann::json::object();
  config["images"]["steps"] = {{{"normalize", {{"norm", "l1"}}}}};
  const auto built = build_dataset(dataset_spec_from_json(config));
  CHECK(built.train.size + built.val.size + built.test.size == 30);
  CHECK(built.counts["selection"]["signal"]["events"].get<int>() + built.counts["selection"]["background"]["events"].get<int>() == 30);
  for (std::int64_t j = 0; j < built.train.size; ++j) {
    const auto first = built.train.images.begin() + j * 625;
    CHECK(std::accumulate(first, first + 625, 0.0) == Approx(1).epsilon(1e-5));
  }
}

TEST_CASE("jetimages_h5 source: a wrong image size, channel, step or observer is bad input naming what is right") {
  TempDirectory dir("jetimages-bad");
  const auto file = dir.path() / "jet-images.h5";
  write_jetimages_file(file);

  auto wrong_size = jetimages_config(file);
  wrong_size["images"]["size"] = {40, 40};
  REQUIRE_THROWS_AS(build_dataset(dataset_spec_from_json(wrong_size)), jetstudy::core::InputError);
  REQUIRE_THROWS_WITH(build_dataset(dataset_spec_from_json(wrong_size)),
                      Contains("images.size: [40, 40] does not match the pre-made images of " + file.string()) &&
                          Contains("25 x 25 pixels: use images.size: [25, 25]"));

  auto colours = jetimages_config(file);
  colours["images"]["channels"] = {"charged_pt", "neutral_pt"};
  REQUIRE_THROWS_WITH(dataset_spec_from_json(colours),
                      Contains("images.channels: a jetimages_h5 source holds pre-made images of one channel") &&
                          Contains("use channels: [pt] (got [charged_pt, neutral_pt])"));

  auto zoom = jetimages_config(file);
  zoom["images"]["steps"] = {{{"zoom", nlohmann::json::object()}}};
  REQUIRE_THROWS_WITH(dataset_spec_from_json(zoom), Contains("needs the jet's constituents"));

  auto event = jetimages_config(file);
  event["images"]["event"] = nlohmann::json::object();
  REQUIRE_THROWS_WITH(dataset_spec_from_json(event), Contains("images.event: a jetimages_h5 source"));

  auto nconst = jetimages_config(file);
  nconst["data"]["observers"] = {"mass", "nconst"};
  REQUIRE_THROWS_WITH(build_dataset(dataset_spec_from_json(nconst)),
                      Contains(file.string() + ": data.observers asks for 'nconst'") && Contains("it has jet_pt"));

  auto missing = jetimages_config(file);
  missing["data"]["source"]["file"] = (dir.path() / "nowhere.h5").string();
  REQUIRE_THROWS_WITH(dataset_spec_from_json(missing), Contains("data.source.file: file '"));

  auto typo = jetimages_config(file);
  typo["data"]["source"]["kind"] = "jetimage_h5";
  REQUIRE_THROWS_WITH(dataset_spec_from_json(typo), Contains("did you mean 'jetimages_h5'?"));
}
