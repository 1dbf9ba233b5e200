#!/bin/sh
# gen-help.sh: write the man pages (docs/man/*.1) and the shell
# completions (completions/) from meshsim's one source of help
# (src/cli/cli_help.c), through `meshsim help --mdoc|--bash|--zsh`.
# Usage: tools/gen-help.sh MESHSIM [DIR]   (DIR: write there instead of
# the repository; tests/help/run.sh compares the two)
set -eu
bin=${1:?usage: tools/gen-help.sh MESHSIM [DIR]}
out=${2:-.}
mkdir -p "$out/docs/man" "$out/completions"
"$bin" help --mdoc >"$out/docs/man/meshsim.1"
"$bin" help --mdoc import >"$out/docs/man/meshsim-import.1"
for cmd in availability check diff export merge report simulate suggest \
    sweep; do
	"$bin" help --mdoc "$cmd" >"$out/docs/man/meshsim-$cmd.1"
done
for kind in compose harper harper-cluster-status harper-network \
    harper-routes kubernetes nats nats-routez; do
	"$bin" help --mdoc import "$kind" \
	    >"$out/docs/man/meshsim-import-$kind.1"
done
"$bin" help --bash >"$out/completions/meshsim.bash"
"$bin" help --zsh >"$out/completions/_meshsim"
