#!/bin/sh
# parallel-sweep.sh: a meshsim sweep (or availability run) in shards with
# GNU parallel, on this machine or on others over ssh, then merged.
#
# usage: tools/parallel-sweep.sh [-r] [-n SHARDS] [-c sweep|availability]
#            [-d DIR] [-f text|json] [-o REPORT] [--] MESHSIM-OPTIONS... PLAN
#
#   -n SHARDS  how many shards (default: the processors online)
#   -c CMD     sweep (default) or availability
#   -d DIR     where the partials and GNU parallel's job log (DIR/joblog)
#              go (default: a temporary directory, removed at the end)
#   -f FORMAT  the report's format, text (default) or json
#   -o REPORT  the report (default: standard output)
#   -r         resume the run whose partials are in DIR (-d is needed):
#              run only the shards that failed or never started
#              (GNU parallel's --resume-failed, from DIR/joblog), then
#              merge; give the same -n, -c and MESHSIM-OPTIONS as the
#              first time (-f and -o may change)
#
# Everything after the options goes to `meshsim CMD` as it is, plan last:
#
#   tools/parallel-sweep.sh -n 4 -- --k 3 --by zone plans/prod.json
#
# Each shard runs with -j 1; GNU parallel runs as many at once as there
# are processors (-j in $PARALLEL changes that). To use other machines,
# give GNU parallel their names in $PARALLEL, e.g.
#   PARALLEL='-S 4/node1,4/node2 --workdir .' tools/parallel-sweep.sh ...
# with meshsim installed on each, the current directory and DIR on a
# file system they all see. MESHSIM names the meshsim to run (default:
# meshsim on the PATH). The exit status is merge's: that of the whole
# run (0, 1 when a set splits or the estimate is below --fail-below), or
# 2 when a shard failed or merge refused the partials.
#
# When a shard fails, no more shards start. Without -d, the shards still
# running are stopped and nothing is kept. With -d, they finish, and their
# partials and the job log stay in DIR: `tools/parallel-sweep.sh -r -d DIR`
# with the same options runs the rest and merges. DIR/run.args records
# the run's options (checked by -r).
set -eu
meshsim=${MESHSIM:-meshsim}

usage() {
	echo "usage: tools/parallel-sweep.sh [-r] [-n SHARDS]" \
	    "[-c sweep|availability] [-d DIR] [-f text|json] [-o REPORT]" \
	    "[--] MESHSIM-OPTIONS... PLAN" >&2
	exit 2
}

die() {
	echo "parallel-sweep.sh: $*" >&2
	exit 2
}

shards=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
cmd=sweep
dir=
format=text
report=-
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
[ "$resume" = 0 ] || [ -n "$dir" ] ||
    die "-r: give the DIR of the run to resume with -d"
command -v parallel >/dev/null 2>&1 ||
    die "GNU parallel is not installed (Debian: apt-get install parallel)"

# The run's options, one a line: what -r checks its partials against.
args() {
	printf '%s\n' "$cmd" "$shards" "$@"
}

if [ -z "$dir" ]; then
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' EXIT
	halt=now,fail=1
	resume_opt=
elif [ "$resume" = 1 ]; then
	for f in run.args joblog; do
		[ -f "$dir/$f" ] ||
		    die "-r: no run to resume in $dir ($dir/$f is missing)"
	done
	args "$@" | cmp -s - "$dir/run.args" ||
	    die "-r: $dir holds the partials of a run with other options" \
	    "($dir/run.args): give the same -n, -c and options, or start" \
	    "again without -r"
	halt=soon,fail=1
	resume_opt=--resume-failed
else
	mkdir -p "$dir"
	rm -f "$dir"/part-*.json "$dir/joblog"
	args "$@" >"$dir/run.args"
	halt=soon,fail=1
	resume_opt=
fi

# -q quotes the command, so options and a plan with spaces stay whole;
# {} is the shard's number. The job log records each shard's exit
# status, by its sequence number (here the shard's): --resume-failed
# reruns those that failed and runs those not in it.
# shellcheck disable=SC2086
if ! seq 1 "$shards" | parallel -q --halt "$halt" --joblog "$dir/joblog" \
    $resume_opt "$meshsim" "$cmd" --shard "{}/$shards" -j 1 \
    -o "$dir/part-{}.json" "$@"; then
	[ "$halt" = now,fail=1 ] || die "a shard failed; nothing merged" \
	    "(the log: $dir/joblog; resume with -r -d $dir and the same" \
	    "options)"
	die "a shard failed; nothing merged"
fi
# Not exec: the trap removes the temporary directory afterwards.
status=0
"$meshsim" merge --format "$format" -o "$report" "$dir"/part-*.json ||
    status=$?
exit "$status"
