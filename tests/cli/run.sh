#!/bin/sh
# run.sh: run meshsim on every case in tests/cli/*.cases and compare its
# stdout, stderr and exit status with tests/cli/golden/NAME.out.
# Usage: tests/cli/run.sh MESHSIM        (UPDATE=1 rewrites the goldens)
# ONLY=REGEX runs only the cases whose name matches (grep -E): use it with
# UPDATE=1 to write the goldens of new cases alone.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.."
out=${TMPDIR:-/tmp}/meshsim-cli.$$
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT

pass=0
fail=0
while IFS='|' read -r name want args; do
	case "$name" in ''|'#'*) continue ;; esac
	if [ -n "${ONLY:-}" ] && ! echo "$name" | grep -Eq "$ONLY"; then
		continue
	fi
	# shellcheck disable=SC2086
	"$bin" $args >"$out/stdout" 2>"$out/stderr" </dev/null
	got=$?
	{
		echo "exit: $got"
		cat "$out/stdout"
		echo "--- stderr"
		cat "$out/stderr"
	} >"$out/actual"
	golden=tests/cli/golden/$name.out
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$out/actual" "$golden"
	fi
	if [ "$got" != "$want" ]; then
		echo "FAIL $name: exit status $got, expected $want"
		sed 's/^/    /' "$out/stderr"
		fail=$((fail + 1))
	elif ! diff -u "$golden" "$out/actual" >"$out/diff" 2>&1; then
		echo "FAIL $name: output differs from $golden"
		sed 's/^/    /' "$out/diff" | head -40
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done <<EOF
$(cat tests/cli/*.cases)
EOF
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
