// Through the binary: ASHA's rung handshake (docs/scheduler.md "Sweeps and ASHA"). Epochs of the tiny network
// are shorter than the coordinator's 100 ms poll, so without the handshake every run trained all its epochs
// before the stop arrived; with it the worker waits at each rung for the verdict, and the outcome is ASHA's own.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/command.h"

using namespace jetstudy::e2e;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

constexpr int kEpochs = 6;
const std::vector<int> kRungs = {2, 4};
constexpr double kKeep = 0.5;

std::string sql(const std::string& results, const std::string& query) {
  FILE* pipe = popen(("sqlite3 -separator ' ' " + results + "/jetstudy.sqlite \"" + query + "\"").c_str(), "r");
  std::string out;
  char buffer[4096];
  while (pipe && fgets(buffer, sizeof buffer, pipe)) out += buffer;
  if (pipe) pclose(pipe);
  return out;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// What the store says of one run.
struct RunSeen {
  std::string hash;
  double lr = 0;
  std::string status;
  int stopped_at = 0;                  // train/stopped_at_epoch, 0 when absent
  int epoch_rows = 0;                  // val/auc rows with an epoch
  std::map<int, double> auc_at_rung;   // val/auc at each rung the run reached

  bool operator==(const RunSeen& other) const {
    return hash == other.hash && status == other.status && stopped_at == other.stopped_at &&
           epoch_rows == other.epoch_rows;
  }
};

// The runs of the study in sweep order (learning rates descending, as the grid lists them).
std::vector<RunSeen> runs_seen(const std::string& results) {
  std::istringstream rows(sql(results,
      "SELECT r.hash, json_extract(r.config, '$.train.optimizer.lr'), r.status, "
      "(SELECT CAST(coalesce(max(value), 0) AS INTEGER) FROM metrics m WHERE m.run_hash = r.hash AND split = 'train' AND "
      "name = 'stopped_at_epoch'), "
      "(SELECT count(*) FROM metrics m WHERE m.run_hash = r.hash AND split = 'val' AND name = 'auc' AND "
      "epoch IS NOT NULL) FROM runs r ORDER BY 2 DESC"));
  std::vector<RunSeen> runs;
  for (RunSeen run; rows >> run.hash >> run.lr >> run.status >> run.stopped_at >> run.epoch_rows;) {
    for (const int rung : kRungs) {
      const auto value = sql(results, "SELECT value FROM metrics WHERE run_hash = '" + run.hash +
                                          "' AND split = 'val' AND name = 'auc' AND epoch = " + std::to_string(rung));
      if (!value.empty()) run.auc_at_rung[rung] = std::stod(value);
    }
    runs.push_back(run);
  }
  return runs;
}

// ASHA's rule (arXiv:1810.05934) replayed on the stored values, runs arriving at each rung in sweep order (--jobs 1):
// a run goes on while it is within the best ceil(keep x n) of the n values recorded at the rung so far.
std::map<std::string, int> expected_stops(const std::vector<RunSeen>& runs) {
  std::map<std::string, int> stopped;
  for (const int rung : kRungs) {
    std::vector<double> recorded;
    for (const auto& run : runs) {
      if (stopped.count(run.hash) || !run.auc_at_rung.count(rung)) continue;
      const double value = run.auc_at_rung.at(rung);
      recorded.push_back(value);
      const auto better = std::count_if(recorded.begin(), recorded.end(), [&](double other) { return other > value; });
      const auto kept = std::max<long>(1, static_cast<long>(std::ceil(kKeep * static_cast<double>(recorded.size()))));
      if (better >= kept) stopped[run.hash] = rung;
    }
  }
  return stopped;
}

std::vector<RunSeen> run_sweep(const std::string& name) {
  const auto results = fresh_results_directory(name);
  const auto run = run_jetstudy("run tests/e2e/recipes/asha.yaml --jobs 1 --results " + results);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.output, Contains("4 trained, 0 ingested") && Contains("(asha)"));
  const auto runs = runs_seen(results);
  REQUIRE(runs.size() == 4);
  for (const auto& seen : runs) {
    const auto directory = fs::path(results) / "runs" / seen.hash;
    CHECK(read_text(directory / "asha.json") == "{\"monitor\":\"val_auc\",\"rungs\":[2,4]}\n");
    // Every run reached rung 2; its verdict is what it did there.
    CHECK(read_text(directory / "rung-2.json") ==
          (seen.stopped_at == 2 ? "{\"stop\":true}\n" : "{\"stop\":false}\n"));
  }
  return runs;
}

}  // namespace

TEST_CASE("asha: runs with short epochs stop at the rung where ASHA says, the same way every time") {
  const auto first = run_sweep("asha-first");
  const auto expected = expected_stops(first);
  CHECK_FALSE(expected.empty());  // later runs are worse: some stop

  for (const auto& run : first) {
    INFO("lr " << run.lr << " stopped at " << run.stopped_at << " with " << run.epoch_rows << " epochs");
    CHECK(run.status == "done");
    const auto stop = expected.find(run.hash);
    if (stop == expected.end()) {
      CHECK(run.stopped_at == 0);
      CHECK(run.epoch_rows == kEpochs);
      continue;
    }
    CHECK(run.stopped_at == stop->second);
    CHECK(run.epoch_rows == stop->second);  // no epoch trained past the rung
  }
  // The best learning rate, first in the sweep, is never stopped and trains every epoch.
  CHECK(first.front().lr == Approx(3.0e-3));
  CHECK(first.front().stopped_at == 0);
  CHECK(first.front().epoch_rows == kEpochs);

  // A second fresh sweep: the same outcome, whatever the timing.
  const auto second = run_sweep("asha-second");
  CHECK(second == first);
}

TEST_CASE("asha: a LAGAN sweep monitoring val_mass_distance stops the run whose generated masses are worse at rung 1") {
  const auto results = fresh_results_directory("asha-gan");
  const auto run = run_jetstudy("run tests/e2e/recipes/asha_gan.yaml --jobs 1 --results " + results);
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.output, Contains("2 trained, 0 ingested"));
  // Per run, in sweep order (learning rate ascending): status, stopped_at_epoch (0 when absent), epochs stored,
  // val/mass_distance at rung 1, test/mass_distance.
  std::istringstream rows(sql(results,
      "SELECT r.status, "
      "(SELECT CAST(coalesce(max(value), 0) AS INTEGER) FROM metrics m WHERE m.run_hash = r.hash AND split = 'train' AND "
      "name = 'stopped_at_epoch'), "
      "(SELECT count(*) FROM metrics m WHERE m.run_hash = r.hash AND split = 'val' AND name = 'mass_distance' AND "
      "epoch IS NOT NULL), "
      "(SELECT value FROM metrics m WHERE m.run_hash = r.hash AND split = 'val' AND name = 'mass_distance' AND epoch = 1), "
      "(SELECT value FROM metrics m WHERE m.run_hash = r.hash AND split = 'test' AND name = 'mass_distance') "
      "FROM runs r ORDER BY json_extract(r.config, '$.train.optimizer.lr')"));
  struct Seen {
    std::string status;
    int stopped_at = 0, epochs = 0;
    double at_rung = 0, test = 0;
  };
  std::vector<Seen> runs;
  for (Seen seen; rows >> seen.status >> seen.stopped_at >> seen.epochs >> seen.at_rung >> seen.test;) runs.push_back(seen);
  REQUIRE(runs.size() == 2);
  const auto& good = runs[0];
  const auto& bad = runs[1];
  INFO("rung 1: " << good.at_rung << " GeV against " << bad.at_rung << " GeV");
  REQUIRE(bad.at_rung > good.at_rung);  // minimised (a distance): the second is the worse of the two at rung 1
  CHECK(good.status == "done");
  CHECK(good.stopped_at == 0);
  CHECK(good.epochs == 3);
  CHECK(bad.status == "done");
  CHECK(bad.stopped_at == 1);
  CHECK(bad.epochs == 1);
  CHECK(bad.test == bad.at_rung);  // evaluated with its best (only) epoch
}
