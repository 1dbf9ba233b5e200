#!/usr/bin/env python3
"""Differential test: `meshsim check --format json` against networkx.

Usage:
    differential.py --meshsim PATH [--random N] [--topologies DIR]
                    [--seed S] [--keep DIR]

Random plans (tools/gen_plan.py plus perturbations: dangling, duplicate,
self and two-way routes, host spellings that differ in case or a trailing
dot, hosts defaulting to names, nodes sharing a host on other ports) and
every *.gml of the topologies folder are each checked once with no node
down and twice with random nodes down.  The expected report is computed
here from the file alone, with networkx.  Each differing field prints a
`FAIL` line; the last line is `N passed, M failed`, counted in meshsim
runs, and the exit status is 1 when any run failed.
"""

import argparse
import concurrent.futures
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
import gen_plan  # noqa: E402  (needs the path set above)

DEFAULT_PORT = 9932
DEFAULT_TOPOLOGIES = REPO.parent / "shared" / "topologies" / "topozoo"
DOWN_RUNS = 2
TIMEOUT = 60
WORKERS = 2


# ---------------------------------------------------------------- expected

def expected_report(graph, name, down):
    """The report meshsim should give for graph, whose down nodes are
    already removed; name maps each graph node to its name."""
    comps = [sorted(name[v] for v in comp)
             for comp in nx.connected_components(graph)]
    comps.sort(key=lambda comp: (-len(comp), comp[0]))
    connected = len(comps) <= 1
    count = graph.number_of_nodes()
    whole = connected and count >= 2
    return {
        "connected": connected,
        "components": comps,
        "articulation_points": sorted(name[v]
                                      for v in nx.articulation_points(graph)),
        "bridges": sorted(sorted((name[u], name[v]))
                          for u, v in nx.bridges(graph)),
        "vertex_connectivity": nx.node_connectivity(graph) if whole else 0,
        "edge_connectivity": nx.edge_connectivity(graph) if whole else 0,
        "nodes": count,
        "links": graph.number_of_edges(),
        "down": sorted(down),
    }


# ------------------------------------------------------------------ plans

def endpoint(host, port):
    """The identity of a host and port: case folded, one trailing dot off."""
    host = host.lower()
    if host.endswith("."):
        host = host[:-1]
    return host, port


def plan_graph(plan):
    """The undirected simple graph of a plan, on node names: routes are
    resolved by host and port; self routes and unknown endpoints drop."""
    nodes = plan["nodes"]
    owner = {endpoint(node.get("host", node["name"]),
                      node.get("port", DEFAULT_PORT)): node["name"]
             for node in nodes}
    graph = nx.Graph()
    graph.add_nodes_from(node["name"] for node in nodes)
    for node in nodes:
        for route in node.get("routes", []):
            peer = owner.get(endpoint(route["host"],
                                      route.get("port", DEFAULT_PORT)))
            if peer is not None and peer != node["name"]:
                graph.add_edge(node["name"], peer)
    return graph


def pick_down(rng, names):
    """Some names to take down, in random order: usually up to a quarter,
    now and then all but one, or all."""
    if not names:
        return []
    draw = rng.random()
    if draw < 0.05:
        count = len(names)
    elif draw < 0.1:
        count = max(1, len(names) - 1)
    else:
        count = rng.randint(1, max(1, len(names) // 4))
    return rng.sample(names, count)


# ----------------------------------------------------------- random plans

def random_plan(rng):
    """A generated plan of random shape and size, then perturbed."""
    shape = rng.choice(sorted(gen_plan.SHAPES))
    draw = rng.random()
    if draw < 0.1:
        n = rng.randint(1, 3)
    elif draw < 0.85 or shape in ("full-mesh", "random"):
        n = rng.randint(2, 60)
    else:
        n = rng.randint(61, 300)
    degree = pick_degree(rng, shape, n)
    plan = copy_plan(gen_plan.make_plan(shape, n, rng.randrange(1 << 30),
                                        degree, redundant=rng.random() < 0.3))
    applied = [f for f in PERTURBATIONS if rng.random() < 0.25]
    for perturb in applied:
        perturb(plan, rng)
    plan["name"] = " ".join([plan["name"]] + [f.__name__ for f in applied])
    return plan


def copy_plan(plan):
    """A deep copy: gen_plan shares route objects between nodes, and the
    perturbations change routes in place."""
    return json.loads(json.dumps(plan))


def pick_degree(rng, shape, n):
    """A degree that suits shape: valid for random-regular, from sparse
    to complete for random."""
    if shape == "random-regular":
        degree = rng.randint(0, min(6, n - 1))
        return degree - 1 if (n * degree) % 2 else degree
    if shape == "random":
        return rng.choice([1, 2, 3, 4, max(1, n // 3), n])
    return rng.randint(1, 5)


def host_of(node):
    """A node's host as written, or its name when none is."""
    return node.get("host", node["name"])


def port_of(node):
    """A node's port, default included."""
    return node.get("port", DEFAULT_PORT)


def all_routes(plan):
    """(node, route) for every route of the plan."""
    return [(node, route) for node in plan["nodes"]
            for route in node.get("routes", [])]


def retarget(plan, moves):
    """Point routes at moved nodes: moves maps an old (host, port), as
    written, to the new one."""
    for _, route in all_routes(plan):
        key = (route["host"], route["port"])
        if key in moves:
            route["host"], route["port"] = moves[key]


def rename_nodes(plan, rng):
    """New names of mixed case and punctuation, so that byte order differs
    from case-insensitive and numeric order; distinct ignoring case so
    that they stay distinct as hosts."""
    taken = set()
    for i, node in enumerate(plan["nodes"]):
        while True:
            name = rng.choice(["N", "n", "Z", "a", "_", "x-", "Q_r"]) + str(
                rng.choice([i, i * 7 + 3, 10 ** rng.randint(1, 3) + i]))
            if name.lower() not in taken:
                break
        taken.add(name.lower())
        node["name"] = name


def default_hosts(plan, rng):
    """Drop the host of some nodes, so that it defaults to the name, and
    point their routes at the name."""
    moves = {}
    for node in plan["nodes"]:
        if "host" in node and rng.random() < 0.5:
            moves[(node["host"], port_of(node))] = (node["name"],
                                                    port_of(node))
            del node["host"]
    retarget(plan, moves)


def share_hosts(plan, rng):
    """Move some nodes onto one host, each on a port of its own."""
    nodes = plan["nodes"]
    shared = host_of(rng.choice(nodes))
    moves = {}
    for i, node in enumerate(nodes):
        if rng.random() < 0.3 and host_of(node) != shared:
            moves[(host_of(node), port_of(node))] = (shared, 20000 + i)
            node["host"], node["port"] = shared, 20000 + i
    retarget(plan, moves)


def add_reverse_routes(plan, rng):
    """List some links from their other end too."""
    by_endpoint = {(host_of(node), port_of(node)): node
                   for node in plan["nodes"]}
    for node, route in all_routes(plan):
        peer = by_endpoint.get((route["host"], route["port"]))
        if peer is not None and rng.random() < 0.3:
            peer.setdefault("routes", []).append(
                {"host": host_of(node), "port": port_of(node)})


def add_duplicate_routes(plan, rng):
    """List some routes twice by the same node."""
    for node, route in all_routes(plan):
        if rng.random() < 0.2:
            node["routes"].append(dict(route))


def add_self_routes(plan, rng):
    """Let some nodes route to themselves."""
    for node in plan["nodes"]:
        if rng.random() < 0.2:
            node.setdefault("routes", []).append(
                {"host": host_of(node), "port": port_of(node)})


def add_random_links(plan, rng):
    """A few extra routes between random nodes, often joining pieces."""
    nodes = plan["nodes"]
    for _ in range(rng.randint(1, 3)):
        node, peer = rng.choice(nodes), rng.choice(nodes)
        node.setdefault("routes", []).append(
            {"host": host_of(peer), "port": port_of(peer)})


def add_dangling_routes(plan, rng):
    """Routes that lead nowhere: unknown hosts, a known host on a port
    nobody uses, a node's name where its host differs, and a host with
    two trailing dots (only one is ignored)."""
    for node in plan["nodes"]:
        if rng.random() >= 0.3:
            continue
        other = rng.choice(plan["nodes"])
        choices = [{"host": f"ghost-{rng.randrange(1000)}.example",
                    "port": DEFAULT_PORT},
                   {"host": "10.250.0.1", "port": port_of(other)},
                   {"host": host_of(other), "port": 1},
                   {"host": host_of(other) + "..", "port": port_of(other)}]
        if endpoint(host_of(other), 0) != endpoint(other["name"], 0):
            choices.append({"host": other["name"], "port": port_of(other)})
        node.setdefault("routes", []).append(rng.choice(choices))


def respell_hosts(plan, rng):
    """Write some hosts, in routes and nodes, in another case or with a
    trailing dot; they must still match."""
    def respell(host):
        return rng.choice([host.upper(), host.swapcase(), host + ".",
                           host.upper() + "."])

    for _, route in all_routes(plan):
        if rng.random() < 0.3:
            route["host"] = respell(route["host"])
    for node in plan["nodes"]:
        if "host" in node and rng.random() < 0.3:
            node["host"] = respell(node["host"])


def spell_defaults(plan, rng):
    """Leave out default ports in routes, write them out in nodes, and
    give some route-less nodes an empty route list."""
    for _, route in all_routes(plan):
        if route.get("port") == DEFAULT_PORT and rng.random() < 0.5:
            del route["port"]
    for node in plan["nodes"]:
        if "port" not in node and rng.random() < 0.3:
            node["port"] = DEFAULT_PORT
        if "routes" not in node and rng.random() < 0.5:
            node["routes"] = []


# Applied in this order: renames and host moves first, so that routes
# added afterwards name the final endpoints; spellings last.
PERTURBATIONS = (rename_nodes, default_hosts, share_hosts,
                 add_reverse_routes, add_duplicate_routes, add_self_routes,
                 add_random_links, add_dangling_routes, respell_hosts,
                 spell_defaults)


# -------------------------------------------------------------------- GML

GML_TOKEN = re.compile(r'"[^"]*"|\[|\]|[^\s\[\]"]+')


def parse_gml(text):
    """GML as nested lists of (key, value); a value is a string (quotes
    removed) or a list for a [ ... ] block."""
    stack = [[]]
    key = None
    for token in GML_TOKEN.findall(text):
        if token == "]":
            stack.pop()
        elif key is None:
            key = token
        elif token == "[":
            block = []
            stack[-1].append((key, block))
            stack.append(block)
            key = None
        else:
            stack[-1].append((key, token[1:-1] if token[0] == '"'
                              else token))
            key = None
    return stack[0]


def gml_graph(path):
    """(graph on GML node ids, {id: label or None}) for a GML file; self
    loops drop and parallel edges merge."""
    top = parse_gml(Path(path).read_text(encoding="utf-8"))
    body = next(value for key, value in top if key == "graph")
    graph = nx.Graph()
    labels = {}
    for key, value in body:
        if key == "node":
            fields = dict(value)
            labels[fields["id"]] = fields.get("label")
            graph.add_node(fields["id"])
    for key, value in body:
        if key == "edge":
            fields = dict(value)
            a, b = fields["source"], fields["target"]
            if a != b and a in labels and b in labels:
                graph.add_edge(a, b)
    return graph, labels


# ------------------------------------------------------------------- runs

def run_meshsim(meshsim, path, down):
    """Run meshsim check on path; (report, None) or (None, problem)."""
    cmd = [meshsim, "check", "--format", "json", "--fail-on", "never"]
    if down:
        cmd += ["--down", ",".join(down)]
    cmd.append(str(path))
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True,
                              timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return None, f"run: no answer in {TIMEOUT} s"
    if proc.returncode != 0:
        return None, (f"run: exit status {proc.returncode}: "
                      f"{proc.stderr.strip()}")
    try:
        report = json.loads(proc.stdout)
    except ValueError as err:
        return None, f"run: output is not JSON ({err})"
    if not isinstance(report, dict):
        return None, "run: output is not a JSON object"
    return report, None


def short(value, limit=200):
    """value as JSON, cut to limit characters."""
    text = json.dumps(value)
    return text if len(text) <= limit else text[:limit] + "..."


def differences(actual, expected):
    """One line per field of expected that actual lacks or has otherwise;
    values compare as JSON, so 1.0 is not 1, true is not 1, order counts."""
    return [f"{field}: meshsim {short(actual.get(field, 'MISSING'))} "
            f"!= expected {short(value)}"
            for field, value in expected.items()
            if field not in actual or
            json.dumps(actual[field]) != json.dumps(value)]


def compare(meshsim, path, down, expected):
    """Run meshsim on path with down and compare its report with expected,
    field by field. Returns (run label, problems, report or None)."""
    label = f"{path} --down {','.join(down)}" if down else str(path)
    report, problem = run_meshsim(meshsim, path, down)
    if problem:
        return label, [problem], None
    return label, differences(report, expected), report


def check_plan(meshsim, path, downs):
    """All runs of one plan file: no node down, then each down set;
    a list of (run label, problems)."""
    graph = plan_graph(json.loads(Path(path).read_text(encoding="utf-8")))
    names = {v: v for v in graph}
    results = []
    for down in [[]] + downs:
        alive = graph.subgraph(set(graph) - set(down))
        label, problems, _ = compare(meshsim, path, down,
                                     expected_report(alive, names, down))
        results.append((label, problems))
    return results


def reported_names(report):
    """The node names in a report's components, [] where malformed."""
    comps = report.get("components")
    if not isinstance(comps, list) or not all(
            isinstance(comp, list) and
            all(isinstance(name, str) for name in comp) for comp in comps):
        return []
    return [name for comp in comps for name in comp]


def gml_names(labels):
    """meshsim's names for GML nodes ({id: label or None}): the label, else
    the id; where labels repeat, ignoring case and one trailing dot, every
    such node is named label#id."""
    text = {v: str(v) if label in (None, "") else label
            for v, label in labels.items()}
    count = {}
    for name in text.values():
        key = endpoint(name, 0)
        count[key] = count.get(key, 0) + 1
    return {v: (f"{labels[v]}#{v}" if labels[v] not in (None, "") and
                count[endpoint(name, 0)] > 1 else name)
            for v, name in text.items()}


def check_gml(meshsim, path, seed):
    """All runs of one GML file: whole, then with nodes down drawn from
    the names meshsim reports; names compare exactly."""
    graph, labels = gml_graph(path)
    names = gml_names(labels)
    label, problems, report = compare(meshsim, path, [],
                                      expected_report(graph, names, []))
    results = [(label, problems)]
    if report is None:
        return results
    ids = {name: v for v, name in names.items()}
    rng = random.Random(f"{seed}:{Path(path).name}")
    listed = sorted(name for name in reported_names(report)
                    if "," not in name and name in ids)
    for _ in range(DOWN_RUNS):
        down = pick_down(rng, listed)
        alive = graph.subgraph(set(graph) - {ids[name] for name in down})
        label, problems, _ = compare(meshsim, path, down,
                                     expected_report(alive, names, down))
        results.append((label, problems))
    return results


def run_job(job):
    """Run one (function, arguments) job; for the process pool."""
    function, args = job
    return function(*args)


# ------------------------------------------------------------------- main

def write_plans(meshsim, count, rng, folder):
    """Write count random plans into folder; the jobs that check them."""
    jobs = []
    for i in range(count):
        plan = random_plan(rng)
        path = folder / f"plan{i:04d}.json"
        path.write_text(json.dumps(plan, indent=1) + "\n", encoding="utf-8")
        names = [node["name"] for node in plan["nodes"]]
        downs = [pick_down(rng, names) for _ in range(DOWN_RUNS)]
        jobs.append((check_plan, (meshsim, path, downs)))
    return jobs


def main(argv=None):
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--meshsim", required=True,
                        help="the meshsim binary to test")
    parser.add_argument("--random", type=int, default=300,
                        help="random plans to check (default 300)")
    parser.add_argument("--topologies", default=str(DEFAULT_TOPOLOGIES),
                        help="folder of *.gml files (default %(default)s)")
    parser.add_argument("--seed", type=int, default=1,
                        help="seed of the random plans (default 1)")
    parser.add_argument("--keep", help="write the plans here and keep them")
    args = parser.parse_args(argv)
    meshsim = str(Path(args.meshsim).resolve())

    if args.keep:
        folder = Path(args.keep)
        folder.mkdir(parents=True, exist_ok=True)
    else:
        folder = Path(tempfile.mkdtemp(prefix="meshsim-differential-"))
    print(f"differential: seed {args.seed}, {args.random} random plans in "
          f"{folder}")
    jobs = write_plans(meshsim, args.random, random.Random(args.seed), folder)
    topologies = Path(args.topologies)
    if topologies.is_dir():
        jobs += [(check_gml, (meshsim, path, args.seed))
                 for path in sorted(topologies.glob("*.gml"))]
    else:
        print(f"SKIP: topologies not found at {topologies}")

    passed = failed = 0
    with concurrent.futures.ProcessPoolExecutor(WORKERS) as pool:
        for results in pool.map(run_job, jobs, chunksize=4):
            for label, problems in results:
                for problem in problems:
                    print(f"FAIL {label}: {problem}", flush=True)
                failed += bool(problems)
                passed += not problems
    if not args.keep:
        if failed:
            print(f"failing plans kept in {folder}")
        else:
            shutil.rmtree(folder)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
