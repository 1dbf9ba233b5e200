#!/bin/sh
# run.sh: run meshsim on every case in tests/cli/*.cases and compare its
# stdout, stderr and exit status with tests/cli/golden/NAME.out.
# Usage: tests/cli/run.sh MESHSIM        (UPDATE=1 rewrites the goldens)
#   ONLY=REGEX   only the cases whose names match (awk): with UPDATE=1,
#                to write the goldens of new cases alone
#   CASES=REGEX  only the cases whose names match (grep -E)
#   VALGRIND=1   meshsim under valgrind's memcheck (tests/memcheck.sh): an
#                error or a leak, in a forked worker too, fails the case
#   JOBS=N       run N cases at a time (default 1)
set -u
# Reports are stamped with this date (docs/report.md), not today's.
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
jobs=${JOBS:-1}
wrap=
if [ "${VALGRIND:-0}" = 1 ]; then
	wrap="sh tests/memcheck.sh"
fi

# run_cases DIR: the cases read from stdin, with DIR for scratch files;
# the counts go to DIR/counts.
run_cases() {
	d=$1
	pass=0
	fail=0
	while IFS='|' read -r name want args; do
		[ -z "$wrap" ] || { rm -rf "$d/vg"; mkdir "$d/vg"; }
		# shellcheck disable=SC2086
		MEMCHECK_LOGS=$d/vg $wrap "$bin" $args >"$d/stdout" \
		    2>"$d/stderr" </dev/null
		got=$?
		{
			echo "exit: $got"
			cat "$d/stdout"
			echo "--- stderr"
			cat "$d/stderr"
		} >"$d/actual"
		golden=tests/cli/golden/$name.out
		if [ "${UPDATE:-0}" = 1 ] && [ -z "$wrap" ]; then
			cp "$d/actual" "$golden"
		fi
		if [ -n "$wrap" ] &&
		    [ -n "$(find "$d/vg" -type f -size +0 | head -1)" ]; then
			echo "FAIL $name: memcheck (valgrind) found errors or leaks"
			find "$d/vg" -type f -size +0 -exec cat {} + |
			    head -60 | sed 's/^/    /'
			fail=$((fail + 1))
		elif [ "$got" != "$want" ]; then
			echo "FAIL $name: exit status $got, expected $want"
			sed 's/^/    /' "$d/stderr"
			fail=$((fail + 1))
		elif ! diff -u "$golden" "$d/actual" >"$d/diff" 2>&1; then
			echo "FAIL $name: output differs from $golden"
			sed 's/^/    /' "$d/diff" | head -40
			fail=$((fail + 1))
		else
			pass=$((pass + 1))
		fi
	done
	echo "$pass $fail" >"$d/counts"
}

grep -hv '^#' tests/cli/*.cases | grep -v '^$' |
    grep -E "^(${CASES:-.*})\|" |
    awk -F'|' -v re="${ONLY:-}" 're == "" || $1 ~ re' >"$out/cases"
j=0
while [ "$j" -lt "$jobs" ]; do
	mkdir "$out/$j"
	awk -v j="$j" -v k="$jobs" '(NR - 1) % k == j' "$out/cases" |
	    run_cases "$out/$j" &
	j=$((j + 1))
done
wait
pass=$(cat "$out"/*/counts | awk '{ n += $1 } END { print n + 0 }')
fail=$(cat "$out"/*/counts | awk '{ n += $2 } END { print n + 0 }')
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
