#!/usr/bin/python3
"""The python-igraph script a user would write instead of `meshsim check`.

Usage:
    ig_check.py [--answers] PLAN

Loads the plan with the json module, keeps a dict from each node's
endpoint (host, case folded and without one trailing dot, and port,
9932 by default; a node's host defaults to its name) to its index, turns
every route into an edge (self routes and unknown endpoints dropped),
builds an igraph.Graph(edges=...), simplifies it (one link per pair) and
computes connected components, articulation points and bridges.  Prints a
small JSON summary; with --answers also the components, articulation
points and bridges themselves (names), for tools/bench.py to check that
every peer found the same.  No connectivity: at the benchmark's sizes
meshsim skips it too.

Run with Debian's /usr/bin/python3 (python3-igraph).
"""

import argparse
import json
import sys

import igraph

DEFAULT_PORT = 9932


def endpoint(host, port):
    """The identity of a host and port: case folded, one trailing dot off."""
    host = host.lower()
    if host.endswith("."):
        host = host[:-1]
    return host, port


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--answers", action="store_true")
    parser.add_argument("plan")
    args = parser.parse_args(argv)

    with open(args.plan, encoding="utf-8") as f:
        plan = json.load(f)
    nodes = plan["nodes"]
    names = [node["name"] for node in nodes]
    index = {}
    for i, node in enumerate(nodes):
        index.setdefault(endpoint(node.get("host", node["name"]),
                                  node.get("port", DEFAULT_PORT)), i)
    edges = []
    routes = 0
    for i, node in enumerate(nodes):
        for route in node.get("routes", []):
            routes += 1
            j = index.get(endpoint(route["host"],
                                   route.get("port", DEFAULT_PORT)))
            if j is not None and j != i:
                edges.append((i, j))
    graph = igraph.Graph(n=len(nodes), edges=edges)
    graph.simplify()
    components = graph.connected_components()
    articulation = graph.articulation_points()
    bridges = graph.bridges()
    summary = {
        "nodes": graph.vcount(),
        "links": graph.ecount(),
        "routes": routes,
        "components": len(components),
        "largest_component": max((len(c) for c in components), default=0),
        "articulation_points": len(articulation),
        "bridges": len(bridges),
    }
    if args.answers:
        summary["answers"] = {
            "components": [[names[v] for v in c] for c in components],
            "articulation_points": [names[v] for v in articulation],
            "bridges": [[names[v] for v in graph.es[e].tuple]
                        for e in bridges],
        }
    json.dump(summary, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
