#!/bin/sh
# run.sh: make install into a temporary prefix, and into a DESTDIR, then
# use what was installed as a user would: every file in place, the
# shared library's soname and exported symbols, pkg-config, a C program
# linked against the shared and against the static library, the installed
# program, the workers the library forks, the library from Python through
# ctypes; then make uninstall leaves nothing behind. Seconds; part of
# make test.
# Usage: tests/install/run.sh BUILD (the build folder, as make's BUILD)
set -u
build=${1:-build}
cd "$(dirname "$0")/../.."
. tests/cli/check.sh
MAKE=${MAKE:-make}
PYTHON=${PYTHON:-python3}
CC=${CC:-cc}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
p=$dir/prefix                   # PREFIX; $dir/work holds the test's files
mkdir "$dir/work"
w=$dir/work
version=$(sed -n 's/^#define MESH_VERSION "\(.*\)"$/\1/p' \
    include/meshsim/meshsim.h)
major=${version%%.*}
soname=libmeshsim.so.$major

# make, on its own (not a part of the make that runs this script: not
# its -n, nor its jobs), quietly but for a failure.
mk() {
	MAKEFLAGS= MFLAGS= $MAKE --no-print-directory BUILD="$build" "$@" \
	    >"$w/make.log" 2>&1 || { sed 's/^/  /' "$w/make.log"; return 1; }
}

# What install must put under a prefix, given the tree: the optional
# man pages, completions and schemas as the tree holds them.
expected() {
	{
		echo bin/meshsim
		for f in libmeshsim.a libmeshsim.so "$soname" \
		    "libmeshsim.so.$version" pkgconfig/meshsim.pc; do
			echo "$1/$f"
		done
		for f in include/meshsim/*.h; do echo "include/meshsim/${f##*/}"; done
		for f in docs/man/*.1; do
			[ -f "$f" ] && echo "share/man/man1/${f##*/}"
		done
		[ -f completions/meshsim.bash ] &&
		    echo share/bash-completion/completions/meshsim
		[ -f completions/_meshsim ] && echo share/zsh/site-functions/_meshsim
		for f in schema/*.json; do
			[ -f "$f" ] && echo "share/meshsim/schema/${f##*/}"
		done
	} | LC_ALL=C sort
}

installed() {
	(cd "$1" && find . ! -type d | sed 's,^\./,,' | LC_ALL=C sort)
}

# The optional files, byte for byte as in the tree.
same_files() {
	for f in docs/man/*.1; do
		[ -f "$f" ] || continue
		cmp -s "$f" "$1/share/man/man1/${f##*/}" || return 1
	done
	if [ -f completions/meshsim.bash ]; then
		cmp -s completions/meshsim.bash \
		    "$1/share/bash-completion/completions/meshsim" || return 1
	fi
	if [ -f completions/_meshsim ]; then
		cmp -s completions/_meshsim \
		    "$1/share/zsh/site-functions/_meshsim" || return 1
	fi
	for f in schema/*.json; do
		[ -f "$f" ] || continue
		cmp -s "$f" "$1/share/meshsim/schema/${f##*/}" || return 1
	done
}

needed() {
	readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
}

# 1. PREFIX alone.
check install 'mk PREFIX="$p" install'
expected lib >"$w/expected"
installed "$p" >"$w/installed"
check installed-files 'diff "$w/expected" "$w/installed"'
check optional-files 'same_files "$p"'
check real-file '[ -f "$p/lib/libmeshsim.so.$version" ] &&
    [ ! -h "$p/lib/libmeshsim.so.$version" ]'
check soname-link '[ "$(readlink "$p/lib/$soname")" = \
    "libmeshsim.so.$version" ]'
check dev-link '[ "$(readlink "$p/lib/libmeshsim.so")" = "$soname" ]'
check soname '[ "$(readelf -d "$p/lib/libmeshsim.so.$version" |
    sed -n "s/.*(SONAME).*\[\(.*\)\]/\1/p")" = "$soname" ]'
check symbols '"$PYTHON" tests/install/symbols.py \
    "$p/lib/libmeshsim.so.$version" "$p/include"'

export PKG_CONFIG_PATH="$p/lib/pkgconfig"
check pkg-config-version '[ "$(pkg-config --modversion meshsim)" = \
    "$version" ]'
check pkg-config-prefix '[ "$(pkg-config --variable=prefix meshsim)" = \
    "$p" ]'

# A library user's program, strict warnings, the shared library.
check hello-build-shared '"$CC" -std=c11 -Wall -Wextra -Wpedantic -Werror \
    $(pkg-config --cflags meshsim) -o "$w/hello" tests/install/hello.c \
    $(pkg-config --libs meshsim)'
check hello-needs-soname 'needed "$w/hello" | grep -qx "$soname"'
check hello-finds-prefix 'LD_LIBRARY_PATH="$p/lib" ldd "$w/hello" |
    grep -q "$soname => $p/lib/$soname "'
check hello-shared 'LD_LIBRARY_PATH="$p/lib" "$w/hello" >"$w/hello.out" &&
    diff tests/install/hello.out "$w/hello.out"'

# The same program against the static library, the rest dynamic:
# meshsim.pc's --static flags name the private requirements' libraries,
# and not igraph, which the library loads when it first needs it.
static_libs() {
	pkg-config --libs --static meshsim | tr ' ' '\n' >"$w/static-libs"
	for l in -lmeshsim -lcjson -lyaml -lm; do
		grep -qx -- "$l" "$w/static-libs" || return 1
	done
	! grep -qx -- -ligraph "$w/static-libs"
}
check pc-static-libs static_libs
check hello-build-static '"$CC" -std=c11 -Wall -Wextra -Wpedantic -Werror \
    $(pkg-config --cflags --static meshsim) -o "$w/hello-static" \
    tests/install/hello.c "$p/lib/libmeshsim.a" \
    $(pkg-config --libs libcjson yaml-0.1) -lm'
check hello-static-no-so '[ -f "$w/hello-static" ] &&
    ! needed "$w/hello-static" | grep -q libmeshsim'
check hello-static '"$w/hello-static" >"$w/hello-static.out" &&
    diff tests/install/hello.out "$w/hello-static.out"'

# What docs/library.md says of the workers that sweeps and availability
# fork: the same results, no child and no descriptor left, whether
# SIGCHLD is as it is, caught by a handler that reaps every child, or
# ignored.
check fork-build '"$CC" -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra \
    -Wpedantic -Werror $(pkg-config --cflags meshsim) -o "$w/fork" \
    tests/install/fork.c $(pkg-config --libs meshsim)'
for mode in default reap ignore; do
	check "fork-$mode" 'LD_LIBRARY_PATH="$p/lib" "$w/fork" $mode >/dev/null'
done

# The installed program, without LD_LIBRARY_PATH.
check version '[ "$("$p/bin/meshsim" --version)" = "meshsim $version" ]'
"$build/meshsim" check --fail-on never scenarios/figure1.json \
    >"$w/check.want" 2>&1
check installed-check '"$p/bin/meshsim" check --fail-on never \
    scenarios/figure1.json >"$w/check.got" 2>&1 &&
    diff "$w/check.want" "$w/check.got"'

# The installed program loads igraph when it first needs it: a GML plan
# and a drawing laid out by igraph (a ring of six, no zones).
"$build/meshsim" check --fail-on never tests/formats/warnings.gml \
    >"$w/gml.want" 2>&1
check installed-igraph '"$p/bin/meshsim" check --fail-on never \
    tests/formats/warnings.gml >"$w/gml.got" 2>&1 &&
    diff "$w/gml.want" "$w/gml.got" &&
    "$p/bin/meshsim" check --format svg scenarios/ring.json |
    grep -q "<svg"'

# Where igraph cannot be loaded (noigraph.c preloaded, as on a machine
# without its package): what needs it fails with exit 2, naming the
# library; a JSON plan is checked as ever.
noigraph() {
	LD_PRELOAD="$w/noigraph.so" "$p/bin/meshsim" "$@"
}
check noigraph-build '"$CC" -std=c11 -Wall -Wextra -Werror -shared -fPIC \
    -o "$w/noigraph.so" tests/install/noigraph.c -ldl'
check noigraph-gml 'noigraph check tests/formats/warnings.gml >/dev/null \
    2>"$w/noigraph.err"; [ $? -eq 2 ] &&
    grep -q "libigraph\.so.* could not be loaded" "$w/noigraph.err"'
check noigraph-svg 'noigraph check --format svg scenarios/ring.json \
    >/dev/null 2>&1; [ $? -eq 2 ]'
check noigraph-json 'noigraph check --fail-on never scenarios/ring.json \
    >/dev/null'

# Python through ctypes, against the soname's link.
check ctypes '"$PYTHON" tests/install/ctypes_smoke.py "$p/lib/$soname"'

# Installing again over an install changes nothing.
check reinstall 'mk PREFIX="$p" install && installed "$p" >"$w/again" &&
    diff "$w/installed" "$w/again"'

# uninstall removes what install put there, and only that: a header and
# a library of someone else's stay, with a word about the folder kept.
echo '/* not meshsim'"'"'s */' >"$p/include/meshsim/theirs.h"
: >"$p/lib/libtheirs.so"
printf '%s\n' include/meshsim/theirs.h lib/libtheirs.so >"$w/theirs"
check uninstall 'mk PREFIX="$p" uninstall'
check uninstall-leaves-theirs 'installed "$p" | diff "$w/theirs" - &&
    grep -q "include/meshsim kept" "$w/make.log"'
rm -f "$p/include/meshsim/theirs.h" "$p/lib/libtheirs.so"
check uninstall-again 'mk PREFIX="$p" uninstall'
check uninstall-leaves-nothing '[ -z "$(find "$p" ! -type d)" ]'
check uninstall-own-dirs '[ ! -d "$p/include/meshsim" ] &&
    [ ! -d "$p/share/meshsim" ]'

# 2. A package's staging: DESTDIR, PREFIX /usr and a multiarch LIBDIR;
# nothing of the staging folder in meshsim.pc.
s=$dir/stage
multi=lib/x86_64-linux-gnu
check destdir-install 'mk DESTDIR="$s" PREFIX=/usr LIBDIR=/usr/$multi install'
expected "$multi" >"$w/expected"
installed "$s/usr" >"$w/installed"
check destdir-files 'diff "$w/expected" "$w/installed" &&
    [ "$(installed "$s")" = "$(installed "$s/usr" | sed "s,^,usr/,")" ]'
pc=$s/usr/$multi/pkgconfig/meshsim.pc
check destdir-pc 'grep -qx "prefix=/usr" "$pc" &&
    grep -qx "libdir=\${prefix}/$multi" "$pc" &&
    grep -qx "includedir=\${prefix}/include" "$pc" && ! grep -q "$s" "$pc"'
check destdir-uninstall 'mk DESTDIR="$s" PREFIX=/usr LIBDIR=/usr/$multi \
    uninstall && [ -z "$(find "$s" ! -type d)" ]'

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
