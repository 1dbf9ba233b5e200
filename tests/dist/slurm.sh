#!/bin/sh
# slurm.sh: tools/slurm-sweep.sh on a real one-node Slurm that this script
# starts and stops: the merged reports are the whole runs' bytes and exit
# status, a failed shard gets the merge job cancelled (not left pending),
# and -r reruns only the failed tasks, then merges.
# Usage: tests/dist/slurm.sh MESHSIM   (PYTHON names python3)
#
# munged, slurmctld and slurmd (Debian's slurm-wlm; sh tools/install-deps
# --dist) run in the foreground as children of this script, as root, with
# a generated slurm.conf, munge key, state and spool in a temporary
# directory, on 127.0.0.1; as root the script first moves itself into a
# network namespace of its own (unshare -n) where loopback is the only
# interface (with 192.0.2.1/32, a documentation address, beside 127.0.0.1:
# Slurm binds its ports through getaddrinfo(AI_ADDRCONFIG), which finds
# nothing where loopback addresses are all there is). Every daemon is
# stopped at the end, whatever happens; every wait is bounded (DIST_WAIT
# seconds, default 60), and every Slurm command too (10 s).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$0")/../.." || exit 2
python=${PYTHON:-/usr/bin/python3}
wait_max=${DIST_WAIT:-60}

for p in munged munge slurmctld slurmd sbatch squeue sinfo scontrol scancel \
    timeout; do
	command -v "$p" >/dev/null 2>&1 || {
		echo "slurm: $p is not installed (sh tools/install-deps --dist)"
		exit 2
	}
done

# A network namespace with loopback alone, where unshare can make one.
if [ -z "${DIST_NETNS:-}" ] && [ "$(id -u)" = 0 ] &&
    unshare -n true 2>/dev/null && command -v ip >/dev/null 2>&1; then
	DIST_NETNS=1
	export DIST_NETNS
	# shellcheck disable=SC2016
	exec unshare -n sh -c 'ip link set lo up &&
	    ip addr add 192.0.2.1/32 dev lo || {
		echo "FAIL slurm: no loopback in the new network namespace"
		exit 2
	}
	exec sh "$0" "$@"' "$self" "$bin"
fi
[ -n "${DIST_NETNS:-}" ] ||
    echo "slurm: no network namespace of its own (not root, or no" \
    "unshare): the daemons listen on this machine's network"

dir=$(mktemp -d)
ctld=
# munged wants its socket's directory searchable by all.
chmod 711 "$dir"
pids=
pass=0
fail=0
start=$(date +%s)

# alive PID: PID runs (a zombie does not count).
alive() {
	[ -r "/proc/$1/stat" ] &&
	    ! sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | grep -q '^Z'
}

# sl CMD...: a Slurm command, bounded in time (a client retries for a
# long time when the controller is down).
sl() {
	timeout 10 "$@"
}

# stop: cancel every job of this cluster, wait for them to go, then
# stop the daemons, last started first, TERM then KILL.
stop() {
	trap - EXIT
	if [ -n "$ctld" ] && alive "$ctld"; then
		sl squeue -h -o %A 2>/dev/null | xargs -r timeout 10 scancel \
		    2>/dev/null
		settle 15 >/dev/null 2>&1
	fi
	for pid in $pids; do
		kill "$pid" 2>/dev/null
		t=0
		while alive "$pid" && [ "$t" -lt 50 ]; do
			sleep 0.2
			t=$((t + 1))
		done
		alive "$pid" && kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	rm -rf "$dir"
}
trap stop EXIT
trap 'exit 2' HUP INT TERM

# bail WHAT: an error that ends the test; the daemons' logs say why.
bail() {
	echo "FAIL slurm: $*"
	for f in "$dir"/*.log; do
		[ -f "$f" ] || continue
		echo "    == $f"
		tail -15 "$f" | sed 's/^/    /'
	done
	echo "slurm: $pass passed, $((fail + 1)) failed"
	exit 1
}

# settle [SECONDS]: wait until no job is queued or running. Returns 1
# when some still are after SECONDS (default DIST_WAIT), or squeue fails.
settle() {
	until_t=$(($(date +%s) + ${1:-$wait_max}))
	while :; do
		q=$(sl squeue -h -o %A 2>/dev/null) || return 1
		[ -z "$q" ] && return 0
		[ "$(date +%s)" -ge "$until_t" ] && return 1
		sleep 0.2
	done
}

# job ID KEY: the value of KEY in `scontrol show job ID` (a job, not an
# array), such as JobState, Reason or ExitCode.
job() {
	sl scontrol show job -o "$1" 2>/dev/null | tr ' ' '\n' |
	    sed -n "s/^$2=//p" | head -1
}

# check WHAT COND...: one assertion.
check() {
	what=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
	else
		echo "FAIL slurm: $what"
		fail=$((fail + 1))
	fi
}

# The cluster: one node, named by slurmd -N, at 127.0.0.1.
ports=$("$python" -c 'import socket
ss = [socket.socket() for i in range(2)]
for s in ss:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])') || bail "no free port"
ctld_port=${ports% *}
slurmd_port=${ports#* }
user=$(id -un)
cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
mkdir "$dir/state" "$dir/spool" "$dir/munge" || bail "mkdir"
cat >"$dir/slurm.conf" <<END
ClusterName=meshsimtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
MpiDefault=none
MailProg=/bin/true
NodeName=meshsimnode NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=$cpus
PartitionName=debug Nodes=meshsimnode Default=YES MaxTime=INFINITE State=UP
END
SLURM_CONF=$dir/slurm.conf
export SLURM_CONF
# munge refuses a key that others can read.
(umask 077 && dd if=/dev/urandom of="$dir/munge/key" bs=1024 count=1 \
    2>/dev/null) || bail "no munge key"

munged -F --key-file="$dir/munge/key" --socket="$dir/munge/socket" \
    --pid-file="$dir/munge/pid" --log-file="$dir/munged.log" \
    --seed-file="$dir/munge/seed" >/dev/null 2>&1 &
pids="$! $pids"
until_t=$(($(date +%s) + wait_max))
until echo probe | munge -S "$dir/munge/socket" >/dev/null 2>&1; do
	[ "$(date +%s)" -ge "$until_t" ] && bail "munged did not start"
	sleep 0.2
done
slurmctld -D -f "$SLURM_CONF" >"$dir/slurmctld.out.log" 2>&1 &
ctld=$!
pids="$! $pids"
slurmd -D -N meshsimnode -f "$SLURM_CONF" >"$dir/slurmd.out.log" 2>&1 &
pids="$! $pids"
until_t=$(($(date +%s) + wait_max))
until [ "$(sl sinfo -h -o %t 2>/dev/null)" = idle ]; do
	[ "$(date +%s)" -ge "$until_t" ] && bail "the node is not idle"
	alive "$ctld" || bail "slurmctld stopped"
	sleep 0.2
done
up=$(date +%s)

# The shards run through a wrapper: it logs each call (the array task,
# or "merge") to $dir/calls; tasks 2 and 3 fail while $dir/fail exists,
# and task 4 waits (up to 60 s) while $dir/hold does.
cat >"$dir/meshsim" <<END
#!/bin/sh
task=\${SLURM_ARRAY_TASK_ID:-merge}
echo "\$task" >>"$dir/calls"
case "\$task" in
2 | 3)
	if [ -e "$dir/fail" ]; then
		echo "meshsim wrapper: shard \$task fails, as asked" >&2
		exit 3
	fi
	;;
esac
t=0
while [ "\$task" = 4 ] && [ -e "$dir/hold" ] && [ "\$t" -lt 300 ]; do
	sleep 0.2
	t=\$((t + 1))
done
exec "$bin" "\$@"
END
chmod +x "$dir/meshsim"
MESHSIM=$dir/meshsim
export MESHSIM

"$python" tools/gen_plan.py --shape geo-mesh --nodes 30 --seed 11 \
    -o "$dir/geo.json" || bail "gen_plan.py"
sweep="--k 3 --by zone --model mesh $dir/geo.json"
avail="--trials 200000 --node-availability 0.9 --seed 5 --fail-below 0.9
scenarios/figure1.json"
# shellcheck disable=SC2086
"$bin" sweep $sweep --format json >"$dir/sweep.json" 2>/dev/null
sweep_status=$?
# shellcheck disable=SC2086
"$bin" availability $avail >"$dir/avail.txt" 2>/dev/null
avail_status=$?
# One run ends with 1 (a set splits), the other with 0: the merge jobs
# must carry each.
[ "$sweep_status.$avail_status" = 1.0 ] ||
    bail "the whole runs ended with $sweep_status and $avail_status," \
    "not 1 and 0"

# merged WHAT MERGE-JOB REPORT WHOLE STATUS: the merge job ended with the
# whole run's exit status and wrote its bytes.
merged() {
	check "$1: the merge job's exit status is not the whole run's" \
	    [ "$(job "$2" ExitCode)" = "$5:0" ]
	check "$1: the report is not the whole run's" cmp -s "$3" "$4"
}

# 1. Two chains at once, a sweep to JSON in 4 shards and an
# availability run to text in 3: each merged report is the whole run's.
# shellcheck disable=SC2086
timeout 60 sh tools/slurm-sweep.sh -n 4 -d "$dir/s" -f json -- $sweep \
    >"$dir/submit-s" 2>&1 || bail "-n 4:" "$(cat "$dir/submit-s")"
# shellcheck disable=SC2086
timeout 60 sh tools/slurm-sweep.sh -n 3 -c availability -d "$dir/a" -- $avail \
    >"$dir/submit-a" 2>&1 || bail "-n 3:" "$(cat "$dir/submit-a")"
settle || bail "the jobs did not end within $wait_max s"
merged "sweep, 4 shards" "$(tail -1 "$dir/s/run.jobs")" "$dir/s/report.json" \
    "$dir/sweep.json" "$sweep_status"
merged "availability, 3 shards" "$(tail -1 "$dir/a/run.jobs")" \
    "$dir/a/report.txt" "$dir/avail.txt" "$avail_status"
check "the first runs: not each task once and each merge once" \
    [ "$(sort "$dir/calls" | paste -sd' ' -)" = \
    "1 1 2 2 3 3 4 merge merge" ]
chains=$(date +%s)

# 2. Tasks 2 and 3 of 4 fail: the other tasks write their partials, and
# Slurm cancels the merge job (--kill-on-invalid-dep=yes) instead of
# leaving it pending for ever. Task 4 waits for $dir/hold to go, so that
# -r can be tried while the run is still going.
: >"$dir/calls"
: >"$dir/fail"
: >"$dir/hold"
# shellcheck disable=SC2086
timeout 60 sh tools/slurm-sweep.sh -n 4 -d "$dir/f" -f json -- $sweep \
    >"$dir/submit-f" 2>&1 || bail "slurm-sweep.sh (failing) refused"
array=$(head -1 "$dir/f/run.jobs")
merge=$(tail -1 "$dir/f/run.jobs")
# -r while the run's jobs are queued or running: refused.
# shellcheck disable=SC2086
timeout 60 sh tools/slurm-sweep.sh -r -n 4 -d "$dir/f" -f json -- $sweep \
    >"$dir/early" 2>&1
check "-r while the run goes on: not refused" [ $? = 2 ]
check "-r while the run goes on: not said why" \
    grep -q 'still queued or running' "$dir/early"
rm -f "$dir/hold"
settle || bail "after a failed task, jobs still queued after $wait_max s" \
    "(the merge job left pending?)"
check "failed task: the merge job is not cancelled" \
    [ "$(job "$merge" JobState)" = CANCELLED ]
check "failed task: the merge job's reason is not DependencyNeverSatisfied" \
    [ "$(job "$merge" Reason)" = DependencyNeverSatisfied ]
for task in 2 3; do
	check "failed task: task $task did not fail with status 3" \
	    [ "$(job "${array}_$task" ExitCode)" = 3:0 ]
done
check "failed task: a report was written" [ ! -e "$dir/f/report.json" ]
check "failed task: the partials are not those of tasks 1 and 4" \
    [ "$(cd "$dir/f" && echo part-*.json)" = "part-1.json part-4.json" ]

# 3. -r with other options is refused before anything is submitted; -r
# with the same options reruns tasks 2 and 3 alone, then merges.
# shellcheck disable=SC2086
timeout 60 sh tools/slurm-sweep.sh -r -n 4 -d "$dir/f" -f json -- --k 2 \
    --by zone --model mesh "$dir/geo.json" >"$dir/other" 2>&1
check "-r with other options: not refused" [ $? = 2 ]
check "-r with other options: something was submitted" \
    [ "$(head -1 "$dir/f/run.jobs")" = "$array" ]
: >"$dir/calls"
rm -f "$dir/fail"
# shellcheck disable=SC2086
timeout 60 sh tools/slurm-sweep.sh -r -n 4 -d "$dir/f" -f json -- $sweep \
    >"$dir/submit-r" 2>&1 || bail "slurm-sweep.sh -r:" "$(cat "$dir/submit-r")"
check "-r: not said which tasks" grep -q '(tasks 2-3 of 1-4,' "$dir/submit-r"
settle || bail "the resumed run did not end within $wait_max s"
merged "resumed sweep" "$(tail -1 "$dir/f/run.jobs")" "$dir/f/report.json" \
    "$dir/sweep.json" "$sweep_status"
check "-r: ran other tasks than 2 and 3 (or merge not once)" \
    [ "$(sort "$dir/calls" | paste -sd' ' -)" = "2 3 merge" ]

# 4. -r when every partial is there: the merge alone.
: >"$dir/calls"
rm -f "$dir/f/report.json"
# shellcheck disable=SC2086
timeout 60 sh tools/slurm-sweep.sh -r -n 4 -d "$dir/f" -f json -- $sweep \
    >"$dir/submit-m" 2>&1 || bail "slurm-sweep.sh -r (all there) refused"
settle || bail "the merge alone did not end within $wait_max s"
merged "merge alone" "$(tail -1 "$dir/f/run.jobs")" "$dir/f/report.json" \
    "$dir/sweep.json" "$sweep_status"
check "-r, every partial there: ran a task" \
    [ "$(cat "$dir/calls")" = merge ]
end=$(date +%s)

echo "slurm: daemons up in $((up - start)) s; two chains in" \
    "$((chains - up)) s; failure, resume and merge in $((end - chains)) s"
echo "slurm: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
