#!/bin/sh
# run.sh: run the libFuzzer harnesses (tests/fuzz/fuzz_*.c) built in BUILD/fuzz.
#
#   sh tests/fuzz/run.sh --probe CC        exit 0 when CC links a libFuzzer
#                                          program with ASan and UBSan
#   sh tests/fuzz/run.sh --short BUILD     make test: replay tests/fuzz/regress,
#                                          then FUZZ_RUNS inputs per harness
#                                          (default 2000, 300 for analyses;
#                                          seed 1)
#   sh tests/fuzz/run.sh --time S BUILD    make fuzz: S seconds per harness,
#                                          keeping the corpus in BUILD/fuzz/corpus
#   sh tests/fuzz/run.sh --runs N BUILD    a campaign: N executions per
#                                          harness (at most FUZZ_MAX_TIME
#                                          seconds each), as --time otherwise
#   sh tests/fuzz/run.sh --merge BUILD     make fuzz-merge: fold
#                                          BUILD/fuzz/corpus into
#                                          tests/fuzz/corpus, minimised
#
# Seed corpora are built at run time from the repository's scenarios and
# tests (BUILD/fuzz/seeds), with tests/fuzz/seeds, tests/fuzz/corpus (the
# minimised corpora of past campaigns) and tests/fuzz/regress.
# FUZZ_ONLY="gml env" runs only those harnesses; FUZZ_SEED=S gives --runs
# and --time libFuzzer's -seed=S (else a random seed a run), so that a
# measured run can be run again. Each harness's output goes
# to BUILD/fuzz/logs/NAME.log; a crash, leak, timeout or sanitizer report
# leaves the input in BUILD/fuzz/artifacts and fails the run. A line per
# harness gives executions, executions per second (wall clock and CPU),
# coverage (cov, ft) and the corpus size; --runs and --time also append
# it, with the CPU seconds and the load average, to BUILD/fuzz/campaign.txt.
set -u

here=$(dirname "$0")
root=$(cd "$here/../.." && pwd)

if [ "${1:-}" = "--probe" ]; then
	cc=${2:-clang}
	tmp=$(mktemp -d) || exit 1
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
	    '{ (void)d; (void)n; return 0; }' >"$tmp/probe.c"
	"$cc" -fsanitize=fuzzer,address,undefined -o "$tmp/probe" \
	    "$tmp/probe.c" >/dev/null 2>&1
	rc=$?
	rm -rf "$tmp"
	exit $rc
fi

mode=${1:-}
case "$mode" in
--short)
	build=${2:?usage: run.sh --short BUILD}
	;;
--time)
	secs=${2:?usage: run.sh --time SECONDS BUILD}
	build=${3:?usage: run.sh --time SECONDS BUILD}
	;;
--runs)
	runs=${2:?usage: run.sh --runs N BUILD}
	build=${3:?usage: run.sh --runs N BUILD}
	;;
--merge)
	build=${2:?usage: run.sh --merge BUILD}
	;;
*)
	# The usage is the comment at the top.
	sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
	;;
esac
cd "$root" || exit 2
out="$build/fuzz"
mkdir -p "$out/logs" "$out/artifacts" "$out/seeds" || exit 2

# The harnesses, and for each the longest input, the dictionary and the
# repository files that seed it.
names=${FUZZ_ONLY:-"plan_json timeline harper env ops status gml graphml
    edgelist compose kubernetes nats routez partial analyses"}

# Inputs are kept small so that each harness runs thousands a second: a
# reader's paths show in a few kilobytes.
max_len() {
	case "$1" in
	analyses) echo 256 ;;
	env) echo 512 ;;
	edgelist) echo 1024 ;;
	timeline|ops|status|nats|routez|partial) echo 2048 ;;
	*) echo 4096 ;;
	esac
}

dict() {
	case "$1" in
	plan_json|timeline) echo "$here/dicts/json.dict" ;;
	ops) echo "$here/dicts/ops.dict" ;;
	harper) echo "$here/dicts/harper.dict" ;;
	env) echo "$here/dicts/env.dict" ;;
	gml) echo "$here/dicts/gml.dict" ;;
	graphml) echo "$here/dicts/graphml.dict" ;;
	compose) echo "$here/dicts/compose.dict" ;;
	kubernetes) echo "$here/dicts/kubernetes.dict" ;;
	nats) echo "$here/dicts/nats.dict" ;;
	routez) echo "$here/dicts/routez.dict" ;;
	status) echo "$here/dicts/status.dict" ;;
	partial) echo "$here/dicts/partial.dict" ;;
	analyses) echo "$here/dicts/json.dict" ;;
	*) echo "" ;;
	esac
}

# Copy the files given (those that exist) into directory $1.
seed() {
	dir=$1
	shift
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$dir/"
	done
}

# Join the files given into one input, configs separated as fuzz_harper.c
# reads them; a name ending in .json is the inventory.
join_configs() {
	first=1
	for f in "$@"; do
		[ -f "$f" ] || return 0
		[ $first = 1 ] || printf '\n#==\n'
		first=0
		case "$f" in
		*.json) printf '#inventory\n' ;;
		esac
		cat "$f"
	done
}

# Build the seed directory of harness $1 from the repository.
make_seeds() {
	s="$out/seeds/$1"
	rm -rf "$s"
	mkdir -p "$s"
	case "$1" in
	plan_json)
		seed "$s" scenarios/*.json scenarios/*/plan.json tests/bad/*.json \
		    tests/diff/*.json tests/mesh/*.json tests/plans/*.json
		;;
	timeline)
		# The timeline and what-if runs of the repository's plans, as
		# the rest of a plan after its nodes.
		[ -x /usr/bin/python3 ] && /usr/bin/python3 - "$s" \
		    scenarios/*.json tests/mesh/*.json tests/bad/*.json <<'EOF'
import json, os, sys
out = sys.argv[1]
for path in sys.argv[2:]:
    try:
        with open(path, encoding="utf-8") as f:
            plan = json.load(f)
    except (ValueError, OSError):
        continue
    if not isinstance(plan, dict):
        continue
    rest = "".join(', "%s": %s' % (k, json.dumps(plan[k]))
                   for k in ("timeline", "whatif") if k in plan)
    if rest:
        name = os.path.basename(path).replace(".json", ".txt")
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(rest)
EOF
		;;
	harper)
		seed "$s" tests/harper/*.yaml scenarios/harper-*/node*.yaml
		n=scenarios/harper-nats r=scenarios/harper-replication
		join_configs $n/node1.yaml $n/node2.yaml $n/node3.yaml \
		    >"$s/nats-cluster.txt"
		join_configs $n/node1.yaml $n/node2.yaml $n/node3.yaml \
		    $n/inventory.json >"$s/nats-inventory.txt"
		join_configs $r/node1.yaml $r/node2.yaml $r/node3.yaml \
		    >"$s/replication-cluster.txt"
		join_configs tests/harper/nats-a.yaml tests/harper/nats-b.yaml \
		    tests/harper/inventory.json >"$s/nats-ab.txt"
		join_configs tests/harper/dup-a.yaml tests/harper/dup-b.yaml \
		    >"$s/dup.txt"
		join_configs tests/harper/repl-b.yaml tests/harper/forms.yaml \
		    >"$s/forms.txt"
		;;
	env)
		seed "$s" tests/harper/*.env tests/harper/*.args
		;;
	ops)
		seed "$s" tests/ops/*.json tests/harper/inventory*.json \
		    scenarios/harper-nats/inventory.json
		;;
	gml)
		seed "$s" tests/formats/*.gml tests/bad/*.gml
		# The Topology Zoo beside the repository, for long runs.
		[ "$mode" != --short ] &&
			seed "$s" ../shared/topologies/topozoo/*.gml
		;;
	graphml)
		seed "$s" tests/formats/*.graphml
		;;
	edgelist)
		seed "$s" tests/formats/*.edges tests/formats/*.ncol \
		    tests/formats/*.txt
		;;
	compose)
		seed "$s" tests/compose/*.yml tests/compose/bad/*.yml \
		    scenarios/compose/*.yml
		;;
	kubernetes)
		seed "$s" tests/kubernetes/*.yaml \
		    tests/kubernetes/split/*.yaml scenarios/kubernetes/*.yaml
		;;
	nats)
		seed "$s" tests/nats/*.conf tests/nats/*.args \
		    tests/nats/inventory.json tests/nats/inc/*.conf \
		    scenarios/nats*/*.conf
		;;
	routez)
		seed "$s" tests/nats/routez*.json tests/nats/bad-routez*.json
		;;
	status)
		seed "$s" tests/ops/status*.json tests/ops/bad-status*.json
		;;
	partial)
		seed "$s" tests/shard/*.json
		;;
	analyses)
		# Small plans only: the harness takes 256 bytes.
		for f in scenarios/*.json tests/mesh/*.json tests/plans/*.json \
		    tests/suggest/*.json; do
			[ -f "$f" ] && [ "$(wc -c <"$f")" -le 256 ] &&
				cp "$f" "$s/"
		done
		;;
	esac
	[ -d "$here/seeds/$1" ] && seed "$s" "$here/seeds/$1"/*
	return 0
}

# The CPU seconds (user and system) this shell's children have used so
# far, from the shell's times (run here, not in a subshell, which has
# children of its own): a rate per CPU second does not depend on what else
# the machine runs. Sets cpu_now.
child_cpu() {
	times >"$out/logs/times"
	cpu_now=$(sed -n 2p "$out/logs/times" | awk '{
		for (i = 1; i <= NF; i++) {
			v = $i
			sub(/s$/, "", v)
			split(v, a, "m")
			t += a[1] * 60 + a[2]
		}
		printf "%.2f\n", t
	}')
}

# The value of libFuzzer's final statistic $2 in log $1.
stat() {
	sed -n "s/^stat::$2: *//p" "$1" | tail -n 1
}

# Fold the corpus a campaign grew in BUILD/fuzz/corpus/NAME into
# tests/fuzz/corpus/NAME: libFuzzer's -merge=1 keeps the inputs that add
# coverage to what the seeds built from the repository already give, and
# only those of at most 2 KB are kept (the seeds are rebuilt at every
# run).
merge() {
	name=$1
	bin="$out/fuzz_$name"
	log="$out/logs/$name-merge.log"
	dest="$here/corpus/$name"
	new="$out/merge/$name"
	rm -rf "$new"
	mkdir -p "$new" "$dest" || return 1
	make_seeds "$name"
	cp "$out/seeds/$name"/* "$new/" 2>/dev/null
	set -- -merge=1 -max_len="$(max_len "$name")" -rss_limit_mb=2048 \
	    -timeout=30 "$new" "$dest"
	[ -d "$out/corpus/$name" ] && set -- "$@" "$out/corpus/$name"
	if ! "$bin" "$@" >"$log" 2>&1; then
		echo "fuzz $name: merge FAILED (see $log)" >&2
		return 1
	fi
	for f in "$out/seeds/$name"/*; do
		[ -f "$f" ] && rm -f "$new/$(basename "$f")"
	done
	# Inputs over 2 KB stay out of the tree, to keep it small.
	find "$new" -type f -size +2k -exec rm -f {} +
	rm -rf "$dest"
	mv "$new" "$dest"
	echo "fuzz $name: tests/fuzz/corpus/$name: $(ls "$dest" | wc -l)" \
	    "inputs, $(du -sk "$dest" | cut -f1) KB"
}

failed=0
passed=0
if [ "$mode" = --merge ]; then
	for name in $names; do
		if [ ! -x "$out/fuzz_$name" ]; then
			echo "fuzz $name: $out/fuzz_$name is not built" >&2
			failed=$((failed + 1))
		elif merge "$name"; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
		fi
	done
	echo "fuzz merge: $passed merged, $failed failed"
	[ $failed -eq 0 ]
	exit
fi
for name in $names; do
	bin="$out/fuzz_$name"
	log="$out/logs/$name.log"
	if [ ! -x "$bin" ]; then
		echo "fuzz $name: $bin is not built" >&2
		failed=$((failed + 1))
		continue
	fi
	make_seeds "$name"
	set -- -max_len="$(max_len "$name")" -rss_limit_mb=2048 -timeout=30 \
	    -print_final_stats=1 -artifact_prefix="$out/artifacts/$name-"
	d=$(dict "$name")
	[ -n "$d" ] && set -- "$@" -dict="$d"
	regress=$here/regress/$name
	: >"$log"
	# Every input that once failed: each must now pass.
	if [ -d "$regress" ] && [ -n "$(ls "$regress")" ]; then
		if ! "$bin" "$@" "$regress"/* >>"$log" 2>&1; then
			echo "fuzz $name: FAILED replaying $regress" \
			    "(see $log)" >&2
			tail -n 30 "$log" >&2
			failed=$((failed + 1))
			continue
		fi
	fi
	start=$(date +%s)
	child_cpu
	cpu0=$cpu_now
	if [ "$mode" = --short ]; then
		corpus="$out/corpus-short/$name"
		rm -rf "$corpus"
		mkdir -p "$corpus"
		# The analyses harness runs seconds for 300 inputs.
		n=2000
		[ "$name" = analyses ] && n=300
		set -- "$@" -seed=1 -runs="${FUZZ_RUNS:-$n}"
	elif [ "$mode" = --runs ]; then
		corpus="$out/corpus/$name"
		mkdir -p "$corpus"
		set -- "$@" -runs="$runs"
		# FUZZ_MAX_TIME: at most that many seconds, whatever N.
		[ -n "${FUZZ_MAX_TIME:-}" ] &&
			set -- "$@" -max_total_time="$FUZZ_MAX_TIME"
	else
		corpus="$out/corpus/$name"
		mkdir -p "$corpus"
		set -- "$@" -max_total_time="$secs"
	fi
	[ "$mode" != --short ] && [ -n "${FUZZ_SEED:-}" ] &&
		set -- "$@" -seed="$FUZZ_SEED"
	# New inputs go to the first directory, the corpus.
	set -- "$@" "$corpus" "$out/seeds/$name"
	[ -d "$here/corpus/$name" ] && set -- "$@" "$here/corpus/$name"
	[ -d "$regress" ] && set -- "$@" "$regress"
	"$bin" "$@" >>"$log" 2>&1
	rc=$?
	secs_run=$(($(date +%s) - start))
	child_cpu
	cpu=$(echo "$cpu_now $cpu0" | awk '{ printf "%.1f", $1 - $2 }')
	execs=$(stat "$log" number_of_executed_units)
	cpu_rate=$(echo "${execs:-0} $cpu" |
	    awk '{ print ($2 > 0 ? int($1 / $2) : "?") }')
	slowest=$(stat "$log" slowest_unit_time_sec)
	if [ $rc -ne 0 ]; then
		echo "fuzz $name: FAILED after ${secs_run} s (see $log;" \
		    "inputs in $out/artifacts)" >&2
		grep -E 'ERROR|SUMMARY|fuzz check failed|Test unit written' \
		    "$log" | head -n 20 >&2
		failed=$((failed + 1))
		continue
	fi
	# The last status line: "#N DONE cov: C ft: F corp: K/SIZE ...".
	last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.* corp: \([^ ]*\).*/\1/p')
	rate=$(stat "$log" average_exec_per_sec)
	echo "fuzz $name: clean: ${execs:-?} executions in ${secs_run} s," \
	    "${rate:-?}/s, ${cpu} CPU s, ${cpu_rate}/CPU s," \
	    "cov ${cov:-?} ft ${ft:-?} corpus ${corp:-?}" \
	    "(slowest input ${slowest:-?} s)"
	[ "$mode" = --short ] || printf '%s %s %s %s %s %s %s %s %s %s %s\n' \
	    "$(date -u +%Y-%m-%dT%H:%MZ)" "$name" "${execs:-?}" \
	    "$secs_run" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" \
	    "${slowest:-?}" "$cpu" "$(cut -d' ' -f1 /proc/loadavg \
	    2>/dev/null || echo '?')" >>"$out/campaign.txt"
	passed=$((passed + 1))
done
echo "fuzz: $passed passed, $failed failed"
[ $failed -eq 0 ]
