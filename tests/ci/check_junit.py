#!/usr/bin/env python3
"""check_junit.py: `meshsim simulate --format junit` read back with xml.etree and compared with `simulate --format json`.

The usual JUnit structure (testsuites > testsuite > testcase, <failure>
with a message): the counts of tests and failures on both suites match
the test cases; each test case is a step or what-if run with an
expectation, failed exactly when the JSON report says it is not ok; names
(escaped: tests/ci/plans/escape.json) read back as the plan has them.
Usage: check_junit.py MESHSIM
"""
import json
import subprocess
import sys
import xml.etree.ElementTree as ET

PLANS = [
    "scenarios/restart-hazard.json",
    "scenarios/cut-not-repaired.json",
    "scenarios/figure1.json",
    "tests/mesh/issue-example.json",
    "tests/mesh/whatif-only.json",
    "tests/ci/plans/escape.json",
]

failures = 0


def fail(plan, what):
    global failures
    failures += 1
    print("FAIL %s: %s" % (plan, what))


def run(meshsim, fmt, plan):
    p = subprocess.run([meshsim, "simulate", "--format", fmt, plan],
                       capture_output=True)
    return p.returncode, p.stdout


def expected_cases(report):
    """(classname, name, failed) of each step and what-if with an
    expectation, in order."""
    plan = json.load(open(report["file"], encoding="utf-8"))
    cases = []
    for s in report["steps"]:
        if s["expect"] is None:
            continue
        ev = s["event"]
        sep = " -- " if ev in ("cut", "heal") else ", "
        cases.append(("timeline", "step %d: %s %s"
                      % (s["step"], ev, sep.join(s["nodes"])),
                      not s["ok"]))
    for w, pw in zip(report["whatif"], plan.get("whatif", [])):
        if w["expect"] is None:
            continue
        cases.append(("what-if", pw["name"], not w["ok"]))
    return cases


def check(meshsim, plan):
    rc, out = run(meshsim, "junit", plan)
    rc_json, out_json = run(meshsim, "json", plan)
    if rc != rc_json:
        fail(plan, "exit %d with junit, %d with json" % (rc, rc_json))
    if run(meshsim, "junit", plan) != (rc, out):
        fail(plan, "two runs differ")
    if not out.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n'):
        fail(plan, "no XML declaration")
    try:
        root = ET.fromstring(out)
    except ET.ParseError as e:
        fail(plan, "not XML: %s" % e)
        return
    report = json.loads(out_json)
    if root.tag != "testsuites":
        fail(plan, "root <%s>" % root.tag)
        return
    suites = root.findall("testsuite")
    if len(suites) != 1:
        fail(plan, "%d testsuite elements" % len(suites))
        return
    suite = suites[0]
    cases = suite.findall("testcase")
    nfailed = sum(c.find("failure") is not None for c in cases)
    for el in (root, suite):
        if el.get("tests") != str(len(cases)):
            fail(plan, "<%s tests=%r>, %d test cases"
                 % (el.tag, el.get("tests"), len(cases)))
        if el.get("failures") != str(nfailed):
            fail(plan, "<%s failures=%r>, %d failed"
                 % (el.tag, el.get("failures"), nfailed))
        if el.get("errors") != "0":
            fail(plan, "<%s errors=%r>" % (el.tag, el.get("errors")))
    if suite.get("name") != report["plan"]:
        fail(plan, "suite name %r, plan %r"
             % (suite.get("name"), report["plan"]))
    got = [(c.get("classname"), c.get("name"), c.find("failure") is not None)
           for c in cases]
    want = expected_cases(report)
    if got != want:
        fail(plan, "test cases %r, want %r" % (got, want))
    for c in cases:
        f = c.find("failure")
        if f is not None and (not f.get("message") or
                              not f.get("message").startswith("expected")
                              or not (f.text or "").startswith("expect ")):
            fail(plan, "failure of %r without message or text" % c.get("name"))
        if c.get("file") != report["file"] or int(c.get("line", "0")) < 1:
            fail(plan, "test case %r at %r:%r" % (c.get("name"),
                 c.get("file"), c.get("line")))
    if (rc == 1) != (nfailed > 0) or rc not in (0, 1):
        fail(plan, "exit %d with %d failures" % (rc, nfailed))
    err = suite.find("system-err")
    if (err is not None) != bool(report["diagnostics"]):
        fail(plan, "system-err and %d diagnostics"
             % len(report["diagnostics"]))


def main():
    meshsim = sys.argv[1]
    for plan in PLANS:
        check(meshsim, plan)
    print("check_junit: %d plans, %d failed" % (len(PLANS), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
