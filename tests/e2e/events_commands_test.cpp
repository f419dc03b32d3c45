// `jetstudy generate`, `jetstudy jets` and `jetstudy bench events`, through the real binary.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/e2e/command.h"

using namespace jetstudy::e2e;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

TEST_CASE("events commands: generated top events cluster into one heavy jet each, the same from HepMC3 and HDF5") {
  const auto directory = fresh_results_directory("generate");
  for (const char* extension : {".hepmc", ".h5"}) {
    const std::string file = directory + "/top" + extension;
    const auto generated = run_jetstudy("generate --process top -n 30 --pt 350:450 --seed 5 -o " + file);
    INFO(generated.output);
    REQUIRE(generated.exit_code == 0);
    CHECK_THAT(generated.output, StartsWith(file + ": 30 events, built-in generator: top"));
  }
  const auto from_hepmc = run_jetstudy("jets " + directory + "/top.hepmc --R 1.5 --ptmin 200 --json");
  const auto from_hdf5 = run_jetstudy("jets " + directory + "/top.h5 --R 1.5 --ptmin 200 --json");
  REQUIRE(from_hepmc.exit_code == 0);
  CHECK(from_hepmc.output == from_hdf5.output);  // two formats, the same events
  const auto json = nlohmann::json::parse(from_hepmc.output);
  REQUIRE(json["events"].size() == 30);
  std::vector<double> masses;
  for (const auto& event : json["events"]) {
    REQUIRE_FALSE(event["jets"].empty());
    const auto& jets = event["jets"];
    for (std::size_t i = 1; i < jets.size(); ++i) CHECK(jets[i - 1]["pt"] >= jets[i]["pt"]);  // pT-ordered
    masses.push_back(jets[0]["m"].get<double>());
    for (const char* key : {"pt", "eta", "phi", "m", "px", "py", "pz", "e"}) CHECK(jets[0].contains(key));
  }
  std::sort(masses.begin(), masses.end());
  CHECK(masses[15] > 130);  // R=1.5 top jets: the median is near the top mass
}

TEST_CASE("events commands: jets of FastJet's Pythia example event match FastJet's own figures") {
  const auto result = run_jetstudy(std::string("jets ") + JETSTUDY_SHARED_DATA +
                                   "/pythia/Pythia-PtMin1000-LHC-10ev.dat --R 0.4 --ptmin 5 --max-events 1");
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, StartsWith("event 0: 354 particles, jets: 5\n  pt   981.157  eta  -0.868  phi   2.905"));
}

TEST_CASE("events commands: a falling pT spectrum puts more jets near the low edge of the window than a flat one") {
  const auto directory = fresh_results_directory("spectrum");
  double below_middle[2] = {0, 0};
  int index = 0;
  for (const char* spectrum : {"flat", "falling"}) {
    const std::string file = directory + "/" + spectrum + ".h5";
    REQUIRE(run_jetstudy(std::string("generate --process qcd -n 300 --pt 300:600 --pt-spectrum ") + spectrum +
                         " --seed 4 -o " + file)
                .exit_code == 0);
    const auto json = nlohmann::json::parse(run_jetstudy("jets " + file + " --R 1.0 --ptmin 100 --json").output);
    for (const auto& event : json["events"])
      if (!event["jets"].empty() && event["jets"][0]["pt"].get<double>() < 450) ++below_middle[index];
    ++index;
  }
  CHECK(below_middle[0] < 0.6 * 300);   // flat: about half below the middle of the window
  CHECK(below_middle[1] > 0.75 * 300);  // pT^-5: most near the low edge
  CHECK(run_jetstudy("generate --process qcd -n 5 --pt-spectrum rising -o " + directory + "/x.h5").exit_code == 2);
}

TEST_CASE("events commands: object-level processes go to JSON lines, one event per line") {
  const auto file = fresh_results_directory("objects") + "/dimuon.jsonl";
  const auto result = run_jetstudy("generate --process dimuon -n 12 --seed 2 -o " + file);
  REQUIRE(result.exit_code == 0);
  std::ifstream in(file);
  int lines = 0;
  for (std::string line; std::getline(in, line); ++lines) CHECK(nlohmann::json::parse(line)["process"] == "dimuon");
  CHECK(lines == 12);
}

TEST_CASE("events commands: bad generate arguments exit 2 and say what would be right") {
  const auto directory = fresh_results_directory("generate-bad");
  const auto typo = run_jetstudy("generate --process tpo -n 5 -o " + directory + "/x.h5");
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.output, Contains("unknown process 'tpo'; did you mean 'top'?"));
  const auto format = run_jetstudy("generate --process top -n 5 -o " + directory + "/x.root");
  CHECK(format.exit_code == 2);
  CHECK_THAT(format.output, Contains("choose the format by extension"));
  const auto objects = run_jetstudy("generate --process ttbar -n 5 -o " + directory + "/x.h5");
  CHECK(objects.exit_code == 2);
  CHECK_THAT(objects.output, Contains("are written as JSON lines"));
  const auto window = run_jetstudy("generate --process top -n 5 --pt 450:350 -o " + directory + "/x.h5");
  CHECK(window.exit_code == 2);
  CHECK_FALSE(std::filesystem::exists(directory + "/x.h5"));
  const auto missing = run_jetstudy("jets " + directory + "/nothing.hepmc");
  CHECK(missing.exit_code == 2);
}

TEST_CASE("events commands: bench events prints its table and one summary line per figure") {
  const auto result = run_jetstudy("bench --events 100 events");
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.output, Contains("bench events: generate top (particles) ") &&
                                Contains(" jets/s (") && Contains("x vs target 5000)") &&
                                Contains("bench events: cluster+trim+substructure of leading jet (top, no pile-up) ") &&
                                Contains("x vs plain FastJet anti-kT R=1.0 loop)"));
  // Beside it, the jet-level reclusterings against FastJet doing the same, with the same results.
  CHECK_THAT(result.output,
             Contains("bench events: trim + N-subjettiness axes reclusterings of leading jet (top, no pile-up) ") &&
                 Contains("x vs FastJet ClusterSequence doing the same)") && !Contains("MISMATCH"));
  const auto json = run_jetstudy("bench --events 100 --json events");
  REQUIRE(json.exit_code == 0);
  const auto figures = nlohmann::json::parse(json.output)["figures"];
  CHECK(figures.size() == 8);
  for (const auto& figure : figures) CHECK(figure["value"].get<double>() > 0);
}

TEST_CASE("events commands: bench events times clustering on real event files given with --events-file") {
  const std::string pythia = std::string(JETSTUDY_SHARED_DATA) + "/pythia/Pythia-PtMin1000-LHC-10ev.dat";
  const auto result = run_jetstudy("bench --events 50 events --events-file " + pythia);
  REQUIRE(result.exit_code == 0);
  // The ten FastJet example events hold 546 particles on average (cycled to 400 events for the timing).
  CHECK_THAT(result.output, Contains("bench events: cluster+trim+substructure of leading jet "
                                     "(Pythia-PtMin1000-LHC-10ev.dat, 546 particles/event) ") &&
                                Contains("x vs plain FastJet anti-kT R=1.0 loop)"));
  CHECK_THAT(result.output, Contains("bench events: trim + N-subjettiness axes reclusterings of leading jet "
                                     "(Pythia-PtMin1000-LHC-10ev.dat, 546 particles/event) ") &&
                                !Contains("MISMATCH"));
  const std::string directory = fresh_results_directory("bench-events-file");
  std::ofstream(directory + "/empty.dat") << "";
  const auto empty = run_jetstudy("bench --events 50 events --events-file " + directory + "/empty.dat");
  CHECK(empty.exit_code == 2);
  CHECK_THAT(empty.output, Contains("empty.dat"));
  CHECK(run_jetstudy("bench --events 50 events --events-file " + directory + "/missing.dat").exit_code == 2);
}
