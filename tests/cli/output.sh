#!/bin/sh
# output.sh: -o FILE writes the same bytes as stdout, whole or not at all,
# and never over the plan. Usage: tests/cli/output.sh MESHSIM
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
    "simulate" "report"; do
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

echo old >"$dir/kept"
meshsim check -o "$dir/kept" tests/bad/syntax.json 2>/dev/null
check "a refused plan leaves the output file alone" '[ "$(cat "$dir/kept")" = old ]'
meshsim check -o "$dir/no/such/dir/report" scenarios/figure1.json 2>/dev/null
check "an output that cannot be written is exit 2" '[ $? = 2 ]'
check "no temporary file is left behind" '[ -z "$(ls "$dir" | grep "\.[A-Za-z0-9]\{6\}$")" ]'

if [ -n "$wrap" ]; then
	check "memcheck (valgrind) finds no error and no leak" \
	    '[ -z "$(find "$vg" -type f -size +0)" ]'
	find "$vg" -type f -size +0 -exec cat {} + | head -60 | sed 's/^/    /'
fi
echo "output: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
