#!/usr/bin/env bash
# Runs the whole test suite (dotnet test; extra arguments such as --filter are passed on) and ends with one summary
# line "tests: N passed, N failed, N skipped", each skipped test with its reason, and the process guard: the run fails
# if a process it started (or a daemon the tests start: nginx, apache2, sshd, ssh-agent, rsyslogd, chromium,
# systemd-journal-remote) is still alive afterwards.
# The tests use real openssl, sha256sum, OpenSSH (sshd), nginx, Apache and Chromium; .ci/run installs them on Debian.
set -uo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export EVIDENCEKIT_TEST_RUN="$$-$(date +%s%N)"
python3 scripts/process-guard.py snapshot "$work/before"
# A test project may be given first (scripts/test.sh tests/EvidenceKit.Collector.Tests --filter ...); default: all.
target=EvidenceKit.sln
if [ $# -gt 0 ] && [ -e "$1" ]; then target=$1; shift; fi
dotnet test "$target" --logger "trx" --results-directory "$work/results" "$@" 2>&1 | tee "$work/log"
status=${PIPESTATUS[0]}
python3 - "$work/log" "$work/results" <<'PY'
import glob, re, sys
import xml.etree.ElementTree as ET
passed = failed = skipped = 0
for line in open(sys.argv[1], errors="replace"):
    m = re.search(r"Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)", line)
    if m:
        failed += int(m.group(1)); passed += int(m.group(2)); skipped += int(m.group(3))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for trx in sorted(glob.glob(f"{sys.argv[2]}/**/*.trx", recursive=True)):
    for result in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult", ns):
        if result.get("outcome") != "NotExecuted":
            continue
        reason = result.find("t:Output/t:ErrorInfo/t:Message", ns)
        if reason is None:
            reason = result.find("t:Output/t:StdOut", ns)
        text = " ".join((reason.text or "").split()) if reason is not None else "(no reason given)"
        print(f"  skipped: {result.get('testName')}: {text}")
PY
python3 scripts/process-guard.py check "$work/before" "$EVIDENCEKIT_TEST_RUN" || status=1
exit "$status"
