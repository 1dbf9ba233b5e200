#!/usr/bin/env python3
"""suggest --by zone on random zoned plans, checked by sweep, check and networkx.

Usage: python3 tests/suggest/by_domain.py MESHSIM [PLANS] [SEED]

For each random plan (10 to 60 nodes in 3 to 6 zones; some split, some
with nodes sharing a host, some with nodes without a zone), runs
`meshsim suggest --by zone -o FIXED`, then on FIXED `meshsim sweep --by zone
--k 1` (no splitting set) and `meshsim check` (connected, no articulation
point), and checks the same with networkx. The number of routes is compared
with a lower bound computed here, independently: the most pieces the loss
of nothing, of one node or of one domain leaves, minus one; the pieces
beyond one that all domains' losses leave, over the domains less one; and
half the route ends that leaf blocks (and, in a split plan, whole pieces)
lack, then the same with the pieces domains' losses leave, sets that
share no node packed smallest first. The routes must number at least this
bound and suggest's own lower_bound, which must be at least this bound
without the packing (the packing's ties may fall otherwise there), and
"minimal" must say whether they equal lower_bound. Prints the average gap
to the bound computed here. Exit status 1 on any failure.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

import networkx as nx


def make_plan(rng, idx, lo=10, hi=60):
    """A random zoned plan: its JSON and the facts the checks need."""
    n = rng.randint(lo, hi)
    nz = rng.randint(3, 6)
    regions = ["us-east-1", "eu-west-1", "ap-south-1"]
    zones = []
    for z in range(nz):
        zones.append("%s%s" % (regions[z % 3], "abc"[z // 3]))
    names = ["n%02d" % i for i in range(n)]
    zone = [rng.choice(zones) for _ in range(n)]
    host = ["10.%d.%d.%d" % (idx % 200, i // 200, i % 200 + 1)
            for i in range(n)]
    shape = rng.random()
    # Some plans: a few nodes share a host with another node, or lack a
    # zone label.
    port = [9932] * n
    unlabelled = set()
    if shape < 0.15:
        for k in range(rng.randint(1, 3)):
            a, b = rng.sample(range(n), 2)
            host[b] = host[a]
            port[b] = 9933 + k
    elif shape < 0.25:
        unlabelled = set(rng.sample(range(n), rng.randint(1, 3)))
    # A random spanning tree or forest, then extra links.
    edges = set()
    split = rng.random() < 0.1
    half = n // 2
    for i in range(1, n):
        if not split or i < half:
            edges.add((rng.randrange(i), i))
        elif i > half:
            edges.add((rng.randrange(half, i), i))
    extra = rng.choice([0, 0, 1, 2, n // 10, n // 4, n // 2])
    for _ in range(extra):
        a, b = rng.sample(range(n), 2)
        if host[a] != host[b]:
            edges.add((min(a, b), max(a, b)))
    routes = {i: [] for i in range(n)}
    for a, b in sorted(edges):
        if host[a] == host[b]:
            continue
        src, dst = (a, b) if rng.random() < 0.5 else (b, a)
        routes[src].append(dst)
    nodes = []
    for i in range(n):
        node = {"name": names[i], "host": host[i], "port": port[i]}
        if i not in unlabelled:
            node["labels"] = {"zone": zone[i]}
        if routes[i]:
            node["routes"] = [{"host": host[j], "port": port[j]}
                              for j in routes[i]]
        nodes.append(node)
    return {"name": "random zoned plan %d" % idx, "nodes": nodes}


def graph_of(plan):
    """The route graph of a plan (a route links the node at its host and
    port) and its domains
    (zone label; nodes sharing a host in one domain; unlabelled: host)."""
    nodes = plan["nodes"]
    g = nx.Graph()
    by_host = {}
    at = {}
    for nd in nodes:
        g.add_node(nd["name"])
        by_host.setdefault(nd["host"], []).append(nd["name"])
        at[(nd["host"], nd.get("port", 9932))] = nd["name"]
    for nd in nodes:
        for r in nd.get("routes", []):
            t = at.get((r["host"], r.get("port", 9932)))
            if t is not None and t != nd["name"]:
                g.add_edge(nd["name"], t)
    parent = {nd["name"]: nd["name"] for nd in nodes}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        a, b = find(a), find(b)
        if a != b:
            parent[max(a, b)] = min(a, b)

    for members in by_host.values():
        for m in members[1:]:
            union(members[0], m)
    by_zone = {}
    for nd in nodes:
        z = nd.get("labels", {}).get("zone")
        if z is not None:
            by_zone.setdefault(z, []).append(nd["name"])
    for members in by_zone.values():
        for m in members[1:]:
            union(members[0], m)
    doms = {}
    for nd in nodes:
        doms.setdefault(find(nd["name"]), set()).add(nd["name"])
    return g, list(doms.values())


def pieces_without(g, gone):
    rest = g.subgraph([v for v in g if v not in gone])
    return nx.number_connected_components(rest)


def lower_bound(g, doms, pack=True):
    """A lower bound on the routes that leave no node and no domain whose
    loss splits g, computed from scratch (without pack: not counting the
    ends domains' pieces need)."""
    n = g.number_of_nodes()
    lb = nx.number_connected_components(g) - 1
    for s in [{v} for v in g] + doms:
        if n - len(s) >= 2:
            lb = max(lb, pieces_without(g, s) - 1)
    # Each route mends, by one piece, the loss of at most every domain
    # but those its two ends are in.
    if len(doms) >= 2:
        total = sum(pieces_without(g, d) - 1 for d in doms
                    if n - len(d) >= 2)
        lb = max(lb, -(-total // (len(doms) - 1)))
    if n >= 3:
        comps = [g.subgraph(c) for c in nx.connected_components(g)]
        ends = 0
        sets = []
        for c in comps:
            cuts = set(nx.articulation_points(c))
            if not cuts:
                if len(comps) > 1:
                    ends += 2
                    sets.append((set(c), 2))
                continue
            for blk in nx.biconnected_components(c):
                if len(blk & cuts) == 1:
                    ends += 1
                    sets.append((blk - cuts, 1))
        lb = max(lb, (ends + 1) // 2)
        if not pack:
            return lb
        # Each piece a domain's loss leaves needs a route end too; sets
        # that share no node need an end each (packed smallest first).
        for d in doms:
            if len(d) >= 2 and n - len(d) >= 2:
                rest = g.subgraph([v for v in g if v not in d])
                pieces = list(nx.connected_components(rest))
                if len(pieces) > 1:
                    sets += [(set(p), 1) for p in pieces if len(p) <= 32]
        sets.sort(key=lambda s: (len(s[0]), min(s[0]), -s[1]))
        used = set()
        packed = 0
        for members, weight in sets:
            if not members & used:
                used |= members
                packed += weight
        lb = max(lb, (packed + 1) // 2)
    return lb


def survives(g, doms):
    """Connected, no articulation point, no domain whose loss splits."""
    if not nx.is_connected(g):
        return False
    if g.number_of_nodes() >= 3 and list(nx.articulation_points(g)):
        return False
    return all(pieces_without(g, d) <= 1 for d in doms)


def run(args):
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    return p.returncode, p.stdout, p.stderr


def main():
    meshsim = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 14
    rng = random.Random(seed)
    fails = 0
    gaps = []
    minimal = 0
    same = 0
    tmp = tempfile.mkdtemp(prefix="meshsim-bydomain-")
    for idx in range(count):
        plan = make_plan(rng, idx)
        src = os.path.join(tmp, "plan%d.json" % idx)
        fixed = os.path.join(tmp, "fixed%d.json" % idx)
        with open(src, "w") as f:
            json.dump(plan, f, indent=1)
        g, doms = graph_of(plan)
        want = lower_bound(g, doms)
        simple = lower_bound(g, doms, pack=False)
        rc, out, err = run([meshsim, "suggest", "--by", "zone", "-f", "json",
                            "-o", fixed, src])
        problem = None
        if rc not in (0, 1):
            problem = "suggest exit %d: %s" % (rc, err.strip())
        else:
            s = json.loads(out)
            nroutes = len(s["routes"])
            if (rc == 1) != (nroutes > 0):
                problem = "exit %d with %d routes" % (rc, nroutes)
            elif s["lower_bound"] < simple:
                problem = "lower_bound %d, below the %d computed here" % (
                    s["lower_bound"], simple)
            elif nroutes < want or nroutes < s["lower_bound"]:
                problem = "%d routes, below the bound %d" % (nroutes, want)
            elif s["minimal"] != (nroutes == s["lower_bound"]):
                problem = "minimal %s with %d routes, lower_bound %d" % (
                    s["minimal"], nroutes, s["lower_bound"])
            elif not s["verified"]:
                problem = "not verified"
            if problem is None:
                after = fixed if os.path.exists(fixed) else src
                with open(after) as f:
                    g2, doms2 = graph_of(json.load(f))
                rc2, out2, err2 = run([meshsim, "sweep", "--by", "zone",
                                       "--k", "1", "-f", "json", "-q",
                                       "-j", "1", after])
                rc3, out3, err3 = run([meshsim, "check", "-f", "json",
                                       "--fail-on", "never", after])
                if rc2 != 0 or json.loads(out2)["minimal_cuts"]:
                    problem = "sweep --by zone --k 1 exit %d: %s" % (
                        rc2, out2[:300] + err2.strip())
                elif rc3 != 0:
                    problem = "check exit %d: %s" % (rc3, err3.strip())
                elif json.loads(out3)["articulation_points"] or \
                        not json.loads(out3)["connected"]:
                    problem = "check finds a single point of failure"
                elif not survives(g2, doms2):
                    problem = "networkx finds a split"
                elif g2.number_of_edges() != g.number_of_edges() + nroutes:
                    problem = "the fixed plan has %d links, not %d" % (
                        g2.number_of_edges(),
                        g.number_of_edges() + nroutes)
                else:
                    gaps.append(nroutes - want)
                    minimal += nroutes == want
                    same += s["lower_bound"] == want
        if problem is not None:
            fails += 1
            print("FAIL plan %d (%s): %s" % (idx, src, problem))
    if gaps:
        print("suggest --by zone: %d plans, %d at the lower bound, average "
              "gap %.3f routes, largest %d; suggest's lower_bound is this "
              "one on %d" % (len(gaps), minimal, sum(gaps) / len(gaps),
                             max(gaps), same))
    print("%d passed, %d failed" % (count - fails, fails))
    if fails == 0:
        for f in os.listdir(tmp):
            os.unlink(os.path.join(tmp, f))
        os.rmdir(tmp)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
