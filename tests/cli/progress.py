#!/usr/bin/python3
"""progress.py: the progress bar under a pseudo-terminal.

With stderr a terminal, long runs draw one line in place (phase, bar,
percentage) and clear it when done; with stderr not a terminal, or with
--quiet or -q, nothing is written to stderr; stdout holds the same bytes
either way. Usage: tests/cli/progress.py MESHSIM
"""

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import tempfile
import termios

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
COLUMNS = 60
# One drawn line: phase, bar, percentage, the time left; or, on a narrow
# terminal, phase and percentage.
LINE = re.compile(r"^(?P<phase>[a-z][a-z ]*?) +\[[#-]+\] +\d+%(  ETA \S+)?$")

# The report's stamp holds the time of day: two runs a second apart would
# differ in it, so every run is stamped with one fixed date.
os.environ["SOURCE_DATE_EPOCH"] = "1700000000"

failures = 0
passes = 0


def check(name, ok, detail=""):
    global failures, passes
    if ok:
        passes += 1
    else:
        failures += 1
        print("FAIL %s %s" % (name, detail))


def run_plain(args):
    """Run with stdout and stderr to files: (status, stdout, stderr)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        status = subprocess.call(args, stdin=subprocess.DEVNULL, stdout=out,
                                 stderr=err, cwd=ROOT)
        out.seek(0)
        err.seek(0)
        return status, out.read(), err.read()


def run_tty(args):
    """Run with stderr on a pseudo-terminal COLUMNS wide: (status, stdout,
    what the terminal received)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ,
                struct.pack("HHHH", 24, COLUMNS, 0, 0))
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=slave, cwd=ROOT)
        os.close(slave)
        got = b""
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:         # EIO: every writer has gone
                break
            if not data:
                break
            got += data
        os.close(master)
        status = proc.wait()
        out.seek(0)
        return status, out.read(), got.replace(b"\r\n", b"\n")


def frames(tty):
    """The lines drawn: what lies between carriage returns, less blanks."""
    return [f for f in tty.split("\r") if f.strip() != ""]


def phases(drawn):
    """The phases in the order drawn, each once per run of frames."""
    seen = []
    for f in drawn:
        m = LINE.match(f)
        if m and (not seen or seen[-1] != m.group("phase")):
            seen.append(m.group("phase"))
    return seen


def main():
    meshsim = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "rr2000.json")
        subprocess.check_call([sys.executable,
                               os.path.join(ROOT, "tools", "gen_plan.py"),
                               "--shape", "random-regular", "--nodes", "2000",
                               "--seed", "1", "-o", big])
        # (name, arguments, the phases drawn)
        cases = [
            ("sweep", ["sweep", "--k", "2", "-j", "2", big],
             ["reading", "parsing", "sweep"]),
            ("availability", ["availability", "--trials", "300000",
                              "-j", "2", "scenarios/figure1.json"],
             ["reading", "parsing", "availability"]),
            ("report", ["report", "--format", "md",
                        "scenarios/zones.json"],
             ["reading", "parsing", "sweep", "domain sweep",
              "availability", "report"]),
            ("check", ["check", "--fail-on", "never",
                       "scenarios/figure1.json"], ["reading", "parsing"]),
            ("diff", ["diff", "tests/diff/ring.json",
                      "tests/diff/ring-cut.json"],
             ["reading", "parsing", "reading", "parsing", "sweep",
              "availability", "sweep", "availability"]),
        ]
        for name, args, want in cases:
            status, out, err = run_plain([meshsim] + args)
            check(name + ": nothing on stderr when it is not a terminal",
                  err == b"", repr(err[:200]))
            tstatus, tout, tty = run_tty([meshsim] + args)
            text = tty.decode("ascii", "replace")
            drawn = frames(text)
            check(name + ": the same exit status on a terminal",
                  tstatus == status, "%d, not %d" % (tstatus, status))
            check(name + ": the same stdout on a terminal", tout == out)
            check(name + ": a bar for each phase",
                  phases(drawn) == want, repr(phases(drawn)))
            check(name + ": only bar lines", all(LINE.match(f)
                                                 for f in drawn),
                  repr(drawn[:5]))
            check(name + ": no line wider than the terminal",
                  all(len(f) < COLUMNS for f in text.split("\r")),
                  repr(max(text.split("\r"), key=len)))
            check(name + ": no new line", "\n" not in text)
            check(name + ": the line cleared at the end",
                  re.search(r"\r +\r$", text) is not None, repr(text[-80:]))
            for quiet in ("--quiet", "-q"):
                qstatus, qout, qtty = run_tty([meshsim, args[0], quiet] +
                                              args[1:])
                check(name + " " + quiet + ": nothing on the terminal",
                      qtty == b"", repr(qtty[:200]))
                check(name + " " + quiet + ": the same stdout and status",
                      qout == out and qstatus == status)

        # A refused plan: the bar is cleared before the diagnostics, which
        # are as without a terminal.
        args = [meshsim, "check", "tests/bad/duplicate-name.json"]
        status, out, err = run_plain(args)
        tstatus, tout, tty = run_tty(args)
        text = tty.decode("ascii", "replace")
        check("refused: exit status 2 both ways", status == 2 and
              tstatus == 2)
        check("refused: the bar drawn, then cleared, then the diagnostics",
              err != b"" and re.search(r"\r +\r" + re.escape(err.decode()) +
                                       "$", text) is not None, repr(text))
        check("refused: nothing on stdout", out == b"" and tout == b"")
    print("progress: %d passed, %d failed" % (passes, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
