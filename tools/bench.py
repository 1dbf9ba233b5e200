#!/usr/bin/python3
"""Benchmark meshsim against the networkx equivalent on the same plans.

Usage:
    bench.py [--meshsim BIN] [--c-peer BIN] [--sizes N,N,...]
             [--shapes S,S,...] [--degree D] [--cap SECONDS] [--cache DIR]
             [--no-peers] [--no-extra] [--write FILE]

First (unless --no-peers) the comparison of issue 16, on random-regular
plans of degree 3 and 6 (`tools/gen_plan.py --seed 1`): at 100,000 nodes
and 150,000 routes meshsim against networkx (`tools/nx_check.py`) and
the python-igraph script a user would write (`tools/ig_check.py`); at
1,000,000 nodes with 1,500,000 and 3,000,000 routes meshsim against the
naive C program that parses with cJSON and analyses with igraph
(`tools/cjson_igraph_check.c`, built by make bench as --c-peer).  Each run
is measured with GNU time (wall, user + system CPU, peak RSS); each peer
prints its components, articulation points and bridges (--answers), and
they must equal meshsim's.  Each side runs three times and its
fastest run is shown (wall time; that run's CPU and peak RSS).  The sha256 of meshsim's output is shown, so
that two builds can be seen to give the same bytes.

For each shape and size, generates a plan with tools/gen_plan.py (seed 1,
degree --degree, default 6: 3,000,000 routes at 1,000,000 nodes; cached
under --cache, keyed by shape, size, seed and degree, so reruns are
fast), then runs

    meshsim check --format json --fail-on never PLAN
    tools/nx_check.py PLAN          (networkx, Debian's /usr/bin/python3)

and measures wall time and peak RSS of each with GNU time
(`/usr/bin/time -f '%e %M'`).  A run that exceeds --cap seconds (default
180) is killed and marked "did not finish".  Unless --no-extra, it also
times `meshsim sweep --k 2`, `meshsim availability --trials 1000000` and
`meshsim report`.  Prints Markdown tables; with --write FILE also writes
them there with a description of the machine.  A "## Where the time goes"
section already in FILE is kept.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/usr/bin/python3"
GNU_TIME = "/usr/bin/time"
DEFAULT_SIZES = "1000,10000,100000"
CONNECTIVITY_LIMIT = 20000
KEEP_SECTION = "## Where the time goes"
# Runs of each command of the issue-16 comparison, the fastest kept.
RUNS = 3


def plan_path(cache, shape, nodes, seed=1, degree=3):
    """The cached plan of a shape and size, generated when missing."""
    os.makedirs(cache, exist_ok=True)
    path = os.path.join(cache, f"{shape}-n{nodes}-s{seed}-d{degree}.json")
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        tmp = path + f".tmp{os.getpid()}"
        subprocess.run([PYTHON, os.path.join(HERE, "gen_plan.py"),
                        "--shape", shape, "--nodes", str(nodes),
                        "--seed", str(seed), "--degree", str(degree),
                        "-o", tmp], check=True)
        os.replace(tmp, path)
    return path


class Run:
    """One measured run: wall seconds, peak RSS in KiB, exit status,
    standard output; finished is False when it hit the cap."""

    def __init__(self, wall, rss, status, out, finished=True):
        self.wall, self.rss, self.status = wall, rss, status
        self.out, self.finished = out, finished


def measure(cmd, cap):
    """Run cmd under GNU time, killing it (and its group) after cap s."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        proc = subprocess.Popen(
            [GNU_TIME, "-f", "%e %M", "-o", timing.name] + cmd,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True)
        try:
            out, err = proc.communicate(timeout=cap)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return Run(cap, None, None, b"", finished=False)
        fields = timing.read().split()
        # GNU time writes "Command exited with non-zero status N" first.
        wall, rss = float(fields[-2]), int(fields[-1])
        if proc.returncode != 0:
            sys.stderr.write(err.decode(errors="replace")[-2000:])
        return Run(wall, rss, proc.returncode, out)


def fmt_time(run, cap):
    if not run.finished:
        return f"did not finish in {cap:g} s"
    if run.status:
        return f"failed (exit {run.status})"
    return f"{run.wall:.2f} s"


def fmt_mem(run):
    if not run.finished or run.rss is None:
        return "–"
    mib = run.rss / 1024
    return f"{mib / 1024:.2f} GiB" if mib >= 1024 else f"{mib:.0f} MiB"


def ratio(a, b, key):
    if not (a.finished and b.finished) or a.status or b.status:
        return "–"
    x, y = key(a), key(b)
    return f"{y / x:.1f}×" if x else "–"


def human_size(size):
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else \
                f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


class Timed:
    """A run measured with GNU time: wall and CPU seconds, peak RSS in
    KiB, exit status, standard output; finished is False at the cap."""

    def __init__(self, wall, cpu, rss, status, out, finished=True):
        self.wall, self.cpu, self.rss = wall, cpu, rss
        self.status, self.out, self.finished = status, out, finished


def measure_cpu(cmd, cap):
    """Run cmd under GNU time, with CPU time, killed after cap s."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        proc = subprocess.Popen(
            [GNU_TIME, "-f", "%e %U %S %M", "-o", timing.name] + cmd,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True)
        try:
            out, err = proc.communicate(timeout=cap)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return Timed(cap, None, None, None, b"", finished=False)
        f = timing.read().split()
        if proc.returncode != 0:
            sys.stderr.write(err.decode(errors="replace")[-2000:])
        return Timed(float(f[-4]), float(f[-3]) + float(f[-2]),
                     int(f[-1]), proc.returncode, out)


def measure_best(cmd, cap, runs):
    """The fastest of runs runs of cmd (measure_cpu()) by wall time, as
    benchmarks report: the run least disturbed by the rest of the
    machine. Stops at the first run that fails or hits the cap."""
    best = None
    for _ in range(runs):
        t = measure_cpu(cmd, cap)
        if not t.finished or t.status:
            return t
        if best is None or t.wall < best.wall:
            best = t
    return best


def canonical(components, articulation, bridges):
    """Answers in one form: components sorted, each sorted by name;
    articulation points sorted; bridges as sorted pairs, sorted."""
    return (sorted(sorted(c) for c in components), sorted(articulation),
            sorted(sorted(b) for b in bridges))


def meshsim_answers(out):
    report = json.loads(out)
    return canonical(report["components"], report["articulation_points"],
                     report["bridges"])


def peer_answers(out):
    a = json.loads(out)["answers"]
    return canonical(a["components"], a["articulation_points"],
                     a["bridges"])


PEER_CASES = [
    # nodes, degree (routes = nodes * degree / 2), peers
    (100000, 3, ("networkx", "python-igraph")),
    (1000000, 3, ("cJSON+igraph",)),
    (1000000, 6, ("cJSON+igraph",)),
]


def peer_command(name, c_peer, path):
    if name == "networkx":
        return [PYTHON, os.path.join(HERE, "nx_check.py"),
                "--connectivity-limit", "0", "--answers", path]
    if name == "python-igraph":
        return [PYTHON, os.path.join(HERE, "ig_check.py"), "--answers",
                path]
    return [c_peer, "--answers", path]


def fmt_cpu(run):
    return f"{run.cpu:.2f} s" if run.finished and not run.status else "–"


def peer_rows(meshsim, c_peer, cache, cap):
    """The comparison of issue 16: one row per (plan, peer)."""
    rows = []
    for nodes, degree, peers in PEER_CASES:
        path = plan_path(cache, "random-regular", nodes, degree=degree)
        routes = nodes * degree // 2
        print(f"# peers {nodes} / {routes}: meshsim", file=sys.stderr,
              flush=True)
        ms = measure_best([meshsim, "check", "--format", "json",
                           "--fail-on", "never", path], cap, RUNS)
        digest = hashlib.sha256(ms.out).hexdigest()[:16] \
            if ms.finished and not ms.status else "–"
        mine = meshsim_answers(ms.out) if ms.finished and not ms.status \
            else None
        for peer in peers:
            if peer == "cJSON+igraph" and not c_peer:
                continue
            print(f"#   {peer}", file=sys.stderr, flush=True)
            other = measure_best(peer_command(peer, c_peer, path), cap,
                                 RUNS)
            agree = "–"
            if mine is not None and other.finished and not other.status:
                agree = "yes" if peer_answers(other.out) == mine \
                    else "**NO**"
            rows.append([f"{nodes:,}", f"{routes:,}",
                         human_size(os.path.getsize(path)),
                         fmt_time(ms, cap), fmt_cpu(ms), fmt_mem(ms),
                         peer, fmt_time(other, cap), fmt_cpu(other),
                         fmt_mem(other),
                         ratio(ms, other, lambda r: r.wall),
                         ratio(ms, other, lambda r: r.cpu),
                         ratio(ms, other, lambda r: r.rss), agree,
                         f"`{digest}`"])
    return rows


def check_row(meshsim, shape, nodes, cache, cap, degree):
    path = plan_path(cache, shape, nodes, degree=degree)
    print(f"# {shape} {nodes}: meshsim check", file=sys.stderr, flush=True)
    ms = measure([meshsim, "check", "--format", "json", "--fail-on",
                  "never", path], cap)
    print(f"#   {fmt_time(ms, cap)} {fmt_mem(ms)}; networkx",
          file=sys.stderr, flush=True)
    nx = measure([PYTHON, os.path.join(HERE, "nx_check.py"), path], cap)
    print(f"#   {fmt_time(nx, cap)} {fmt_mem(nx)}", file=sys.stderr,
          flush=True)
    links = notes = ""
    agree = ""
    try:
        report = json.loads(ms.out) if ms.finished and not ms.status \
            else None
    except ValueError:
        report = None
    try:
        summary = json.loads(nx.out) if nx.finished and not nx.status \
            else None
    except ValueError:
        summary = None
    if report:
        links = report.get("links", "")
        if report.get("vertex_connectivity") is None or \
                nodes > report.get("connectivity_limit", CONNECTIVITY_LIMIT):
            notes = "connectivity skipped (> 20,000 nodes), both sides"
    if report and summary:
        same = (report["links"] == summary["links"]
                and len(report["components"]) == summary["components"]
                and len(report["articulation_points"])
                == summary["articulation_points"]
                and len(report["bridges"]) == summary["bridges"])
        if "vertex_connectivity" in summary:
            same = same and (report["vertex_connectivity"]
                             == summary["vertex_connectivity"]
                             and report["edge_connectivity"]
                             == summary["edge_connectivity"])
        agree = "yes" if same else "**NO**"
    return [shape, f"{nodes:,}", f"{links:,}" if links != "" else "",
            human_size(os.path.getsize(path)),
            fmt_time(ms, cap), fmt_mem(ms), fmt_time(nx, cap), fmt_mem(nx),
            ratio(ms, nx, lambda r: r.wall),
            ratio(ms, nx, lambda r: r.rss), agree, notes]


def extra_rows(meshsim, cache, cap):
    html = os.path.join(cache, "report.html")
    jobs = [
        ("sweep --k 2", 2000, ["sweep", "--k", "2"]),
        ("sweep --k 2", 10000, ["sweep", "--k", "2"]),
        ("availability --trials 1000000", 100,
         ["availability", "--trials", "1000000"]),
        ("report -o report.html", 1000, ["report", "-o", html]),
    ]
    rows = []
    for label, nodes, args in jobs:
        path = plan_path(cache, "random-regular", nodes)
        print(f"# meshsim {label} on {nodes}", file=sys.stderr, flush=True)
        run = measure([meshsim] + args + [path], cap)
        status = "" if not run.finished or not run.status else \
            f"exit {run.status}"
        rows.append([f"meshsim {label}", f"{nodes:,}",
                     fmt_time(run, cap), fmt_mem(run), status])
    return rows


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def command_out(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True,
                              check=False).stdout.strip()
    except OSError:
        return "?"


def machine():
    model = ""
    for line in command_out(["lscpu"]).splitlines():
        if line.startswith("Model name"):
            model = line.split(":", 1)[1].strip()
    mem = "?"
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            kib = int(f.readline().split()[1])
            mem = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    nxv = command_out([PYTHON, "-c",
                       "import networkx; print(networkx.__version__)"])
    igv = command_out(["pkg-config", "--modversion", "igraph"])
    cj = command_out(["pkg-config", "--modversion", "libcjson"])
    date = datetime.datetime.now(datetime.timezone.utc)
    return [
        f"- date: {date:%Y-%m-%d %H:%M} UTC",
        f"- CPUs (`nproc`): {command_out(['nproc'])}; model: {model}",
        f"- memory: {mem}",
        f"- kernel: {platform.system()} {platform.release()}",
        f"- igraph {igv}, cJSON {cj}; networkx {nxv} on "
        f"{command_out([PYTHON, '--version'])} ({PYTHON})",
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--meshsim", default="build/meshsim")
    parser.add_argument("--c-peer", default="",
                        help="the cJSON+igraph program (make bench "
                        "builds it)")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--sizes", default=DEFAULT_SIZES)
    parser.add_argument("--shapes", default="random-regular")
    parser.add_argument("--degree", type=int, default=6)
    parser.add_argument("--cap", type=float, default=180.0)
    parser.add_argument("--cache", default="/tmp/meshsim-bench")
    parser.add_argument("--no-extra", action="store_true")
    parser.add_argument("--write", metavar="FILE")
    args = parser.parse_args(argv)
    meshsim = os.path.abspath(args.meshsim)
    load_at_start = command_out(["uptime"])
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]

    out = []
    if not args.no_peers:
        c_peer = os.path.abspath(args.c_peer) if args.c_peer else ""
        out += ["## Issue 16: `meshsim check` against its peers", "",
                "`meshsim check --format json --fail-on never PLAN` "
                "against `tools/nx_check.py` (networkx), "
                "`tools/ig_check.py` (python-igraph) and "
                "`tools/cjson_igraph_check` (C: cJSON, a plain hash table, "
                "igraph), each computing components, articulation "
                "points and bridges (no connectivity: above meshsim's "
                "`--connectivity-limit`). Plans: `tools/gen_plan.py "
                "--shape random-regular --seed 1 --degree 3` (1.5 "
                "routes a node) and `--degree 6` (3). Wall and CPU "
                "(user + system) time and peak RSS from GNU time, "
                f"each side's fastest of {RUNS} runs by wall time; "
                "*agree*: the peer's components, articulation points "
                "and bridges equal meshsim's; *sha256*: the first 16 "
                "hex digits of meshsim's output.", "",
                table(["nodes", "routes", "plan size", "meshsim wall",
                       "meshsim CPU", "meshsim peak RSS", "peer",
                       "peer wall", "peer CPU", "peer peak RSS",
                       "wall ratio", "CPU ratio", "memory ratio",
                       "agree", "meshsim sha256"],
                      peer_rows(meshsim, c_peer, args.cache, args.cap)),
                ""]
    rows = [check_row(meshsim, shape, n, args.cache, args.cap, args.degree)
            for shape in args.shapes.split(",") for n in sizes]
    check_table = table(
        ["shape", "nodes", "links", "plan size", "meshsim time",
         "meshsim peak RSS", "networkx time", "networkx peak RSS",
         "time ratio (nx/meshsim)", "memory ratio (nx/meshsim)",
         "results agree", "notes"], rows)
    out += ["## `meshsim check` against networkx", "",
           "Wall time and peak RSS of `meshsim check --format json "
           "--fail-on never PLAN` and of `tools/nx_check.py PLAN` "
           "(networkx: components, articulation points, bridges, and "
           "node/edge connectivity at most 20,000 nodes, like meshsim's "
           "default `--connectivity-limit`), measured with GNU time. "
           f"Plans: `tools/gen_plan.py --seed 1 --degree {args.degree}`. "
           f"Runs are capped at {args.cap:g} s.", "", check_table]
    if not args.no_extra:
        out += ["", "## Other commands", "",
                table(["command", "nodes", "time", "peak RSS", "notes"],
                      extra_rows(meshsim, args.cache, args.cap))]
    text = "\n".join(out) + "\n"
    print(text)
    if args.write:
        kept = ""
        if os.path.exists(args.write):
            with open(args.write, encoding="utf-8") as f:
                old = f.read()
            at = old.find(KEEP_SECTION)
            if at >= 0:
                kept = "\n" + old[at:]
        doc = ["# Benchmarks", "",
               "Produced by `make bench` (`tools/bench.py --write "
               "docs/bench.md`); rerun to refresh. Plans are cached under "
               "`/tmp/meshsim-bench/`.", "", "## Machine", ""]
        doc += machine()
        doc.append(f"- load average when the run began and ended: "
                   f"{load_at_start}; {command_out(['uptime'])}")
        with open(args.write, "w", encoding="utf-8") as f:
            f.write("\n".join(doc) + "\n\n" + text + kept)
    return 0


if __name__ == "__main__":
    sys.exit(main())
