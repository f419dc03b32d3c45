// `jetstudy bench sched` (issue 6 "Speed"): planning a 10,000-run sweep (goal < 1 s), the dispatch overhead per
// run of the local pool (goal < 100 ms) and ingesting 1M metric rows from result.json files into the store (goal
// < 5 s), each against the target, and planning and ingesting also against Python peers
// (bench/peers/sched_python.py: itertools.product + SHA-256, json + sqlite3 executemany) measured in the same run.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "toolkit/core/bench_figure.h"

namespace jetstudy::cli {

struct SchedBenchOptions {
  int sweep_seeds = 10;        // the planned sweep: a 10 x 10 x 10 grid times this many seeds
  int dispatch_runs = 32;      // trivially short runs (a binned likelihood on 600 jets) through the local pool
  int jobs = 2;                // workers of the pool
  int ingest_runs = 1000;      // result.json files ...
  int metrics_per_run = 1000;  // ... of this many metric rows each
};

// `notes` receives what each measurement did (printed on stderr as it goes unless `quiet`).
std::vector<core::BenchFigure> bench_sched(const SchedBenchOptions& options, nlohmann::json& notes, bool quiet);

}  // namespace jetstudy::cli
