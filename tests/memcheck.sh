#!/bin/sh
# memcheck.sh: run a command under valgrind's memcheck, as the test scripts
# do with VALGRIND=1: every error and every definite, indirect or possible
# leak counts, in each process (forked workers too, and programs they
# run). Each process writes what valgrind found to its own file in
# $MEMCHECK_LOGS (a folder; empty files when nothing was found), so a
# fault in a worker whose parent recovers is not lost; the exit status is
# 99 when the process itself had one.
# Usage: MEMCHECK_LOGS=DIR tests/memcheck.sh PROGRAM [ARGUMENT...]
# tests/valgrind.supp lists what is not meshsim's fault, with why.
set -u
exec valgrind -q --error-exitcode=99 --leak-check=full \
    --suppressions="$(dirname "$0")/valgrind.supp" \
    --errors-for-leak-kinds=definite,indirect,possible \
    --show-leak-kinds=definite,indirect,possible \
    --trace-children=yes --child-silent-after-fork=no \
    --log-file="${MEMCHECK_LOGS:?}/%p.log" "$@"
