#!/bin/sh
# run.sh: the man pages and shell completions are those meshsim's one
# source of help writes now (tools/gen-help.sh); mandoc -Tlint finds
# nothing in the pages; every page's EXAMPLES run; the bash completion
# completes commands, options and their values; the zsh one parses;
# docs/cli.md shows `meshsim --help` as it is; the usage blocks of the
# docs are what the help prints.
# Usage: tests/help/run.sh MESHSIM
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.."
top=$(pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. tests/cli/check.sh

# The generated files, as committed.
sh tools/gen-help.sh "$bin" "$dir/gen"
for f in docs/man/*.1 completions/meshsim.bash completions/_meshsim; do
	check "$f is what tools/gen-help.sh writes" \
	    'cmp -s "$f" "$dir/gen/$f"'
done
for f in "$dir"/gen/docs/man/*.1; do
	check "docs/man/$(basename "$f") is committed" \
	    '[ -f "docs/man/$(basename "$f")" ]'
done

# The pages: mandoc finds nothing (its "referenced manual not found"
# looks in the installed manuals: checked here against docs/man), and
# each page every other names is there.
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint docs/man/*.1 >"$dir/lint" 2>&1
	grep -v 'STYLE: referenced manual not found: Xr meshsim' "$dir/lint" \
	    >"$dir/lint.rest"
	check "mandoc -Tlint: nothing to say" '[ ! -s "$dir/lint.rest" ]'
	sed 's/^/    /' "$dir/lint.rest" | head -20
	for page in docs/man/*.1; do
		mandoc -Tascii "$page" >/dev/null 2>&1
		check "$page renders" '[ $? = 0 ]'
	done
else
	echo "help: mandoc -Tlint skipped: mandoc is absent" \
	    "(sh tools/install-deps --test installs it)"
fi
grep -h '^\.Xr ' docs/man/*.1 | awk '{ print $2 }' | sort -u >"$dir/xr"
while read -r name; do
	check "Xr $name: docs/man/$name.1 is there" '[ -f "docs/man/$name.1" ]'
done <"$dir/xr"

# The examples of every page run (from the top of the sources: scenarios
# and tests linked into a scratch directory, where they write).
mkdir "$dir/ex"
ln -s "$top/scenarios" "$dir/ex/scenarios"
ln -s "$top/tests" "$dir/ex/tests"
# Each command of a literal display: after "$ ", with the lines it
# continues (a backslash, \e in roff, at the end of the one before).
awk '/^\.Bd -literal/ { on = 1; next }
    /^\.Ed/ { if (cmd != "") print cmd; cmd = ""; on = 0; next }
    on && /^\$ / { if (cmd != "") print cmd; cmd = substr($0, 3) }
    on && /^ / { l = $0; sub(/^ +/, "", l); cmd = cmd " " l }
    { sub(/ *\\e$/, "", cmd) }' docs/man/*.1 >"$dir/examples"
check "the pages have examples" '[ "$(wc -l <"$dir/examples")" -ge 18 ]'
while read -r cmd; do
	# shellcheck disable=SC2086
	(cd "$dir/ex" && set -- $cmd && shift && "$bin" "$@") \
	    >/dev/null 2>"$dir/err"
	st=$?
	check "example runs (exit $st): $cmd" '[ "$st" = 0 ] || [ "$st" = 1 ]'
	[ "$st" -le 1 ] || sed 's/^/    /' "$dir/err"
done <"$dir/examples"

# Every option of every command's help is what the bash completion
# offers after "--", and is in the command's block of the zsh one.
# shellcheck disable=SC2016
complete_bash() {
	bash -c '. completions/meshsim.bash
	    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _meshsim
	    [ ${#COMPREPLY[@]} = 0 ] || printf "%s\n" "${COMPREPLY[@]}"' \
	    meshsim "$@" | tr '\n' ' '
}
for cmd in availability check diff export merge report simulate suggest \
    sweep "import compose" "import harper" "import harper-cluster-status" \
    "import harper-network" "import harper-routes" "import kubernetes" \
    "import nats" "import nats-routez"; do
	# shellcheck disable=SC2086
	"$bin" help $cmd | grep -o '^  \(-., \)\?--[a-z-]*' |
	    sed 's/.*--/--/' | sort | tr '\n' ' ' >"$dir/opts"
	check "help $cmd lists options" '[ -s "$dir/opts" ]'
	# shellcheck disable=SC2086
	complete_bash meshsim $cmd -- | tr ' ' '\n' | sort | grep . |
	    tr '\n' ' ' >"$dir/bash"
	check "bash: meshsim $cmd --<TAB>: every option of its help" \
	    'cmp -s "$dir/opts" "$dir/bash"'
	awk -v c="'$cmd')" '$1 " " $2 == c || $1 == c { on = 1; next }
	    on && /;;$/ { print; exit } on' completions/_meshsim \
	    >"$dir/zblock"
	for opt in $(cat "$dir/opts"); do
		check "zsh: $cmd $opt" \
		    'grep -Eq -- "$opt(\\[|=|}|,|\$)" "$dir/zblock"'
	done
done

# bash: what <TAB> offers.
if command -v bash >/dev/null 2>&1; then
	while IFS='|' read -r words want; do
		# A trailing space: a new, empty word is completed.
		# shellcheck disable=SC2086
		if [ "${words% }" = "$words" ]; then
			got=$(complete_bash $words)
		else
			got=$(complete_bash $words '')
		fi
		check "bash: ${words}<TAB>: '$want' (got '$got')" \
		    '[ "$got" = "$want" ]'
	done <<EOF2
meshsim ch|check 
meshsim check --fo|--format 
meshsim check --format |text json dot svg sarif 
meshsim check -f |text json dot svg sarif 
meshsim check --format =|text json dot svg sarif 
meshsim check --format = s|svg sarif 
meshsim check --fail-on |never partition spof bridge 
meshsim sweep --fo|--force --format 
meshsim sweep --model |graph mesh 
meshsim report --format |html md markdown 
meshsim export --format |json graphml gml dot nats 
meshsim import |compose harper harper-cluster-status harper-network harper-routes kubernetes nats nats-routez --help 
meshsim import harper --g|--generation 
meshsim import harper --generation |nats replication 
meshsim import kubernetes --|--help --max-depth --max-input-size --max-name-length --max-nodes --max-routes --output --quiet 
meshsim help sw|sweep 
meshsim check scenarios/figure|scenarios/figure1.json 
meshsim sweep --k |
EOF2
else
	echo "help: bash completion skipped: bash is absent"
fi

# zsh: the completion parses (and loads as a function).
if command -v zsh >/dev/null 2>&1; then
	zsh -n completions/_meshsim
	check "zsh -n completions/_meshsim" '[ $? = 0 ]'
	zsh -f -c 'fpath=(completions $fpath); autoload -Uz _meshsim;
	    functions _meshsim >/dev/null && whence -w _meshsim' \
	    >"$dir/zsh" 2>&1
	check "zsh: _meshsim autoloads" \
	    'grep -q "_meshsim: function" "$dir/zsh"'
	# What <TAB> offers in an interactive zsh (tests/help/zsh-complete.zsh).
	while IFS='|' read -r words want; do
		zsh -f tests/help/zsh-complete.zsh "$words" >"$dir/zout" 2>&1
		got=$(tail -2 "$dir/zout" | tr -s ' \n' ' ')
		check "zsh: $words<TAB>: $want (got '$got')" '(
		    for w in $want; do
			grep -q -- "$w" "$dir/zout" || exit 1
		    done)'
	done <<EOF2
meshsim ch|meshsim check
meshsim check --fo|meshsim check --format=
meshsim check --format |dot json svg text
meshsim import harper --generation |nats replication
meshsim sweep --model |graph mesh
EOF2
else
	echo "help: zsh completion check skipped: zsh is absent" \
	    "(sh tools/install-deps --test installs it)"
fi

# docs/cli.md shows meshsim --help as it is.
"$bin" --help >"$dir/help"
awk '/^    \$ meshsim --help$/ { on = 1; next }
    on && /^    / { sub(/^    /, ""); print; next }
    on && /^$/ { print; next }
    on { exit }' docs/cli.md | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' \
    >"$dir/doc"
check "docs/cli.md: meshsim --help as it is" 'cmp -s "$dir/help" "$dir/doc"'
cmp -s "$dir/help" "$dir/doc" || diff "$dir/doc" "$dir/help" | head -20

# The synopses of the manual. A usage block of a page ("    usage:
# meshsim CMD ..." and the lines that continue it, indented further) is
# what `meshsim help CMD` prints before its first blank line; one followed
# by a line "    ..." is the start of it. The page each command's help
# names shows that command's usage. In the other synopses and examples
# ("    meshsim CMD ..."), every option is one of CMD's.
awk -v d="$dir/usage" '
    function end() { if (on) close(f); on = 0 }
    FNR == 1 { end() }
    on && /^     +[^ ]/ { sub(/^    /, ""); print > f; next }
    on { if ($0 == "    ...") print "" > (f ".start"); end() }
    /^    usage: meshsim / {
	n++; f = d "." n; on = 1; l = $0; sub(/^    /, "", l); print l > f
	split(l, w, " "); cmd = ""
	for (i = 3; i <= 4 && w[i] ~ /^[a-z][a-z-]*$/; i++) {
		cmd = cmd (cmd == "" ? "" : " ") w[i]
		if (w[i] != "import")
			break
	}
	print n "|" FILENAME ":" FNR "|" cmd > (d ".list")
    }
    END { end() }' docs/*.md README.md
touch "$dir/usage.list"
check "the docs show usage blocks" '[ "$(wc -l <"$dir/usage.list")" -ge 17 ]'
while IFS='|' read -r n at cmd; do
	# shellcheck disable=SC2086
	"$bin" help $cmd | awk '/^$/ { exit } { print }' >"$dir/want"
	if [ -f "$dir/usage.$n.start" ]; then
		k=$(wc -l <"$dir/usage.$n")
		head -n "$k" "$dir/want" >"$dir/want.k"
		mv "$dir/want.k" "$dir/want"
	fi
	check "$at: the synopsis 'meshsim help $cmd' prints" \
	    'cmp -s "$dir/want" "$dir/usage.$n"'
	cmp -s "$dir/want" "$dir/usage.$n" ||
	    diff "$dir/usage.$n" "$dir/want" | sed 's/^/    /' | head -20
done <"$dir/usage.list"
# A help shown whole ("    $ meshsim help CMD" and what follows it in
# its block) is what it prints now.
awk -v d="$dir/shown" '
    function end() { if (on) close(f); on = 0 }
    FNR == 1 { end() }
    on && /^    / && !/^    \$ / { sub(/^    /, ""); print > f; next }
    on && /^$/ { print > f; next }
    { end() }
    /^    \$ meshsim help / {
	n++; f = d "." n; on = 1; printf "" > f
	print n "|" FILENAME ":" FNR "|" substr($0, 20) > (d ".list")
    }
    END { end() }' docs/*.md README.md
touch "$dir/shown.list"
while IFS='|' read -r n at cmd; do
	# shellcheck disable=SC2086
	"$bin" help $cmd >"$dir/want"
	# The blank lines that end the block are not the help's.
	sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$dir/shown.$n" >"$dir/got"
	check "$at: meshsim help $cmd as it prints" \
	    'cmp -s "$dir/want" "$dir/got"'
	cmp -s "$dir/want" "$dir/got" ||
	    diff "$dir/got" "$dir/want" | sed 's/^/    /' | head -20
done <"$dir/shown.list"
{
	"$bin" --help | awk '/^Commands:/ { on = 1; next }
	    on && /^  [a-z]/ { print $1 } on && /^$/ { exit }'
	"$bin" help import | awk '/^Kinds:/ { on = 1; next }
	    on && /^  [a-z]/ { print "import " $1 } on && /^$/ { exit }'
} >"$dir/commands"
check "the commands and kinds of import" \
    '[ "$(wc -l <"$dir/commands")" -ge 17 ]'
while read -r cmd; do
	# shellcheck disable=SC2086
	page=$("$bin" help $cmd |
	    sed -n 's/^The manual: \(docs\/[^ ,]*\.md\).*/\1/p')
	[ -n "$page" ] || continue
	check "$page shows the usage of meshsim $cmd" \
	    'grep -q "^[0-9]*|$page:[0-9]*|$cmd\$" "$dir/usage.list"'
done <"$dir/commands"
awk '
    function out() { if (line != "") print at "|" cmd "|" line; line = "" }
    FNR == 1 { out() }
    line != "" && /^     +[^ ]/ { line = line " " $0; next }
    { out() }
    /^    meshsim [a-z]/ {
	at = FILENAME ":" FNR; line = $0; split($0, w, " ")
	cmd = w[2] (w[2] == "import" ? " " w[3] : "")
    }
    END { out() }' docs/*.md README.md >"$dir/synopses"
while IFS='|' read -r at cmd line; do
	# shellcheck disable=SC2086
	"$bin" help $cmd | sed -n 's/^  \(-[a-zA-Z]\), \(--[a-z-]*\).*/\1\n\2/p
	    s/^  \(--[a-z-]*\).*/\1/p' >"$dir/opts"
	printf '%s\n' "$line" | grep -o -- ' \[*--*[a-zA-Z][a-z-]*' |
	    sed 's/^ \[*//' | sort -u >"$dir/named"
	check "$at: meshsim $cmd takes $(tr '\n' ' ' <"$dir/named")" \
	    '[ -s "$dir/opts" ] &&
	    ! grep -vxF -f "$dir/opts" "$dir/named" >/dev/null'
done <"$dir/synopses"

echo "help: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
