#!/bin/sh
# slurm-sweep.sh: a meshsim sweep (or availability run) on a Slurm cluster:
# a job array whose task I runs shard I of N, then a job that waits for
# them all (afterok) and merges the partials into the report.
#
# usage: tools/slurm-sweep.sh [-r] [-n SHARDS] [-c sweep|availability]
#            [-d DIR] [-f text|json] [-o REPORT] [--] MESHSIM-OPTIONS... PLAN
#
#   -n SHARDS  how many shards, array tasks 1 .. SHARDS (default 8)
#   -c CMD     sweep (default) or availability
#   -d DIR     where the partials and the jobs' logs go (default shards);
#              it must be on a file system every node sees
#   -f FORMAT  the report's format, text (default) or json
#   -o REPORT  the report (default DIR/report.txt or DIR/report.json)
#   -r         resume the run whose partials are in DIR: submit only the
#              array tasks whose partial is missing (those that failed or
#              never ran), then the merge; give the same -n, -c and
#              MESHSIM-OPTIONS as the first time (-f and -o may change)
#
# Everything after the options goes to `meshsim CMD` as it is, plan last:
#
#   tools/slurm-sweep.sh -n 16 -- --k 3 --by zone plans/prod.json
#
# Submit from the directory the plan's path is relative to: the tasks and
# the merge run there too (Slurm's default), and merge reads the plan from
# the path the shards were given. Each task uses the CPUs Slurm gives it
# (-j $SLURM_CPUS_PER_TASK; set it with SBATCH_CPUS_PER_TASK or sbatch's
# usual variables, such as SBATCH_PARTITION and SBATCH_TIMELIMIT, which
# sbatch reads itself). MESHSIM names the meshsim to run (default:
# meshsim on the PATH). The merge job ends with meshsim's exit status: 0,
# 1 when a set splits (sweep) or the estimate is below --fail-below, 2 on
# an error (a missing or broken partial, a plan that changed).
#
# When a task fails, the merge job can never start: Slurm cancels it
# (--kill-on-invalid-dep=yes; squeue no longer lists it, scontrol shows
# it CANCELLED, reason DependencyNeverSatisfied). The partials of the
# tasks that succeeded stay in DIR; once none of the run's jobs is queued
# or running, `tools/slurm-sweep.sh -r` with the same options reruns the
# others and merges. DIR/run.args records the run's options (checked by
# -r) and DIR/run.jobs the jobs last submitted.
set -eu
meshsim=${MESHSIM:-meshsim}

# Inside the jobs: the script runs itself with these first arguments.
case "${1:-}" in
--task-shard)
	# --task-shard DIR CMD SHARDS MESHSIM-OPTIONS... PLAN
	dir=$2
	cmd=$3
	n=$4
	shift 4
	i=${SLURM_ARRAY_TASK_ID:?not a Slurm array task}
	exec "$meshsim" "$cmd" --shard "$i/$n" -j "${SLURM_CPUS_PER_TASK:-1}" \
	    -o "$dir/part-$i.json" "$@"
	;;
--task-merge)
	# --task-merge DIR FORMAT REPORT
	exec "$meshsim" merge --format "$3" -o "$4" "$2"/part-*.json
	;;
esac

usage() {
	echo "usage: tools/slurm-sweep.sh [-r] [-n SHARDS]" \
	    "[-c sweep|availability] [-d DIR] [-f text|json] [-o REPORT]" \
	    "[--] MESHSIM-OPTIONS... PLAN" >&2
	exit 2
}

die() {
	echo "slurm-sweep.sh: $*" >&2
	exit 2
}

shards=8
cmd=sweep
dir=shards
format=text
report=
resume=0
while getopts n:c:d:f:o:r opt; do
	case "$opt" in
	n) shards=$OPTARG ;;
	c) cmd=$OPTARG ;;
	d) dir=$OPTARG ;;
	f) format=$OPTARG ;;
	o) report=$OPTARG ;;
	r) resume=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ "$#" -ge 1 ] || usage
case "$shards" in
'' | *[!0-9]* | 0*) die "-n: '$shards' is not a number of shards" ;;
esac
case "$cmd" in sweep | availability) ;; *) usage ;; esac
case "$format" in text | json) ;; *) usage ;; esac
if [ -z "$report" ]; then
	[ "$format" = json ] && report=$dir/report.json || report=$dir/report.txt
fi

# The run's options, one a line: what -r checks its partials against.
args() {
	printf '%s\n' "$cmd" "$shards" "$@"
}

if [ "$resume" = 1 ]; then
	[ -f "$dir/run.args" ] ||
	    die "-r: no run to resume in $dir ($dir/run.args is missing)"
	args "$@" | cmp -s - "$dir/run.args" ||
	    die "-r: $dir holds the partials of a run with other options" \
	    "($dir/run.args): give the same -n, -c and options, or start" \
	    "again without -r"
	# Tasks of the earlier run still queued or running would write
	# partials too: wait for them (or scancel them) first.
	if [ -s "$dir/run.jobs" ] && command -v squeue >/dev/null 2>&1; then
		queued=$(squeue -h -o %i -j "$(paste -sd, "$dir/run.jobs")" \
		    2>/dev/null | paste -sd' ' -)
		[ -z "$queued" ] ||
		    die "-r: jobs of the earlier run are still queued or" \
		    "running ($queued): wait for them, or scancel them"
	fi
	# The tasks whose partial is missing, as ranges ("2-5,9"). meshsim
	# writes a partial whole or not at all, so one that is there is
	# complete. from: the first task of the range being read, or 0.
	tasks=
	from=0
	i=1
	while [ "$i" -le $((shards + 1)) ]; do
		if [ "$i" -le "$shards" ] && [ ! -f "$dir/part-$i.json" ]; then
			[ "$from" = 0 ] && from=$i
		elif [ "$from" != 0 ]; then
			range=$from
			[ "$from" = $((i - 1)) ] || range=$from-$((i - 1))
			tasks=$tasks${tasks:+,}$range
			from=0
		fi
		i=$((i + 1))
	done
else
	mkdir -p "$dir"
	# Partials of an earlier run would be merged too, and refused.
	rm -f "$dir"/part-*.json "$dir/run.jobs"
	args "$@" >"$dir/run.args"
	tasks=1-$shards
fi
: >"$dir/run.jobs"

# --parsable prints "JOBID" or "JOBID;CLUSTER".
after=
if [ -n "$tasks" ]; then
	array=$(sbatch --parsable --array="$tasks" --job-name=meshsim-shard \
	    --output="$dir/shard-%a.log" "$0" --task-shard "$dir" "$cmd" \
	    "$shards" "$@")
	array=${array%%;*}
	echo "$array" >>"$dir/run.jobs"
	after="--dependency=afterok:$array"
	[ "$resume" = 1 ] && of=" of 1-$shards" || of=
	echo "shards: job array $array (tasks $tasks$of," \
	    "logs $dir/shard-N.log)"
else
	echo "shards: all $shards partials are in $dir"
fi
# Without --kill-on-invalid-dep, a failed task would leave the merge job
# pending for ever.
merge=$(sbatch --parsable ${after:+"$after"} --kill-on-invalid-dep=yes \
    --job-name=meshsim-merge --output="$dir/merge.log" "$0" --task-merge \
    "$dir" "$format" "$report")
merge=${merge%%;*}
echo "$merge" >>"$dir/run.jobs"
echo "merge: job $merge, after them all: the report goes to $report" \
    "(log $dir/merge.log)"
