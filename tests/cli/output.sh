#!/bin/sh
# output.sh: -o FILE writes the same bytes as stdout, whole or not at all,
# and never over the plan. Usage: tests/cli/output.sh MESHSIM
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pass=0
fail=0
check() {
	if eval "$2"; then
		pass=$((pass + 1))
	else
		echo "FAIL $1"
		fail=$((fail + 1))
	fi
}

for cmd in "check --format json" "check" "sweep --k 2" "availability --trials 1000" \
    "simulate" "sweep --k 2 --shard 1/2" "availability --trials 1000 --shard 2/3"; do
	plan=scenarios/restart-hazard.json
	# shellcheck disable=SC2086
	"$bin" $cmd "$plan" >"$dir/stdout" 2>/dev/null
	want=$?
	# shellcheck disable=SC2086
	"$bin" $cmd -o "$dir/report" "$plan" >"$dir/empty" 2>/dev/null
	got=$?
	check "$cmd -o: same exit status" '[ "$got" = "$want" ]'
	check "$cmd -o: same bytes as stdout" 'cmp -s "$dir/stdout" "$dir/report"'
	check "$cmd -o: nothing on stdout" '[ ! -s "$dir/empty" ]'
done

cp scenarios/figure1.json "$dir/plan.json"
"$bin" check -o "$dir/plan.json" "$dir/plan.json" 2>/dev/null
check "writing over the plan is refused" '[ $? = 2 ]'
check "the plan is left as it was" 'cmp -s scenarios/figure1.json "$dir/plan.json"'

cp scenarios/harper-nats/node1.yaml scenarios/harper-nats/node2.yaml \
    scenarios/harper-nats/node3.yaml "$dir/"
"$bin" check --inventory scenarios/harper-nats/inventory.json \
    -o "$dir/node3.yaml" "$dir/node1.yaml" "$dir/node2.yaml" \
    "HOST=$dir/node3.yaml" 2>/dev/null
check "writing over any of several configs is refused" '[ $? = 2 ]'
check "that config is left as it was" \
    'cmp -s scenarios/harper-nats/node3.yaml "$dir/node3.yaml"'
cp scenarios/ring.json "$dir/old.json"
"$bin" diff -o "$dir/old.json" "$dir/old.json" scenarios/figure1.json 2>/dev/null
check "diff refuses to write over OLD" '[ $? = 2 ]'

cp tests/ops/routes-ip-node1.json "$dir/answer.json"
"$bin" import harper-routes -o "$dir/answer.json" "node1=$dir/answer.json" \
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
"$bin" check -o "$dir/kept" tests/bad/syntax.json 2>/dev/null
check "a refused plan leaves the output file alone" '[ "$(cat "$dir/kept")" = old ]'
"$bin" check -o "$dir/no/such/dir/report" scenarios/figure1.json 2>/dev/null
check "an output that cannot be written is exit 2" '[ $? = 2 ]'
check "no temporary file is left behind" '[ -z "$(ls "$dir" | grep "\.[A-Za-z0-9]\{6\}$")" ]'

echo "output: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
