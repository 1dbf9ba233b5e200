# check.sh: the count of checks passed and failed that output.sh and
# budget.sh share (sourced, from the top of the repository).
#
# check NAME TEST: evaluates TEST; counts a pass, or says "FAIL NAME" and
# counts a failure (in $pass and $fail, for the script's last line).
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
