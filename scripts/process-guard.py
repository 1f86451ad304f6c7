#!/usr/bin/env python3
"""The test run's process guard (scripts/test.sh uses it).

  process-guard.py snapshot FILE        record every process alive now
  process-guard.py check FILE TOKEN     list the processes started since the snapshot that are still alive and
                                        either carry EVIDENCEKIT_TEST_RUN=TOKEN in their environment (they descend
                                        from the test run) or are a daemon the tests start (nginx, sshd, ...) that
                                        descends from the run or was orphaned by it; exit 1 if there is any.
                                        Run it from the checkout under test: a daemon of another checkout's test
                                        run on the same machine is not counted.

A process is identified by its pid and its start time, so a reused pid is a new process. Build servers that
`dotnet test` leaves on purpose (MSBuild nodes, the compiler server) are not leftovers of the tests.
"""
import os
import sys
import time

DAEMONS = {"nginx", "apache2", "httpd", "sshd", "ssh-agent", "rsyslogd", "chromium", "chrome", "headless_shell",
           "chrome_crashpad", "chrome_crashpad_handler", "systemd-journal-remote", "systemd-journal-re"}
BUILD_SERVERS = ("MSBuild.dll", "VBCSCompiler", "build-server", "rzc.dll", "Razor")
WAIT_SECONDS = 10


def processes():
    """{(pid, start): (comm, ppid)} for every process (kernel threads left out)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode("utf-8", "replace")
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        state, ppid, start = fields[0], int(fields[1]), fields[19]
        if state in ("Z", "X") or ppid == 2 or int(entry) == 2:
            continue
        found[(int(entry), start)] = (comm, ppid)
    return found


def read(pid, name):
    try:
        with open(f"/proc/{pid}/{name}", "rb") as f:
            return f.read()
    except OSError:
        return b""


def checkout_of(path):
    """The EvidenceKit checkout (a folder holding EvidenceKit.sln) that path is in, or None."""
    path = os.path.realpath(path) if path else ""
    while path and path != "/":
        if os.path.exists(os.path.join(path, "EvidenceKit.sln")):
            return path
        path = os.path.dirname(path)
    return None


def environment(pid):
    return [e for e in read(pid, "environ").split(b"\0") if b"=" in e]


def parent(pid):
    stat = read(pid, "stat").decode("utf-8", "replace")
    return int(stat[stat.rindex(")") + 2:].split()[1]) if ")" in stat else 1


def started_by_run(pid, marker, repository):
    """True when pid descends from this test run, as far as /proc can tell.

    A process carrying the run's marker variable is the run's. Otherwise the first ancestor with an environment
    decides (a daemon may clear or overwrite its own). A daemon orphaned to pid 1 is the run's unless its working
    directory or PWD is in another EvidenceKit checkout (another test run on the same machine)."""
    current = pid
    for _ in range(64):
        env = environment(current)
        if marker in env:
            return True
        if current != pid and env:
            return False
        up = parent(current)
        if up <= 1:
            break
        current = up
    places = [os.readlink(f"/proc/{pid}/cwd") if os.path.exists(f"/proc/{pid}/cwd") else ""]
    places += [e[4:].decode("utf-8", "replace") for e in environment(pid) if e.startswith(b"PWD=")]
    others = {checkout_of(p) for p in places} - {None, repository}
    return not others


def leftovers(before, token):
    marker = f"EVIDENCEKIT_TEST_RUN={token}".encode()
    repository = checkout_of(os.getcwd())
    me = os.getpid()
    found = []
    for (pid, start), (comm, ppid) in processes().items():
        if f"{pid} {start}" in before or pid == me:
            continue
        cmdline = read(pid, "cmdline").replace(b"\0", b" ").decode("utf-8", "replace").strip()
        if any(s in cmdline for s in BUILD_SERVERS):
            continue
        daemon = comm in DAEMONS or os.path.basename(cmdline.split(" ")[0]) in DAEMONS or cmdline.startswith("nginx:")
        if comm == "sshd" or cmdline.startswith("sshd:"):
            # The machine's own sshd forks sessions for its users; a test sshd runs from a temporary config, and a
            # session whose sshd was killed is an orphan of pid 1.
            daemon = "/tmp/" in cmdline or ppid == 1
        from_run = marker in environment(pid)
        if from_run or (daemon and started_by_run(pid, marker, repository)):
            found.append(f"  pid {pid} (parent {ppid}) {comm}: {cmdline[:200]}")
    return found


def main():
    if sys.argv[1] == "snapshot":
        with open(sys.argv[2], "w") as f:
            f.write("\n".join(f"{pid} {start}" for pid, start in processes()))
        return 0
    before = set(open(sys.argv[2]).read().split("\n"))
    deadline = time.monotonic() + WAIT_SECONDS
    left = leftovers(before, sys.argv[3])
    while left and time.monotonic() < deadline:
        time.sleep(0.5)
        left = leftovers(before, sys.argv[3])
    if left:
        print(f"process guard: {len(left)} process(es) started by the test run are still alive:")
        print("\n".join(left))
        return 1
    print("process guard: no process started by the test run is left")
    return 0


if __name__ == "__main__":
    sys.exit(main())
