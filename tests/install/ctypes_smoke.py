#!/usr/bin/env python3
"""ctypes_smoke.py: the installed libmeshsim.so from Python through ctypes,
as a user without a C compiler would call it: random plans parsed and
analysed by the library, whose JSON must agree with networkx (connected,
articulation points, bridges), and a refused plan's diagnostic.

Usage: tests/install/ctypes_smoke.py LIBMESHSIM.SO (make test, through
tests/install/run.sh). Exit 0 when every check holds, 1 otherwise.
"""
import ctypes
import ctypes.util
import json
import random
import sys

import networkx as nx

PLANS = 20
MESH_FORMAT_AUTO = 0    # plan.h: the first of enum mesh_format


class Diag(ctypes.Structure):
    """struct mesh_diag (diag.h)."""
    _fields_ = [('severity', ctypes.c_int), ('code', ctypes.c_char_p),
                ('message', ctypes.c_char_p), ('file', ctypes.c_char_p),
                ('line', ctypes.c_int), ('column', ctypes.c_int),
                ('node', ctypes.c_char_p)]


class Diags(ctypes.Structure):
    """struct mesh_diags (diag.h): the caller's."""
    _fields_ = [('v', ctypes.POINTER(Diag)), ('n', ctypes.c_size_t),
                ('cap', ctypes.c_size_t), ('errors', ctypes.c_size_t),
                ('nomem', ctypes.c_int)]


def load(path):
    """The library with the prototypes used here."""
    lib = ctypes.CDLL(path)
    vp, pp = ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)
    dp = ctypes.POINTER(Diags)
    lib.mesh_strerror.restype = ctypes.c_char_p
    lib.mesh_strerror.argtypes = [ctypes.c_int]
    lib.mesh_diags_init.argtypes = [dp]
    lib.mesh_diags_clear.argtypes = [dp]
    lib.mesh_plan_parse.argtypes = [ctypes.c_char_p, ctypes.c_size_t,
                                    ctypes.c_char_p, ctypes.c_int, dp, pp]
    lib.mesh_plan_parse.restype = ctypes.c_int
    lib.mesh_plan_free.argtypes = [vp]
    lib.mesh_analyze.argtypes = [vp, vp, pp]
    lib.mesh_analyze.restype = ctypes.c_int
    lib.mesh_analysis_free.argtypes = [vp]
    # A string the caller frees with free(): kept as a pointer.
    lib.mesh_analysis_json.argtypes = [vp, dp]
    lib.mesh_analysis_json.restype = vp
    return lib


def analyse(lib, libc, text, file):
    """(error code, the analysis's JSON or None, the diagnostics)."""
    d = Diags()
    plan, a = ctypes.c_void_p(), ctypes.c_void_p()
    lib.mesh_diags_init(ctypes.byref(d))
    err = lib.mesh_plan_parse(text, len(text), file, MESH_FORMAT_AUTO,
                              ctypes.byref(d), ctypes.byref(plan))
    doc = None
    if err == 0:
        err = lib.mesh_analyze(plan, None, ctypes.byref(a))
    if err == 0:
        s = lib.mesh_analysis_json(a, ctypes.byref(d))
        if s:
            doc = json.loads(ctypes.string_at(s).decode('utf-8'))
            libc.free(s)
    diags = [(d.v[i].file, d.v[i].line, d.v[i].column, d.v[i].code)
             for i in range(d.n)]
    lib.mesh_analysis_free(a)
    lib.mesh_plan_free(plan)
    lib.mesh_diags_clear(ctypes.byref(d))
    return err, doc, diags


def random_graph(rng):
    """A random graph of 2 to 14 nodes, often split or with cut points."""
    n = rng.randint(2, 14)
    g = nx.Graph()
    g.add_nodes_from('n%02d' % i for i in range(n))
    for _ in range(rng.randint(0, 2 * n)):
        a, b = rng.sample(range(n), 2)
        g.add_edge('n%02d' % a, 'n%02d' % b)
    return g


def plan_text(name, g):
    """g as a JSON plan: each edge a route of its first node."""
    nodes = [{'name': v, 'routes': [{'node': w} for w in sorted(g[v])
                                    if w > v]} for v in sorted(g)]
    return json.dumps({'name': name, 'nodes': nodes}).encode('utf-8')


def main():
    lib = load(sys.argv[1])
    libc = ctypes.CDLL(ctypes.util.find_library('c'))
    libc.free.argtypes = [ctypes.c_void_p]
    rng = random.Random(15)
    fails = 0
    for k in range(PLANS):
        g = random_graph(rng)
        err, doc, _ = analyse(lib, libc, plan_text('p%d' % k, g),
                              b'ctypes.json')
        if err != 0 or doc is None:
            print('FAIL ctypes: plan %d: %s' % (k, lib.mesh_strerror(err)))
            fails += 1
            continue
        want = (nx.is_connected(g), sorted(nx.articulation_points(g)),
                sorted(sorted(e) for e in nx.bridges(g)))
        got = (doc['connected'], doc['articulation_points'],
               doc['bridges'])
        if got != want:
            print('FAIL ctypes: plan %d: meshsim %r, networkx %r'
                  % (k, got, want))
            fails += 1
    err, doc, diags = analyse(lib, libc, b'{"nodes": [', b'bad.json')
    if err == 0 or doc is not None or not diags or \
            diags[0][0] != b'bad.json' or diags[0][1] != 1 or \
            lib.mesh_strerror(err) == lib.mesh_strerror(0):
        print('FAIL ctypes: a refused plan: error %d (%s), diagnostics %r'
              % (err, lib.mesh_strerror(err), diags))
        fails += 1
    if fails == 0:
        print('ctypes: %d plans as networkx sees them; a refused plan '
              'refused at bad.json:%d:%d [%s]' % (PLANS, diags[0][1],
                                                 diags[0][2],
                                                 diags[0][3].decode()))
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
