#!/usr/bin/env python3
"""cycles.py: no two source files depend on each other in a circle.

A file depends on another when its object calls a function (or uses a
variable) that the other defines, as `nm` reads the objects that make
built in BUILD (build/ by default: src/LAYER/FILE.c -> BUILD/LAYER/FILE.o).
Prints every circle (a strongly connected group of two or more files) and
exits 1 when there is one.

usage: cycles.py [BUILD]
"""
import glob
import os
import subprocess
import sys


def graph(build):
    defs, uses = {}, {}
    for o in sorted(glob.glob(os.path.join(build, "*", "*.o"))):
        name = os.path.relpath(o, build)[:-2]
        if name.startswith(("tests/", "fuzz/")):
            continue
        out = subprocess.run(["nm", o], capture_output=True, text=True,
                             check=True).stdout
        uses[name] = set()
        for line in out.splitlines():
            f = line.split()
            if len(f) == 3 and f[1] in "TDRB":
                defs[f[2]] = name
            elif len(f) == 2 and f[0] == "U":
                uses[name].add(f[1])
    return {f: sorted({defs[s] for s in u if s in defs and defs[s] != f})
            for f, u in uses.items()}


def circles(dep):
    """Tarjan's strongly connected components of two or more files."""
    index, low, stack, on, found = {}, {}, [], set(), []
    for root in sorted(dep):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = len(index)
                stack.append(v)
                on.add(v)
            if i < len(dep[v]):
                work.append((v, i + 1))
                w = dep[v][i]
                if w not in index:
                    work.append((w, 0))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            for w in dep[v]:
                if w in on:
                    low[v] = min(low[v], low[w])
            if low[v] == index[v]:
                group = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    group.append(w)
                    if w == v:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    dep = graph(build)
    if not dep:
        sys.exit("cycles: no objects under %s/*/ (build first)" % build)
    found = circles(dep)
    for group in found:
        print("FAIL cycles: these files depend on each other: " +
              ", ".join(group))
    print("cycles: %d source files, %d dependencies, %d circles" %
          (len(dep), sum(len(d) for d in dep.values()), len(found)))
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
