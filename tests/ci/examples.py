#!/usr/bin/env python3
"""examples.py: the CI examples (examples/ci/, .pre-commit-hooks.yaml) run on a sample repository (tests/ci/sample/).

Each file is parsed as YAML; the GitHub workflow's meshsim steps and the
GitLab job's script run as those systems run them (bash -eo pipefail);
the pre-commit hook's entry runs as pre-commit would call it; the
Makefile snippet runs with make. With --pre-commit, pre-commit itself runs
the hook (pre-commit try-repo; not in make test: `make ci-pre-commit`).
Usage: examples.py MESHSIM [--pre-commit]
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import yaml

TOP = os.getcwd()
failures = 0
checks = 0


def expect(cond, what):
    global failures, checks
    checks += 1
    if not cond:
        failures += 1
        print("FAIL examples: %s" % what)


def load(path):
    with open(os.path.join(TOP, path), encoding="utf-8") as f:
        return yaml.safe_load(f)


def sample(tmp):
    """A git repository holding tests/ci/sample and examples/ci."""
    repo = os.path.join(tmp, "repo")
    shutil.copytree(os.path.join(TOP, "tests/ci/sample"), repo)
    shutil.copytree(os.path.join(TOP, "examples/ci"),
                    os.path.join(repo, "examples/ci"))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", repo], check=True)
    subprocess.run(git + ["-C", repo, "add", "."], check=True)
    subprocess.run(git + ["-C", repo, "commit", "-qm", "sample"], check=True)
    return repo


def bash(script, repo, env):
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo",
                           "pipefail", "-c", script], cwd=repo, env=env,
                          capture_output=True, text=True)


def sarif_ok(path, what):
    try:
        with open(path, encoding="utf-8") as f:
            log = json.load(f)
    except (OSError, ValueError) as e:
        expect(False, "%s: %s" % (what, e))
        return None
    expect(log.get("version") == "2.1.0" and len(log["runs"]) == 1 and
           log["runs"][0]["results"], "%s: a SARIF log with results" % what)
    return log


def junit_ok(path, what):
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        expect(False, "%s: %s" % (what, e))
        return
    expect(root.tag == "testsuites" and int(root.get("tests")) > 0,
           "%s: JUnit with test cases" % what)


def github(repo, env):
    wf = load("examples/ci/github-meshsim.yml")
    steps = wf["jobs"]["check"]["steps"]
    runs = [s for s in steps if "meshsim " in s.get("run", "")]
    expect(len(runs) == 2, "github: two steps run meshsim")
    upload = [s for s in steps
              if s.get("uses", "").startswith(
                  "github/codeql-action/upload-sarif@")]
    expect(len(upload) == 1 and
           upload[0]["with"]["sarif_file"] == "meshsim.sarif" and
           "always()" in upload[0]["if"],
           "github: upload-sarif uploads meshsim.sarif always")
    expect(wf["permissions"].get("security-events") == "write",
           "github: security-events: write")
    out = os.path.join(repo, "github-output")
    open(out, "w").close()
    env = dict(env, GITHUB_OUTPUT=out)
    for s in runs:
        p = bash(s["run"], repo, env)
        expect(p.returncode == 0, "github: step %r exit %d: %s"
               % (s.get("name"), p.returncode, p.stderr))
    with open(out) as f:
        expect(f.read() == "status=1\n",
               "github: the check step records status 1 (findings)")
    fail_step = [s for s in steps if s.get("name") == "Fail on findings"]
    expect(len(fail_step) == 1 and
           fail_step[0]["if"] == "steps.check.outputs.status != '0'",
           "github: the job fails on findings after the upload")
    sarif_ok(os.path.join(repo, "meshsim.sarif"), "github")
    junit_ok(os.path.join(repo, "meshsim-junit.xml"), "github")
    for f in ("meshsim.sarif", "meshsim-junit.xml", "github-output"):
        os.unlink(os.path.join(repo, f))


def gitlab(repo, env):
    job = load("examples/ci/gitlab-ci.yml")["meshsim"]
    reports = job["artifacts"]["reports"]
    expect(set(reports) == {"codequality", "junit"},
           "gitlab: codequality and junit reports")
    p = bash("\n".join(job["script"]), repo, env)
    expect(p.returncode == 1, "gitlab: the job fails on findings (exit %d: "
           "%s)" % (p.returncode, p.stderr))
    log = sarif_ok(os.path.join(repo, "meshsim.sarif"), "gitlab")
    try:
        with open(os.path.join(repo, reports["codequality"])) as f:
            issues = json.load(f)
    except (OSError, ValueError) as e:
        expect(False, "gitlab: code quality report: %s" % e)
        return
    expect(log is not None and
           len(issues) == len(log["runs"][0]["results"]),
           "gitlab: one code quality issue per SARIF result")
    expect(len({i["fingerprint"] for i in issues}) == len(issues),
           "gitlab: fingerprints unique")
    for i in issues:
        expect(i["type"] == "issue" and i["description"] and
               i["check_name"] and
               i["severity"] in ("info", "minor", "major", "critical",
                                 "blocker") and
               os.path.isfile(os.path.join(repo, i["location"]["path"])) and
               isinstance(i["location"]["lines"]["begin"], int),
               "gitlab: issue %r" % i)
    junit_ok(os.path.join(repo, reports["junit"]), "gitlab")


def hook(repo, env):
    hooks = load(".pre-commit-hooks.yaml")
    expect(len(hooks) == 1 and hooks[0]["id"] == "meshsim-check",
           "pre-commit: one hook, meshsim-check")
    h = hooks[0]
    entry = os.path.join(TOP, h["entry"])
    expect(h["language"] in ("script", "system") and
           os.access(entry, os.X_OK), "pre-commit: entry executable")
    files = re.compile(h["files"])
    for f, want in (("deploy/node1/harperdb-config.yaml", True),
                    ("harperdb-config.yaml", True),
                    ("cluster.meshsim.json", True),
                    ("old-harperdb-config.yaml.bak", False),
                    ("README.md", False)):
        expect(bool(files.search(f)) == want,
               "pre-commit: files pattern on %s" % f)
    for args, want in ((["cluster.meshsim.json"], 1),
                       (["--fail-on=never", "cluster.meshsim.json"], 0),
                       (["deploy/node2/harperdb-config.yaml"], 1),
                       (["--fail-on=partition",
                         "deploy/node2/harperdb-config.yaml"], 0),
                       (["README.md"], 0)):
        p = subprocess.run([entry] + args, cwd=repo, env=env,
                           capture_output=True, text=True)
        expect(p.returncode == want, "pre-commit: entry %s: exit %d, want "
               "%d: %s" % (args, p.returncode, want, p.stderr))
    # A config alone would be a cluster of one with dangling routes: the
    # hook checks them all.
    p = subprocess.run([entry, "--fail-on=partition",
                        "deploy/node2/harperdb-config.yaml"], cwd=repo,
                       env=env, capture_output=True, text=True)
    expect("nodes: 3" in p.stdout, "pre-commit: every config checked")
    # Bad input stops the commit.
    bad = os.path.join(repo, "bad.meshsim.json")
    with open(bad, "w") as f:
        f.write('{"nodes": [{"name": "a", "port": 70000}]}\n')
    p = subprocess.run([entry, "--fail-on=never", "bad.meshsim.json"],
                       cwd=repo, env=env, capture_output=True, text=True)
    expect(p.returncode != 0 and "port-range" in p.stderr,
           "pre-commit: a bad plan stops the commit")
    os.unlink(bad)


def makefile(repo, env, meshsim):
    mk = os.path.join(TOP, "examples/ci/meshsim.mk")
    make = ["make", "--no-print-directory", "-f", mk, "-C", repo,
            "MESHSIM=" + meshsim]
    p = subprocess.run(make + ["meshsim-check"], env=env,
                       capture_output=True, text=True)
    expect(p.returncode != 0, "make: meshsim-check fails on findings")
    p = subprocess.run(make + ["MESHSIM_FAIL_ON=partition", "meshsim-check"],
                       env=env, capture_output=True, text=True)
    expect(p.returncode == 0, "make: meshsim-check passes at partition: %s"
           % p.stderr)
    p = subprocess.run(make + ["meshsim.sarif", "meshsim-junit.xml"],
                       env=env, capture_output=True, text=True)
    expect(p.returncode == 0, "make: the CI files: %s" % p.stderr)
    sarif_ok(os.path.join(repo, "meshsim.sarif"), "make")
    junit_ok(os.path.join(repo, "meshsim-junit.xml"), "make")
    p = subprocess.run(make + ["-q", "meshsim.sarif"], env=env)
    expect(p.returncode == 0, "make: meshsim.sarif up to date")


def real_pre_commit(repo, env):
    if shutil.which("pre-commit") is None:
        expect(False, "pre-commit is not installed (Debian: apt-get "
               "install pre-commit)")
        return
    home = os.path.join(os.path.dirname(repo), "pre-commit-home")
    env = dict(env, PRE_COMMIT_HOME=home)
    p = subprocess.run(["pre-commit", "try-repo", TOP, "meshsim-check",
                        "--all-files"], cwd=repo, env=env,
                       capture_output=True, text=True)
    expect(p.returncode == 1 and "meshsim check" in p.stdout and
           "Failed" in p.stdout, "pre-commit try-repo: the hook fails on "
           "findings: %s%s" % (p.stdout, p.stderr))
    p = subprocess.run(["pre-commit", "try-repo", TOP, "meshsim-check",
                        "--files", "examples/ci/meshsim.mk"], cwd=repo,
                       env=env, capture_output=True, text=True)
    expect(p.returncode == 0 and "(no files to check)" in p.stdout,
           "pre-commit try-repo: no files, no run: %s%s"
           % (p.stdout, p.stderr))


def main():
    meshsim = os.path.abspath(sys.argv[1])
    env = dict(os.environ, PATH=os.path.dirname(meshsim) + os.pathsep +
               os.environ.get("PATH", ""))
    with tempfile.TemporaryDirectory() as tmp:
        repo = sample(tmp)
        if "--pre-commit" in sys.argv[2:]:
            real_pre_commit(repo, env)
        else:
            github(repo, env)
            gitlab(repo, env)
            hook(repo, env)
            makefile(repo, env, meshsim)
    print("examples: %d checks, %d failed" % (checks, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
