#include "toolkit/sched/slurm_backend.h"

#include <fmt/format.h>

#include <cctype>
#include <sstream>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/sched/shell_quote.h"

namespace jetstudy::sched {
namespace {

// A Slurm job name from a study name: letters, digits, - _ . kept, anything else becomes _.
std::string job_name(const std::string& study) {
  std::string name = "jetstudy-";
  for (const char c : study)
    name += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  return name;
}

std::string trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  return text.substr(start);
}

// "3", "2-5", "2-5%2", "1,3-4": every index the text names.
std::vector<int> array_indices(const std::string& text) {
  std::vector<int> indices;
  const std::string list = text.substr(0, text.find('%'));
  std::stringstream parts(list);
  std::string part;
  while (std::getline(parts, part, ',')) {
    const auto dash = part.find('-');
    try {
      const int first = std::stoi(part.substr(0, dash));
      const int last = dash == std::string::npos ? first : std::stoi(part.substr(dash + 1));
      for (int index = first; index <= last; ++index) indices.push_back(index);
    } catch (const std::exception&) {
      // not an index list (e.g. N/A): nothing to report
    }
  }
  return indices;
}

// The value of `Key=` in a one-line scontrol record, "" when absent.
std::string record_field(const std::string& record, const std::string& key) {
  const std::string needle = key + "=";
  std::size_t at = 0;
  while ((at = record.find(needle, at)) != std::string::npos) {
    if (at == 0 || record[at - 1] == ' ') break;
    at += needle.size();
  }
  if (at == std::string::npos) return "";
  const auto begin = at + needle.size();
  return record.substr(begin, record.find(' ', begin) - begin);
}

bool is_job_id(const std::string& text) {
  if (text.empty()) return false;
  for (const char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

SlurmOptions slurm_options(const nlohmann::json& run_block) {
  SlurmOptions options;
  if (!run_block.is_object() || !run_block.contains("slurm")) return options;
  const auto& slurm = run_block.at("slurm");
  options.partition = slurm.value("partition", "");
  options.time = slurm.value("time", "");
  if (slurm.contains("gpus"))
    options.gpus = slurm.at("gpus").is_string() ? slurm.at("gpus").get<std::string>()
                                                 : std::to_string(slurm.at("gpus").get<long long>());
  options.cpus = slurm.value("cpus", 0);
  options.memory = slurm.value("memory", "");
  options.account = slurm.value("account", "");
  options.max_parallel = slurm.value("max_parallel", 0);
  options.extra_directives = slurm.value("extra_directives", std::vector<std::string>{});
  return options;
}

bool slurm_state_finished(const std::string& state) {
  static const char* const kStillRunning[] = {"PENDING",   "RUNNING",  "CONFIGURING", "COMPLETING", "REQUEUED",
                                              "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING", "SUSPENDED", "SIGNALING",
                                              "STAGE_OUT", "STOPPED",  "RESV_DEL_HOLD"};
  for (const char* running : kStillRunning)
    if (state == running) return false;
  return true;
}

std::string slurm_batch_script(const ClusterBatch& batch, const SlurmOptions& options) {
  JETSTUDY_CHECK(!batch.hashes.empty(), "a batch holds at least one run");
  const auto directive = [](const std::string& option, const std::string& value, const std::string& key) {
    return "#SBATCH --" + option + "=" + sbatch_quote(value, "run.slurm." + key) + "\n";
  };
  std::string script = "#!/bin/bash\n";
  script += "# Written by jetstudy run --backend slurm: one array task per line of the runs file.\n";
  script += "#SBATCH --job-name=" + job_name(batch.study) + "\n";
  std::string array = "0-" + std::to_string(batch.hashes.size() - 1);
  if (options.max_parallel > 0) array += "%" + std::to_string(options.max_parallel);
  script += "#SBATCH --array=" + array + "\n";
  script += directive("output", (batch.batch_directory / "slurm-%A_%a.out").string(), "output");
  script += directive("chdir", batch.batch_directory.string(), "chdir");
  if (!options.partition.empty()) script += directive("partition", options.partition, "partition");
  if (!options.time.empty()) script += directive("time", options.time, "time");
  if (!options.gpus.empty()) script += directive("gpus", options.gpus, "gpus");
  if (options.cpus > 0) script += "#SBATCH --cpus-per-task=" + std::to_string(options.cpus) + "\n";
  if (!options.memory.empty()) script += directive("mem", options.memory, "memory");
  if (!options.account.empty()) script += directive("account", options.account, "account");
  script += "#SBATCH --signal=B:USR1@" + std::to_string(options.signal_seconds) + "\n";
  script += "#SBATCH --requeue\n";
  script += "#SBATCH --open-mode=append\n";
  for (const auto& extra : options.extra_directives) {
    refuse_control_characters(extra, "run.slurm.extra_directives");
    if (extra.rfind("-", 0) != 0)
      throw core::InputError("run.slurm.extra_directives: '" + extra +
                             "' is not an sbatch option; write it as on sbatch's command line, e.g. --constraint=a100");
    script += "#SBATCH " + extra + "\n";
  }
  script += "\nset -u\n";
  script += "study=" + shell_quote(batch.study) + "\n";
  script += "jetstudy=" + shell_quote(batch.jetstudy_binary.string()) + "\n";
  script += "results=" + shell_quote(batch.results_root.string()) + "\n";
  script += "runs_file=" + shell_quote(batch.runs_file.string()) + "\n";
  const std::string threads = options.cpus > 0 ? " --threads " + std::to_string(options.cpus) : "";
  script += R"bash(task="${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
echo "jetstudy: study $study, task $task on $(hostname) at $(date -u +%FT%TZ)"

# Slurm sends USR1 to this shell alone (--signal=B:USR1@N) before the time limit: pass it on to the worker,
# which checkpoints after the current batch and exits 75; this task then requeues itself and resumes from its
# checkpoint. scancel and the time limit send TERM to every process of the job, the worker included, so TERM
# is not forwarded (a second signal would kill the worker before it checkpoints) and a cancelled task is not
# requeued.
worker=
warned=0
trap 'warned=1; [[ -n $worker ]] && kill -USR1 "$worker" 2>/dev/null' USR1
trap ':' TERM
)bash";
  script += "\"$jetstudy\" worker --results \"$results\" --runs-file \"$runs_file\" --index \"$SLURM_ARRAY_TASK_ID\"" +
            threads + " &\n";
  script += R"bash(worker=$!
while :; do
  wait "$worker"; code=$?
  (( code > 128 )) || break                     # the worker's own exit status
  kill -0 "$worker" 2>/dev/null && continue     # a trapped signal woke us up; the worker goes on
  wait "$worker" 2>/dev/null; again=$?          # it ended meanwhile: bash kept its status for one more wait,
  (( again == 127 )) || code=$again             # unless 128+n was its own (killed by signal n)
  break
done
echo "jetstudy: task $task: worker exited with $code"
if (( code == 75 && warned )); then
  echo "jetstudy: task $task interrupted before the time limit: requeued"
  scontrol requeue "$task"
fi
exit "$code"
)bash";
  return script;
}

std::map<int, TaskState> parse_squeue_tasks(const std::string& out) {
  std::map<int, TaskState> tasks;
  std::stringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    line = trimmed(line);
    const auto bar = line.find('|');
    if (bar == std::string::npos) continue;
    const std::string state = trimmed(line.substr(bar + 1));
    for (const int index : array_indices(line.substr(0, bar))) tasks[index] = {state, slurm_state_finished(state)};
  }
  return tasks;
}

std::map<int, TaskState> parse_scontrol_tasks(const std::string& out) {
  std::map<int, TaskState> tasks;
  std::stringstream records(out);
  std::string record;
  while (std::getline(records, record)) {
    const std::string state = record_field(record, "JobState");
    if (state.empty()) continue;
    for (const int index : array_indices(record_field(record, "ArrayTaskId")))
      tasks[index] = {state, slurm_state_finished(state)};
  }
  return tasks;
}

SlurmBackend::SlurmBackend(CommandRunner& runner, SlurmOptions options) : runner_(runner), options_(std::move(options)) {}

std::string SlurmBackend::submit(const ClusterBatch& batch) {
  const auto script = batch.batch_directory / "batch.sh";
  core::write_file_atomically(script, slurm_batch_script(batch, options_));
  const auto output = runner_.run({"sbatch", "--parsable", script.string()});
  if (output.exit_code != 0)
    throw core::InputError(script.string() + ": sbatch refused the batch (exit " + std::to_string(output.exit_code) +
                           "): " + trimmed(output.err + output.out));
  // --parsable prints "<job id>" or "<job id>;<cluster>"
  const std::string job_id = trimmed(output.out.substr(0, output.out.find(';')));
  if (!is_job_id(job_id)) throw std::runtime_error("sbatch printed no job id: '" + trimmed(output.out) + "'");
  return job_id;
}

std::map<int, TaskState> SlurmBackend::task_states(const std::string& job_id) {
  JETSTUDY_CHECK(is_job_id(job_id), "a Slurm job id is a number, got '" + job_id + "'");
  std::map<int, TaskState> tasks;
  const auto queue = runner_.run({"squeue", "--noheader", "--array", "--jobs=" + job_id, "--format=%K|%T"});
  if (queue.exit_code == 0) {
    tasks = parse_squeue_tasks(queue.out);
  } else if (queue.err.find("Invalid job id") == std::string::npos) {  // otherwise: the job is long gone
    throw std::runtime_error("squeue --jobs=" + job_id + " failed (exit " + std::to_string(queue.exit_code) +
                             "): " + trimmed(queue.err + queue.out));
  }
  // Tasks squeue no longer lists have finished; scontrol remembers how (for MinJobAge seconds).
  const auto shown = runner_.run({"scontrol", "show", "job", "--oneliner", job_id});
  if (shown.exit_code == 0)
    for (const auto& [index, state] : parse_scontrol_tasks(shown.out)) tasks.emplace(index, state);
  return tasks;
}

}  // namespace jetstudy::sched
