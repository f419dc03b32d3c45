#!/bin/bash
# Written by jetstudy run --backend htcondor. Runs one run (its hash is the argument) in HTCondor's scratch
# directory; what the run leaves in results/runs/<hash>/ is moved to the scratch directory, which HTCondor
# transfers back into the run's directory (initialdir).
set -u
hash=$1
jetstudy='/opt/jetstudy/bin/jetstudy'
mkdir -p "results/runs/$hash"
mv recipe.json "results/runs/$hash/"
# HTCondor sends TERM to this script alone when it evicts or removes the job: pass it on once; the worker
# checkpoints and exits 75, and HTCondor runs the job again (max_retries).
worker=
trap '[[ -n $worker ]] && kill -TERM "$worker" 2>/dev/null' TERM
"$jetstudy" worker --results results --run "$hash" --threads 4 &
worker=$!
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
