#!/usr/bin/env python3
"""sarif-to-codequality.py: a meshsim SARIF log as a GitLab Code Quality report (docs/ci.md).

Usage: sarif-to-codequality.py LOG.sarif > gl-code-quality-report.json
Each result becomes an issue: its rule as check_name, its message as
description, error/warning/note as major/minor/info, its file and line,
and a fingerprint of all of them (GitLab matches issues across runs by it).
"""
import hashlib
import json
import sys
import urllib.parse

SEVERITY = {"error": "major", "warning": "minor", "note": "info"}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        log = json.load(f)
    issues = []
    for run in log["runs"]:
        for r in run["results"]:
            phys = r["locations"][0]["physicalLocation"] \
                if r.get("locations") else {}
            path = urllib.parse.unquote(
                phys.get("artifactLocation", {}).get("uri", ""))
            line = phys.get("region", {}).get("startLine", 1)
            text = r["message"]["text"]
            key = "\0".join([r["ruleId"], path, str(line), text])
            issues.append({
                "type": "issue",
                "check_name": r["ruleId"],
                "description": text,
                "severity": SEVERITY.get(r.get("level"), "minor"),
                "fingerprint": hashlib.sha256(key.encode()).hexdigest(),
                "location": {"path": path, "lines": {"begin": line}},
            })
    json.dump(issues, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
