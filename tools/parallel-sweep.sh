#!/bin/sh
# parallel-sweep.sh: a meshsim sweep (or availability run) in shards with
# GNU parallel, on this machine or on others over ssh, then merged.
#
# usage: tools/parallel-sweep.sh [-n SHARDS] [-c sweep|availability]
#            [-d DIR] [-f text|json] [-o REPORT] [--] MESHSIM-OPTIONS... PLAN
#
#   -n SHARDS  how many shards (default: the processors online)
#   -c CMD     sweep (default) or availability
#   -d DIR     where the partials go (default: a temporary directory,
#              removed at the end)
#   -f FORMAT  the report's format, text (default) or json
#   -o REPORT  the report (default: standard output)
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
set -eu
meshsim=${MESHSIM:-meshsim}

usage() {
	echo "usage: tools/parallel-sweep.sh [-n SHARDS] [-c sweep|availability]" \
	    "[-d DIR] [-f text|json] [-o REPORT] [--] MESHSIM-OPTIONS... PLAN" >&2
	exit 2
}

shards=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
cmd=sweep
dir=
format=text
report=-
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
	echo "parallel-sweep.sh: -n: '$shards' is not a number of shards" >&2
	exit 2
	;;
esac
case "$cmd" in sweep | availability) ;; *) usage ;; esac
case "$format" in text | json) ;; *) usage ;; esac
command -v parallel >/dev/null 2>&1 || {
	echo "parallel-sweep.sh: GNU parallel is not installed" \
	    "(Debian: apt-get install parallel)" >&2
	exit 2
}
if [ -z "$dir" ]; then
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' EXIT
else
	mkdir -p "$dir"
	rm -f "$dir"/part-*.json
fi

# -q quotes the command, so options and a plan with spaces stay whole;
# {} is the shard's number. A failed shard stops the rest.
if ! seq 1 "$shards" | parallel -q --halt now,fail=1 "$meshsim" "$cmd" \
    --shard "{}/$shards" -j 1 -o "$dir/part-{}.json" "$@"; then
	echo "parallel-sweep.sh: a shard failed; nothing merged" >&2
	exit 2
fi
# Not exec: the trap removes the temporary directory afterwards.
status=0
"$meshsim" merge --format "$format" -o "$report" "$dir"/part-*.json ||
    status=$?
exit "$status"
