#!/usr/bin/env bash
# Runs the whole test suite (dotnet test) and ends with one summary line: "tests: N passed, N failed".
# The tests use real openssl, sha256sum, OpenSSH (sshd), nginx, Apache and Chromium; .ci/run installs them on Debian.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test EvidenceKit.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
python3 - "$log" <<'PY'
import re, sys
passed = failed = skipped = 0
for line in open(sys.argv[1], errors="replace"):
    m = re.search(r"Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)", line)
    if m:
        failed += int(m.group(1)); passed += int(m.group(2)); skipped += int(m.group(3))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit "$status"
