#!/usr/bin/env python3
"""Validate JSON files against meshsim's JSON Schemas, offline.

Usage: validate.py [--dir DIR] SCHEMA [FILE...]

SCHEMA is a schema's name (check, sweep, availability, merge, partial,
simulate, diff, suggest, plan) or file name. Each FILE (stdin when none
is given) is validated against DIR/SCHEMA.schema.json (DIR: the
repository's schema/ by default; an installed copy is under
PREFIX/share/meshsim/schema/). The schemas refer to each other by their
$id (https://meshsim.invalid/schema/NAME), a name and not a place to
download from: every schema of DIR is loaded under its $id, so nothing is
fetched. Prints each error with the JSON path of the value at fault;
exits 0 when every file is valid, 1 when one is not, 2 on a usage error
or a file that is not JSON.

Needs python3-jsonschema (Debian's 4.10 or later).
"""

import glob
import json
import os
import sys

try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError:
    sys.exit("validate.py: python3-jsonschema is missing "
             "(tools/install-deps --test installs it)")

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA_DIR = os.path.join(HERE, "..", "..", "schema")


def load(directory):
    """Every DIR/*.json, by file name."""
    schemas = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        with open(path, encoding="utf-8") as f:
            schemas[os.path.basename(path)] = json.load(f)
    return schemas


def validators(schemas):
    """A Draft 2020-12 validator per schema, its $refs resolved among the
    schemas given, by $id: through `referencing` (jsonschema 4.18 and
    later), else through RefResolver (Debian 12's 4.10)."""
    try:
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012
    except ImportError:
        store = {s["$id"]: s for s in schemas.values() if "$id" in s}

        def make(s):
            resolver = jsonschema.RefResolver.from_schema(s, store=store)
            return Draft202012Validator(s, resolver=resolver)
    else:
        registry = Registry().with_resources(
            (s["$id"], DRAFT202012.create_resource(s))
            for s in schemas.values() if "$id" in s)

        def make(s):
            return Draft202012Validator(s, registry=registry)
    return {n: make(s) for n, s in schemas.items()}


def where(err):
    """The JSON path of the value an error is about: $.steps[0].ok"""
    out = "$"
    for p in err.absolute_path:
        out += "[%d]" % p if isinstance(p, int) else "." + str(p)
    return out


def main(argv):
    directory = SCHEMA_DIR
    if argv[:1] == ["--dir"] and len(argv) > 1:
        directory, argv = argv[1], argv[2:]
    if not argv or argv[0].startswith("-"):
        sys.stderr.write(__doc__)
        return 2
    name = argv[0]
    if not name.endswith(".json"):
        name += ".schema.json"
    schemas = load(directory)
    if name not in schemas:
        sys.stderr.write("validate.py: no schema %s in %s\n"
                         % (name, directory))
        return 2
    v = validators(schemas)[name]
    status = 0
    for path in argv[1:] or ["-"]:
        try:
            if path == "-":
                doc = json.load(sys.stdin)
            else:
                with open(path, encoding="utf-8") as f:
                    doc = json.load(f)
        except (OSError, ValueError) as e:
            sys.stderr.write("validate.py: %s: %s\n" % (path, e))
            return 2
        errs = sorted(v.iter_errors(doc), key=lambda e: list(map(
            str, e.absolute_path)))
        for e in errs:
            print("%s: %s: %s" % (path, where(e), e.message))
        if errs:
            status = 1
        else:
            print("%s: valid (%s)" % (path, name))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
