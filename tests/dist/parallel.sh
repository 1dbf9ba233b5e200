#!/bin/sh
# parallel.sh: tools/parallel-sweep.sh with the real GNU parallel: merged
# reports are the whole runs' bytes and exit status; a shard that fails
# stops the run (exit 2, nothing merged) and -r reruns only the shards
# that failed or never started, from the job log, then merges.
# Usage: tests/dist/parallel.sh MESHSIM   (PYTHON names python3)
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.." || exit 2
python=${PYTHON:-/usr/bin/python3}
if ! parallel --version 2>/dev/null | grep -q '^GNU parallel'; then
	echo "parallel: GNU parallel is not installed" \
	    "(sh tools/install-deps --dist)"
	exit 2
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pass=0
fail=0
start=$(date +%s)

# check WHAT COND...: one assertion.
check() {
	what=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
	else
		echo "FAIL parallel: $what"
		fail=$((fail + 1))
	fi
}

# The shards run through a wrapper: it logs each shard it runs ("I/N",
# not merge) to $dir/calls, and shard 2 fails while $dir/fail-2 exists.
cat >"$dir/meshsim" <<END
#!/bin/sh
shard=merge
prev=
for a in "\$@"; do
	[ "\$prev" = --shard ] && shard=\$a
	prev=\$a
done
[ "\$shard" = merge ] || echo "\$shard" >>"$dir/calls"
case "\$shard" in
2/*)
	if [ -e "$dir/fail-2" ]; then
		echo "meshsim wrapper: shard 2 fails, as the test asked" >&2
		exit 3
	fi
	;;
esac
exec "$bin" "\$@"
END
chmod +x "$dir/meshsim"
MESHSIM=$dir/meshsim
export MESHSIM

"$python" tools/gen_plan.py --shape geo-mesh --nodes 30 --seed 11 \
    -o "$dir/geo.json" || exit 2
sweep="--k 3 --by zone --model mesh $dir/geo.json"
# shellcheck disable=SC2086
"$bin" sweep $sweep --format json >"$dir/sweep.json" 2>/dev/null
sweep_status=$?
"$bin" availability --trials 300000 --node-availability 0.9 --seed 5 \
    scenarios/figure1.json >"$dir/avail.txt" 2>/dev/null
avail_status=$?

# 1. Without -d (a temporary directory): the report to standard output.
sh tools/parallel-sweep.sh -n 5 -c availability -- --trials 300000 \
    --node-availability 0.9 --seed 5 scenarios/figure1.json \
    >"$dir/out" 2>"$dir/err"
check "availability, 5 shards: not the whole run's exit status" \
    [ $? = "$avail_status" ]
check "availability, 5 shards: not the whole run's report" \
    cmp -s "$dir/out" "$dir/avail.txt"

# 2. With -d: shard 2 of 6 fails. No report, exit 2, the shards that
# ended well keep their partials, the job log says shard 2 failed.
: >"$dir/calls"
: >"$dir/fail-2"
# shellcheck disable=SC2086
sh tools/parallel-sweep.sh -n 6 -d "$dir/run" -f json -o "$dir/report.json" \
    -- $sweep >"$dir/out" 2>"$dir/err"
check "a failed shard: exit status not 2" [ $? = 2 ]
check "a failed shard: not said how to resume" \
    grep -q 'resume with -r' "$dir/err"
check "a failed shard: a report was written" [ ! -e "$dir/report.json" ]
check "a failed shard: shard 2's partial is there" \
    [ ! -e "$dir/run/part-2.json" ]
# shellcheck disable=SC2016
check "a failed shard: the job log does not say shard 2 exited 3" \
    awk -F '\t' '$1 == 2 && $7 == 3 { found = 1 } END { exit !found }' \
    "$dir/run/joblog"
first=$(sort "$dir/calls" | paste -sd' ' -)
done_first=$(for f in "$dir"/run/part-*.json; do
	[ -f "$f" ] && basename "$f" .json | sed 's/^part-//'
done | sort -n | paste -sd' ' -)
check "a failed shard: no shard ended well (ran $first)" [ -n "$done_first" ]

# 3. -r with other options: refused, nothing run.
: >"$dir/calls"
# shellcheck disable=SC2086
sh tools/parallel-sweep.sh -r -n 6 -d "$dir/run" -f json \
    -o "$dir/report.json" -- --k 2 --by zone --model mesh "$dir/geo.json" \
    >"$dir/out" 2>"$dir/err"
check "-r with other options: not refused" [ $? = 2 ]
check "-r with other options: a shard ran" [ ! -s "$dir/calls" ]
# -r without -d: refused.
sh tools/parallel-sweep.sh -r -n 6 -- --k 2 "$dir/geo.json" \
    >"$dir/out" 2>"$dir/err"
check "-r without -d: not refused" [ $? = 2 ]

# 4. -r with the same options: shard 2 and the shards that had not
# started run, those with a partial do not; the report is the whole run's.
rm -f "$dir/fail-2"
# shellcheck disable=SC2086
sh tools/parallel-sweep.sh -r -n 6 -d "$dir/run" -f json \
    -o "$dir/report.json" -- $sweep >"$dir/out" 2>"$dir/err"
check "resumed: not the whole run's exit status" [ $? = "$sweep_status" ]
check "resumed: not the whole run's report" \
    cmp -s "$dir/report.json" "$dir/sweep.json"
rerun=$(sed 's,/.*,,' "$dir/calls" | sort -n | paste -sd' ' -)
expect=$(for i in 1 2 3 4 5 6; do
	case " $done_first " in *" $i "*) ;; *) echo "$i" ;; esac
done | paste -sd' ' -)
check "resumed: ran shards $rerun, not $expect (first run: $first)" \
    [ "$rerun" = "$expect" ]
case " $rerun " in
*" 2 "*) pass=$((pass + 1)) ;;
*)
	echo "FAIL parallel: resumed: shard 2 did not run again"
	fail=$((fail + 1))
	;;
esac

# 5. -r again, all done: no shard runs, the same report.
: >"$dir/calls"
rm -f "$dir/report.json"
# shellcheck disable=SC2086
sh tools/parallel-sweep.sh -r -n 6 -d "$dir/run" -f json \
    -o "$dir/report.json" -- $sweep >"$dir/out" 2>"$dir/err"
check "all done, -r: not the whole run's exit status" [ $? = "$sweep_status" ]
check "all done, -r: a shard ran" [ ! -s "$dir/calls" ]
check "all done, -r: not the whole run's report" \
    cmp -s "$dir/report.json" "$dir/sweep.json"

echo "parallel: $(($(date +%s) - start)) s; first run: shards $first ran," \
    "$done_first ended well; resumed: $rerun"
echo "parallel: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
