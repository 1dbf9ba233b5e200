#!/usr/bin/env python3
"""typo_property.py: the one-letter typo property of meshsim's Harper reader.

For the bundled Harper scenarios of both generations (scenarios/harper-nats
with its inventory, scenarios/harper-replication, each with node2.env given
as --env node2=...), every key of every config and every env variable name
is spelt wrong by one letter: two adjacent letters swapped, a letter
dropped, a letter inserted ('x' at each place, or a letter repeated). Each
typo is one `meshsim check --format json` run; the property: the analysis
(the JSON less its diagnostics and file name, and the exit status) is
unchanged, or a diagnostic names the typo's file and line. A silent change,
a crash or a run that does not finish is a failure.

Keys on the way to what meshsim reads (clustering.hubServer.cluster.
network.routes, replication.hostname, ...: READ below), keys of route
entries, and env names get every typo; every other key (http, logging,
clustering.tls, ...) gets one typo, at its middle, of a kind that turns
with the line number (so each kind is tried on many of them).

usage: typo_property.py MESHSIM [--jobs N]   (exit 0: no failure)
TYPO_EVERY=N tries every Nth typo of each set only (the sanitizer run of
make test: the same property on a quarter of the typos).
TYPO_SHOW_QUIET=1 lists the typos that changed nothing and were not
diagnosed (names that are not Harper's, such as HDB_ADMIN_USERNAME).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))

SETS = [
    ("nats",
     ["--inventory", "scenarios/harper-nats/inventory.json"],
     ["scenarios/harper-nats/node1.yaml", "scenarios/harper-nats/node2.yaml",
      "scenarios/harper-nats/node3.yaml"],
     "scenarios/harper-nats/node2.env"),
    ("replication",
     [],
     ["scenarios/harper-replication/node1.yaml",
      "scenarios/harper-replication/node2.yaml",
      "scenarios/harper-replication/node3.yaml"],
     "scenarios/harper-replication/node2.env"),
]

# What meshsim reads (harper.c's key_path): a key on the way to one of
# these, or in a route entry, gets every typo.
READ = ("clustering.enabled", "clustering.nodeName",
        "clustering.hubServer.cluster.network.port",
        "clustering.hubServer.cluster.network.routes",
        "clustering.leafServer.network.routes", "replication.hostname",
        "replication.url", "replication.port", "replication.securePort",
        "replication.routes", "operationsApi.network.port",
        "clustering.hubServer.cluster.name",
        "clustering.hubServer.leafNodes.network.port",
        "operationsApi.network.securePort")
YAML_KEY = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*)\s*:(\s|$)")
ENV_KEY = re.compile(r"^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_]*)=")
DIAG = re.compile(r"^(.+?):(\d+):(\d+): (error|warning|note): ")


def typos(key, full, kind=0):
    """The one-letter typos of key, sorted; all of them, or (full false)
    one, at the key's middle, of the kind numbered kind (mod 4: swap, drop,
    insert 'x', repeat)."""
    ins = "X" if key.isupper() else "x"
    n = len(key)
    swaps = [key[:i] + key[i + 1] + key[i] + key[i + 2:]
             for i in range(n - 1) if key[i] != key[i + 1]]
    drops = [key[:i] + key[i + 1:] for i in range(n)]
    inserts = [key[:i] + ins + key[i:] for i in range(n + 1)]
    repeats = [key[:i] + key[i] + key[i:] for i in range(n)]
    if not full:
        m = n // 2
        kinds = [v for v in (swaps, drops, inserts, repeats) if v]
        v = kinds[kind % len(kinds)]
        swaps, drops, inserts, repeats = [v[min(m, len(v) - 1)]], [], [], []
    out = set(swaps + drops + inserts + repeats)
    out.discard(key)
    out.discard("")
    return sorted(out)


def keys_of(path, env):
    """(line number, column, key, full) of every key of a config or env
    file."""
    found, stack = [], []
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            if line.lstrip().startswith("#") or not line.strip():
                continue
            m = (ENV_KEY if env else YAML_KEY).match(line)
            if not m:
                continue
            col = len(m.group(1)) + 1
            key = m.group(2)
            if env:
                found.append((no, col, key, True))
                continue
            # The section the key is in: by indentation.
            indent = col - 1
            while stack and stack[-1][0] >= indent:
                stack.pop()
            stack.append((indent, key))
            dotted = ".".join(k for _, k in stack)
            full = "- " in m.group(1) or any(
                r == dotted or r.startswith(dotted + ".") for r in READ)
            found.append((no, col, key, full))
    return found


def analysis(rc, out):
    """What a run decides: its exit status and JSON less diagnostics, file
    name and where the routes come from (positions in the copies)."""
    try:
        d = json.loads(out) if out.strip() else None
    except ValueError:
        d = "unparsable: " + out[:200]
    if isinstance(d, dict):
        d.pop("diagnostics", None)
        d.pop("file", None)
        d.pop("route_sources", None)
    return rc, json.dumps(d, sort_keys=True)


def diagnosed_at(out, err, path, line):
    """Whether a diagnostic of the run names path at line."""
    try:
        for dg in json.loads(out).get("diagnostics", []):
            if dg.get("file") == path and dg.get("line") == line:
                return True
    except (ValueError, AttributeError):
        pass
    for l in err.splitlines():
        m = DIAG.match(l.strip())
        if m and m.group(1) == path and int(m.group(2)) == line:
            return True
    return False


def run(meshsim, args):
    try:
        p = subprocess.run([meshsim, "check", "--format", "json"] + args,
                           cwd=ROOT, capture_output=True, text=True,
                           timeout=60)
    except subprocess.TimeoutExpired:
        return -999, "", "timeout"
    except OSError as e:
        return -998, "", str(e)
    return p.returncode, p.stdout, p.stderr


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    meshsim = os.path.abspath(sys.argv[1])
    jobs = 2
    if len(sys.argv) > 3 and sys.argv[2] == "--jobs":
        jobs = int(sys.argv[3])
    every = int(os.environ.get("TYPO_EVERY", "1"))
    tmp = tempfile.mkdtemp(prefix="typo-property.")
    tried = unchanged = diagnosed = quiet = 0
    failures, quiet_list = [], []
    try:
        for gen, opts, configs, envfile in SETS:
            base = os.path.join(tmp, gen, "base")
            os.makedirs(base)
            for f in configs + [envfile]:
                shutil.copy(os.path.join(ROOT, f), base)

            def args_for(dirof):
                a = list(opts) + ["--env", "node2=" + dirof(envfile)]
                return a + [dirof(c) for c in configs]

            basedir = lambda f: os.path.join(base, os.path.basename(f))
            brc, bout, berr = run(meshsim, args_for(basedir))
            if brc not in (0, 1) or not bout.strip():
                sys.exit("typo_property: %s: the unmodified scenario "
                         "does not check: exit %d\n%s" % (gen, brc, berr))
            want = analysis(brc, bout)
            work = []
            for f in configs + [envfile]:
                env = f.endswith(".env")
                lines = open(os.path.join(ROOT, f),
                             encoding="utf-8").read().split("\n")
                for no, col, key, full in keys_of(os.path.join(ROOT, f),
                                                   env):
                    for t in typos(key, full, no):
                        l = lines[no - 1]
                        bad = l[:col - 1] + t + l[col - 1 + len(key):]
                        work.append((f, no, key, t, lines[:no - 1] + [bad] +
                                     lines[no:]))

            work = work[::every]

            def one(i):
                f, no, key, t, text = work[i]
                d = os.path.join(tmp, gen, str(i))
                os.makedirs(d)
                path = os.path.join(d, os.path.basename(f))
                with open(path, "w", encoding="utf-8") as w:
                    w.write("\n".join(text))
                dirof = lambda g: path if g == f else basedir(g)
                rc, out, err = run(meshsim, args_for(dirof))
                shutil.rmtree(d)
                return f, no, key, t, path, rc, out, err

            with ThreadPoolExecutor(max_workers=jobs) as pool:
                for f, no, key, t, path, rc, out, err in pool.map(
                        one, range(len(work))):
                    tried += 1
                    at = diagnosed_at(out, err, path, no)
                    if rc in (0, 1, 2) and analysis(rc, out) == want:
                        unchanged += 1
                        quiet += not at
                        if not at:
                            quiet_list.append("%s:%d: %s -> %s" %
                                              (f, no, key, t))
                    elif rc in (0, 1, 2) and at:
                        diagnosed += 1
                    else:
                        failures.append("%s:%d: %s -> %s: exit %d, "
                                        "analysis changed without a "
                                        "diagnostic on that line" %
                                        (f, no, key, t, rc))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if os.environ.get("TYPO_SHOW_QUIET"):
        for l in quiet_list:
            print("quiet " + l)
    for l in failures[:40]:
        print("FAIL " + l)
    if len(failures) > 40:
        print("... and %d more failures" % (len(failures) - 40))
    print("typo property: %d typos tried, %d unchanged (%d of them without "
          "a diagnostic), %d changed with a diagnostic at the typo's line, "
          "%d failures" % (tried, unchanged, quiet, diagnosed,
                           len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
