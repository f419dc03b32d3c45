#!/bin/bash
# Written by jetstudy run --backend slurm: one array task per line of the runs file.
#SBATCH --job-name=jetstudy-tiny
#SBATCH --array=0-3%2
#SBATCH --output="/results/batches/tiny-20260101T000000Z-1/slurm-%A_%a.out"
#SBATCH --chdir="/results/batches/tiny-20260101T000000Z-1"
#SBATCH --partition="gpu"
#SBATCH --time="02:00:00"
#SBATCH --gpus="a100:1"
#SBATCH --cpus-per-task=4
#SBATCH --mem="16G"
#SBATCH --account="hep"
#SBATCH --signal=B:USR1@300
#SBATCH --requeue
#SBATCH --open-mode=append
#SBATCH --constraint=a100
#SBATCH --qos=short

set -u
study='tiny'
jetstudy='/opt/jetstudy/bin/jetstudy'
results='/results'
runs_file='/results/batches/tiny-20260101T000000Z-1/runs.txt'
task="${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
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
"$jetstudy" worker --results "$results" --runs-file "$runs_file" --index "$SLURM_ARRAY_TASK_ID" --threads 4 &
worker=$!
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
