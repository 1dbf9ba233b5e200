#!/usr/bin/env python3
"""review.py: check what tests/browser/measure.js measured in a report.

Usage: review.py DOM PLAN.json SUGGEST.json VERSION
DOM is Chromium's --dump-dom of the report with measure.js appended; the
plan is the one reported on (JSON plan format), SUGGEST.json what
`meshsim suggest --format json` says of it. Checks that no two texts of
the picture overlap, that the legend names every zone of the plan, that
the version is on the page, and that every suggested route is a row of
the fix table with its YAML. Prints one line per failure; exit 1 if any.
"""
import html
import json
import re
import sys

dom, plan_file, suggest_file, version = sys.argv[1:5]
text = open(dom, encoding="utf-8").read()
m = re.search(r'<pre id="measured">(.*?)</pre>', text, re.S)
if not m:
    sys.exit("no measurement in the page (did measure.js run?)")
got = json.loads(html.unescape(m.group(1)))
plan = json.load(open(plan_file, encoding="utf-8"))
sug = json.load(open(suggest_file, encoding="utf-8"))
fails = []

if got["nboxes"] < 2:
    fails.append("fewer than two texts measured: %d" % got["nboxes"])
for a, b in got["overlaps"][:10]:
    fails.append("labels overlap: %r and %r" % (a, b))
if len(got["overlaps"]) > 10:
    fails.append("... %d overlapping pairs in all" % len(got["overlaps"]))

zones = sorted({n["labels"]["zone"] for n in plan["nodes"]
                if "zone" in n.get("labels", {})})
if not zones:
    fails.append("the test plan has no zones")
for z in zones:
    if z not in got["legend"]:
        fails.append("zone %r is not named in the legend" % z)

if "meshsim " + version not in got["body"]:
    fails.append("version %r is not on the page" % version)

rows = [(f, t) for f, t, _ in got["fix"]]
for r in sug["routes"]:
    want = (r["from"], r["to"] + (" (joins pieces)" if r["joins"] else ""))
    if want not in rows:
        fails.append("suggested route %s -> %s not in the fix table" %
                     (r["from"], r["to"]))
        continue
    yaml = got["fix"][rows.index(want)][2]
    if "host: %s" % r["host"] not in yaml or "port: %d" % r["port"] \
            not in yaml:
        fails.append("route %s -> %s: YAML %r lacks its host and port" %
                     (r["from"], r["to"], yaml))
if len(rows) != len(sug["routes"]):
    fails.append("fix table has %d rows, suggest %d routes" %
                 (len(rows), len(sug["routes"])))
if not sug["routes"] and "Nothing needs fixing" not in got["body"]:
    fails.append("no route suggested, and the page does not say so")

for f in fails:
    print(f)
sys.exit(1 if fails else 0)
