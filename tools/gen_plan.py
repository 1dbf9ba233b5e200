#!/usr/bin/env python3
"""Generate meshsim plans (JSON) of a given shape, size and seed.

Usage:
    gen_plan.py --shape SHAPE --nodes N [--seed S] [--degree D]
                [--redundant] [-o FILE]

Node i is named ``n<i>``, has host ``10.a.b.c`` (the number i + 1 written
in base 256), port 9932 for most nodes and one of a few other ports for
about one node in ten, and the label ``{"zone": "z<k>"}``.  Each undirected
link is stored as a route by exactly one of its two ends, picked at random.
With ``--redundant`` about one link in ten is also listed from its other end
and about one in fifty is listed twice by the same node, to exercise
deduplication.  The same arguments always give the same plan.

As a module: ``make_plan(shape, n, seed, degree=3, redundant=False)``
returns the plan as a dict.
"""

import argparse
import gc
import json
import math
import random
import sys

DEFAULT_PORT = 9932
OTHER_PORTS = (9933, 9942, 12345)
DEFAULT_ZONES = 4


def random_regular(n, rng, degree):
    """A random simple degree-regular graph: pairing model plus repairs.

    Stubs are paired at random; each self-loop or repeated pair is then
    fixed by a random double-edge swap with another edge, which keeps every
    degree.  Runs in about linear time; restarts in the rare case that a
    bad pair cannot be repaired.
    """
    if degree < 0 or degree >= n or (n * degree) % 2:
        raise ValueError("random-regular needs 0 <= degree < nodes and "
                         "nodes * degree even")
    while True:
        stubs = [v for v in range(n) for _ in range(degree)]
        rng.shuffle(stubs)
        edges = list(zip(stubs[::2], stubs[1::2]))
        if _repair_pairing(edges, n, rng):
            return edges, None


def _repair_pairing(edges, n, rng, tries=1000):
    """Swap away self-loops and repeated pairs in edges, in place.

    Returns False when a bad pair found no valid swap partner in `tries`
    attempts (only plausible for tiny, nearly complete graphs).
    """
    def key(a, b):
        return a * n + b if a < b else b * n + a

    def is_bad(a, b):
        return a == b or count[key(a, b)] > 1

    count = {}
    for a, b in edges:
        count[key(a, b)] = count.get(key(a, b), 0) + 1
    for i in [i for i, (a, b) in enumerate(edges) if is_bad(a, b)]:
        attempts = 0
        while is_bad(*edges[i]):
            attempts += 1
            if attempts > tries:
                return False
            a, b = edges[i]
            j = rng.randrange(len(edges))
            c, d = edges[j]
            if rng.random() < 0.5:
                c, d = d, c
            new1, new2 = key(a, c), key(b, d)
            if (j == i or a == c or b == d or new1 == new2 or
                    count.get(new1) or count.get(new2)):
                continue
            count[key(a, b)] -= 1
            count[key(c, d)] -= 1
            count[new1] = count[new2] = 1
            edges[i], edges[j] = (a, c), (b, d)
    return True


def ring_of_rings(n, rng, degree):
    """About sqrt(n) rings; their first nodes form an outer ring."""
    count = max(1, round(math.sqrt(n)))
    bounds = [n * r // count for r in range(count + 1)]
    edges, zones = [], [0] * n
    for r in range(count):
        members = list(range(bounds[r], bounds[r + 1]))
        edges += _cycle(members)
        for v in members:
            zones[v] = r
    edges += _cycle(bounds[:-1])
    return edges, zones


def hub_spoke(n, rng, degree):
    """About sqrt(n)/2 leaders in a ring; every spoke routes to 2 leaders."""
    leaders = min(n, max(2, math.isqrt(n) // 2))
    edges, zones = _cycle(list(range(leaders))), list(range(leaders))
    for v in range(leaders, n):
        hubs = rng.sample(range(leaders), min(2, leaders))
        edges += [(v, h) for h in hubs]
        zones.append(hubs[0])
    return edges, zones


def geo_mesh(n, rng, degree):
    """Points in the unit square; each node routes to its `degree` nearest.

    Points are bucketed in a grid of about two points per cell.  A point's
    nearest neighbours are looked for in the 3 x 3 block of cells around
    it; anything outside is at least a cell width away, so when the k-th
    nearest in the block is closer than that the answer is exact, and
    otherwise a wider search settles it.
    """
    k = min(degree, n - 1)
    side = max(1, math.isqrt(n // 2))
    xs = [rng.random() for _ in range(n)]
    ys = [rng.random() for _ in range(n)]
    zones = [(xs[i] >= 0.5) + 2 * (ys[i] >= 0.5) for i in range(n)]
    if k <= 0:
        return [], zones
    cells = [[] for _ in range(side * side)]
    for i in range(n):
        cells[_cell(xs[i], side) * side + _cell(ys[i], side)].append(i)
    width2 = 1.0 / (side * side)
    seen = set()
    edges = []
    for c, members in enumerate(cells):
        cx, cy = divmod(c, side)
        block = [j for gx in range(max(0, cx - 1), min(side, cx + 2))
                 for gy in range(max(0, cy - 1), min(side, cy + 2))
                 for j in cells[gx * side + gy]]
        bxs = [xs[j] for j in block]
        bys = [ys[j] for j in block]
        for i in members:
            x, y = xs[i], ys[i]
            dist = [(bx - x) * (bx - x) + (by - y) * (by - y)
                    for bx, by in zip(bxs, bys)]
            order = sorted(range(len(block)), key=dist.__getitem__)
            order = [o for o in order[:k + 1] if block[o] != i][:k]
            if len(order) == k and dist[order[-1]] <= width2:
                near = [block[o] for o in order]
            else:
                near = _nearest(i, k, xs, ys, cells, side)
            for j in near:
                key = (i, j) if i < j else (j, i)
                if key not in seen:
                    seen.add(key)
                    edges.append(key)
    return edges, zones


def _cell(coordinate, side):
    """The grid column (or row) of a coordinate in [0, 1)."""
    return min(int(coordinate * side), side - 1)


def _nearest(i, k, xs, ys, cells, side):
    """The k points nearest to point i, searching ever wider rings of grid
    cells around it."""
    x, y = xs[i], ys[i]
    cx, cy = _cell(x, side), _cell(y, side)
    found = []
    radius = 0
    while True:
        for gx in range(max(0, cx - radius), min(side, cx + radius + 1)):
            for gy in range(max(0, cy - radius), min(side, cy + radius + 1)):
                if max(abs(gx - cx), abs(gy - cy)) != radius:
                    continue
                for j in cells[gx * side + gy]:
                    if j != i:
                        found.append(((xs[j] - x) ** 2 + (ys[j] - y) ** 2, j))
        # Points in cells outside this ring are at least radius cells away.
        reach = radius / side
        if len(found) >= k:
            found.sort()
            if found[k - 1][0] <= reach * reach or radius >= side:
                return [j for _, j in found[:k]]
        radius += 1


def tree(n, rng, degree):
    """A random recursive tree: node i hangs off a random earlier node."""
    return [(i, rng.randrange(i)) for i in range(1, n)], None


def chain(n, rng, degree):
    """A path n0 - n1 - ... ."""
    return [(i, i + 1) for i in range(n - 1)], None


def ring(n, rng, degree):
    """A cycle (a single link for two nodes)."""
    return _cycle(list(range(n))), None


def full_mesh(n, rng, degree):
    """Every pair of nodes linked."""
    return [(i, j) for i in range(n) for j in range(i + 1, n)], None


def islands(n, rng, degree):
    """Several disjoint pieces, each a random tree plus a few extra links."""
    pieces = min(n, rng.randint(2, max(2, math.isqrt(n))))
    cuts = sorted(rng.sample(range(1, n), pieces - 1)) if n > 1 else []
    bounds = [0] + cuts + [n]
    edges, zones = [], [0] * n
    for p in range(pieces):
        members = range(bounds[p], bounds[p + 1])
        edges += _random_connected(members, rng)
        for v in members:
            zones[v] = p
    return edges, zones


def _random_connected(members, rng):
    """A random tree over members plus about len(members) / 3 extra links."""
    edges = [(v, rng.randrange(members.start, v)) for v in members[1:]]
    present = {(b, a) for a, b in edges}
    for _ in range(len(members) // 3):
        a, b = sorted(rng.sample(members, 2))
        if (a, b) not in present:
            present.add((a, b))
            edges.append((a, b))
    return edges


def random_graph(n, rng, degree):
    """Uniformly random m = n * degree / 2 distinct links (G(n, m))."""
    most = n * (n - 1) // 2
    m = min(most, round(n * degree / 2))
    if 2 * m > most:
        pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
        return rng.sample(pairs, m), None
    seen = set()
    edges = []
    while len(edges) < m:
        a, b = rng.randrange(n), rng.randrange(n)
        key = (a, b) if a < b else (b, a)
        if a != b and key not in seen:
            seen.add(key)
            edges.append(key)
    return edges, None


def _cycle(members):
    """Links closing members into a cycle; one link for two, none for one."""
    if len(members) < 2:
        return []
    if len(members) == 2:
        return [tuple(members)]
    return list(zip(members, members[1:] + members[:1]))


# Each shape: builder(n, rng, degree) -> (edges, zones), edges as pairs of
# node numbers, zones a zone number per node or None for the default
# (DEFAULT_ZONES equal blocks of consecutive nodes).  Builders that have no
# use for rng or degree ignore them.
SHAPES = {
    "random-regular": random_regular,
    "ring-of-rings": ring_of_rings,
    "hub-spoke": hub_spoke,
    "geo-mesh": geo_mesh,
    "tree": tree,
    "chain": chain,
    "ring": ring,
    "full-mesh": full_mesh,
    "islands": islands,
    "random": random_graph,
}


def host_of(i):
    """The host of node i: 10.a.b.c holding i + 1 in base 256."""
    v = i + 1
    return f"10.{v >> 16 & 255}.{v >> 8 & 255}.{v & 255}"


def make_plan(shape, n, seed, degree=3, redundant=False):
    """Build the plan dict for `shape` with n nodes, deterministic in seed.

    Raises ValueError for an unknown shape or impossible parameters.
    """
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}")
    if not 1 <= n < 1 << 24:
        raise ValueError("nodes must be between 1 and 16777215")
    rng = random.Random(seed)
    edges, zones = SHAPES[shape](n, rng, degree)
    if zones is None:
        groups = min(n, DEFAULT_ZONES)
        zones = [i * groups // n for i in range(n)]
    ports = [DEFAULT_PORT if rng.random() >= 0.1 else rng.choice(OTHER_PORTS)
             for _ in range(n)]
    hosts = [host_of(i) for i in range(n)]
    nodes = _node_dicts(hosts, ports, zones)
    _store_routes(nodes, edges, hosts, ports, rng, redundant)
    return {"name": f"{shape} n={n} seed={seed}", "nodes": nodes}


def _node_dicts(hosts, ports, zones):
    """The node objects, without routes; equal labels share one dict."""
    labels = {}
    nodes = []
    for i, host in enumerate(hosts):
        node = {"name": f"n{i}", "host": host}
        if ports[i] != DEFAULT_PORT:
            node["port"] = ports[i]
        node["labels"] = labels.setdefault(zones[i], {"zone": f"z{zones[i]}"})
        nodes.append(node)
    return nodes


def _store_routes(nodes, edges, hosts, ports, rng, redundant):
    """Give each link to a random end as a route (both ends, or twice,
    now and then when redundant); route objects are shared per target."""
    targets = [None] * len(nodes)

    def add(owner, target):
        ref = targets[target]
        if ref is None:
            ref = targets[target] = {"host": hosts[target],
                                     "port": ports[target]}
        nodes[owner].setdefault("routes", []).append(ref)

    for a, b in edges:
        if rng.random() < 0.5:
            a, b = b, a
        add(a, b)
        if redundant:
            draw = rng.random()
            if draw < 0.1:
                add(b, a)
            elif draw < 0.12:
                add(a, b)


def main(argv=None):
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shape", required=True, choices=sorted(SHAPES))
    parser.add_argument("--nodes", required=True, type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--degree", type=int, default=3,
                        help="links per node (random-regular, geo-mesh, "
                             "random); default 3")
    parser.add_argument("--redundant", action="store_true",
                        help="list some links from both ends, some twice")
    parser.add_argument("-o", "--output", default="-",
                        help="output file (default: standard output)")
    args = parser.parse_args(argv)
    # Nothing here makes reference cycles; the cycle collector would only
    # keep walking the millions of objects of a big plan.
    gc.disable()
    try:
        plan = make_plan(args.shape, args.nodes, args.seed, args.degree,
                         args.redundant)
    except ValueError as err:
        parser.error(str(err))
    text = json.dumps(plan, separators=(",", ":")) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)


if __name__ == "__main__":
    main()
