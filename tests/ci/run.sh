#!/bin/sh
# run.sh: the CI formats and examples (docs/ci.md): SARIF and JUnit read back, the examples run on a sample repository.
# Usage: sh tests/ci/run.sh MESHSIM (from the top of the repository)
set -e
meshsim=${1:?usage: sh tests/ci/run.sh MESHSIM}
py=${PYTHON:-python3}
"$py" tests/ci/check_sarif.py "$meshsim"
"$py" tests/ci/check_junit.py "$meshsim"
"$py" tests/ci/examples.py "$meshsim"
