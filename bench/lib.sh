#!/usr/bin/env bash
# Shared pieces of the whole-process benchmarks: corpus, timing with /usr/bin/time, medians and ratios.
set -euo pipefail

BENCH_ROOT=${BENCH_ROOT:-/var/tmp/evidencekit-bench}
CORPUS=$BENCH_ROOT/corpus
OUT=$BENCH_ROOT/out
RUNS=${RUNS:-5}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
COLLECT=${COLLECT:-$REPO/artifacts/linux-x64/evidencekit-collect}
VERIFY=${VERIFY:-$REPO/artifacts/linux-x64/evidencekit-verify}

need() { command -v "$1" >/dev/null || { echo "bench needs $1 (apt-get install -y $2)" >&2; exit 2; }; }
need /usr/bin/time time
need python3 python3

ensure_binaries() {
  if [ ! -x "$COLLECT" ] || [ ! -x "$VERIFY" ]; then
    "$REPO/scripts/publish.sh" linux-x64 >/dev/null
  fi
}

# One 1 GiB log, 20,000 small logs in 200 directories, 200 rotated .gz files.
ensure_corpus() {
  if [ -f "$CORPUS/.complete" ]; then return; fi
  rm -rf "$CORPUS"; mkdir -p "$CORPUS/var/log/app"
  python3 - "$CORPUS/var/log" <<'PY'
import os, sys, random, gzip
root = sys.argv[1]
rnd = random.Random(42)
line = lambda i: f'203.0.113.{i % 250} - - [24/Nov/2026:03:{i % 60:02d}:{i % 60:02d} +0000] "GET /item/{i} HTTP/1.1" 200 {rnd.randint(100, 99999)} "-" "curl/8.0"\n'
with open(os.path.join(root, "big-access.log"), "w") as f:
    chunk = "".join(line(i) for i in range(100000))
    while f.tell() < 1 << 30:
        f.write(chunk)
for d in range(200):
    dd = os.path.join(root, "app", f"svc{d:03d}")
    os.makedirs(dd, exist_ok=True)
    for i in range(100):
        with open(os.path.join(dd, f"app-{i:03d}.log"), "w") as f:
            f.write("".join(line(d * 1000 + i * 10 + k) for k in range(rnd.randint(5, 60))))
    with gzip.open(os.path.join(dd, "app.log.2.gz"), "wt") as f:
        f.write("".join(line(k) for k in range(2000)))
PY
  touch "$CORPUS/.complete"
}

# time_run NAME COMMAND...: runs once, appends "NAME seconds maxrss_kib" to $RESULTS.
time_run() {
  local name=$1; shift
  sync
  /usr/bin/time -f "%e %M" -o "$BENCH_ROOT/time.txt" "$@" >/dev/null 2>"$BENCH_ROOT/stderr.txt" || {
    local rc=$?; if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then echo "$name failed ($rc)"; tail -5 "$BENCH_ROOT/stderr.txt"; exit 1; fi; }
  echo "$name $(tail -1 "$BENCH_ROOT/time.txt")" >> "$RESULTS"
  sync
}

report() {
  python3 - "$RESULTS" "$@" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for l in open(sys.argv[1]):
    n, s, m = l.split(); rows[n].append((float(s), int(m)))
med = {n: statistics.median(s for s, _ in v) for n, v in rows.items()}
for n, v in rows.items():
    print(f"{n:28s} median {med[n]:7.2f} s  (runs: {', '.join(f'{s:.2f}' for s, _ in v)})  peak RSS {max(m for _, m in v) / 1024:6.1f} MiB")
for pair in sys.argv[2:]:
    a, b = pair.split("/")
    print(f"ratio {a} / {b}: {med[a] / med[b]:.2f}x")
PY
}
