#!/bin/sh
# slurm-sweep.sh: a meshsim sweep (or availability run) on a Slurm cluster:
# a job array whose task I runs shard I of N, then a job that waits for
# them all (afterok) and merges the partials into the report.
#
# usage: tools/slurm-sweep.sh [-n SHARDS] [-c sweep|availability] [-d DIR]
#            [-f text|json] [-o REPORT] [--] MESHSIM-OPTIONS... PLAN
#
#   -n SHARDS  how many shards, array tasks 1 .. SHARDS (default 8)
#   -c CMD     sweep (default) or availability
#   -d DIR     where the partials and the jobs' logs go (default shards);
#              it must be on a file system every node sees
#   -f FORMAT  the report's format, text (default) or json
#   -o REPORT  the report (default DIR/report.txt or DIR/report.json)
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
	echo "usage: tools/slurm-sweep.sh [-n SHARDS] [-c sweep|availability]" \
	    "[-d DIR] [-f text|json] [-o REPORT] [--] MESHSIM-OPTIONS... PLAN" >&2
	exit 2
}

shards=8
cmd=sweep
dir=shards
format=text
report=
while getopts n:c:d:f:o: opt; do
	case "$opt" in
	n) shards=$OPTARG ;;
	c) cmd=$OPTARG ;;
	d) dir=$OPTARG ;;
	f) format=$OPTARG ;;
	o) report=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ "$#" -ge 1 ] || usage
case "$shards" in
'' | *[!0-9]* | 0*)
	echo "slurm-sweep.sh: -n: '$shards' is not a number of shards" >&2
	exit 2
	;;
esac
case "$cmd" in sweep | availability) ;; *) usage ;; esac
case "$format" in text | json) ;; *) usage ;; esac
if [ -z "$report" ]; then
	[ "$format" = json ] && report=$dir/report.json || report=$dir/report.txt
fi
mkdir -p "$dir"
# Partials of an earlier run would be merged too, and refused.
rm -f "$dir"/part-*.json

# --parsable prints "JOBID" or "JOBID;CLUSTER".
array=$(sbatch --parsable --array="1-$shards" --job-name=meshsim-shard \
    --output="$dir/shard-%a.log" "$0" --task-shard "$dir" "$cmd" "$shards" \
    "$@")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" \
    --job-name=meshsim-merge --output="$dir/merge.log" "$0" --task-merge \
    "$dir" "$format" "$report")
merge=${merge%%;*}
echo "shards: job array $array (tasks 1-$shards, logs $dir/shard-N.log)"
echo "merge: job $merge, after them all: the report goes to $report" \
    "(log $dir/merge.log)"
