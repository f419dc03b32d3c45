#include "toolkit/sched/htcondor_backend.h"

#include <sys/stat.h>

#include <cctype>
#include <sstream>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/sched/shell_quote.h"

namespace jetstudy::sched {
namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  return text.substr(start);
}

std::string batch_name(const std::string& study) {
  std::string name = "jetstudy-";
  for (const char c : study)
    name += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  return name;
}

// HTCondor's JobStatus codes.
TaskState condor_state(int status) {
  switch (status) {
    case 1: return {"idle", false};
    case 2: return {"running", false};
    case 3: return {"removed", true};
    case 4: return {"completed", true};
    case 5: return {"held", true};  // waits for condor_release; jetstudy stops waiting for it
    case 6: return {"transferring output", false};
    case 7: return {"suspended", false};
    default: return {"status " + std::to_string(status), false};
  }
}

bool is_cluster_id(const std::string& text) {
  if (text.empty()) return false;
  for (const char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

long long parse_duration_s(const std::string& text, const std::string& what) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  const std::string unit = text.substr(digits);
  const long long factor = unit.empty() || unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : unit == "d" ? 86400 : 0;
  if (digits == 0 || digits > 12 || factor == 0)
    throw core::InputError(what + ": '" + text + "' is not a duration; write seconds or e.g. 90s, 30m, 12h, 2d");
  return std::stoll(text.substr(0, digits)) * factor;
}

HtcondorOptions htcondor_options(const nlohmann::json& run_block) {
  HtcondorOptions options;
  if (!run_block.is_object() || !run_block.contains("htcondor")) return options;
  const auto& condor = run_block.at("htcondor");
  options.request_gpus = condor.value("request_gpus", 0);
  options.request_cpus = condor.value("request_cpus", 0);
  options.request_memory = condor.value("request_memory", "");
  if (condor.contains("max_runtime")) {
    const auto& runtime = condor.at("max_runtime");
    options.max_runtime_s = runtime.is_string() ? parse_duration_s(runtime.get<std::string>(), "run.htcondor.max_runtime")
                                                : runtime.get<long long>();
  }
  options.max_retries = condor.value("max_retries", 0);
  return options;
}

std::string htcondor_job_script(const ClusterBatch& batch, const HtcondorOptions& options) {
  const std::string threads = options.request_cpus > 0 ? " --threads " + std::to_string(options.request_cpus) : "";
  std::string script = R"bash(#!/bin/bash
# Written by jetstudy run --backend htcondor. Runs one run (its hash is the argument) in HTCondor's scratch
# directory; what the run leaves in results/runs/<hash>/ is moved to the scratch directory, which HTCondor
# transfers back into the run's directory (initialdir).
set -u
hash=$1
)bash";
  script += "jetstudy=" + shell_quote(batch.jetstudy_binary.string()) + "\n";
  script += R"bash(mkdir -p "results/runs/$hash"
mv recipe.json "results/runs/$hash/"
# HTCondor sends TERM to this script alone when it evicts or removes the job: pass it on once; the worker
# checkpoints and exits 75, and HTCondor runs the job again (max_retries).
worker=
trap '[[ -n $worker ]] && kill -TERM "$worker" 2>/dev/null' TERM
)bash";
  script += "\"$jetstudy\" worker --results results --run \"$hash\"" + threads + " &\n";
  script += R"bash(worker=$!
while :; do
  wait "$worker"; code=$?
  (( code > 128 )) || break
  kill -0 "$worker" 2>/dev/null && continue
  wait "$worker" 2>/dev/null; again=$?
  (( again == 127 )) || code=$again
  break
done
mv "results/runs/$hash"/* . 2>/dev/null
rm -rf results
exit "$code"
)bash";
  return script;
}

std::string htcondor_submit_description(const ClusterBatch& batch, const HtcondorOptions& options) {
  JETSTUDY_CHECK(!batch.hashes.empty(), "a batch holds at least one run");
  const auto line = [](const std::string& key, const std::string& value) {
    std::string padded = key;
    padded.resize(std::max<std::size_t>(key.size(), 23), ' ');
    return padded + " = " + value + "\n";
  };
  const auto path = [](const std::filesystem::path& value, const std::string& what) {
    return condor_value(value.string(), what);
  };
  std::string text = "# Written by jetstudy run --backend htcondor: one job per line of the runs file.\n";
  text += line("universe", "vanilla");
  text += line("batch_name", batch_name(batch.study));
  text += line("executable", path(batch.batch_directory / "job.sh", "results directory"));
  text += line("arguments", "$(run_hash)");
  text += line("initialdir", path(batch.results_root / "runs", "results directory") + "/$(run_hash)");
  text += line("should_transfer_files", "YES");
  text += line("when_to_transfer_output", "ON_EXIT");
  text += line("transfer_input_files", "recipe.json");
  text += "# No transfer_output_files: every file the job leaves in its scratch directory -- result.json or\n"
          "# failure.json, log.txt, epochs.jsonl, checkpoints, predictions -- comes back into initialdir.\n";
  text += line("output", path(batch.batch_directory, "results directory") + "/job-$(ClusterId)_$(ProcId).out");
  text += line("error", path(batch.batch_directory, "results directory") + "/job-$(ClusterId)_$(ProcId).err");
  text += line("log", path(batch.batch_directory / "jobs.log", "results directory"));
  if (options.request_cpus > 0) text += line("request_cpus", std::to_string(options.request_cpus));
  if (!options.request_memory.empty())
    text += line("request_memory", condor_value(options.request_memory, "run.htcondor.request_memory"));
  if (options.request_gpus > 0) text += line("request_gpus", std::to_string(options.request_gpus));
  if (options.max_runtime_s > 0)
    text += line("periodic_remove",
                 "(JobStatus == 2) && (time() - EnteredCurrentStatus > " + std::to_string(options.max_runtime_s) + ")");
  if (options.max_retries > 0) {
    text += line("max_retries", std::to_string(options.max_retries));
    text += line("retry_until", "ExitCode == 2");  // bad input fails the same way every time
  }
  text += "queue run_hash from " + path(batch.runs_file, "results directory") + "\n";
  return text;
}

std::map<int, TaskState> parse_condor_q_tasks(const std::string& out) {
  std::map<int, TaskState> tasks;
  std::stringstream lines(out);
  int process = 0, status = 0;
  std::string line;
  while (std::getline(lines, line)) {
    std::stringstream fields(line);
    if (fields >> process >> status) tasks[process] = condor_state(status);
  }
  return tasks;
}

HtcondorBackend::HtcondorBackend(CommandRunner& runner, HtcondorOptions options)
    : runner_(runner), options_(std::move(options)) {}

std::string HtcondorBackend::submit(const ClusterBatch& batch) {
  const auto script = batch.batch_directory / "job.sh";
  core::write_file_atomically(script, htcondor_job_script(batch, options_));
  ::chmod(script.c_str(), 0755);
  const auto description = batch.batch_directory / "jobs.sub";
  core::write_file_atomically(description, htcondor_submit_description(batch, options_));
  const auto output = runner_.run({"condor_submit", "-terse", description.string()});
  if (output.exit_code != 0)
    throw core::InputError(description.string() + ": condor_submit refused the jobs (exit " +
                           std::to_string(output.exit_code) + "): " + trimmed(output.err + output.out));
  // -terse prints "<cluster>.<first proc> - <cluster>.<last proc>"
  const std::string cluster = trimmed(output.out.substr(0, output.out.find('.')));
  if (!is_cluster_id(cluster)) throw std::runtime_error("condor_submit printed no cluster id: '" + trimmed(output.out) + "'");
  return cluster;
}

std::map<int, TaskState> HtcondorBackend::task_states(const std::string& job_id) {
  JETSTUDY_CHECK(is_cluster_id(job_id), "an HTCondor cluster id is a number, got '" + job_id + "'");
  const auto queue = runner_.run({"condor_q", job_id, "-af", "ProcId", "JobStatus"});
  if (queue.exit_code != 0)
    throw std::runtime_error("condor_q " + job_id + " failed (exit " + std::to_string(queue.exit_code) +
                             "): " + trimmed(queue.err + queue.out));
  return parse_condor_q_tasks(queue.out);
}

}  // namespace jetstudy::sched
