#!/bin/sh
# budget.sh: work over the budget is refused before it starts, saying the
# estimate and how to go on: sweep --k 4 and the default availability run
# (MESH_AVAIL_TRIALS_DEFAULT, 100,000 trials, times 50,000 nodes and 75,000
# links) on a 50,000-node plan. Usage: tests/cli/budget.sh MESHSIM
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. tests/cli/check.sh

plan=$dir/plan.json
${PYTHON:-/usr/bin/python3} tools/gen_plan.py --shape random-regular \
    --nodes 50000 --seed 1 -o "$plan"
while IFS='|' read -r name args; do
	# shellcheck disable=SC2086
	"$bin" $args "$plan" >"$dir/out" 2>"$dir/err"
	check "$name: refused with exit status 2" '[ $? = 2 ]'
	check "$name: nothing on stdout" '[ ! -s "$dir/out" ]'
	check "$name: says the estimate and --force" \
	    'grep -q "would take about .* over the budget" "$dir/err" &&
	    grep -q -- "--force" "$dir/err"'
done <<EOF2
sweep --k 4|sweep --k 4
availability|availability
EOF2
# Within the budget the same plan runs.
"$bin" sweep --k 1 --format json "$plan" >"$dir/out" 2>/dev/null
check "sweep --k 1 runs" '[ $? -le 1 ] && grep -q "\"k\": 1" "$dir/out"'
"$bin" availability --trials 1000 --format json "$plan" >"$dir/out" 2>/dev/null
check "availability --trials 1000 runs" \
    '[ $? = 0 ] && grep -q "\"trials\": 1000" "$dir/out"'

echo "budget: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
