#!/usr/bin/env python3
"""Generate Kubernetes manifests of Harper pods, each with its ConfigMap.

Usage:
    gen_k8s.py --pods N [-o FILE]

Writes 2N documents: for each pod i a ConfigMap ``cfg-i`` holding its
harperdb-config.yaml (native replication, routes to the next two pods' hosts,
so the pods form a ring with chords) and a Pod ``p-i`` that mounts it and names its host
``hi.mesh`` (REPLICATION_HOSTNAME).
The same arguments always give the same bytes. For measuring the
Harper reader on many documents (``meshsim import kubernetes FILE``;
docs/bench.md).
"""

import argparse
import sys


def write(out, n):
    for i in range(n):
        out.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                  "  name: cfg-%d\ndata:\n  harperdb-config.yaml: |\n"
                  "    replication:\n      securePort: 9933\n"
                  "      routes:\n" % i)
        for d in (1, 2):
            if (i + d) % n != i:
                out.write("        - h%d.mesh:9933\n" % ((i + d) % n))
        out.write("---\napiVersion: v1\nkind: Pod\nmetadata:\n"
                  "  name: p-%d\nspec:\n  containers:\n"
                  "    - name: harper\n"
                  "      image: harperdb/harperdb:4.5\n"
                  "      env:\n        - name: REPLICATION_HOSTNAME\n"
                  "          value: h%d.mesh\n"
                  "      volumeMounts:\n        - name: config\n"
                  "          mountPath: /home/harperdb/hdb/"
                  "harperdb-config.yaml\n"
                  "          subPath: harperdb-config.yaml\n"
                  "  volumes:\n    - name: config\n      configMap:\n"
                  "        name: cfg-%d\n" % (i, i, i))
        if i + 1 < n:
            out.write("---\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pods", type=int, required=True)
    ap.add_argument("-o", dest="out")
    a = ap.parse_args()
    if a.pods < 1:
        ap.error("--pods must be at least 1")
    if a.out:
        with open(a.out, "w") as f:
            write(f, a.pods)
    else:
        write(sys.stdout, a.pods)


if __name__ == "__main__":
    main()
