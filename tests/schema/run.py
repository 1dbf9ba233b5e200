#!/usr/bin/env python3
"""The JSON Schemas of schema/ against what meshsim writes and reads.

1. Each schema is checked against the draft 2020-12 metaschema, and its
   $id must be BASE + its file name.
2. Every golden of tests/cli/*.cases whose stdout is JSON is validated
   against the schema its command line names (check, sweep, availability,
   merge, simulate, diff, suggest with --format json; sweep and
   availability with --shard: the partial; export as JSON and import: the
   plan). A JSON golden whose command has no schema is a failure, so a new
   output cannot slip by; so is a command that should print JSON and
   prints something else. The top-level members must come in the order
   of the schema's "properties" (the documented order).
3. Every JSON file under the plan folders is read by meshsim
   (`check --format json`) and by the plan schema, and the two must agree:
   a plan meshsim reads without an unknown-key warning validates; one with
   unknown-key warnings fails on exactly the keys warned, and on nothing
   else; one meshsim refuses only for what a schema can say (a wrong type,
   a port out of range, ...) fails validation. The partials of tests/shard
   that merge reads are validated against the partial schema.
4. Mutations of the goldens (a required member dropped, a member of the
   wrong type, an unknown member, an enum value misspelt, a diagnostic
   without its code) must fail validation: the schemas are tight enough to
   catch a real mistake.

5. N random plans (default 30; those of tests/roundtrip/run.py: nasty
   names, host-less nodes, labels, availabilities, nodes that do not
   cluster, the plan's cluster, repeated, self and dangling routes) are
   valid plans; their export, `check` and `sweep` JSON, and the plans
   `suggest -o` writes of them, validate.

Usage: run.py MESHSIM [--random N] [-v]

Needs python3-jsonschema (Debian's 4.10 or later). Prints the counts;
exits 1 on any failure, listing them.
"""

import copy
import glob
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import validate  # noqa: E402  (exits when jsonschema is missing)
import jsonschema  # noqa: E402
from jsonschema import Draft202012Validator  # noqa: E402

BASE = "https://meshsim.invalid/schema/"
SCHEMA_DIR = "schema"
# The folders whose JSON files are read as plans (part 3).
PLAN_DIRS = ["scenarios", "scenarios/*", "tests/plans", "tests/bad",
             "tests/mesh", "tests/replication", "tests/diff"]
# What a plan schema can say: meshsim refusing a plan for only these codes
# means the schema must refuse it too.
SCHEMA_CODES = {"wrong-type", "missing-name", "missing-nodes", "bad-name",
                "bad-host", "port-range", "port-not-integer", "bad-label",
                "availability-range", "bad-cluster", "host-and-node",
                "route-without-host", "bad-step", "not-an-object"}
# Strings that an enum or const fixes, wherever they are (part 4).
ENUM_KEYS = {"verdict", "model", "severity", "event", "connectivity_change",
             "operation", "command", "generator", "cluster", "server"}

failures = []
SCHEMAS = {}
verbose = "-v" in sys.argv


def fail(msg):
    failures.append(msg)


def load_schemas():
    """Every schema/*.json, by file name; each checked (part 1)."""
    schemas = {}
    for path in sorted(glob.glob(os.path.join(SCHEMA_DIR, "*.json"))):
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            s = json.load(f)
        try:
            Draft202012Validator.check_schema(s)
        except jsonschema.exceptions.SchemaError as e:
            fail("%s: not a valid 2020-12 schema: %s" % (path, e.message))
            continue
        if s.get("$schema") != \
                "https://json-schema.org/draft/2020-12/schema":
            fail("%s: $schema is not draft 2020-12" % path)
        if s.get("$id") != BASE + name:
            fail("%s: $id is %r, not %r" % (path, s.get("$id"),
                                             BASE + name))
        schemas[name] = s
    return schemas


def option(args, name, short=None, least=None):
    """The value of the long option --name (or its abbreviation of at
    least `least` letters, as getopt_long takes it, or -short) in args, as
    meshsim's getopt_long reads it; None when absent."""
    least = least or len(name)
    for i, a in enumerate(args):
        value = args[i + 1] if i + 1 < len(args) else None
        if short and a == "-" + short:
            return value
        if short and a.startswith("-" + short) and not a.startswith("--"):
            return a[2:]
        if not a.startswith("--"):
            continue
        word, eq, v = a[2:].partition("=")
        if len(word) >= least and name.startswith(word):
            return v if eq else value
    return None


# check --format sarif prints SARIF 2.1.0, not a meshsim schema's JSON;
# tests/ci/check_sarif.py checks it.
SARIF = "sarif"


def schema_for(args):
    """The schema of the JSON a command line prints on stdout: a file name,
    or None when it prints no JSON, or "?" when it should and no schema
    is known."""
    if not args or args[0] == "help" or "--help" in args or "-h" in args:
        return None
    cmd, fmt = args[0], option(args, "format", "f", 4)
    if fmt == "sarif":
        return SARIF
    if cmd == "import":
        return "plan.schema.json"
    if cmd == "export":
        return "plan.schema.json" if fmt in (None, "json") else None
    if cmd in ("sweep", "availability") and option(args, "shard", None, 2):
        return "partial.schema.json"
    if fmt != "json":
        return None
    known = {"check", "sweep", "availability", "merge", "simulate", "diff",
             "suggest"}
    return cmd + ".schema.json" if cmd in known else "?"


def read_cases():
    """(name, args) of every case of tests/cli/*.cases."""
    cases = []
    for path in sorted(glob.glob("tests/cli/*.cases")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                name, _, args = line.split("|", 2)
                cases.append((name, args.split()))
    return cases


def golden_stdout(name):
    with open("tests/cli/golden/%s.out" % name, encoding="utf-8") as f:
        text = f.read()
    body = text.split("\n", 1)[1] if "\n" in text else ""
    return body.split("--- stderr\n", 1)[0]


def as_json(text):
    """The JSON object or list text holds, or None."""
    try:
        v = json.loads(text)
    except ValueError:
        return None
    return v if isinstance(v, (dict, list)) else None


def errors(validator, doc):
    return list(validator.iter_errors(doc))


def out_of_order(name, want, doc):
    """The members of an output appear in the order its documentation
    gives, which its schema's "properties" follow: a golden whose
    top-level members come in another order is a failure."""
    s = SCHEMAS.get(want, {})
    order = list(s.get("properties", {}))
    if not isinstance(doc, dict) or not order:
        return
    at = [order.index(k) for k in doc if k in order]
    if at != sorted(at):
        fail("golden %s: members out of %s's order: %s"
             % (name, want, ", ".join(doc)))


def check_goldens(validators):
    """Part 2. Returns {schema: [(case, document)]} for part 4."""
    docs = {}
    n = 0
    for name, args in read_cases():
        out = golden_stdout(name)
        doc = as_json(out)
        want = schema_for(args)
        if doc is None:
            if want not in (None, "?") and out.strip():
                fail("golden %s: %s should print JSON (%s) and does not"
                     % (name, " ".join(args), want))
            continue
        if want == SARIF:       # SARIF 2.1.0: tests/ci/check_sarif.py
            continue
        if want is None or want == "?" or want not in validators:
            fail("golden %s: JSON on stdout, but no schema for `%s`"
                 % (name, " ".join(args)))
            continue
        n += 1
        out_of_order(name, want, doc)
        errs = errors(validators[want], doc)
        for e in errs[:3]:
            fail("golden %s (%s): %s at %s" % (name, want, e.message,
                                               "/".join(map(str, e.path))))
        if not errs:
            docs.setdefault(want, []).append((name, doc))
    print("schema: %d JSON goldens validated" % n)
    return docs


def meshsim_reads(meshsim, path):
    """meshsim's verdict on a plan file: (exit status, the codes of its
    stderr errors, the unknown keys its JSON warns about)."""
    p = subprocess.run([meshsim, "check", "--input-format", "json",
                        "--format", "json",
                        path], capture_output=True, text=True)
    codes = set()
    for line in p.stderr.splitlines():
        if ": error: " in line and line.endswith("]"):
            codes.add(line[line.rindex("[") + 1:-1])
    unknown = set()
    if p.returncode in (0, 1):
        for d in json.loads(p.stdout)["diagnostics"]:
            if d["code"] == "unknown-key":
                unknown.add(d["message"].split("'")[1])
    return p.returncode, codes, unknown


def extra_keys(err):
    """The keys an additionalProperties error is about, or None for an
    error of another kind."""
    if err.validator != "additionalProperties":
        return None
    known = set(err.schema.get("properties", {}))
    return {k for k in err.instance if k not in known}


def check_plans(meshsim, validators):
    """Part 3."""
    plan = validators["plan.schema.json"]
    counts = {"valid": 0, "unknown-key": 0, "refused": 0, "not asserted": 0}
    paths = sorted({p for d in PLAN_DIRS
                    for p in glob.glob(os.path.join(d, "*.json"))})
    for path in paths:
        with open(path, "rb") as f:
            raw = f.read()
        try:
            doc = json.loads(raw.decode("utf-8"))
        except ValueError:
            doc = None
        status, codes, unknown = meshsim_reads(meshsim, path)
        if doc is None:
            if status in (0, 1):
                fail("%s: meshsim reads it, Python's JSON does not" % path)
            continue
        errs = errors(plan, doc)
        if status in (0, 1) and not unknown:
            counts["valid"] += 1
            for e in errs[:3]:
                fail("plan %s: meshsim reads it without a warning on its "
                     "keys, the schema refuses: %s" % (path, e.message))
        elif status in (0, 1):
            counts["unknown-key"] += 1
            flagged = set()
            for e in errs:
                keys = extra_keys(e)
                if keys is None:
                    fail("plan %s: the schema refuses more than the "
                         "unknown keys: %s" % (path, e.message))
                else:
                    flagged |= keys
            if flagged != unknown:
                fail("plan %s: meshsim warns on the keys %s, the schema "
                     "flags %s" % (path, sorted(unknown), sorted(flagged)))
        elif codes and codes <= SCHEMA_CODES:
            counts["refused"] += 1
            if not errs:
                fail("plan %s: meshsim refuses it (%s), the schema "
                     "accepts it" % (path, ", ".join(sorted(codes))))
        else:
            counts["not asserted"] += 1
            if verbose:
                print("  %s: refused for %s, beyond a schema" %
                      (path, ", ".join(sorted(codes))))
    print("schema: plans: %d read and valid, %d with unknown keys flagged "
          "alike, %d refused by both, %d refused for what no schema says"
          % (counts["valid"], counts["unknown-key"], counts["refused"],
             counts["not asserted"]))
    partial = validators["partial.schema.json"]
    n = 0
    for path in sorted(glob.glob("tests/shard/*.json")):
        if os.path.basename(path).startswith("bad-"):
            continue
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        n += 1
        for e in errors(partial, doc)[:3]:
            fail("partial %s: %s" % (path, e.message))
    print("schema: %d partials of tests/shard validated" % n)


def mutations(doc, schema):
    """(what, mutated document) pairs that the schema must refuse."""
    out = []
    required = schema.get("required", [])
    if isinstance(doc, dict):
        for k in required:
            if k in doc:
                d = copy.deepcopy(doc)
                del d[k]
                out.append(("without required '%s'" % k, d))
        for k, v in doc.items():
            d = copy.deepcopy(doc)
            d[k] = "mutated" if isinstance(v, dict) else {"mutated": True}
            out.append(("'%s' of a wrong type" % k, d))
        d = copy.deepcopy(doc)
        d["mutated_member"] = 1
        out.append(("with an unknown member", d))

    def walk(v, path):
        if isinstance(v, dict):
            for k, x in v.items():
                if k in ENUM_KEYS and isinstance(x, str) and \
                        "replication" not in path:
                    yield path + [k], x + "-mutated"
                if k == "diagnostics" and isinstance(x, list) and x:
                    yield path + [k, 0, "code"], None
                yield from walk(x, path + [k])
        elif isinstance(v, list):
            for i, x in enumerate(v[:2]):
                yield from walk(x, path + [i])

    for path, value in walk(doc, []):
        d = copy.deepcopy(doc)
        at = d
        for p in path[:-1]:
            at = at[p]
        if value is None:
            del at[path[-1]]
            what = "a diagnostic without 'code' at %s"
        else:
            at[path[-1]] = value
            what = "a misspelt enum value at %s"
        out.append((what % "/".join(map(str, path)), d))
    return out


def check_mutations(validators, schemas, docs):
    """Part 4: for each schema, the goldens of each distinct shape (set
    of top-level members) mutated."""
    n = 0
    for want, cases in sorted(docs.items()):
        schema = schemas[want]
        if want == "merge.schema.json":
            # The mutations are those of sweep's and availability's.
            continue
        seen = set()
        for name, doc in cases:
            shape = tuple(sorted(doc)) if isinstance(doc, dict) else ()
            if shape in seen:
                continue
            seen.add(shape)
            for what, d in mutations(doc, schema):
                n += 1
                if not errors(validators[want], d):
                    fail("mutation of golden %s (%s) %s: still valid"
                         % (name, want, what))
    missing = {"check", "sweep", "availability", "partial", "simulate",
               "diff", "suggest", "plan"} - \
        {w.split(".")[0] for w in docs}
    for m in sorted(missing):
        fail("no golden exercises %s.schema.json" % m)
    print("schema: %d mutations of goldens, each refused" % n)


def check_random(meshsim, validators, count):
    """Part 5: random plans, and what meshsim writes of them."""
    path = os.path.join("tests", "roundtrip", "run.py")
    spec = importlib.util.spec_from_file_location("roundtrip", path)
    roundtrip = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(roundtrip)
    runs = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(count):
            plan = roundtrip.random_plan(seed)
            for e in errors(validators["plan.schema.json"], plan)[:3]:
                fail("random plan %d: %s" % (seed, e.message))
            f = os.path.join(tmp, "plan-%d.json" % seed)
            with open(f, "w", encoding="utf-8") as out:
                json.dump(plan, out, ensure_ascii=False)
            commands = [("plan.schema.json", ["export"]),
                        ("check.schema.json", ["check", "--format", "json"])]
            if seed % 3 == 0:
                commands.append(("sweep.schema.json",
                                 ["sweep", "--format", "json"]))
            for want, args in commands:
                p = subprocess.run([meshsim] + args + [f],
                                   capture_output=True, text=True)
                runs += 1
                doc = as_json(p.stdout)
                if p.returncode not in (0, 1) or doc is None:
                    fail("random plan %d: %s: exit %d, %s" % (
                        seed, " ".join(args), p.returncode,
                        p.stderr.strip()[:200]))
                    continue
                for e in errors(validators[want], doc)[:3]:
                    fail("random plan %d: %s: %s at %s" % (
                        seed, " ".join(args), e.message,
                        "/".join(map(str, e.path))))
        # suggest -o writes the plan with the routes added.
        for seed in range(0, count, 5):
            f = os.path.join(tmp, "plan-%d.json" % seed)
            out = os.path.join(tmp, "suggested-%d.json" % seed)
            subprocess.run([meshsim, "suggest", "-o", out, f],
                           capture_output=True, text=True)
            if not os.path.exists(out):
                continue            # a plan suggest refuses
            runs += 1
            with open(out, encoding="utf-8") as g:
                doc = json.load(g)
            for e in errors(validators["plan.schema.json"], doc)[:3]:
                fail("random plan %d: suggest -o: %s" % (seed, e.message))
    print("schema: %d random plans valid, %d outputs of them validated"
          % (count, runs))


def check_validate_py():
    """validate.py, as docs/json.md shows it: a valid file exits 0, an
    invalid one 1."""
    tool = os.path.join("tests", "schema", "validate.py")
    for schema, path, want in (("plan", "scenarios/figure1.json", 0),
                               ("check", "scenarios/figure1.json", 1)):
        p = subprocess.run([sys.executable, tool, schema, path],
                           capture_output=True, text=True)
        if p.returncode != want:
            fail("validate.py %s %s: exit %d, expected %d: %s"
                 % (schema, path, p.returncode, want, p.stdout + p.stderr))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    meshsim = os.path.abspath(sys.argv[1])
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "..", ".."))
    schemas = load_schemas()
    SCHEMAS.update(schemas)
    print("schema: %d schemas checked against the 2020-12 metaschema"
          % len(schemas))
    validators = validate.validators(schemas)
    docs = check_goldens(validators)
    check_plans(meshsim, validators)
    check_mutations(validators, schemas, docs)
    check_validate_py()
    count = 30
    if "--random" in sys.argv:
        count = int(sys.argv[sys.argv.index("--random") + 1])
    check_random(meshsim, validators, count)
    for f in failures[:40]:
        print("FAIL " + f)
    if len(failures) > 40:
        print("... and %d more" % (len(failures) - 40))
    print("schema: %d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
