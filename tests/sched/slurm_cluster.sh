#!/usr/bin/env bash
# A single-node Slurm cluster on localhost for the tests (Debian 12's slurm-wlm and munge; as root; no
# systemd, no cgroups). Everything -- slurm.conf, state, spool, logs, pid files and munge's socket -- lives under
# DIR; /etc/slurm is never touched, and only the daemons started here are stopped, by their pid files.
#
#   slurm_cluster.sh start DIR [WATCH_PID]   writes DIR/slurm.conf, starts munged, slurmctld and slurmd, waits
#                                            until the node is idle; prints `export SLURM_CONF=DIR/slurm.conf`.
#                                            With WATCH_PID, a watchdog stops the daemons when that process
#                                            dies (a test killed before it could clean up).
#   slurm_cluster.sh stop DIR                stops the daemons whose pid files are in DIR.
set -euo pipefail

usage() { echo "usage: $0 start DIR [WATCH_PID] | stop DIR" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
action=$1
dir=$(realpath -m "$2")

stop_daemons() {
  local name pid
  for name in slurmd slurmctld munged; do
    [[ -f $dir/$name.pid ]] || continue
    pid=$(<"$dir/$name.pid")
    [[ $pid =~ ^[0-9]+$ ]] || continue
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$dir/$name.pid"
  done
  if [[ -f $dir/watchdog.pid ]]; then
    pid=$(<"$dir/watchdog.pid")
    rm -f "$dir/watchdog.pid"
    [[ $pid =~ ^[0-9]+$ && $pid != "$$" ]] && kill -TERM "$pid" 2>/dev/null || true
  fi
}

if [[ $action == stop ]]; then
  stop_daemons
  exit 0
fi
[[ $action == start ]] || usage
watch_pid=${3:-}

if [[ $(id -u) -ne 0 ]]; then echo "slurm_cluster.sh: the daemons need root" >&2; exit 77; fi
for program in munged slurmctld slurmd sbatch; do
  command -v "$program" >/dev/null || { echo "slurm_cluster.sh: $program not found: install slurm-wlm and munge" >&2; exit 77; }
done

mkdir -p "$dir"/{state,spool,munge}
chown munge:munge "$dir/munge"
chmod 0755 "$dir/munge"
# munged checks that the directories above its socket are not writable by others (unless sticky).
chmod 0755 "$dir"
trap 'stop_daemons' ERR

cat >"$dir/slurm.conf" <<CONF
ClusterName=jetstudy-test
SlurmctldHost=localhost
SlurmctldPort=$((17000 + RANDOM % 1000))
SlurmdPort=$((18000 + RANDOM % 1000))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=1000
ReturnToService=2
MinJobAge=600
KillWait=10
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=4000 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$dir/slurm.conf

runuser -u munge -- /usr/sbin/munged --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" \
  --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed"
cp "$dir/munge/munged.pid" "$dir/munged.pid"
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF" -N localhost

if [[ -n $watch_pid ]]; then
  # The watchdog outlives this script (setsid, no terminal) and stops the daemons once the test is gone.
  setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; exec "$2" stop "$3"' watchdog "$watch_pid" \
    "$(realpath "$0")" "$dir" </dev/null >/dev/null 2>&1 &
  echo $! >"$dir/watchdog.pid"
fi

for _ in $(seq 150); do
  if sinfo --noheader --format=%T 2>/dev/null | grep -qx idle; then
    echo "export SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.2
done
echo "slurm_cluster.sh: the node did not become idle in 30 s; see $dir/slurmctld.log and $dir/slurmd.log" >&2
stop_daemons
exit 1
