#!/bin/sh
# run.sh: run meshsim on every malformed input of tests/catalogue/MANIFEST
# and check its exit status, an empty stdout, and the error line on stderr.
# Usage: tests/catalogue/run.sh MESHSIM
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

pass=0
fail=0
codes=""
while IFS='|' read -r file want code line col rest; do
	case "$file" in ''|'#'*) continue ;; esac
	msg=${rest%|*}
	args=$(printf '%s\n' "${rest##*|}" | sed "s|{}|$file|g")
	if [ ! -e "$file" ] && [ "$code" != io-error ]; then
		echo "FAIL $file: no such input"
		fail=$((fail + 1))
		continue
	fi
	where=$file
	[ "$line" = - ] || where=$where:$line
	[ "$col" = - ] || where=$where:$col
	expect="$where: error: $msg [$code]"
	# shellcheck disable=SC2086
	"$bin" $args >"$out/stdout" 2>"$out/stderr" </dev/null
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL $file ($args): exit status $got, expected $want"
		fail=$((fail + 1))
	elif [ -s "$out/stdout" ]; then
		echo "FAIL $file ($args): wrote to stdout"
		fail=$((fail + 1))
	elif ! grep -qxF -e "$expect" "$out/stderr"; then
		echo "FAIL $file ($args): no line"
		echo "    $expect"
		sed 's/^/    got: /' "$out/stderr" | head -5
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
		codes="$codes $code"
	fi
done <tests/catalogue/MANIFEST
ncodes=$(printf '%s\n' $codes | sort -u | grep -c .)
echo "catalogue: $ncodes diagnostic codes"
echo "catalogue: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
