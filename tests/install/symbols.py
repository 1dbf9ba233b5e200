#!/usr/bin/env python3
"""symbols.py: libmeshsim.so exports exactly the functions that the
installed headers declare: no mesh_i_, cli_ or other symbol leaks, and
none of the public API is missing.

Usage: tests/install/symbols.py LIBMESHSIM.SO INCLUDEDIR (make test, through
tests/install/run.sh). Exit 0 when both hold, 1 otherwise, saying which
names are wrong.
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

# A function's name where it is declared, followed by its parameter list
# (a function pointer's, "(*mesh_x)(", is followed by ')').
DECLARED = re.compile(r'(?<![\w(])(mesh_[A-Za-z0-9_]+)\s*\(')


def declared(incdir):
    """The functions the public headers declare, after the preprocessor
    (so that comments and macros do not count)."""
    headers = sorted(glob.glob(os.path.join(incdir, 'meshsim', '*.h')))
    with tempfile.NamedTemporaryFile('w', suffix='.c') as tu:
        for h in headers:
            tu.write('#include <meshsim/%s>\n' % os.path.basename(h))
        tu.flush()
        out = subprocess.run([os.environ.get('CC', 'cc'), '-std=c11', '-E',
                              '-P', '-I', incdir, tu.name],
                             check=True, capture_output=True, text=True)
    return set(DECLARED.findall(out.stdout)), len(headers)


def exported(lib):
    """The symbols lib defines in its dynamic symbol table."""
    out = subprocess.run(['nm', '-D', '--defined-only', lib], check=True,
                         capture_output=True, text=True).stdout
    return {line.split()[-1] for line in out.splitlines() if line.strip()}


def main():
    lib, incdir = sys.argv[1], sys.argv[2]
    decl, nheaders = declared(incdir)
    exp = exported(lib)
    ok = True
    if 'mesh_strerror' not in decl or 'mesh_plan_parse' not in decl:
        print('FAIL symbols: the declarations of %s were not found '
              '(%d headers, %d names)' % (incdir, nheaders, len(decl)))
        ok = False
    leaked = sorted(exp - decl)
    missing = sorted(decl - exp)
    if leaked:
        print('FAIL symbols: %s exports %d names no public header '
              'declares: %s' % (lib, len(leaked), ' '.join(leaked[:20])))
        ok = False
    if missing:
        print('FAIL symbols: %s does not export %d declared functions: %s'
              % (lib, len(missing), ' '.join(missing[:20])))
        ok = False
    if ok:
        print('symbols: %d exported, each declared in %s' % (len(exp),
                                                             incdir))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
