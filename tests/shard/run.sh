#!/bin/sh
# run.sh: sharded runs put together by `meshsim merge` give the same bytes
# and exit status as the run done whole: sweeps of several plans by node
# and by zone, k = 1 .. 3, both models; availability runs of several trial
# counts (some not a multiple of the 65,536-trial block, some of fewer
# blocks than shards); N = 1, 2, 3, 5 shards; text and JSON.
# Usage: tests/shard/run.sh MESHSIM   (PYTHON names python3)
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.." || exit 2
python=${PYTHON:-/usr/bin/python3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pass=0
fail=0
blank=$IFS

# Generated plans: zone labels, a split one, links listed twice.
"$python" tools/gen_plan.py --shape geo-mesh --nodes 24 --seed 3 \
    -o "$dir/geo.json" || exit 2
"$python" tools/gen_plan.py --shape islands --nodes 18 --seed 5 \
    -o "$dir/islands.json" || exit 2
"$python" tools/gen_plan.py --shape random --nodes 16 --seed 7 \
    --redundant -o "$dir/random.json" || exit 2
"$python" tools/gen_plan.py --shape tree --nodes 20 --seed 2 \
    -o "$dir/tree.json" || exit 2

# same WHAT FORMAT: the whole run's stdout and status ($dir/whole.FORMAT,
# $dir/status.FORMAT) against the merge of the partials in $dir/part.*.
same() {
	"$bin" merge --format "$2" "$dir"/part.* >"$dir/merged" 2>"$dir/err"
	mstatus=$?
	wstatus=$(cat "$dir/status.$2")
	if [ "$mstatus" != "$wstatus" ]; then
		echo "FAIL $1: merge exit status $mstatus, whole run $wstatus"
		sed 's/^/    /' "$dir/err" | head -5
		fail=$((fail + 1))
	elif ! cmp -s "$dir/whole.$2" "$dir/merged"; then
		echo "FAIL $1: merged output differs from the whole run"
		diff "$dir/whole.$2" "$dir/merged" | head -10 | sed 's/^/    /'
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

# whole CMD ARGS...: the whole run, in text and JSON.
whole() {
	for format in text json; do
		"$bin" "$@" --format "$format" >"$dir/whole.$format" 2>/dev/null
		echo $? >"$dir/status.$format"
	done
}

# check CMD ARGS...: the whole run against the merged shards, for each N.
check() {
	whole "$@"
	for n in 1 2 3 5; do
		shards "$1" "$n" "$((n % 2 + 1))" "$@" || continue
		same "$* --format text, $n shards" text
		same "$* --format json, $n shards" json
	done
}

# shards CMD N JOBS CMD ARGS...: run the N shards of CMD into
# $dir/part.*. Returns 1 (after saying so) when one fails.
shards() {
	cmd=$1
	n=$2
	jobs=$3
	shift 4
	rm -f "$dir"/part.*
	i=1
	while [ "$i" -le "$n" ]; do
		if ! "$bin" "$cmd" --shard "$i/$n" -j "$jobs" \
		    -o "$dir/part.$i" "$@" 2>"$dir/err"; then
			echo "FAIL $cmd --shard $i/$n $*: exit status not 0"
			sed 's/^/    /' "$dir/err" | head -5
			fail=$((fail + 1))
			return 1
		fi
		i=$((i + 1))
	done
	return 0
}

# SHARD_QUICK=1 (the sanitizer run): fewer plans and options.
if [ "${SHARD_QUICK:-0}" = 1 ]; then
	sweep_plans="scenarios/zones.json $dir/islands.json"
	avail_plans="$dir/geo.json"
	avail_opts="--node-availability 0.8 --seed 0 --fail-below 0.99"
else
	sweep_plans="scenarios/zones.json scenarios/shared-host.json
scenarios/warnings.json tests/plans/domains.json $dir/geo.json
$dir/islands.json $dir/random.json"
	avail_plans="scenarios/figure1.json scenarios/warnings.json $dir/geo.json"
	avail_opts="--seed 7
--node-availability 0.8 --seed 0 --fail-below 0.99"
fi

for plan in $sweep_plans; do
	for by in "" "--by zone"; do
		for model in graph mesh; do
			for k in 1 2 3; do
				# shellcheck disable=SC2086
				check sweep --k "$k" $by --model "$model" "$plan"
			done
		done
	done
done

for plan in $avail_plans; do
	for trials in 1 1000 65536 65537 200000; do
		# One set of options a line.
		IFS='
'
		for opts in $avail_opts; do
			IFS=$blank
			# shellcheck disable=SC2086
			check availability --trials "$trials" $opts "$plan"
		done
		IFS=$blank
	done
done

# -o: the merged report goes to a file, whole, with the same bytes.
shards sweep 2 1 sweep --k 2 scenarios/zones.json
whole sweep --k 2 scenarios/zones.json
"$bin" merge -o "$dir/report" "$dir"/part.* >"$dir/stdout"
if [ $? = "$(cat "$dir/status.text")" ] &&
    cmp -s "$dir/whole.text" "$dir/report" &&
    [ ! -s "$dir/stdout" ]; then
	pass=$((pass + 1))
else
	echo "FAIL merge -o: not the bytes of the whole run, or not in the file"
	fail=$((fail + 1))
fi

# tools/slurm-sweep.sh and tools/parallel-sweep.sh, with stand-ins for
# sbatch (the array's tasks one after another, then the merge job) and
# GNU parallel -q (the jobs one after another).
mkdir "$dir/bin"
cat >"$dir/bin/sbatch" <<'END'
#!/bin/sh
array=
out=
while [ $# -gt 0 ]; do
	case "$1" in
	--array=*) array=${1#--array=} ;;
	--output=*) out=${1#--output=} ;;
	--parsable | --job-name=* | --dependency=afterok:*) ;;
	--kill-on-invalid-dep=yes) ;;
	-*) echo "sbatch stand-in: unknown option $1" >&2; exit 1 ;;
	*) break ;;
	esac
	shift
done
script=$1
shift
if [ -z "$array" ]; then
	sh "$script" "$@" >"$out" 2>&1
	echo "exit status $?" >>"$out"
	echo 2
	exit 0
fi
i=${array%-*}
while [ "$i" -le "${array#*-}" ]; do
	SLURM_ARRAY_TASK_ID=$i sh "$script" "$@" \
	    >"$(echo "$out" | sed "s/%a/$i/")" 2>&1 || exit 1
	i=$((i + 1))
done
echo "1;cluster"
END
cat >"$dir/bin/parallel" <<'END'
#!/bin/sh
while [ $# -gt 0 ]; do
	case "$1" in
	-q | --resume-failed) ;;
	--halt | --joblog) shift ;;
	*) break ;;
	esac
	shift
done
run() {
	a=$1
	shift
	n=$#
	for w in "$@"; do
		set -- "$@" "$(printf '%s\n' "$w" | sed "s|{}|$a|g")"
	done
	shift "$n"
	"$@"
}
while read -r a; do
	run "$a" "$@" || exit 1
done
END
chmod +x "$dir/bin/sbatch" "$dir/bin/parallel"
whole sweep --k 3 --by zone --model mesh scenarios/zones.json
PATH=$dir/bin:$PATH MESHSIM=$bin sh tools/slurm-sweep.sh -n 3 \
    -d "$dir/slurm" -f json -- --k 3 --by zone --model mesh \
    scenarios/zones.json >/dev/null
if cmp -s "$dir/whole.json" "$dir/slurm/report.json" &&
    grep -q "exit status $(cat "$dir/status.json")" "$dir/slurm/merge.log"
then
	pass=$((pass + 1))
else
	echo "FAIL tools/slurm-sweep.sh: not the whole run's report"
	fail=$((fail + 1))
fi
whole availability --trials 150000 --seed 3 scenarios/islands.json
PATH=$dir/bin:$PATH MESHSIM=$bin sh tools/parallel-sweep.sh -n 5 \
    -c availability -- --trials 150000 --seed 3 scenarios/islands.json \
    >"$dir/merged"
if [ $? = "$(cat "$dir/status.text")" ] &&
    cmp -s "$dir/whole.text" "$dir/merged"; then
	pass=$((pass + 1))
else
	echo "FAIL tools/parallel-sweep.sh: not the whole run's report"
	fail=$((fail + 1))
fi

echo "shard: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
