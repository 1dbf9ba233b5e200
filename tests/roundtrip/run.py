#!/usr/bin/env python3
"""Round trip: every plan, exported to JSON, GraphML and GML, reads back
with the same analysis.

Usage: run.py MESHSIM [--random N] [--zoo-every K] [--jobs J] [-v]

--zoo-every K takes every K-th Topology Zoo graph only (make sanitize:
the sanitizers make each run slow).

The plans: every Topology Zoo graph under ../shared/topologies (skipped
with a message when ../shared is absent), the repository's own plans in
every format (scenarios/*.json, tests/formats/*: their diagnostics may be
about the file's text, so only the rest of the analysis is compared for
them, and in full for a second round from their JSON export), and N
(default 300) random plans
made here, deterministically (seeds 0 .. N-1), from tools/gen_plan.py's
shapes with nasty node names (spaces, slashes, quotes, non-ASCII, XML and
GML entities), nodes without a host (their name is their host), isolated
nodes, other ports, labels, availabilities, aliases (and routes to
them), nodes that do not cluster,
the plan's cluster, several routes between the
same pair, self routes, dangling routes, port mismatches, hosts in other
spellings, dotted quads that are not addresses, and split plans.

Each plan P is analysed (`check --format json`), exported in each format
and the export analysed again: the two analyses must be identical but for
the file name and the diagnostics' positions (file, line, column), and the
diagnostics are compared as a sorted list (a GraphML or GML reader reports
at no position, so their order may differ). The exit status must be the
same too. The JSON export read back must export to the same bytes again.
Prints the counts; exits 1 on any failure, listing the first ones.
"""

import concurrent.futures
import glob
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import gen_plan  # noqa: E402

FORMATS = ("json", "graphml", "gml")
SHAPES = ("chain", "full-mesh", "hub-spoke", "islands", "random",
          "random-regular", "ring", "ring-of-rings", "tree")
NASTY = ("New York", "a/b", 'say "hi"', "back\\slash", "Z\u00fcrich",
         "\u6771\u4eac", "amp&amp;", "&quot;", "<tag>", "x#1", " lead",
         "trail ", "S\u00e3o Paulo/2", "it's", "semi;colon", "comma,name",
         "1.2.3.4", "3.735.184.8", "UPPER Case", "dot.", "rocket \U0001f680",
         "percent %s", "{brace}", "[bracket]", "=eq", "node1", "db-1.example",
         "ends with #", "two  spaces", "/", "a b c/d e f")


def norm_host(h):
    """How meshsim compares hosts: lower case, one trailing dot dropped."""
    h = h.lower()
    return h[:-1] if len(h) > 1 and h.endswith(".") else h


def writable(h):
    return h != "" and not any(c in h for c in " \t\r\n/") and \
        not any(ord(c) < 32 or ord(c) == 127 for c in h)


def random_plan(seed):
    """A plan dict, the same for the same seed."""
    rng = random.Random(seed)
    shape = rng.choice(SHAPES)
    n = rng.randint(1, 24)
    try:
        base = gen_plan.make_plan(shape, n, seed, degree=rng.choice((2, 3)),
                                  redundant=rng.random() < 0.5)
    except ValueError:
        base = gen_plan.make_plan("chain", n, seed)
    plan = json.loads(json.dumps(base))     # unshare the route dicts
    nodes = plan["nodes"]
    endpoints = {(norm_host(x["host"]), x.get("port", 9932)) for x in nodes}
    names = {x["name"] for x in nodes}
    by_host = {}                            # old host -> node
    for i, node in enumerate(nodes):
        by_host[node["host"]] = node
        port = node.get("port", 9932)
        if rng.random() < 0.45:
            name = rng.choice(NASTY)
            if name in names:
                name = f"{name}-{i}"
            names.discard(node["name"])
            names.add(name)
            node["name"] = name
        if rng.random() < 0.35:
            key = (norm_host(node["name"]), port)
            if key not in endpoints:        # the name becomes its host
                endpoints.discard((norm_host(node["host"]), port))
                endpoints.add(key)
                node["_old"] = node.pop("host")
        elif rng.random() < 0.15:
            new = rng.choice((f"db-{i}.example.com", f"10.{300 + i}.0.1",
                              f"Host-{i}.Example.", f"fd00::{i + 1}"))
            if (norm_host(new), port) not in endpoints:
                endpoints.discard((norm_host(node["host"]), port))
                endpoints.add((norm_host(new), port))
                node["_old"] = node["host"]
                node["host"] = new
        r = rng.random()
        if r < 0.2:
            node.pop("labels", None)
        elif r < 0.4:
            node["labels"] = {"zone": rng.choice(("a", "Z\u00fcrich \"1\"")),
                              "rack": f"r{i % 3}"}
        if rng.random() < 0.2:
            node["availability"] = rng.choice((0, 0.5, 0.99, 0.999, 1))
        if rng.random() < 0.2:
            node["aliases"] = [f"alias-{i}.example",
                               rng.choice((f"ALIAS{i}", "shared-alias"))]

    def route_to(t, port=None):
        """A route to node t as the plan format writes it."""
        tport = t.get("port", 9932)
        if "host" not in t:
            r = {"node": t["name"]}
            if port is not None or rng.random() < 0.5:
                r["port"] = tport if port is None else port
            return r
        host = t["host"]
        if rng.random() < 0.2:
            host = host.upper() if rng.random() < 0.5 else host + "."
        return {"host": host, "port": tport if port is None else port}

    # Routes named hosts: point them at the nodes' new identities.
    for node in nodes:
        routes = []
        for r in node.get("routes", ()):
            t = by_host.get(r.get("host"))
            routes.append(route_to(t) if t is not None else r)
        for _ in range(rng.choice((0, 0, 0, 1, 2))):
            t = rng.choice(nodes)
            kind = rng.random()
            if kind < 0.3:
                routes.append(route_to(t))             # a repeat, maybe
            elif kind < 0.5:
                routes.append(route_to(node))          # self route
            elif kind < 0.7 and "host" in t:
                routes.append(route_to(t, port=1 + t.get("port", 9932)))
            elif kind < 0.78 and t.get("aliases"):
                routes.append({"host": rng.choice(t["aliases"]),
                               "port": t.get("port", 9932)})  # an alias
            elif kind < 0.85:
                routes.append({"host": rng.choice(
                    ("gone.example.com", "192.0.2.7", "1.2.3.999")),
                    "port": 9932})
            elif t.get("routes"):
                t["routes"].append(route_to(node))      # the other way
        if routes:
            node["routes"] = routes
        else:
            node.pop("routes", None)
    for node in nodes:
        node.pop("_old", None)
    # Isolated nodes.
    for k in range(rng.choice((0, 0, 1, 3))):
        name = f"{rng.choice(NASTY)} iso{k}"
        if name in names:
            continue
        names.add(name)
        node = {"name": name}
        if rng.random() < 0.5:
            node["host"] = f"172.16.{k}.{seed % 250 + 1}"
        node["port"] = rng.choice((9932, 9932, 4222))
        key = (norm_host(node.get("host", name)), node["port"])
        if key in endpoints:
            continue
        endpoints.add(key)
        nodes.insert(rng.randint(0, len(nodes)), node)
    # Nodes that do not cluster, and the plan's cluster: from a generator
    # of their own, so that the rest of each plan stays as it was.
    extra = random.Random(seed * 7919 + 1)
    for node in nodes:
        if extra.random() < 0.08:
            node["clustering"] = False
    r = extra.random()
    if r < 0.15:
        plan["cluster"] = "harper-replication"
    elif r < 0.25:
        plan["cluster"] = "harper-nats"
    r = rng.random()
    if r < 0.2:
        del plan["name"]
    elif r < 0.5:
        plan["name"] = f'plan "{seed}" & <co> \u00e9'
    return plan


def run(meshsim, *args):
    p = subprocess.run([meshsim, *args], capture_output=True)
    return p.returncode, p.stdout, p.stderr


def analysis(meshsim, path):
    """(exit status, analysis with no file name or positions) or an error
    text."""
    rc, out, err = run(meshsim, "check", "--format", "json", path)
    if rc not in (0, 1):
        return rc, "refused: " + err.decode("utf-8", "replace")[:300]
    a = json.loads(out)
    a.pop("file", None)
    diags = a.get("diagnostics", [])
    for d in diags:
        for k in ("file", "line", "column"):
            d.pop(k, None)
    a["diagnostics"] = sorted(diags, key=lambda d: json.dumps(d,
                              sort_keys=True))
    return rc, a


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return f"{path}: {json.dumps(a)[:150]} != {json.dumps(b)[:150]}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: only in {'one' if k in a else 'other'}"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        return None
    return None if a == b else \
        f"{path}: {json.dumps(a)[:150]} != {json.dumps(b)[:150]}"


def check_plan(meshsim, path, tmp):
    """The failures (text) of one plan's round trips."""
    fails = []
    base = analysis(meshsim, path)
    if isinstance(base[1], str):
        return [f"{path}: the plan itself is {base[1]}"], None
    stem = os.path.join(tmp, os.path.basename(path).rsplit(".", 1)[0])
    for fmt in FORMATS:
        rc, out, err = run(meshsim, "export", "--format", fmt, path)
        if rc != 0:
            fails.append(f"{path}: export --format {fmt} failed: "
                         f"{err.decode('utf-8', 'replace')[:200]}")
            continue
        back = f"{stem}.rt.{fmt}"
        with open(back, "wb") as f:
            f.write(out)
        got = analysis(meshsim, back)
        if isinstance(got[1], str):
            fails.append(f"{path}: its {fmt} export is {got[1]}")
            continue
        if got[0] != base[0]:
            fails.append(f"{path}: {fmt}: exit {got[0]}, not {base[0]}")
        d = first_difference(base[1], got[1])
        if d:
            fails.append(f"{path}: {fmt}: analysis differs at {d}")
        if fmt == "json":
            rc, again, err = run(meshsim, "export", "--format", "json", back)
            if rc != 0 or again != out:
                fails.append(f"{path}: the JSON export does not export "
                             "to the same bytes again")
    return fails, base[1]


def check_input(meshsim, path, tmp):
    """The failures of one of the repository's own plans (any format):
    its exports' analyses equal its own but for the diagnostics, which may
    be about the file's text (unknown keys, self-loop edges dropped); the
    JSON export then round-trips in full, as check_plan() checks."""
    base = analysis(meshsim, path)
    if isinstance(base[1], str):
        return [], None                 # a bad input, refused
    fails = []
    stem = os.path.join(tmp, "in-" + os.path.basename(path).replace(".",
                                                                    "-"))
    want = dict(base[1], diagnostics=None)
    for fmt in FORMATS:
        rc, out, err = run(meshsim, "export", "--format", fmt, path)
        back = f"{stem}.{fmt}"
        with open(back, "wb") as f:
            f.write(out)
        got = analysis(meshsim, back)
        if rc != 0 or isinstance(got[1], str):
            fails.append(f"{path}: its {fmt} export does not read back")
            continue
        d = first_difference(want, dict(got[1], diagnostics=None))
        if d or got[0] != base[0]:
            fails.append(f"{path}: {fmt}: analysis differs at {d}")
        if fmt == "json":
            fails.extend(check_plan(meshsim, back, tmp)[0])
    return fails, base[1]


def features(plan, a):
    """What a random plan exercises, as names to count."""
    seen = set()
    aliases = {a for node in plan["nodes"] for a in node.get("aliases", ())}
    for node in plan["nodes"]:
        if any(r.get("host") in aliases for r in node.get("routes", ())):
            seen.add("routes to aliases")
        if "host" not in node and not writable(node["name"]):
            seen.add("nodes named, not hosted (New York)")
        if any(ord(c) > 127 for c in node["name"]):
            seen.add("non-ASCII names")
        if any("node" in r for r in node.get("routes", ())):
            seen.add('{"node": ...} routes')
        if node.get("labels"):
            seen.add("labels")
        if node.get("port", 9932) != 9932:
            seen.add("other ports")
        if node.get("clustering") is False:
            seen.add("nodes not clustering")
        if node.get("aliases"):
            seen.add("aliases")
    if "cluster" in plan:
        seen.add("cluster " + plan["cluster"])
    if a is not None:
        if not a["connected"]:
            seen.add("split plans")
        if any(n == 0 for n in a["route_storage"]["per_node"].values()):
            seen.add("nodes storing no route")
        seen.update(d["code"] for d in a["diagnostics"])
    return seen


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    meshsim = os.path.abspath(args[0])
    nrandom = int(args[args.index("--random") + 1]) if "--random" in args \
        else 300
    jobs = int(args[args.index("--jobs") + 1]) if "--jobs" in args else \
        int(os.environ.get("JOBS", "2"))
    verbose = "-v" in args
    every = int(args[args.index("--zoo-every") + 1]) \
        if "--zoo-every" in args else 1
    shared = os.path.join(ROOT, "..", "shared", "topologies")
    zoo = sorted(glob.glob(os.path.join(shared, "**", "*.gml"),
                           recursive=True))[::every]
    if not os.path.isdir(shared):
        print("roundtrip: ../shared/topologies is absent: Topology Zoo "
              "graphs skipped")
    with tempfile.TemporaryDirectory(prefix="roundtrip.") as tmp:
        plans, dicts = [], {}
        for seed in range(nrandom):
            p = os.path.join(tmp, f"random-{seed}.json")
            dicts[p] = random_plan(seed)
            with open(p, "w", encoding="utf-8") as f:
                json.dump(dicts[p], f, ensure_ascii=False, indent=1)
            plans.append(p)
        counts = {}
        nrefused = 0
        inputs = sorted(glob.glob(os.path.join(ROOT, "scenarios", "*.json"))
                        + glob.glob(os.path.join(ROOT, "tests", "formats",
                                                 "*.*")))
        work = [(p, "zoo") for p in zoo] + [(p, "random") for p in plans] \
            + [(p, "inputs") for p in inputs]
        failed = {"zoo": 0, "random": 0, "inputs": 0}
        texts = []
        with concurrent.futures.ThreadPoolExecutor(max(1, jobs)) as ex:
            for (p, kind), (fails, a) in zip(work, ex.map(
                    lambda w: (check_input if w[1] == "inputs" else
                               check_plan)(meshsim, w[0], tmp), work)):
                if kind == "inputs" and a is None:
                    nrefused += 1
                if kind == "random":
                    for f in features(dicts[p], a):
                        counts[f] = counts.get(f, 0) + 1
                if fails:
                    failed[kind] += 1
                    texts.extend(fails)
                    if verbose:
                        print("\n".join(fails))
    for t in texts[:20]:
        print("FAIL " + t)
    if len(texts) > 20:
        print(f"... and {len(texts) - 20} more")
    print(f"roundtrip: Topology Zoo: {len(zoo) - failed['zoo']} of "
          f"{len(zoo)} graphs read back the same in {', '.join(FORMATS)}")
    print(f"roundtrip: the repository's plans (scenarios/, tests/formats/): "
          f"{len(inputs) - nrefused - failed['inputs']} of "
          f"{len(inputs) - nrefused} read back the same "
          f"({nrefused} bad inputs, refused, not counted)")
    print("roundtrip: random plans with " + ", ".join(
        f"{k}: {v}" for k, v in sorted(counts.items())))
    print(f"roundtrip: random plans: {nrandom - failed['random']} of "
          f"{nrandom} read back the same in {', '.join(FORMATS)}")
    sys.exit(1 if texts else 0)


if __name__ == "__main__":
    main()
