#!/usr/bin/env python3
"""Generate Kubernetes manifests of Harper pods, each with its ConfigMap.

Usage:
    gen_k8s.py --pods N [--services] [-o FILE]

Writes 2N documents: for each pod i a ConfigMap ``cfg-i`` holding its
harperdb-config.yaml (native replication, routes to the next two pods' hosts,
so the pods form a ring with chords) and a Pod ``p-i`` that mounts it and names its host
``hi.mesh`` (REPLICATION_HOSTNAME).
With --services, pods 2j and 2j+1 are labelled pair=j, a Service
``s-j`` selects each pair (placed after the pair's pods), and each pod
also routes to the next pair's Service (a service-worst-case warning
each). The same arguments always give the same bytes. For measuring the
Harper reader on many documents (``meshsim import kubernetes FILE``;
docs/bench.md).
"""

import argparse
import sys


def service(out, j):
    out.write("---\napiVersion: v1\nkind: Service\nmetadata:\n"
              "  name: s-%d\nspec:\n  selector:\n    pair: \"%d\"\n"
              % (j, j))


def write(out, n, services):
    pairs = (n + 1) // 2
    for i in range(n):
        out.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                  "  name: cfg-%d\ndata:\n  harperdb-config.yaml: |\n"
                  "    replication:\n      securePort: 9933\n"
                  "      routes:\n" % i)
        for d in (1, 2):
            if (i + d) % n != i:
                out.write("        - h%d.mesh:9933\n" % ((i + d) % n))
        if services:
            out.write("        - s-%d:9933\n" % ((i // 2 + 1) % pairs))
        out.write("---\napiVersion: v1\nkind: Pod\nmetadata:\n"
                  "  name: p-%d\n" % i)
        if services:
            out.write("  labels:\n    pair: \"%d\"\n" % (i // 2))
        out.write("spec:\n  containers:\n"
                  "    - name: harper\n"
                  "      image: harperdb/harperdb:4.5\n"
                  "      env:\n        - name: REPLICATION_HOSTNAME\n"
                  "          value: h%d.mesh\n"
                  "      volumeMounts:\n        - name: config\n"
                  "          mountPath: /home/harperdb/hdb/"
                  "harperdb-config.yaml\n"
                  "          subPath: harperdb-config.yaml\n"
                  "  volumes:\n    - name: config\n      configMap:\n"
                  "        name: cfg-%d\n" % (i, i))
        if services and (i % 2 == 1 or i + 1 == n):
            service(out, i // 2)
        if i + 1 < n:
            out.write("---\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pods", type=int, required=True)
    ap.add_argument("--services", action="store_true")
    ap.add_argument("-o", dest="out")
    a = ap.parse_args()
    if a.pods < 1:
        ap.error("--pods must be at least 1")
    if a.out:
        with open(a.out, "w") as f:
            write(f, a.pods, a.services)
    else:
        write(sys.stdout, a.pods, a.services)


if __name__ == "__main__":
    main()
