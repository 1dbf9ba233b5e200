#!/usr/bin/env python3
"""check_sarif.py: `meshsim check --format sarif` against SARIF 2.1.0's required fields and against `check --format json`.

No Debian package ships the SARIF 2.1.0 JSON schema (python3-sarif-python-om
and golang-github-haya14busa-go-sarif-dev hold object models only), and the
tests fetch nothing, so the log is checked against the fields the standard
requires and GitHub code scanning reads, and each result against what
`check --format json` says of the same input. Usage: check_sarif.py MESHSIM
"""
import json
import os
import re
import subprocess
import sys
import urllib.parse

# Each case: check's arguments (the same for --format json and sarif).
CASES = [
    ["scenarios/figure1.json"],
    ["--fail-on", "never", "scenarios/figure1.json"],
    ["--fail-on", "bridge", "scenarios/figure1.json"],
    ["--fail-on", "partition", "scenarios/islands.json"],
    ["--fail-on", "never", "scenarios/islands.json"],
    ["--down", "node1", "scenarios/figure1.json"],
    ["scenarios/warnings.json"],
    ["scenarios/full-mesh.json"],
    ["scenarios/zones.json"],
    ["--inventory", "scenarios/harper-nats/inventory.json",
     "scenarios/harper-nats/node1.yaml", "scenarios/harper-nats/node2.yaml",
     "scenarios/harper-nats/node3.yaml"],
    ["scenarios/harper-replication/node1.yaml",
     "scenarios/harper-replication/node2.yaml",
     "scenarios/harper-replication/node3.yaml"],
    ["--fail-on", "partition", "scenarios/harper-replication/plan.json"],
    ["--down", "3.62.184.20", "scenarios/harper-replication/plan.json"],
    ["--model", "mesh", "scenarios/figure1.json"],
    ["tests/harper/nats-a.yaml", "tests/harper/nats-b.yaml"],
    ["--fail-on", "never", "tests/compose/mounted.yml"],
    ["scenarios/compose/docker-compose.yml"],
    ["scenarios/kubernetes/statefulset.yaml"],
    ["tests/kubernetes/split/service.yaml",
     "tests/kubernetes/split/configmap.yaml",
     "tests/kubernetes/split/statefulset.yaml"],
    ["tests/nats/fig1-node1.conf", "tests/nats/fig1-node2.conf",
     "tests/nats/fig1-node3.conf"],
    [os.path.abspath("scenarios/islands.json")],
]

FINDINGS = {"partition", "single-point-of-failure", "join-dependency",
            "cannot-join", "bridge"}
LEVELS = {"error", "warning", "note"}

failures = 0


def fail(case, what):
    global failures
    failures += 1
    print("FAIL %s: %s" % (" ".join(case), what))


def run(meshsim, args):
    p = subprocess.run([meshsim, "check"] + args, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8")


def lines_of(path):
    with open(path, "rb") as f:
        return f.read().count(b"\n") + 1


def check_location(case, r, loc):
    phys = loc.get("physicalLocation", {})
    uri = phys.get("artifactLocation", {}).get("uri")
    if not isinstance(uri, str) or not uri:
        fail(case, "a location without artifactLocation.uri: %r" % loc)
        return
    if uri.startswith("/") or uri.startswith("file:") or "://" in uri:
        fail(case, "uri %r is not relative to the working directory" % uri)
        return
    path = urllib.parse.unquote(uri)
    if not os.path.isfile(path):
        fail(case, "uri %r names no file" % uri)
        return
    region = phys.get("region")
    if region is None:
        return
    line = region.get("startLine")
    if not isinstance(line, int) or not 1 <= line <= lines_of(path):
        fail(case, "startLine %r outside %s" % (line, path))
    col = region.get("startColumn")
    if col is not None and (not isinstance(col, int) or col < 1):
        fail(case, "startColumn %r" % col)


def check_case(meshsim, case):
    rc, out = run(meshsim, ["--format", "sarif"] + case)
    rc_json, out_json = run(meshsim, ["--format", "json"] + case)
    if rc != rc_json:
        fail(case, "exit %d with sarif, %d with json" % (rc, rc_json))
    if run(meshsim, ["--format", "sarif"] + case) != (rc, out):
        fail(case, "two runs differ")
    try:
        log = json.loads(out)
        report = json.loads(out_json)
    except ValueError as e:
        fail(case, "not JSON: %s" % e)
        return
    if log.get("version") != "2.1.0":
        fail(case, "version %r" % log.get("version"))
    if "sarif-2.1.0" not in log.get("$schema", ""):
        fail(case, "$schema %r" % log.get("$schema"))
    runs = log.get("runs")
    if not isinstance(runs, list) or len(runs) != 1:
        fail(case, "runs is not a list of one run")
        return
    driver = runs[0].get("tool", {}).get("driver", {})
    if driver.get("name") != "meshsim" or not driver.get("version"):
        fail(case, "tool.driver name/version %r" % driver)
    for key in ("informationUri",):
        if "://" not in driver.get(key, ""):
            fail(case, "driver.%s is not an absolute URI" % key)
    rules = driver.get("rules", [])
    ids = [r.get("id") for r in rules]
    if ids != sorted(set(ids)):
        fail(case, "rule ids not unique and sorted: %r" % ids)
    for r in rules:
        if not r.get("shortDescription", {}).get("text"):
            fail(case, "rule %r without shortDescription.text" % r)
        if "://" not in r.get("helpUri", ""):
            fail(case, "rule %r without an absolute helpUri" % r)
    results = runs[0].get("results")
    if not isinstance(results, list):
        fail(case, "no results list")
        return
    used = set()
    for r in results:
        rid = r.get("ruleId")
        used.add(rid)
        if rid not in ids:
            fail(case, "ruleId %r not among the rules" % rid)
        elif r.get("ruleIndex") != ids.index(rid):
            fail(case, "ruleIndex %r for %r" % (r.get("ruleIndex"), rid))
        if r.get("level") not in LEVELS:
            fail(case, "level %r" % r.get("level"))
        if not r.get("message", {}).get("text"):
            fail(case, "a result without message.text")
        locs = r.get("locations")
        if not isinstance(locs, list) or len(locs) != 1:
            fail(case, "%s: not one location" % rid)
            continue
        check_location(case, r, locs[0])
        # A node's finding points at the node: its name (or host) is on
        # that line, in whichever file defines it (a Kubernetes pod's
        # name is made from its StatefulSet's: not there).
        node = r["message"]["text"].split("'")[1] if rid in (
            "single-point-of-failure", "join-dependency",
            "cannot-join") else None
        reg = locs[0].get("physicalLocation", {}).get("region")
        if node is not None and reg is not None and \
                not any("kubernetes" in c for c in case):
            path = urllib.parse.unquote(
                locs[0]["physicalLocation"]["artifactLocation"]["uri"])
            with open(path, encoding="utf-8") as f:
                text = f.read().split("\n")[reg["startLine"] - 1]
            if node not in text and node.split(".")[0] not in text:
                fail(case, "%s of %r at %s:%d, which says %r"
                     % (rid, node, path, reg["startLine"], text))
    if used != set(ids):
        fail(case, "rules no result uses: %r" % (set(ids) - used))

    # Against the JSON report of the same run.
    diags = report.get("diagnostics", [])
    got = [(r["ruleId"], r["level"], r["message"]["text"]) for r in results
           if r["ruleId"] not in FINDINGS]
    want = [(d["code"], d["severity"], d["message"]) for d in diags]
    if got != want:
        fail(case, "diagnostic results %r, want %r" % (got, want))
    for r, d in zip([r for r in results if r["ruleId"] not in FINDINGS],
                    diags):
        reg = r["locations"][0]["physicalLocation"].get("region")
        if d["line"] > 0 and (reg is None or reg["startLine"] != d["line"]
                              or reg.get("startColumn", 0) != d["column"]):
            fail(case, "%s at %r, want line %d column %d"
                 % (d["code"], reg, d["line"], d["column"]))
    count = {k: sum(r["ruleId"] == k for r in results) for k in FINDINGS}
    repl = report.get("replication")
    if repl is not None:
        split = not repl["running"]["ok"]
        joining = repl["joining"]
        if count["single-point-of-failure"] != 0:
            fail(case, "single-point-of-failure results in the "
                 "replication model")
        if count["partition"] != int(split):
            fail(case, "partition results %d, running split %r"
                 % (count["partition"], split))
        if count["cannot-join"] != len(joining["cannot_join"]):
            fail(case, "cannot-join results %d, want %d"
                 % (count["cannot-join"], len(joining["cannot_join"])))
        deps = [r["message"]["text"].split("'")[1] for r in results
                if r["ruleId"] == "join-dependency"]
        if deps != [d["node"] for d in joining["dependencies"]]:
            fail(case, "join dependencies %r, want %r"
                 % (deps, joining["dependencies"]))
    else:
        if count["partition"] != int(not report["connected"]):
            fail(case, "partition results %d, connected %r"
                 % (count["partition"], report["connected"]))
        spofs = [r["message"]["text"].split("'")[1] for r in results
                 if r["ruleId"] == "single-point-of-failure"]
        if spofs != report["articulation_points"]:
            fail(case, "single points of failure %r, want %r"
                 % (spofs, report["articulation_points"]))
    if count["bridge"] != len(report["bridges"]):
        fail(case, "bridge results %d, want %d"
             % (count["bridge"], len(report["bridges"])))
    # The exit status is 1 exactly when a finding is at the --fail-on
    # level, which the log marks as an error.
    errors = sum(r["level"] == "error" for r in results
                 if r["ruleId"] in FINDINGS)
    if (rc == 1) != (errors > 0) or rc not in (0, 1):
        fail(case, "exit %d with %d findings at level error" % (rc, errors))


def codes_of_diagnostics():
    """The codes docs/diagnostics.md lists (first column of its tables)."""
    codes = set()
    with open("docs/diagnostics.md", encoding="utf-8") as f:
        for line in f:
            if line.startswith("| `"):
                cell = line.split("|")[1]
                codes.update(re.findall(r"`([a-z0-9-]+)`", cell))
    return codes


def main():
    meshsim = sys.argv[1]
    # A finding's rule must not be taken for a diagnostic's.
    clash = FINDINGS & codes_of_diagnostics()
    if clash:
        fail(["rules"], "finding kinds that are diagnostic codes: %r"
             % sorted(clash))
    for case in CASES:
        check_case(meshsim, case)
    # Bad input: exit 2 and nothing on stdout, as with text and json.
    rc, out = run(meshsim, ["--format", "sarif", "tests/bad/bad-host.json"])
    if rc != 2 or out != "":
        fail(["bad input"], "exit %d, %d bytes on stdout" % (rc, len(out)))
    print("check_sarif: %d cases, %d failed" % (len(CASES) + 1, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
