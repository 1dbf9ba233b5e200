#!/bin/sh
# roundtrip.sh: for Harper config sets (nodes that do not cluster, leaf
# ports, cluster names, ...), check on the configs, on the plan that
# import harper writes, and on that plan exported again as JSON give the
# same analysis (the JSON but for "file" and the diagnostics) and exit
# status.
# Usage: tests/harper/roundtrip.sh MESHSIM
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
inv=scenarios/harper-nats/inventory.json
fig="scenarios/harper-nats/node2.yaml scenarios/harper-nats/node3.yaml"
pass=0
fail=0
# The analysis: the JSON without the file, the diagnostics and the
# routes' sources (only configs have them: the plan reader does not keep
# a route's "source", which would name lines of the configs).
analysis() {
	sed -e '/^  "file": /d' -e '/^  "diagnostics": \[/,$d' \
	    -e '/^  "route_sources": \[/,/^  \],$/d' "$1"
}
one() {
	name=$1
	shift
	"$bin" check --format json "$@" >"$dir/a.json" 2>/dev/null
	ra=$?
	if ! "$bin" import harper -o "$dir/plan.json" "$@" 2>/dev/null; then
		echo "FAIL $name: import harper refused the configs"
		fail=$((fail + 1))
		return
	fi
	"$bin" check --format json "$dir/plan.json" >"$dir/b.json" 2>/dev/null
	rb=$?
	"$bin" export --format json -o "$dir/plan2.json" "$dir/plan.json" \
	    2>/dev/null
	"$bin" check --format json "$dir/plan2.json" >"$dir/c.json" \
	    2>/dev/null
	rc=$?
	analysis "$dir/a.json" >"$dir/a"
	analysis "$dir/b.json" >"$dir/b"
	analysis "$dir/c.json" >"$dir/c"
	if [ $ra -ne $rb ] || [ $ra -ne $rc ] || [ ! -s "$dir/a" ] ||
	    ! cmp -s "$dir/a" "$dir/b" || ! cmp -s "$dir/a" "$dir/c"; then
		echo "FAIL $name: exit $ra/$rb/$rc"
		diff "$dir/a" "$dir/b"
		diff "$dir/a" "$dir/c"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}
one figure --inventory $inv scenarios/harper-nats/node1.yaml $fig
one disabled-figure --inventory $inv tests/harper/disabled-node1.yaml $fig
# The plan that import wrote says so too.
if grep -q '"not_clustering": \["node1"\]' "$dir/b.json" &&
    grep -q '"clustering": false' "$dir/plan2.json"; then
	pass=$((pass + 1))
else
	echo "FAIL disabled-figure: the plan does not mark node1"
	fail=$((fail + 1))
fi
one disabled-route-to tests/harper/nats-a.yaml tests/harper/disabled-b.yaml
one disabled-env --env node2=tests/harper/disabled.env \
    tests/harper/nats-a.yaml tests/harper/nats-b.yaml
one leaf-port tests/harper/leaf-port.yaml tests/harper/nats-b.yaml
one cluster-name tests/harper/cluster-name.yaml tests/harper/nats-b.yaml
one replication-unnamed tests/harper/repl-unnamed.yaml tests/harper/repl-b.yaml
echo "harper roundtrip: $pass passed, $fail failed"
[ $fail -eq 0 ]
