#!/usr/bin/env python3
"""The Python peers of `jetstudy bench sched` (issue 6), on Debian's python3 with the standard library only.

  sched_python.py plan GRID_JSON SEEDS     expand a grid sweep the way a Python sweeper does (itertools.product
                                           over the grid, one config per point x seed, canonical JSON + SHA-256
                                           per run, as jetstudy's run identity) and print the seconds it took
  sched_python.py ingest RESULTS_DIR       read every runs/*/result.json under RESULTS_DIR and insert their
                                           metric rows into a fresh SQLite database with jetstudy's metrics table
                                           (WAL, one transaction, executemany), and print the seconds it took

Each prints one JSON line last: {"seconds": ..., "runs" or "rows": ...} or {"error": ...}.
"""
import hashlib
import itertools
import json
import os
import sqlite3
import sys
import tempfile
import time


def plan(grid_json, seeds):
    grid = json.loads(grid_json)
    base = {"study": "bench-sched", "model": {"arch": "dense"}, "train": {"epochs": 1}}
    keys = list(grid)
    start = time.perf_counter()
    hashes = []
    for values in itertools.product(*(grid[key] for key in keys)):
        for seed in range(1, seeds + 1):
            config = json.loads(json.dumps(base))
            for key, value in zip(keys, values):
                node = config
                *parents, leaf = key.split(".")
                for parent in parents:
                    node = node.setdefault(parent, {})
                node[leaf] = value
            config["seed"] = seed
            canonical = json.dumps(config, sort_keys=True, separators=(",", ":"))
            hashes.append(hashlib.sha256(canonical.encode()).hexdigest())
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "runs": len(hashes)}))


def ingest(results_dir):
    runs_dir = os.path.join(results_dir, "runs")
    with tempfile.TemporaryDirectory() as scratch:
        database = sqlite3.connect(os.path.join(scratch, "peer.sqlite"))
        database.execute("PRAGMA journal_mode=WAL")
        database.execute("CREATE TABLE metrics (run_hash TEXT NOT NULL, split TEXT NOT NULL, name TEXT NOT NULL, "
                         "value REAL NOT NULL, epoch INTEGER)")
        database.execute("CREATE INDEX metrics_by_run ON metrics (run_hash, split, name)")
        start = time.perf_counter()
        rows = 0
        with database:
            for run in sorted(os.listdir(runs_dir)):
                with open(os.path.join(runs_dir, run, "result.json")) as file:
                    result = json.load(file)
                metrics = result["outcome"]["metrics"]
                database.executemany(
                    "INSERT INTO metrics VALUES (?, ?, ?, ?, ?)",
                    ((result["hash"], m["split"], m["name"], m["value"], m.get("epoch")) for m in metrics))
                rows += len(metrics)
        seconds = time.perf_counter() - start
        database.close()
    print(json.dumps({"seconds": seconds, "rows": rows}))


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "plan" and len(sys.argv) == 4:
        plan(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 3 and sys.argv[1] == "ingest":
        ingest(sys.argv[2])
    else:
        print(json.dumps({"error": "usage: sched_python.py plan GRID_JSON SEEDS | ingest RESULTS_DIR"}))
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
