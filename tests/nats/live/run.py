#!/usr/bin/env python3
"""nats-live: `meshsim simulate` against real nats-server processes.

Usage:
    run.py MESHSIM [--seed S] [--plans N] [--jobs J] [--settle SEC]
                   [--gap SEC] [--timeout SEC] [--configs export|own]
                   [--faults auto|on|off] [--keep] [-v]

Random plans (figure 1 of the documentation, chains, stars, rings, random
graphs, routes stored at both ends, nodes with no routes, separate
islands), each with a random timeline of stop/start/restart steps, are
written as meshsim JSON plans.  For each plan, `meshsim export --format
nats --loopback BASE` writes per-node nats-server configs (127.0.0.1,
three distinct free ports per node for client, cluster and http
monitoring), real `nats-server -c CONF` processes are started and the
timeline is played on them: stop is SIGTERM and wait, start runs the
server with its config, restart is stop, a pause of --gap seconds (see
docs/simulate.md, "Where the server's timing matters"), then start.
Where network namespaces can be made (root, veth), one plan in three also
has cut and heal steps and runs each node in its own namespace, with a
veth pair between every two nodes: a cut takes a pair down (see
NetCluster).
After the start of every node and after each step, every up server's
/routez is polled until the connection set has not changed for --settle
seconds; remote ids are mapped to names with each server's /varz.  The live
connections are compared with the state `meshsim simulate --format json`
gives for that step (every pair of up nodes not listed in `cannot_talk`
is a connection).  Every difference prints a FAIL line with the plan, the
step and both answers.  Each state of `meshsim simulate` is also compared
with server_rule_states, the gossip rule of nats-server's source written
here again in Python (docs/simulate.md, "Gossip and gaps"), so that the
rule is checked where the random timelines do not reach a gap.

Skips with a message when nats-server is absent, unless CI=true: then its
absence is a failure.  Every server is stopped at the end, also on a
failure, Ctrl-C, SIGTERM or the --timeout watchdog; the last check is that
no process started from this run's folder is left (pgrep -f).  The exit
status is 1 on any difference, error or left-over process.
"""

import argparse
import atexit
import itertools
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

# The server: $NATS_SERVER, else Debian's, else the first on PATH.
NATS_SERVER = os.environ.get("NATS_SERVER") or (
    "/usr/sbin/nats-server" if os.access("/usr/sbin/nats-server", os.X_OK)
    else shutil.which("nats-server") or "nats-server")
CLUSTER_PORT = 6222          # the clustering port in the plans
POLL = 0.25                  # seconds between two polls of /routez
SETTLE_LIMIT = 20.0          # seconds a state may take to settle
START_LIMIT = 10.0           # seconds a server may take to answer /varz
STOP_LIMIT = 10.0            # seconds a server may take to exit on SIGTERM
PORT_LOW, PORT_HIGH = 20000, 32000  # below Linux's ephemeral range

# Every server process of this run, by pid; the lock guards it.
PROCS = {}
PROCS_LOCK = threading.Lock()
ABORT = threading.Event()


def say(*parts):
    print(*parts, flush=True)


# ---------------------------------------------------------------- plans

def pairs(names):
    """Every unordered pair of names, each sorted, in a sorted list."""
    return sorted(tuple(sorted(p)) for p in itertools.combinations(names, 2))


SHAPES = ["figure1", "chain", "star", "ring", "random", "no-routes",
          "both-ends", "islands"]


def gen_routes(rng, shape, names):
    """The routes of a plan of SHAPE: a sorted list of (owner, target)."""
    n = len(names)
    routes = set()

    def link(a, b, both=False):
        if both:
            routes.add((a, b))
            routes.add((b, a))
        elif rng.random() < 0.5:
            routes.add((a, b))
        else:
            routes.add((b, a))

    if shape == "figure1":
        routes = {(names[0], names[1]), (names[0], names[2])}
    elif shape in ("chain", "ring", "both-ends"):
        order = names[:]
        rng.shuffle(order)
        for a, b in zip(order, order[1:]):
            link(a, b, shape == "both-ends")
        if shape == "ring" and n > 2:
            link(order[-1], order[0])
    elif shape == "star":
        hub = rng.choice(names)
        hub_stores = rng.random() < 0.5
        for x in names:
            if x == hub:
                continue
            if hub_stores:
                routes.add((hub, x))
            else:
                link(hub, x)
    elif shape == "islands":
        cut = rng.randint(1, n - 1)
        for part in (names[:cut], names[cut:]):
            for a, b in zip(part, part[1:]):
                link(a, b)
    else:                               # random, no-routes
        alone = set()
        if shape == "no-routes":
            alone = set(rng.sample(names, rng.randint(1, n - 2)))
        for a, b in pairs(names):
            if a in alone or b in alone:
                continue
            if rng.random() < 0.4:
                link(a, b, rng.random() < 0.15)
    return sorted(routes)


def gen_timeline(rng, names, steps, faults=False):
    """A random timeline: a list of (event, [names]); with FAULTS, cut and
    heal steps too."""
    up = set(names)
    cut = set()
    timeline = []
    for _ in range(steps):
        weights = [2, 3, 3, 3, 4] if faults else [4, 3, 3, 0, 0]
        event = rng.choices(["stop", "start", "restart", "cut", "heal"],
                            weights)[0]
        if event == "heal" and (not cut or rng.random() < 0.1):
            pair = sorted(rng.sample(names, 2))
            event = "cut" if tuple(pair) not in cut else "heal"
        if event == "cut":
            free = [p for p in pairs(names) if p not in cut] or pairs(names)
            pair = rng.choice(free)
            cut.add(pair)
            timeline.append(("cut", list(pair)))
            continue
        if event == "heal":
            pair = rng.choice(sorted(cut))
            cut.discard(pair)
            timeline.append(("heal", list(pair)))
            continue
        if event == "start" and len(up) == len(names):
            event = rng.choice(["stop", "restart"])
        elif event == "stop" and not up:
            event = "start"
        want = rng.choice([1, 1, 1, 2])
        if event == "stop" and rng.random() < 0.9 and len(up) > 0:
            pool = sorted(up)
        elif event == "start" and rng.random() < 0.9 and len(up) < len(names):
            pool = sorted(set(names) - up)
        else:
            pool = names
        chosen = sorted(rng.sample(pool, min(want, len(pool))))
        if event == "stop":
            up -= set(chosen)
        else:
            up |= set(chosen)
        timeline.append((event, chosen))
    return timeline


def gen_plan(rng, index, faults=False):
    """Plan number INDEX: a dict with index, shape, names, routes, timeline
    and faults (whether it runs in network namespaces, with cut and heal
    steps: one plan in three when FAULTS)."""
    faults = faults and index % 3 == 2
    shape = SHAPES[index % len(SHAPES)]
    if shape == "figure1":
        names = ["node1", "node2", "node3"]
    else:
        names = ["n%d" % i for i in range(1, rng.randint(3, 6) + 1)]
    routes = gen_routes(rng, shape, names)
    timeline = gen_timeline(rng, names, rng.randint(5, 7), faults)
    if index == 0:
        # The documentation's own timeline (docs/simulate.md) first.
        timeline = [("stop", ["node1"]), ("restart", ["node2"]),
                    ("start", ["node1"])] + timeline[:3]
    return {"index": index, "shape": shape, "names": names,
            "routes": routes, "timeline": timeline, "faults": faults}


def host_of(names, name):
    return NET_ADDR % (names.index(name) + 1)


def plan_json(plan):
    """The meshsim JSON plan of PLAN, as text."""
    names = plan["names"]
    nodes = []
    for x in names:
        node = {"name": x, "host": host_of(names, x), "port": CLUSTER_PORT}
        mine = [{"host": host_of(names, t), "port": CLUSTER_PORT}
                for o, t in plan["routes"] if o == x]
        if mine:
            node["routes"] = mine
        nodes.append(node)
    doc = {"name": "nats-live %d: %s" % (plan["index"], plan["shape"]),
           "nodes": nodes,
           "timeline": [{e: ns} for e, ns in plan["timeline"]]}
    return json.dumps(doc, indent=1) + "\n"


# ---------------------------------------------------------------- ports

class PortPool:
    """Blocks of free loopback ports in the layout of `meshsim export
    --format nats --loopback BASE`: node i (0-based, in plan order) has
    client port BASE+i, cluster port BASE+1000+i, monitoring BASE+2000+i.
    Each base is handed out once; bases are BLOCK apart, so the plans that
    run at the same time never share a port."""

    BLOCK = 10          # more than the most nodes a plan has

    def __init__(self, rng):
        self.lock = threading.Lock()
        self.next = PORT_LOW + self.BLOCK * rng.randrange(0, 300)

    @staticmethod
    def free(port):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False
        finally:
            s.close()

    def take(self, names):
        """A base whose ports are free for NAMES: {name: (client, cluster,
        http)} and the base."""
        with self.lock:
            while True:
                base = self.next
                if base + 2000 + self.BLOCK > PORT_HIGH:
                    raise RuntimeError("no free ports left in %d-%d"
                                       % (PORT_LOW, PORT_HIGH))
                self.next += self.BLOCK
                ports = {x: (base + i, base + 1000 + i, base + 2000 + i)
                         for i, x in enumerate(names)}
                if all(self.free(q) for t in ports.values() for q in t):
                    return ports, base


# ---------------------------------------------------------------- configs

def configs_export(meshsim, plan_path, base, folder):
    """Per-node nats-server configs of the plan at PLAN_PATH, written by
    `meshsim export --format nats --loopback BASE` (BASE None: without
    --loopback) into FOLDER/configs: {name: path}."""
    out_dir = os.path.join(folder, "configs")
    loop = ["--loopback", str(base)] if base is not None else []
    r = subprocess.run([meshsim, "export", "--format", "nats"] + loop +
                       ["-o", out_dir, plan_path],
                       capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        raise RuntimeError("meshsim export --format nats %s: exit %d: %s"
                           % (" ".join(loop), r.returncode,
                              r.stderr.strip()))
    out = {}
    for f in sorted(os.listdir(out_dir)):
        if f.endswith(".conf"):
            out[f[:-len(".conf")]] = os.path.join(out_dir, f)
    return out


def configs_own(plan, ports, folder):
    """The same configs written by this script into FOLDER/own (--configs
    own), as the suite did before `meshsim export --format nats` existed:
    a cross-check of the export.  PORTS maps a name to its (client,
    cluster, http) ports.  Returns {name: path}."""
    out_dir = os.path.join(folder, "own")
    os.mkdir(out_dir)
    out = {}
    for x in plan["names"]:
        client, cluster, http = ports[x]
        routes = ["nats-route://127.0.0.1:%d" % ports[t][1]
                  for o, t in plan["routes"] if o == x]
        lines = ["# nats-live plan %d, node %s" % (plan["index"], x),
                 "server_name: %s" % x,
                 "listen: 127.0.0.1:%d" % client,
                 "http: 127.0.0.1:%d" % http,
                 "cluster {",
                 "  name: meshlive",
                 "  listen: 127.0.0.1:%d" % cluster]
        if routes:
            lines.append("  routes: [")
            lines += ["    %s" % r for r in routes]
            lines.append("  ]")
        lines.append("}")
        out[x] = os.path.join(out_dir, "%s.conf" % x)
        with open(out[x], "w") as f:
            f.write("\n".join(lines) + "\n")
    return out


# ---------------------------------------------------------------- servers

def http_json(port, path):
    url = "http://127.0.0.1:%d%s" % (port, path)
    with urllib.request.urlopen(url, timeout=2) as r:
        return json.load(r)


def stop_all_processes():
    """SIGTERM every server of the run, then SIGKILL what is left."""
    with PROCS_LOCK:
        procs = list(PROCS.values())
    for p in procs:
        if p.poll() is None:
            try:
                p.terminate()
            except OSError:
                pass
    deadline = time.monotonic() + 5
    for p in procs:
        try:
            p.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    with PROCS_LOCK:
        for p in procs:
            PROCS.pop(p.pid, None)


class Cluster:
    """The servers of one plan: CONFIGS ({name: path}), processes, ids;
    their logs go to FOLDER."""

    def __init__(self, plan, folder, ports, configs):
        self.plan = plan
        self.folder = folder
        self.ports = ports
        self.proc = {}
        self.ids = {}          # name -> server_id of the running process
        self.starts = 0
        self.conf = dict(configs)

    def up(self):
        return sorted(self.proc)

    def http(self, x, path):
        """X's monitoring answer at PATH, as JSON."""
        return http_json(self.ports[x][2], path)

    def argv(self, x):
        """The command that runs X's server."""
        return [NATS_SERVER, "-c", self.conf[x]]

    def start(self, names):
        """Start the servers NAMES that are down; wait for their /varz."""
        names = [x for x in names if x not in self.proc]
        for x in names:
            log = open(os.path.join(self.folder, "%s.log" % x), "a")
            argv = self.argv(x)
            if shutil.which("setpriv"):
                # Dies with this run even if the run is killed outright.
                argv = ["setpriv", "--pdeathsig", "KILL"] + argv
            if ABORT.is_set():
                raise RuntimeError("aborted")
            p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log,
                                 stderr=subprocess.STDOUT)
            log.close()
            with PROCS_LOCK:
                PROCS[p.pid] = p
            self.proc[x] = p
            self.starts += 1
        for x in names:
            self.ids[x] = self.wait_varz(x)

    def wait_varz(self, x):
        deadline = time.monotonic() + START_LIMIT
        while True:
            if self.proc[x].poll() is not None:
                raise RuntimeError("%s exited with status %d on start: %s"
                                   % (x, self.proc[x].returncode,
                                      self.log_tail(x)))
            try:
                varz = self.http(x, "/varz")
                if varz.get("server_name") != x:
                    raise RuntimeError("%s: /varz names %r" %
                                       (x, varz.get("server_name")))
                return varz["server_id"]
            except (OSError, ValueError, KeyError):
                pass
            if time.monotonic() > deadline or ABORT.is_set():
                raise RuntimeError("%s: no /varz answer in %gs: %s"
                                   % (x, START_LIMIT, self.log_tail(x)))
            time.sleep(0.05)

    def log_tail(self, x):
        try:
            with open(os.path.join(self.folder, "%s.log" % x)) as f:
                return " | ".join(f.read().splitlines()[-3:])
        except OSError:
            return "(no log)"

    def stop(self, names):
        """SIGTERM the servers NAMES that are up and wait for them."""
        procs = [(x, self.proc.pop(x)) for x in names if x in self.proc]
        for _, p in procs:
            p.terminate()
        for x, p in procs:
            try:
                p.wait(STOP_LIMIT)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                raise RuntimeError("%s ignored SIGTERM for %gs"
                                   % (x, STOP_LIMIT))
            finally:
                with PROCS_LOCK:
                    PROCS.pop(p.pid, None)
                self.ids.pop(x, None)

    def stop_everything(self):
        self.stop(list(self.proc))

    def poll(self):
        """One look at every up server's /routez: (edges, problems,
        configured).  edges is a frozenset of sorted name pairs; problems
        lists what keeps the answer from being a settled one (a server not
        answering, an unknown remote id, a connection seen from one end
        only); configured is the set of (server, remote) that /routez marks
        is_configured."""
        by_id = {i: x for x, i in self.ids.items()}
        seen = {}
        problems = []
        configured = set()
        for x in self.up():
            try:
                routez = self.http(x, "/routez")
            except (OSError, ValueError) as e:
                problems.append("%s: /routez: %s" % (x, e))
                continue
            peers = set()
            for r in routez.get("routes") or []:
                y = by_id.get(r.get("remote_id"))
                if y is None:
                    problems.append("%s: route to unknown id %s"
                                    % (x, r.get("remote_id")))
                    continue
                peers.add(y)
                if r.get("is_configured"):
                    configured.add((x, y))
            seen[x] = peers
        edges = set()
        for x, peers in seen.items():
            for y in peers:
                edges.add(tuple(sorted((x, y))))
                if y in seen and x not in seen[y]:
                    problems.append("%s -- %s seen from %s only" % (x, y, x))
        return frozenset(edges), sorted(problems), frozenset(configured)

    def settle(self, window):
        """Poll until the answer is free of problems and unchanged for
        WINDOW seconds.  Returns (edges, configured, seconds, changed,
        problems): changed is when the answer last changed (seconds after
        the first poll); problems is empty when it settled."""
        t0 = time.monotonic()
        last, since = None, t0
        while True:
            if ABORT.is_set():
                raise RuntimeError("aborted")
            edges, problems, configured = self.poll()
            now = time.monotonic()
            key = (edges, tuple(problems), configured)
            if key != last:
                last, since = key, now
            elif not problems and now - since >= window:
                return edges, configured, now - t0, since - t0, []
            if now - t0 > SETTLE_LIMIT:
                return edges, configured, now - t0, since - t0, problems or [
                    "still changing after %gs" % SETTLE_LIMIT]
            time.sleep(POLL)


# ---------------------------------------------------------------- faults

CLONE_NEWNET = 0x40000000
NET_ADDR = "10.77.0.%d"         # node i's address (1-based), /32 on its lo
PING_INTERVAL = 1               # seconds: the servers' ping_interval
PING_MAX = 2                    # and ping_max: a cut is seen in about 3 s
CUT_WAIT = PING_INTERVAL * (PING_MAX + 1) + 1.5


def faults_unavailable():
    """None when cut and heal can be made here, else why not: each node
    needs its own network namespace (unshare -n, nsenter), joined to every
    other by a veth pair (ip), and this script enters the namespaces to
    read the servers (setns)."""
    if os.geteuid() != 0:
        return ("not root: network namespaces and veth pairs need "
                "CAP_SYS_ADMIN and CAP_NET_ADMIN")
    for tool in ("unshare", "nsenter", "ip", "sleep"):
        if not shutil.which(tool):
            return "%s not found" % tool
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).setns
    except (ImportError, OSError, AttributeError) as e:
        return "no setns() through ctypes: %s" % e
    r = subprocess.run(["unshare", "-n", "sh", "-c",
                        "ip link set lo up && ip link add name a type veth "
                        "peer name b"], capture_output=True, text=True)
    if r.returncode != 0:
        return ("cannot make a veth pair in a new network namespace: %s"
                % (r.stderr.strip() or "exit %d" % r.returncode))
    return None


def in_netns(pid, fn):
    """FN() run in a thread that has entered the network namespace of
    process PID; its result, or its exception raised here."""
    import ctypes
    out = {}

    def body():
        try:
            fd = os.open("/proc/%d/ns/net" % pid, os.O_RDONLY)
            try:
                libc = ctypes.CDLL(None, use_errno=True)
                if libc.setns(fd, CLONE_NEWNET) != 0:
                    raise OSError(ctypes.get_errno(), "setns")
            finally:
                os.close(fd)
            out["value"] = fn()
        except Exception as e:                  # raised in the caller
            out["error"] = e
    t = threading.Thread(target=body)
    t.start()
    t.join()
    if "error" in out:
        raise out["error"]
    return out["value"]


class NetCluster(Cluster):
    """A plan whose nodes each live in their own network namespace, held
    open by a sleeping process, with a veth pair between every two nodes
    and node i at 10.77.0.i.  A cut takes the pair's veth down, a heal
    brings it up again.  Servers run with `nats-server -c` inside their
    namespace (nsenter); their configs are those of `meshsim export
    --format nats` (no --loopback: the plan's hosts and ports) plus a
    short ping interval, so that a cut connection is seen as stale."""

    def __init__(self, plan, folder, configs):
        names = plan["names"]
        ports = {x: (4222, CLUSTER_PORT, 8222) for x in names}
        wrapped = {}
        for x, path in configs.items():
            wrapped[x] = os.path.join(os.path.dirname(path),
                                      "%s.ping.conf" % x)
            with open(wrapped[x], "w") as f:
                f.write("# %s.conf with pings every %ds, so that a cut "
                        "route is seen as stale\ninclude \"%s.conf\"\n"
                        "ping_interval: \"%ds\"\nping_max: %d\n"
                        % (x, PING_INTERVAL, x, PING_INTERVAL, PING_MAX))
        Cluster.__init__(self, plan, folder, ports, wrapped)
        self.holder = {}
        self.cuts = set()
        try:
            self.make_net(plan, folder)
        except BaseException:
            self.stop_everything()
            raise

    def make_net(self, plan, folder):
        """The namespaces, their addresses, veth pairs and routes."""
        names = plan["names"]
        sleeper = os.path.join(folder, "netns-holder")
        os.symlink(shutil.which("sleep"), sleeper)
        mine = os.readlink("/proc/self/ns/net")
        for x in names:
            argv = ["setpriv", "--pdeathsig", "KILL", "unshare", "-n", "--",
                    sleeper, "100000"]
            p = subprocess.Popen(argv, stdin=subprocess.DEVNULL)
            with PROCS_LOCK:
                PROCS[p.pid] = p
            self.holder[x] = p
        deadline = time.monotonic() + START_LIMIT
        for x in names:
            pid = self.holder[x].pid
            while True:
                try:
                    if os.readlink("/proc/%d/ns/net" % pid) != mine:
                        break
                except OSError:
                    pass
                if (time.monotonic() > deadline or
                        self.holder[x].poll() is not None):
                    raise RuntimeError("%s: no network namespace" % x)
                time.sleep(0.02)
        idx = {x: i + 1 for i, x in enumerate(names)}
        for x in names:
            cmds = ["link set lo up",
                    "addr add %s/32 dev lo" % (NET_ADDR % idx[x])]
            cmds += ["link add name to%d type veth peer name to%d netns %d"
                     % (idx[y], idx[x], self.holder[y].pid)
                     for y in names if idx[y] > idx[x]]
            self.ip(x, cmds)
        for x in names:
            cmds = []
            for y in names:
                if y != x:
                    cmds += ["link set to%d up" % idx[y],
                             "route replace %s/32 dev to%d src %s"
                             % (NET_ADDR % idx[y], idx[y],
                                NET_ADDR % idx[x])]
            self.ip(x, cmds)
        self.idx = idx

    def ip(self, x, cmds):
        """Run ip's commands CMDS in X's namespace (ip -batch)."""
        r = subprocess.run(["nsenter", "-t", str(self.holder[x].pid), "-n",
                            "ip", "-batch", "-"], input="\n".join(cmds),
                           capture_output=True, text=True, timeout=30)
        if r.returncode != 0:
            raise RuntimeError("%s: ip -batch: %s" % (x, r.stderr.strip()))

    def http(self, x, path):
        return in_netns(self.holder[x].pid,
                        lambda: http_json(self.ports[x][2], path))

    def argv(self, x):
        return ["nsenter", "-t", str(self.holder[x].pid), "-n", "--",
                NATS_SERVER, "-c", self.conf[x]]

    def fault(self, event, a, b):
        """Cut or heal the pair A, B: its veth pair down or up."""
        ia, ib = self.idx[a], self.idx[b]
        if event == "cut":
            self.ip(a, ["link set to%d down" % ib])
            self.cuts.add((a, b))
        else:
            self.ip(a, ["link set to%d up" % ib,
                        "route replace %s/32 dev to%d src %s"
                        % (NET_ADDR % ib, ib, NET_ADDR % ia)])
            self.ip(b, ["route replace %s/32 dev to%d src %s"
                        % (NET_ADDR % ia, ia, NET_ADDR % ib)])
            self.cuts.discard((a, b))

    def stop_everything(self):
        try:
            Cluster.stop_everything(self)
        finally:
            for p in self.holder.values():
                p.terminate()
                p.wait()
                with PROCS_LOCK:
                    PROCS.pop(p.pid, None)


# ---------------------------------------------------------------- compare

def expected_states(meshsim, path):
    """`meshsim simulate --format json PATH` as a list of (up, edges), the
    fully started cluster first, then one per timeline step."""
    r = subprocess.run([meshsim, "simulate", "--format", "json", path],
                       capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        raise RuntimeError("meshsim simulate %s: exit %d: %s"
                           % (path, r.returncode, r.stderr.strip()))
    doc = json.loads(r.stdout)
    states = []
    for s in [doc["initial"]] + doc["steps"]:
        up = sorted(s["up"])
        gaps = {tuple(p) for p in s["cannot_talk"]}
        states.append((up, frozenset(p for p in pairs(up) if p not in gaps)))
    return states


def server_rule_states(plan):
    """The states that nats-server 2.9.10's gossip gives (server/route.go:
    addRoute, forwardNewRouteInfoToKnownServers, processImplicitRoute),
    as a list of (up, edges) like expected_states: a new connection x-y
    is announced to the neighbours of x and of y, and only those dial (a
    neighbour of x dials y, one of y dials x), and each connection that
    makes is announced in turn.  meshsim's model (src/failure/
    live_mesh.c) follows the same rule with bit rows; this is the rule
    written again, plainly, to check it; see docs/simulate.md, "Gossip
    and gaps"."""
    names = plan["names"]
    routes = {tuple(sorted(r)) for r in plan["routes"]}
    up, conn, cut = set(), set(), set()

    def key(a, b):
        return tuple(sorted((a, b)))

    def peers(x):
        return {b if a == x else a for a, b in conn if x in (a, b)}

    def join(new):
        todo = []
        for e in new:
            if e not in conn and e not in cut:
                conn.add(e)
                todo.append(e)
        while todo:
            x, y = todo.pop()
            for a, b in ((x, y), (y, x)):
                for w in peers(a):
                    e = key(w, b)
                    if w != b and e not in conn and e not in cut:
                        conn.add(e)
                        todo.append(e)

    def start(xs):
        fresh = [x for x in xs if x not in up]
        up.update(fresh)
        join([key(x, w) for x in fresh for w in sorted(up)
              if w != x and key(x, w) in routes])

    def stop(xs):
        for x in xs:
            up.discard(x)
            for e in [e for e in conn if x in e]:
                conn.discard(e)

    def state():
        return (sorted(up), frozenset(conn))

    for x in names:
        start([x])
    states = [state()]
    for event, xs in plan["timeline"]:
        if event == "start":
            start(xs)
        elif event == "stop":
            stop(xs)
        elif event == "restart":
            stop(xs)
            start(xs)
        elif event == "cut":
            cut.add(key(*xs))
            conn.discard(key(*xs))
        elif key(*xs) in cut:
            cut.discard(key(*xs))
            if set(xs) <= up and key(*xs) in routes:
                join([key(*xs)])
        states.append(state())
    return states


def check_counts(meshsim, args):
    """(nodes, links, routes) of `meshsim check --format json ARGS`, or
    the error text of a failed run."""
    r = subprocess.run([meshsim, "check", "--format", "json",
                        "--fail-on", "never"] + args,
                       capture_output=True, text=True, timeout=60)
    try:
        doc = json.loads(r.stdout)
        return (doc["nodes"], doc["links"], doc["routes"])
    except (ValueError, KeyError):
        return r.stderr.strip() or "exit %d" % r.returncode


def reader_check(meshsim, plan_path, confs):
    """That meshsim's NATS reader gives the plan's nodes, links and routes
    from the configs CONFS: None when it does, "unsupported" when this
    meshsim cannot read NATS configs, else what differs."""
    want = check_counts(meshsim, [plan_path])
    confs = sorted(confs)
    got = check_counts(meshsim, ["--input-format", "nats"] + confs)
    if isinstance(got, str):
        # Without a NATS reader, meshsim refuses several files before
        # it says so; one file tells.
        one = check_counts(meshsim, ["--input-format", "nats", confs[0]])
        if isinstance(one, str) and "[unsupported-format]" in one:
            return "unsupported"
    if got != want:
        return ("meshsim check --input-format nats on the configs gives "
                "(nodes, links, routes) %s, the plan %s" % (got, want))
    return None


def show_edges(edges):
    return ", ".join("%s-%s" % e for e in sorted(edges)) or "none"


def components(names, edges):
    """Groups of NAMES joined by EDGES, as text (largest first)."""
    parent = {x: x for x in names}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b in edges:
        parent[find(a)] = find(b)
    groups = {}
    for x in names:
        groups.setdefault(find(x), []).append(x)
    out = sorted((sorted(g) for g in groups.values()),
                 key=lambda g: (-len(g), g))
    return " | ".join(" ".join(g) for g in out) or "none"


# ---------------------------------------------------------------- run

class Totals:
    def __init__(self):
        self.lock = threading.Lock()
        self.plans = 0
        self.states = 0
        self.agreed = 0
        self.failed = 0
        self.reader_ok = 0
        self.reader_missing = 0
        self.reader_failed = 0
        self.errors = 0
        self.starts = 0
        self.settle = []
        self.changed = []
        self.events = {}
        self.lines = []

    def add(self, **kw):
        with self.lock:
            for k, v in kw.items():
                if isinstance(v, list):
                    getattr(self, k).extend(v)
                else:
                    setattr(self, k, getattr(self, k) + v)


def run_plan(args, plan, folder, pool, totals):
    """Play one plan on real servers; records results in TOTALS."""
    tag = "plan %d (%s, %d nodes)" % (plan["index"], plan["shape"],
                                      len(plan["names"]))
    path = os.path.join(folder, "plan.json")
    with open(path, "w") as f:
        f.write(plan_json(plan))
    expected = expected_states(args.meshsim, path)
    server_rule = server_rule_states(plan)
    fails, settles, changes = [], [], []
    if plan["faults"]:
        configs = configs_export(args.meshsim, path, None, folder)
    else:
        ports, base = pool.take(plan["names"])
        if args.configs == "own":
            configs = configs_own(plan, ports, folder)
        else:
            configs = configs_export(args.meshsim, path, base, folder)
    if sorted(configs) != sorted(plan["names"]):
        raise RuntimeError("configs for %s, not for the plan's nodes %s"
                           % (sorted(configs), plan["names"]))
    why = reader_check(args.meshsim, path, configs.values())
    if why == "unsupported":
        totals.add(reader_missing=1)
    elif why:
        say("FAIL %s: the NATS reader: %s" % (tag, why))
        totals.add(reader_failed=1)
    else:
        totals.add(reader_ok=1)
    if plan["faults"]:
        cluster = NetCluster(plan, folder, configs)
        tag += " in network namespaces"
        settle = max(args.settle, 3.5)
    else:
        cluster = Cluster(plan, folder, ports, configs)
        settle = args.settle
    owners = set(plan["routes"])
    labels = ["start: every node"] + [
        "step %d: %s %s" % (i + 1, e, " ".join(ns))
        for i, (e, ns) in enumerate(plan["timeline"])]
    try:
        for k, label in enumerate(labels):
            if k == 0:
                cluster.start(plan["names"])
            else:
                event, names = plan["timeline"][k - 1]
                if event == "stop":
                    cluster.stop(names)
                elif event == "start":
                    cluster.start(names)
                elif event in ("cut", "heal"):
                    cluster.fault(event, names[0], names[1])
                    if event == "cut":
                        # A cut connection is closed by the pings alone.
                        time.sleep(CUT_WAIT)
                else:
                    down = [x for x in names if x in cluster.proc]
                    cluster.stop(names)
                    if down:
                        time.sleep(args.gap)
                    cluster.start(names)
            edges, configured, took, changed, problems = \
                cluster.settle(settle)
            settles.append(took)
            changes.append((changed, "%s, %s" % (tag, label)))
            want_up, want = expected[k]
            lines = []
            if cluster.up() != want_up:
                lines.append("up: meshsim %s, servers %s"
                             % (want_up, cluster.up()))
            if edges != want or problems:
                lines.append("meshsim: %s (groups %s)"
                             % (show_edges(want),
                                components(want_up, want)))
                lines.append("servers: %s (groups %s)"
                             % (show_edges(edges),
                                components(cluster.up(), edges)))
                if want - edges:
                    lines.append("missing on the servers: %s"
                                 % show_edges(want - edges))
                if edges - want:
                    lines.append("only on the servers: %s"
                                 % show_edges(edges - want))
                lines += ["not settled: %s" % p for p in problems]
            stray = sorted(configured - owners)
            if stray:
                lines.append("is_configured without a route in the plan: %s"
                             % ", ".join("%s->%s" % r for r in stray))
            if server_rule[k] != (want_up, want):
                lines.append("meshsim differs from the server's rule "
                             "(server_rule_states): %s"
                             % show_edges(server_rule[k][1]))
            if lines:
                fails.append("FAIL %s, %s (%s)\n    %s"
                             % (tag, label, path, "\n    ".join(lines)))
            elif args.verbose:
                say("ok   %s, %s: %s (%.1fs)"
                    % (tag, label, show_edges(edges), took))
    finally:
        cluster.stop_everything()
        totals.add(starts=cluster.starts)
    with totals.lock:
        for e, _ in plan["timeline"]:
            totals.events[e] = totals.events.get(e, 0) + 1
    totals.add(plans=1, states=len(labels), failed=len(fails),
               agreed=len(labels) - len(fails),
               settle=settles, changed=changes, lines=fails)
    for line in fails:
        say(line)


def probe(args, pool, top):
    """That the comparison can see a difference at all: figure 1 with
    node2's and node3's configs as the plan has them but node1's config
    lacking its route to node3.  The servers must then differ from the
    plan's model (node3 is alone).  Returns an error text or None."""
    plan = gen_plan(random.Random(0), 0)
    plan["timeline"] = []
    folder = os.path.join(top, "probe")
    os.mkdir(folder)
    path = os.path.join(folder, "plan.json")
    with open(path, "w") as f:
        f.write(plan_json(plan))
    want_up, want = expected_states(args.meshsim, path)[0]
    ports, _ = pool.take(plan["names"])
    broken = dict(plan, routes=[r for r in plan["routes"]
                                if r != ("node1", "node3")])
    cluster = Cluster(plan, folder, ports, configs_own(broken, ports, folder))
    try:
        cluster.start(plan["names"])
        edges, _, _, _, problems = cluster.settle(args.settle)
        up = cluster.up()
    finally:
        cluster.stop_everything()
    if problems:
        return "probe: did not settle: %s" % "; ".join(problems)
    if edges == want or up != want_up:
        return ("probe: node1 without its route to node3 gave %s, the "
                "same as the plan (%s): the comparison is blind"
                % (show_edges(edges), show_edges(want)))
    say("nats-live: probe: node1's config without its route to node3 gives "
        "%s, the plan %s: a difference is seen"
        % (show_edges(edges), show_edges(want)))
    return None


def leftovers(folder):
    """Pids of processes whose command line names FOLDER."""
    r = subprocess.run(["pgrep", "-f", folder], capture_output=True,
                       text=True)
    return [int(p) for p in r.stdout.split()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("meshsim")
    ap.add_argument("--seed", type=int, default=None,
                    help="seed of the random plans (default: from the clock)")
    ap.add_argument("--plans", type=int, default=30)
    ap.add_argument("--jobs", type=int, default=6,
                    help="plans run at the same time (default 6)")
    ap.add_argument("--settle", type=float, default=2.5,
                    help="seconds an answer must hold (default 2.5)")
    ap.add_argument("--gap", type=float, default=0.5,
                    help="seconds between stop and start in a restart")
    ap.add_argument("--timeout", type=float, default=600,
                    help="watchdog on the whole run, seconds (default 600)")
    ap.add_argument("--keep", action="store_true",
                    help="keep the run's folder (kept anyway on failure)")
    ap.add_argument("--configs", choices=["export", "own"],
                    default="export",
                    help="server configs by meshsim export --format nats "
                    "(default) or by this script")
    ap.add_argument("--faults", choices=["auto", "on", "off"],
                    default="auto",
                    help="cut and heal in network namespaces: where "
                    "possible (auto, the default), always, never")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    args.meshsim = os.path.abspath(args.meshsim)

    if not shutil.which(NATS_SERVER):
        if os.environ.get("CI") == "true":
            say("nats-live: FAIL: %s not found, and CI=true "
                "(tools/install-deps --test installs it)" % NATS_SERVER)
            return 1
        say("nats-live: skipped: %s not found "
            "(apt-get install nats-server)" % NATS_SERVER)
        return 0
    if args.seed is None:
        args.seed = int(time.time()) % 1000000
    say("nats-live: seed %d, %d plans, %d at a time (re-run: %s %s "
        "--seed %d --plans %d)" % (args.seed, args.plans, args.jobs,
                                   sys.argv[0], sys.argv[1], args.seed,
                                   args.plans))
    why = faults_unavailable() if args.faults != "off" else "--faults off"
    if why and args.faults == "on":
        say("nats-live: FAIL: --faults on, but cut and heal cannot be made "
            "here: %s" % why)
        return 1
    if why:
        say("nats-live: cut and heal: not tested: %s" % why)
    else:
        say("nats-live: cut and heal: one plan in three, in network "
            "namespaces")
    rng = random.Random(args.seed)
    plans = [gen_plan(rng, i, not why) for i in range(args.plans)]
    pool = PortPool(rng)
    top = tempfile.mkdtemp(prefix="meshsim-nats-live.")
    totals = Totals()

    cleaned = []

    def cleanup():
        if not cleaned:
            cleaned.append(1)
            stop_all_processes()
    atexit.register(cleanup)

    def on_signal(signum, _frame):
        ABORT.set()
        cleanup()
        say("nats-live: interrupted by signal %d; servers stopped; "
            "folder %s" % (signum, top))
        left = leftovers(top)
        if left:
            say("nats-live: FAIL: processes left behind: %s" % left)
        os._exit(1)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    def watchdog():
        ABORT.set()
        say("nats-live: FAIL: the run took more than %gs; stopping it"
            % args.timeout)
        cleanup_now = stop_all_processes
        cleanup_now()
    timer = threading.Timer(args.timeout, watchdog)
    timer.daemon = True
    timer.start()

    errors = []
    queue = list(plans)
    qlock = threading.Lock()

    def worker():
        while not ABORT.is_set():
            with qlock:
                if not queue:
                    return
                plan = queue.pop(0)
            folder = os.path.join(top, "plan-%02d" % plan["index"])
            os.mkdir(folder)
            try:
                run_plan(args, plan, folder, pool, totals)
            except Exception as e:              # reported, then go on
                msg = "ERROR plan %d (%s): %s" % (plan["index"], folder, e)
                say(msg)
                with qlock:
                    errors.append(msg)

    t0 = time.monotonic()
    try:
        err = probe(args, pool, top)
    except Exception as e:                      # reported below
        err = "probe: %s" % e
    if err:
        say("nats-live: FAIL: %s" % err)
        errors.append(err)
    threads = [threading.Thread(target=worker) for _ in range(args.jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - t0
    timer.cancel()
    cleanup()
    left = leftovers(top)
    if left:
        errors.append("processes left behind: %s" % left)
        say("nats-live: FAIL: processes left behind: %s" % left)
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    if ABORT.is_set():
        errors.append("timed out")

    s = sorted(totals.settle) or [0]
    c = [t for t, _ in sorted(totals.changed)] or [0]
    say("nats-live: %d plans, %d states (the started cluster and %d steps): "
        "%d agree, %d differ; %d errors; "
        "%d server starts; settling %.1fs "
        "mean, %.1fs max (last change %.2fs after the first poll at most); "
        "%.0fs wall"
        % (totals.plans, totals.states, totals.states - totals.plans,
           totals.agreed, totals.failed, len(errors),
           totals.starts,
           sum(s) / len(s), s[-1], c[-1], wall))
    if totals.reader_missing:
        say("nats-live: NATS reader: not checked: this meshsim cannot read "
            "NATS configs (unsupported-format)")
    else:
        say("nats-live: NATS reader: the configs of %d plans read back with "
            "the plan's nodes, links and routes, %d not"
            % (totals.reader_ok, totals.reader_failed))
    say("nats-live: steps: %s" % ", ".join(
        "%d %s" % (totals.events.get(e, 0), e)
        for e in ("stop", "start", "restart", "cut", "heal")))
    if args.verbose:
        for t, where in sorted(totals.changed)[-5:]:
            say("nats-live: last change %.2fs after the first poll: %s"
                % (t, where))
    bad = (totals.failed or totals.reader_failed or errors or
           totals.plans < args.plans)
    if bad or args.keep:
        say("nats-live: configs, plans and server logs kept in %s" % top)
    else:
        shutil.rmtree(top, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
