// `jetstudy bench train` through the real binary: images/s of a network trained on shuffled batches of generator
// jet images, beside the same network in PyTorch (bench/peers/train_torch.py) when python3-torch is there.
// Speeds are never asserted here (DESIGN.md: figures are reported by the bench, not enforced by tests).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "tests/e2e/command.h"

using namespace jetstudy::e2e;
using Catch::Matchers::Contains;

namespace {

bool torch_peer_available() {
  const bool available = std::system("/usr/bin/python3 -c 'import torch, h5py' > /dev/null 2>&1") == 0;
  if (!available) WARN("python3-torch or python3-h5py missing for /usr/bin/python3: the PyTorch peer is not checked");
  return available;
}

// A tiny run: 400 generator jets, batches of 16, one warm-up and three timed steps, one thread, one run per side.
const char* kTinyRun = "--events 400 --batch 16 --warmup 1 --steps 3 --threads 1 --repeats 1";

}  // namespace

TEST_CASE("bench train: DeepTop's best images/s of two runs is printed with its ratio to the PyTorch twin of the same "
          "size") {
  const auto result =
      run_jetstudy("bench train --model deeptop --events 400 --batch 16 --warmup 1 --steps 3 --threads 1 --repeats 2");
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, Contains(" pT images from the built-in generator, shuffled batches of 16, Adam, 1 "
                                     "thread(s), device cpu") &&
                                Contains("bench train: deeptop: DeepTop CNN on 1x40x40") &&
                                Contains(" parameters); best of 2: 3 steps in "));

  static const std::regex kSummary(
      R"(bench train: train deeptop 1x40x40, batch 16, 1 thr, cpu ([0-9.]+) images/s \(([0-9.]+)x vs ([^\n]*)\))");
  std::smatch summary;
  REQUIRE(std::regex_search(result.output, summary, kSummary));
  const double ours = std::stod(summary[1].str());
  CHECK(ours > 0);
  if (!torch_peer_available()) {
    CHECK(summary[3].str() == "PyTorch (peer skipped)");
    CHECK_THAT(result.output, Contains("bench train: deeptop: PyTorch peer skipped: "));
    return;
  }
  CHECK_THAT(summary[3].str(), Catch::Matchers::StartsWith("PyTorch 1.") && Catch::Matchers::EndsWith("(dataloader)"));
  CHECK(std::stod(summary[2].str()) > 0);  // the peer's rate is positive, so is the ratio
  CHECK_THAT(result.output, Contains(" twin (") && Contains(" thread(s), cpu); best of 2: 3 steps in "));
  // Both sides report the same parameter count (the peer refuses to time a network of another size).
  static const std::regex kParameters(
      R"(deeptop: DeepTop CNN[^\n]*\((\d+) parameters\)[^\n]*\n[^\n]*twin \((\d+) parameters)");
  std::smatch parameters;
  REQUIRE(std::regex_search(result.output, parameters, kParameters));
  CHECK(parameters[1].str() == parameters[2].str());
}

TEST_CASE("bench train: --json gives one figure per network with goal 1.2x and the notes, or says why a network is "
          "skipped") {
  const auto result = run_jetstudy(std::string("bench --json train --model all --peer-loader gather "
                                               "--peer-memory-format channels_last ") + kTinyRun);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  const auto json = nlohmann::json::parse(result.output);
  CHECK(json["suite"] == "train");
  std::string notes;
  for (const auto& line : json["notes"]) notes += line.get<std::string>() + "\n";
  const bool resnext_missing = notes.find("resnext skipped: the model zoo (toolkit/models/builtin.cpp) has no "
                                          "architecture 'resnext'") != std::string::npos;
  const auto& figures = json["figures"];
  REQUIRE(figures.size() == (resnext_missing ? 1u : 2u));
  CHECK_THAT(figures[0]["what"].get<std::string>(), Catch::Matchers::StartsWith("train deeptop 1x40x40"));
  if (!resnext_missing)
    CHECK_THAT(figures[1]["what"].get<std::string>(), Catch::Matchers::StartsWith("train resnext 1x40x40"));
  const bool peer = torch_peer_available();
  for (const auto& figure : figures) {
    CHECK(figure["unit"] == "images/s");
    CHECK(figure["value"].get<double>() > 0);
    if (!peer) continue;
    CHECK(figure["goal_ratio"] == 1.2);
    CHECK(figure["peer_value"].get<double>() > 0);
    CHECK_THAT(figure["peer"].get<std::string>(), Contains("(gather, channels_last)"));
  }
}

TEST_CASE("bench train: a device LibTorch cannot see is bad input, named with what would work") {
  const auto result = run_jetstudy(std::string("bench train --model deeptop --device cuda:7 ") + kTinyRun);
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Contains("'cuda:7' requested, but this machine has "));
}

TEST_CASE("bench train: JETSTUDY_PEER_PYTHON picks the peer's interpreter, and one that is not there is named") {
  const auto result = run_jetstudy(std::string("bench train --model deeptop ") + kTinyRun,
                                   "JETSTUDY_PEER_PYTHON=/nonexistent/python3 ");
  INFO(result.output);
  REQUIRE(result.exit_code == 0);  // our side is still measured and printed
  CHECK_THAT(result.output, Contains(" vs PyTorch (peer skipped))"));
  CHECK_THAT(result.output, Contains("bench train: deeptop: PyTorch peer skipped: /nonexistent/python3 "
                                     "(JETSTUDY_PEER_PYTHON) not found"));
}
