#!/bin/sh
# run.sh: the NATS test inputs against the real nats-server, and exports
# read back (from the top of the repository: sh tests/nats/run.sh MESHSIM).
#
# Every config of tests/nats/ must pass `nats-server -t -c` (Debian's
# 2.9.10), but the deliberately bad ones (bad-*.conf): those must fail it,
# except the few that the server takes and meshsim refuses, listed in
# tests/nats/server-accepts with the reason, and the include cycles, on
# which the server recurses until Go's stack limit (not run). Then every plan of
# tests/nats/export-plans exported with --format nats (with and without
# --loopback) passes `nats-server -t` and reads back with the plan's links.
# Without nats-server the server checks are skipped, with a message (in CI,
# CI=true, that is a failure).
meshsim=${1:?usage: sh tests/nats/run.sh MESHSIM}
. tests/cli/check.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

server=$(command -v nats-server || ls /usr/sbin/nats-server 2>/dev/null)
if [ -z "$server" ]; then
	if [ "${CI:-}" = true ]; then
		echo "FAIL nats-server is absent (tools/install-deps --test)"
		fail=1
	else
		echo "nats: nats-server absent: the server checks are skipped"
	fi
fi

accepted() {
	grep -q "^$(basename "$1")[ 	]" tests/nats/server-accepts
}

if [ -n "$server" ]; then
	# inc/ holds fragments, checked through the configs including them.
	for f in tests/nats/*.conf; do
		case $(basename "$f") in
		bad-cycle-*)
			# The server recurses until its 1 GB stack limit
			# (a minute or more): it is not run on these.
			;;
		bad-*)
			if accepted "$f"; then
				check "server takes $f" \
				    "'$server' -t -c '$f' >/dev/null 2>&1"
			else
				check "server refuses $f" \
				    "! '$server' -t -c '$f' >/dev/null 2>&1"
			fi ;;
		*)
			check "server takes $f" \
			    "'$server' -t -c '$f' >/dev/null 2>&1" ;;
		esac
	done
fi

# The links of a plan or of configs, one "a b" a line, sorted.
links() {
	"$meshsim" check --format dot --fail-on never "$@" 2>/dev/null |
	    sed -n 's/^	"\([^"]*\)" -- "\([^"]*\)".*/\1 \2/p' | sort
}

while read -r plan; do
	case $plan in '#'*|'') continue;; esac
	for mode in plain loopback; do
		d=$tmp/$(basename "$plan" .json)-$mode
		if [ $mode = loopback ]; then
			set -- --loopback 30000
		else
			set --
		fi
		check "export $mode $plan" \
		    "'$meshsim' export --format nats $* -o '$d' '$plan' 2>/dev/null"
		[ -d "$d" ] || continue
		if [ -n "$server" ]; then
			for f in "$d"/*.conf; do
				check "server takes export $mode $f" \
				    "'$server' -t -c '$f' >/dev/null 2>&1"
			done
		fi
		links "$plan" >"$tmp/want"
		links "$d"/*.conf >"$tmp/got"
		check "export $mode $plan reads back with its links" \
		    "[ -s '$tmp/want' ] && cmp -s '$tmp/want' '$tmp/got'"
	done
done <tests/nats/export-plans

# A directory that exists and is not empty is refused and left as it was.
mkdir "$tmp/keepme" && echo keep >"$tmp/keepme/x"
check "export refuses a full directory" \
    "! '$meshsim' export --format nats -o '$tmp/keepme' scenarios/figure1.json 2>/dev/null"
left=$(ls "$tmp/keepme"; ls -d "$tmp"/keepme*)
check "the full directory is left as it was, nothing beside it" \
    "[ \"\$left\" = \"x
$tmp/keepme\" ]"

echo "nats: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
