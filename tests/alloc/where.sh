#!/bin/sh
# where.sh: the stack of meshsim's Nth allocation, as functions and lines:
# to find the caller of a failure that tests/alloc/run.sh reports.
# Usage: tests/alloc/where.sh MESHSIM FAILMALLOC.so N ARGUMENTS...
set -u
bin=$1
so=$2
n=$3
shift 3
MESH_FAIL_TRACE=1 MESH_FAIL_AT=$n LD_PRELOAD=$so "$bin" "$@" 2>&1 >/dev/null |
    grep '(.*)\[0x' | while read -r line; do
	case "$line" in
	"$bin("*)
		addr2line -f -i -p -e "$bin" \
		    "$(echo "$line" | sed 's/.*(+\(0x[0-9a-f]*\)).*/\1/')" ;;
	*)	echo "$line" ;;
	esac
done
