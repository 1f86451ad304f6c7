#!/usr/bin/env bash
# Timeline throughput and memory.
#   bench/timeline.sh            a generated 1 GiB nginx access log (plain, and rotated .gz), collected into a bundle
#                                (analysis mode); `evidencekit-verify timeline` beside `wc -l` and `gzip -dc | wc -l` on
#                                the same bytes, as ratios; wall time, CPU time and peak RSS from /usr/bin/time -v.
#                                The runs alternate (timeline, baseline, timeline, ...) RUNS times; medians are printed.
#   bench/timeline.sh --big-only only the bound run (below); with BIG_DIR, the bound run of that bundle, whatever its size.
#   bench/timeline.sh --big      also the bound run: 10 GiB of logs (40 rotated files, 30 nginx access logs and 10
#                                syslog files of 256 MiB) collected into one bundle, one timeline run, peak RSS checked
#                                against 512 MiB. Long (about half an hour on 2 cores); needs about 60 GB free.
# The timeline time includes verifying the bundle (hashing it), parsing, the external merge sort and writing JSONL to
# /dev/null. Environment: SIZE_MB (1024), RUNS (3), WORK_ROOT (/var/tmp), BIG_DIR (reuse a prepared 10 GiB bundle
# directory instead of generating one; it is kept). Output is printed; keep it in bench/results/timeline-*.txt.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZE_MB=${SIZE_MB:-1024}
RUNS=${RUNS:-3}
BIG=0
SMALL=1
[ "${1:-}" = "--big" ] && BIG=1
[ "${1:-}" = "--big-only" ] && BIG=1 && SMALL=0
WORK=$(mktemp -d "${WORK_ROOT:-/var/tmp}/ek-bench-timeline-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }

# Built into the work directory: a later build of the tree cannot replace the binaries under a running measurement.
dotnet build "$REPO/src/EvidenceKit.Verifier" -c Release -v q -nologo -o "$WORK/bin" >/dev/null
dotnet build "$REPO/src/EvidenceKit.Collector" -c Release -v q -nologo -o "$WORK/bin" >/dev/null
VERIFY="dotnet $WORK/bin/evidencekit-verify.dll"
COLLECT="dotnet $WORK/bin/evidencekit-collect.dll"

# access_log PATH MIB DAY: a generated nginx combined log of MIB MiB whose times start on day DAY of December 2026.
access_log() {
  python3 - "$1" "$2" "$3" <<'PY'
import sys, random
path, size, day0 = sys.argv[1], int(sys.argv[2]) << 20, int(sys.argv[3])
rnd = random.Random(16)
agents = ['"-" "Mozilla/5.0 (X11; Linux x86_64)"', '"https://example.org/" "curl/8.0"', '"-" "sqlmap/1.7"']
paths = ["/", "/index.php?id=1", "/wp-login.php", "/static/app.js", "/../../etc/passwd", "/shop/item/42"]
def line(i):
    t = i // 50
    return (f'198.51.{i % 7}.{i % 251} - - [{day0 + (t // 86400) % 28:02d}/Dec/2026:{(t // 3600) % 24:02d}:{(t // 60) % 60:02d}:{t % 60:02d} +0000] '
            f'"GET {paths[i % len(paths)]} HTTP/1.1" {(200, 404, 500)[i % 3]} {rnd.randint(100, 99999)} {agents[i % len(agents)]}\n')
with open(path, "w") as f:
    i = 0
    while f.tell() < size:
        f.write("".join(line(i + k) for k in range(20000)))
        i += 20000
PY
}

# syslog_file PATH MIB: a generated RFC 3164 syslog (sshd, sudo, cron, kernel lines) of MIB MiB.
syslog_file() {
  python3 - "$1" "$2" <<'PY'
import sys
path, size = sys.argv[1], int(sys.argv[2]) << 20
msgs = ["sshd[{p}]: Failed password for invalid user admin from 203.0.113.{a} port {q} ssh2",
        "sshd[{p}]: Accepted publickey for deploy from 198.51.100.{a} port {q} ssh2: ED25519 SHA256:abc",
        "sudo[{p}]:   deploy : TTY=pts/0 ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx",
        "CRON[{p}]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)",
        "kernel: [UFW BLOCK] IN=eth0 OUT= MAC=00:00 SRC=203.0.113.{a} DST=192.0.2.10 LEN=40 PROTO=TCP SPT={q} DPT=22"]
mon = "Dec"
def line(i):
    t = i // 20
    return f"{mon} {1 + (t // 86400) % 28:2d} {(t // 3600) % 24:02d}:{(t // 60) % 60:02d}:{t % 60:02d} web1 " + msgs[i % len(msgs)].format(p=1000 + i % 30000, a=i % 250, q=1024 + i % 60000) + "\n"
with open(path, "w") as f:
    i = 0
    while f.tell() < size:
        f.write("".join(line(i + k) for k in range(20000)))
        i += 20000
PY
}

# measure NAME COMMAND...: prints "NAME wall_seconds cpu_seconds peak_rss_kib"
measure() {
  local name=$1; shift
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || { cat "$WORK/stderr.txt" >&2; exit 1; }
  local wall cpu rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/time.txt")
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$WORK/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
  echo "$name $wall $cpu $rss"
}

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, $(awk '/model name/ {sub(/.*: /,""); print; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo); commit $(git -C "$REPO" rev-parse --short HEAD)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$SMALL" = 1 ]; then
mkdir -p "$WORK/plain/var/log/nginx" "$WORK/gz/var/log/nginx" "$WORK/bundles/plain" "$WORK/bundles/gz"
LOG=$WORK/plain/var/log/nginx/access.log
GZ=$WORK/gz/var/log/nginx/access.log.1.gz
access_log "$LOG" "$SIZE_MB" 1
gzip -1 -c "$LOG" > "$GZ"
$COLLECT --profile linux-web-nginx --root "$WORK/plain" --target "$WORK/bundles/plain" --case BENCH >/dev/null || [ $? -eq 3 ]
$COLLECT --profile linux-web-nginx --root "$WORK/gz" --target "$WORK/bundles/gz" --case BENCH >/dev/null || [ $? -eq 3 ]
PLAIN_BUNDLE=$(ls -d "$WORK"/bundles/plain/*)
GZ_BUNDLE=$(ls -d "$WORK"/bundles/gz/*)

BYTES=$(stat -c %s "$LOG")
LINES=$(wc -l < "$LOG")
: > "$WORK/samples.txt"
for run in $(seq 1 "$RUNS"); do
  measure timeline $VERIFY timeline "$PLAIN_BUNDLE" --out /dev/null >> "$WORK/samples.txt"
  measure wc wc -l "$LOG" >> "$WORK/samples.txt"
  measure timeline-gz $VERIFY timeline "$GZ_BUNDLE" --out /dev/null >> "$WORK/samples.txt"
  measure gzip-wc sh -c "gzip -dc '$GZ' | wc -l" >> "$WORK/samples.txt"
done
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$BYTES" "$LINES" "$WORK/samples.txt" <<'PY'
import sys, statistics
b, lines, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
runs = {}
for row in open(path):
    name, wall, cpu, rss = row.split()
    runs.setdefault(name, []).append((float(wall), float(cpu), int(rss)))
med = lambda name, i: statistics.median(r[i] for r in runs[name])
mb = b / (1 << 20)
n = len(runs["timeline"])
print(f"input: {mb:.0f} MiB, {lines} lines (nginx combined); medians of {n} alternated runs")
for name, label, base in [("wc", "wc -l", None), ("gzip-wc", "gzip -dc | wc -l", None),
                          ("timeline", "timeline (plain)", "wc"), ("timeline-gz", "timeline (rotated .gz)", "gzip-wc")]:
    wall, cpu = med(name, 0), med(name, 1)
    row = f"{label:24s} wall {wall:8.2f} s {mb / wall:7.1f} MiB/s   cpu {cpu:8.2f} s {mb / max(cpu, 0.01):7.1f} MiB/s"
    if base:
        rss = max(r[2] for r in runs[name]) / 1024
        row += f"   peak RSS {rss:4.0f} MiB   ratio to {('wc -l' if base == 'wc' else 'gzip -dc | wc -l')}: wall {wall / med(base, 0):.1f}x, cpu {cpu / max(med(base, 1), 0.01):.1f}x"
    print(row)
PY
fi

if [ "$BIG" = 1 ]; then
  echo
  echo "bound run: the logs of one bundle (${BIG_DIR:-10 GiB generated})"
  if [ -n "${BIG_DIR:-}" ] && ls -d "$BIG_DIR"/bundle/*/ >/dev/null 2>&1; then
    BIG_BUNDLE=$(ls -d "$BIG_DIR"/bundle/*/ | head -1)
  else
    BIG_DIR=$WORK/big
    mkdir -p "$BIG_DIR/root/var/log/nginx" "$BIG_DIR/bundle"
    access_log "$BIG_DIR/access.template" 256 1
    syslog_file "$BIG_DIR/syslog.template" 256
    for i in $(seq 1 30); do cp "$BIG_DIR/access.template" "$BIG_DIR/root/var/log/nginx/access.log.$i"; done
    for i in $(seq 1 10); do cp "$BIG_DIR/syslog.template" "$BIG_DIR/root/var/log/syslog.$i"; done
    rm -f "$BIG_DIR"/*.template
    $COLLECT --profile linux-web-nginx --root "$BIG_DIR/root" --target "$BIG_DIR/bundle" --case BENCH >/dev/null || [ $? -eq 3 ]
    rm -rf "$BIG_DIR/root"
    BIG_BUNDLE=$(ls -d "$BIG_DIR"/bundle/*/ | head -1)
  fi
  BIG_BYTES=$(du -sb "$BIG_BUNDLE/data" | cut -f1)
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  read -r _ WALL CPU RSS < <(measure timeline-10g $VERIFY timeline "$BIG_BUNDLE" --out /dev/null)
  echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
  tail -n 3 "$WORK/stderr.txt" | sed 's/^/  stderr: /'
  python3 - "$BIG_BYTES" "$WALL" "$CPU" "$RSS" <<'PY'
import sys
b, wall, cpu, rss = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
mb = b / (1 << 20)
print(f"timeline (bound run)  input {mb / 1024:.1f} GiB   wall {wall:8.1f} s {mb / wall:7.1f} MiB/s   cpu {cpu:8.1f} s   "
      f"peak RSS {rss / 1024:.0f} MiB (bound 512 MiB: {'met' if rss < 512 * 1024 else 'NOT met'})")
PY
fi
