#!/usr/bin/python3
"""The networkx equivalent of `meshsim check`, for benchmarking.

Usage:
    nx_check.py [--connectivity-limit N] [--answers] PLAN

Loads the plan with the json module, resolves every route to a node the
way meshsim does (host compared case-insensitively with one trailing dot
dropped, port 9932 by default, a node's host defaults to its name; self
routes and routes to unknown endpoints are dropped), builds an nx.Graph
and computes connected components, articulation points and bridges, plus
node and edge connectivity when the plan has at most N nodes (default
20000, meshsim's default).  Prints a small JSON summary; with --answers
also the components, articulation points and bridges themselves, for
tools/bench.py to check that every peer found the same.

Run with Debian's /usr/bin/python3 (python3-networkx).
"""

import argparse
import json
import sys

import networkx as nx

DEFAULT_PORT = 9932
DEFAULT_LIMIT = 20000


def endpoint(host, port):
    """The identity of a host and port: case folded, one trailing dot off."""
    host = host.lower()
    if host.endswith("."):
        host = host[:-1]
    return host, port


def plan_graph(plan):
    """The undirected simple graph of a plan, on node names."""
    nodes = plan["nodes"]
    owner = {endpoint(node.get("host", node["name"]),
                      node.get("port", DEFAULT_PORT)): node["name"]
             for node in nodes}
    graph = nx.Graph()
    graph.add_nodes_from(node["name"] for node in nodes)
    routes = 0
    for node in nodes:
        for route in node.get("routes", []):
            routes += 1
            peer = owner.get(endpoint(route["host"],
                                      route.get("port", DEFAULT_PORT)))
            if peer is not None and peer != node["name"]:
                graph.add_edge(node["name"], peer)
    return graph, routes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--connectivity-limit", type=int,
                        default=DEFAULT_LIMIT)
    parser.add_argument("--answers", action="store_true")
    parser.add_argument("plan")
    args = parser.parse_args(argv)

    with open(args.plan, encoding="utf-8") as f:
        plan = json.load(f)
    graph, routes = plan_graph(plan)
    count = graph.number_of_nodes()
    components = list(nx.connected_components(graph))
    articulation = list(nx.articulation_points(graph))
    bridges = list(nx.bridges(graph)) if count else []
    summary = {
        "nodes": count,
        "links": graph.number_of_edges(),
        "routes": routes,
        "components": len(components),
        "largest_component": max((len(c) for c in components), default=0),
        "articulation_points": len(articulation),
        "bridges": len(bridges),
        "connectivity_limit": args.connectivity_limit,
    }
    if count <= args.connectivity_limit:
        whole = count > 0 and len(components) == 1
        summary["vertex_connectivity"] = (nx.node_connectivity(graph)
                                          if whole else 0)
        summary["edge_connectivity"] = (nx.edge_connectivity(graph)
                                        if whole else 0)
    else:
        summary["connectivity_skipped"] = True
    if args.answers:
        summary["answers"] = {
            "components": [sorted(c) for c in components],
            "articulation_points": articulation,
            "bridges": [list(b) for b in bridges],
        }
    json.dump(summary, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
