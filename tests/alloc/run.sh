#!/bin/sh
# run.sh: run meshsim with its Nth allocation failing (tests/alloc/failmalloc.c
# preloaded) for each command in tests/alloc/cases, and check that it fails
# cleanly: exit status 0, 1 or 2, never a signal or a hang; exit 2 says
# "out of memory" (or, for an input refused anyway, is the same refusal);
# a run that does not fail gives the same bytes as one without failures;
# an -o file is whole or absent, with no temporary file left beside it.
# Usage: tests/alloc/run.sh MESHSIM FAILMALLOC.so [CASE...]
#   ALLOC_SAMPLE=S  at most S values of N a case (0, the default: every N
#                   from 1 to the allocations of a run without failures;
#                   else 1 to S/2 and S/2 more spread evenly above)
#   ALLOC_JOBS=J    runs at once (default 2)
set -u
if [ $# -lt 2 ]; then
	echo "usage: $0 MESHSIM FAILMALLOC.so [CASE...]" >&2
	exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
so=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
shift 2
only=" $* "
# Reports are dated by this, not now: same bytes from run to run.
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
cd "$(dirname "$0")/../.."
sample=${ALLOC_SAMPLE:-0}
jobs=${ALLOC_JOBS:-2}
# A guard against hangs, far above any run's time; not a timing test.
guard=${ALLOC_GUARD:-120}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The values of N for a case with total allocations, one a line.
values() {
	awk -v t="$1" -v s="$sample" 'BEGIN {
		if (s <= 0 || t <= s) {
			for (n = 1; n <= t; n++) print n
			exit
		}
		h = int(s / 2)
		for (n = 1; n <= h; n++) print n
		for (i = 1; i <= s - h; i++)
			print h + int((t - h) * i / (s - h))
	}' | uniq
}

# The files in folder $1 (dot files too), separated by spaces.
files() {
	for f in "$1"/* "$1"/.*; do
		case "$f" in */.|*/..|*/'*'|*/'.*') ;; *) printf '%s ' "${f##*/}" ;; esac
	done
}

# run DIR N ARGS...: meshsim with allocation N failing (0: none), in DIR
# (stdout, stderr, o/ for the -o file, emptied first); sets rc to its
# exit status.
run() {
	d=$1
	n=$2
	shift 2
	[ -z "$(files "$d/o")" ] || rm -rf "$d/o"
	[ -d "$d/o" ] || mkdir "$d/o"
	MESH_FAIL_AT=$n MESH_FAIL_COUNT=$d/count MESH_FAIL_GUARD=$guard \
	    LD_PRELOAD=$so "$bin" "$@" >"$d/stdout" 2>"$d/stderr" </dev/null
	rc=$?
}

# check DIR BASE WANT N: the checks of the run in DIR (exit status rc)
# against the run without failures in BASE (exit status WANT); prints
# what is wrong, nothing when all is well.
check() {
	d=$1
	b=$2
	want=$3
	n=$4
	case "$rc" in
	0|1|2) ;;
	142) echo "N=$n: still running after ${guard}s (a hang?)"; return ;;
	*)
		if [ "$rc" -gt 128 ]; then
			echo "N=$n: killed by signal $((rc - 128))"
		else
			echo "N=$n: exit status $rc"
		fi
		return ;;
	esac
	left=$(files "$d/o")
	if [ "$rc" = 2 ] && [ "$want" != 2 ]; then
		grep -qi 'out of memory' "$d/stderr" ||
			echo "N=$n: exit 2 without 'out of memory':" \
			    "$(head -c 300 "$d/stderr" | tr '\n' ' ')"
		[ -z "$left" ] || echo "N=$n: exit 2 but left $left"
		return
	fi
	[ "$rc" = "$want" ] || {
		echo "N=$n: exit status $rc, $want without failures"
		return
	}
	# Refused input: the same refusal, or out of memory before it.
	if [ "$rc" = 2 ] && ! cmp -s "$d/stderr" "$b/stderr"; then
		grep -qi 'out of memory' "$d/stderr" ||
			echo "N=$n: stderr differs:" \
			    "$(head -c 300 "$d/stderr" | tr '\n' ' ')"
		return
	fi
	cmp -s "$d/stdout" "$b/stdout" ||
		echo "N=$n: stdout differs from the run without failures"
	cmp -s "$d/stderr" "$b/stderr" ||
		echo "N=$n: stderr differs:" \
		    "$(head -c 300 "$d/stderr" | tr '\n' ' ')"
	if [ -e "$b/o/out" ]; then
		cmp -s "$d/o/out" "$b/o/out" ||
			echo "N=$n: the -o file differs from the run without failures"
	fi
	[ "$left" = "$(files "$b/o")" ] || echo "N=$n: the -o folder holds $left"
}

total_runs=0
total_bad=0
failed_cases=0
while IFS='|' read -r name expect args; do
	case "$name" in ''|'#'*) continue ;; esac
	case "$only" in '  '|*" $name "*) ;; *) continue ;; esac
	b=$tmp/$name.base
	mkdir -p "$b"
	# shellcheck disable=SC2086
	set -- $(echo "$args" | sed "s#@OUT@#$b/o/out#g")
	run "$b" 0 "$@"
	want=$rc
	count=$(cat "$b/count" 2>/dev/null || echo 0)
	if [ "$want" != "$expect" ]; then
		echo "FAIL $name: exit status $want without failures," \
		    "expected $expect"
		failed_cases=$((failed_cases + 1))
		continue
	fi
	values "$count" >"$tmp/$name.n"
	j=0
	while [ "$j" -lt "$jobs" ]; do
		(
			d=$tmp/$name.$j
			mkdir -p "$d"
			# shellcheck disable=SC2086
			set -- $(echo "$args" | sed "s#@OUT@#$d/o/out#g")
			awk -v j="$j" -v k="$jobs" '(NR - 1) % k == j' \
			    "$tmp/$name.n" | while read -r n; do
				run "$d" "$n" "$@"
				check "$d" "$b" "$want" "$n"
			done >"$tmp/$name.bad.$j"
		) &
		j=$((j + 1))
	done
	wait
	runs=$(wc -l <"$tmp/$name.n")
	cat "$tmp/$name".bad.* | sort -t= -k2 -n >"$tmp/$name.bad"
	bad=$(cut -d: -f1 "$tmp/$name.bad" | sort -u | wc -l)
	total_runs=$((total_runs + runs))
	total_bad=$((total_bad + bad))
	if [ "$bad" -gt 0 ]; then
		failed_cases=$((failed_cases + 1))
		echo "FAIL $name: $bad of $runs runs ($count allocations): $args"
		head -20 "$tmp/$name.bad" | sed 's/^/    /'
	else
		echo "ok $name: $runs runs ($count allocations)"
	fi
done <<EOF
$(cat tests/alloc/cases)
EOF
echo "alloc: $((total_runs - total_bad)) passed, $total_bad failed"
[ "$total_bad" -eq 0 ] && [ "$failed_cases" -eq 0 ]
