#!/bin/sh
# output.sh: -o FILE writes the same bytes as stdout, whole or not at all,
# and never over any input; write errors on stdout are exit status 2; no
# line of text output ends in a space or a tab.
# Usage: tests/cli/output.sh MESHSIM
#   VALGRIND=1   meshsim under valgrind's memcheck (tests/memcheck.sh): an
#                error or a leak, in a forked worker too, is a failure
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.."
dir=$(mktemp -d)
vg=$(mktemp -d)
trap 'rm -rf "$dir" "$vg"' EXIT
wrap=
if [ "${VALGRIND:-0}" = 1 ]; then
	wrap="sh tests/memcheck.sh"
fi
meshsim() {
	# shellcheck disable=SC2086
	MEMCHECK_LOGS=$vg $wrap "$bin" "$@"
}
. tests/cli/check.sh
# Reports are stamped with this date, so two runs give the same bytes.
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH

for cmd in "check --format json" "check" "sweep --k 2" "availability --trials 1000" \
    "simulate" "report" "sweep --k 2 --shard 1/2" \
    "availability --trials 1000 --shard 2/3" "check --format sarif" \
    "simulate --format junit"; do
	plan=scenarios/restart-hazard.json
	# shellcheck disable=SC2086
	meshsim $cmd "$plan" >"$dir/stdout" 2>/dev/null
	want=$?
	# shellcheck disable=SC2086
	meshsim $cmd -o "$dir/report" "$plan" >"$dir/empty" 2>/dev/null
	got=$?
	check "$cmd -o: same exit status" '[ "$got" = "$want" ]'
	check "$cmd -o: same bytes as stdout" 'cmp -s "$dir/stdout" "$dir/report"'
	check "$cmd -o: nothing on stdout" '[ ! -s "$dir/empty" ]'
done

cp scenarios/figure1.json "$dir/plan.json"
meshsim check -o "$dir/plan.json" "$dir/plan.json" 2>/dev/null
check "writing over the plan is refused" '[ $? = 2 ]'
check "the plan is left as it was" 'cmp -s scenarios/figure1.json "$dir/plan.json"'

cp scenarios/harper-nats/node1.yaml scenarios/harper-nats/node2.yaml \
    scenarios/harper-nats/node3.yaml "$dir/"
meshsim check --inventory scenarios/harper-nats/inventory.json \
    -o "$dir/node3.yaml" "$dir/node1.yaml" "$dir/node2.yaml" \
    "HOST=$dir/node3.yaml" 2>/dev/null
check "writing over any of several configs is refused" '[ $? = 2 ]'
check "that config is left as it was" \
    'cmp -s scenarios/harper-nats/node3.yaml "$dir/node3.yaml"'
cp scenarios/ring.json "$dir/old.json"
meshsim diff -o "$dir/old.json" "$dir/old.json" scenarios/figure1.json 2>/dev/null
check "diff refuses to write over OLD" '[ $? = 2 ]'

cp tests/ops/routes-ip-node1.json "$dir/answer.json"
meshsim import harper-routes -o "$dir/answer.json" "node1=$dir/answer.json" \
    2>/dev/null
check "import harper-routes refuses to write over an answer" '[ $? = 2 ]'
check "the answer is left as it was" \
    'cmp -s tests/ops/routes-ip-node1.json "$dir/answer.json"'

"$bin" sweep --shard 1/2 -o "$dir/part1" scenarios/zones.json 2>/dev/null
"$bin" sweep --shard 2/2 -o "$dir/part2" scenarios/zones.json 2>/dev/null
"$bin" sweep scenarios/zones.json >"$dir/stdout" 2>/dev/null
"$bin" merge -o "$dir/merged" "$dir/part2" "$dir/part1" >"$dir/empty" 2>/dev/null
check "merge -o: the whole sweep's exit status" '[ $? = 1 ]'
check "merge -o: the whole sweep's bytes" 'cmp -s "$dir/stdout" "$dir/merged"'
check "merge -o: nothing on stdout" '[ ! -s "$dir/empty" ]'
cp "$dir/part1" "$dir/part1.kept"
"$bin" merge -o "$dir/part1" "$dir/part1" "$dir/part2" 2>/dev/null
check "merge refuses to write over a partial" '[ $? = 2 ]'
check "the partial is left as it was" 'cmp -s "$dir/part1" "$dir/part1.kept"'
cp scenarios/zones.json "$dir/zones.json"
"$bin" sweep --shard 1/1 -o "$dir/zones.1" "$dir/zones.json" 2>/dev/null
cp "$dir/zones.json" "$dir/zones.kept"
"$bin" merge -o "$dir/zones.json" "$dir/zones.1" 2>/dev/null
check "merge refuses to write over the plan" '[ $? = 2 ]'
check "the plan is left as it was" 'cmp -s "$dir/zones.json" "$dir/zones.kept"'
rm -f "$dir/part1.kept" "$dir/zones.kept"
echo shard >"$dir/kept"
"$bin" sweep --shard 1/2 -o "$dir/kept" tests/bad/syntax.json 2>/dev/null
check "a shard of a refused plan leaves the output file alone" \
    '[ "$(cat "$dir/kept")" = shard ]'

echo old >"$dir/kept"
meshsim check -o "$dir/kept" tests/bad/syntax.json 2>/dev/null
check "a refused plan leaves the output file alone" '[ "$(cat "$dir/kept")" = old ]'
meshsim check -o "$dir/no/such/dir/report" scenarios/figure1.json 2>/dev/null
check "an output that cannot be written is exit 2" '[ $? = 2 ]'
check "no temporary file is left behind" '[ -z "$(ls "$dir" | grep "\.[A-Za-z0-9]\{6\}$")" ]'

# Every command, on stdout: a closed stdout (>&-) and a full disk
# (/dev/full) are write errors, exit status 2 with a message; a reader
# that went away (EPIPE: the pipe's read end closed before meshsim
# writes) is exit status 2 without one (SIGPIPE is ignored, so no death
# by signal). --help and --version too.
nats=scenarios/harper-nats
while IFS='|' read -r name args; do
	# shellcheck disable=SC2086
	"$bin" $args >&- 2>"$dir/err"
	check "$name, stdout closed: exit status 2" '[ $? = 2 ]'
	check "$name, stdout closed: says so" \
	    'grep -q "cannot write to standard output" "$dir/err"'
	# shellcheck disable=SC2086
	"$bin" $args >/dev/full 2>"$dir/err"
	check "$name, disk full: exit status 2" '[ $? = 2 ]'
	check "$name, disk full: says so" \
	    'grep -q "cannot write to standard output: No space" "$dir/err"'
	# shellcheck disable=SC2086
	got=$(/usr/bin/python3 -c '
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE,
                   stdin=subprocess.DEVNULL)
print(p.returncode, p.stderr.decode().count("standard output"))
' "$bin" $args)
	check "$name, reader gone: exit status 2, no write error said ($got)" \
	    '[ "$got" = "2 0" ]'
done <<EOF2
check|check scenarios/figure1.json
check-json|check --format json scenarios/figure1.json
check-svg|check --format svg scenarios/figure1.json
check-sarif|check --format sarif scenarios/figure1.json
simulate-junit|simulate --format junit scenarios/restart-hazard.json
sweep|sweep scenarios/figure1.json
availability|availability --trials 1000 scenarios/figure1.json
simulate|simulate scenarios/restart-hazard.json
report|report scenarios/figure1.json
report-md|report --format md scenarios/figure1.json
diff|diff scenarios/ring.json scenarios/chain.json
suggest|suggest scenarios/chain.json
export|export --format graphml scenarios/figure1.json
import-harper|import harper --inventory $nats/inventory.json $nats/node1.yaml $nats/node2.yaml $nats/node3.yaml
import-harper-routes|import harper-routes node1=tests/ops/routes-node1.json node2=tests/ops/routes-node2.json
import-harper-network|import harper-network --inventory tests/ops/inventory.json tests/ops/network-in-sync.json
help|--help
check-help|check --help
version|--version
EOF2

# Writing over any input is refused, for every command and every kind
# of input (plan, OLD and NEW, configs, inventory, env file, payloads),
# and the input is left as it was.
cp scenarios/figure1.json "$dir/plan.json"
cp $nats/node1.yaml $nats/node2.yaml $nats/node3.yaml $nats/inventory.json \
    "$dir/"
cp tests/harper/node2.env "$dir/node2.env"
cp tests/ops/set-node2-to-node3.json "$dir/request.json"
cp tests/ops/network-in-sync.json "$dir/network.json"
cp tests/ops/routes-node1.json "$dir/answer.json"
cp tests/ops/inventory.json "$dir/ops-inventory.json"
d=$dir
while IFS='|' read -r input args; do
	cp "$d/$input" "$d/before"
	# shellcheck disable=SC2086
	"$bin" $args -o "$d/$input" >/dev/null 2>"$d/err"
	check "$args -o $input: refused with exit status 2" '[ $? = 2 ]'
	check "$args -o $input: says why" 'grep -q refusing "$d/err"'
	check "$args -o $input: left as it was" 'cmp -s "$d/before" "$d/$input"'
done <<EOF2
plan.json|check $d/plan.json
plan.json|check --format json $d/plan.json
plan.json|sweep $d/plan.json
plan.json|availability --trials 100 $d/plan.json
plan.json|simulate $d/plan.json
plan.json|report $d/plan.json
plan.json|diff scenarios/ring.json $d/plan.json
plan.json|diff $d/plan.json scenarios/ring.json
plan.json|suggest $d/plan.json
plan.json|export $d/plan.json
request.json|check --apply node2=$d/request.json $d/plan.json
node2.yaml|check --inventory $d/inventory.json $d/node1.yaml $d/node2.yaml $d/node3.yaml
inventory.json|check --inventory $d/inventory.json $d/node1.yaml $d/node2.yaml $d/node3.yaml
node2.env|check --env node2=$d/node2.env $d/node1.yaml $d/node2.yaml $d/node3.yaml
node1.yaml|import harper --inventory $d/inventory.json $d/node1.yaml $d/node2.yaml $d/node3.yaml
inventory.json|import harper --inventory $d/inventory.json $d/node1.yaml $d/node2.yaml $d/node3.yaml
node2.env|import harper --env node2=$d/node2.env $d/node1.yaml $d/node2.yaml $d/node3.yaml
answer.json|import harper-routes node1=$d/answer.json
ops-inventory.json|import harper-routes --inventory $d/ops-inventory.json node1=$d/answer.json
network.json|import harper-network $d/network.json
ops-inventory.json|import harper-network --inventory $d/ops-inventory.json $d/network.json
EOF2

# A command that fails leaves the file -o names as it was, whatever the
# command.
while IFS='|' read -r args; do
	echo old >"$dir/kept"
	# shellcheck disable=SC2086
	"$bin" $args -o "$dir/kept" >/dev/null 2>&1
	check "$args: failed with exit status 2" '[ $? = 2 ]'
	check "$args: the output file is left as it was" \
	    '[ "$(cat "$dir/kept")" = old ]'
done <<EOF2
sweep tests/bad/syntax.json
availability --trials 100 tests/bad/syntax.json
simulate tests/bad/syntax.json
report tests/bad/syntax.json
diff scenarios/ring.json tests/bad/syntax.json
suggest tests/bad/syntax.json
export tests/bad/syntax.json
check --max-nodes 2 scenarios/figure1.json
import harper tests/harper/invalid-yaml.yaml
import harper-routes node1=tests/ops/bad-syntax.json
import harper-network tests/ops/bad-syntax.json
EOF2
# The report's date: SOURCE_DATE_EPOCH, checked; without it, today.
SOURCE_DATE_EPOCH=0 meshsim report --format md scenarios/ring.json \
    >"$dir/epoch" 2>&1
check "report: SOURCE_DATE_EPOCH=0 is 1970-01-01T00:00:00Z" \
    'grep -q "on 1970-01-01T00:00:00Z (SOURCE_DATE_EPOCH)" "$dir/epoch"'
for bad in 12x -5 +5 99999999999999 1e9; do
	echo old >"$dir/kept"
	SOURCE_DATE_EPOCH=$bad meshsim report -o "$dir/kept" \
	    scenarios/ring.json >/dev/null 2>"$dir/err"
	check "report: SOURCE_DATE_EPOCH=$bad: exit status 2" '[ $? = 2 ]'
	check "report: SOURCE_DATE_EPOCH=$bad: says so, writes nothing" \
	    'grep -q "SOURCE_DATE_EPOCH=.$bad. is not" "$dir/err" &&
	    [ "$(cat "$dir/kept")" = old ]'
done
today=$(date -u +%Y-%m-%d)
(unset SOURCE_DATE_EPOCH; meshsim report --format md scenarios/ring.json) \
    >"$dir/today" 2>&1
check "report: without SOURCE_DATE_EPOCH, dated today" \
    'grep -q "on $today" "$dir/today" ||
    grep -q "on $(date -u +%Y-%m-%d)" "$dir/today"'

# No line of text output ends in a space or a tab: not in any golden
# (reports in every format, help, messages), nor in what each command
# writes in text on a plan of no nodes (every list empty), of two nodes,
# and of several hosts and zones.
ends=$(grep -lE '[ 	]$' tests/cli/golden/*.out | tr '\n' ' ')
check "no golden has a line that ends in a space or tab: $ends" \
    '[ -z "$ends" ]'
for plan in tests/plans/no-nodes.json scenarios/two-nodes.json \
    scenarios/shared-host.json scenarios/zones.json; do
	while IFS='|' read -r args; do
		# shellcheck disable=SC2086
		meshsim $args "$plan" >"$dir/text" 2>&1
		check "$args $plan: no line ends in a space or tab" \
		    '! grep -qE "[ 	]\$" "$dir/text"'
	done <<EOF2
check
check --explain
sweep --k 2
sweep --by host
sweep --by zone
availability --trials 100
availability --by host --trials 100
simulate
suggest
suggest --by host
suggest --target 3
report --format md
diff $plan
EOF2
done

check "no temporary file is left behind after all that" \
    '[ -z "$(ls "$dir" | grep "\.[A-Za-z0-9]\{6\}$")" ]'

if [ -n "$wrap" ]; then
	check "memcheck (valgrind) finds no error and no leak" \
	    '[ -z "$(find "$vg" -type f -size +0)" ]'
	find "$vg" -type f -size +0 -exec cat {} + | head -60 | sed 's/^/    /'
fi
echo "output: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
