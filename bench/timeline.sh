#!/usr/bin/env bash
# Timeline throughput: evidencekit-verify timeline on a generated 1 GiB nginx access log (plain, and rotated .gz),
# beside `wc -l` and `gzip -dc | wc -l` on the same bytes, as ratios; wall time and peak RSS from /usr/bin/time -v.
# The timeline time includes verifying the bundle (hashing it) and the external merge sort; output goes to /dev/null.
# Usage: bench/timeline.sh            (SIZE_MB=1024 by default; the work directory is removed at the end)
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZE_MB=${SIZE_MB:-1024}
WORK=$(mktemp -d "${TMPDIR:-/var/tmp}/ek-bench-timeline-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }

dotnet build "$REPO/src/EvidenceKit.Verifier" -c Release -v q -nologo >/dev/null
dotnet build "$REPO/src/EvidenceKit.Collector" -c Release -v q -nologo >/dev/null
VERIFY="dotnet $REPO/src/EvidenceKit.Verifier/bin/Release/net10.0/evidencekit-verify.dll"
COLLECT="dotnet $REPO/src/EvidenceKit.Collector/bin/Release/net10.0/evidencekit-collect.dll"

mkdir -p "$WORK/plain/var/log/nginx" "$WORK/gz/var/log/nginx" "$WORK/bundles/plain" "$WORK/bundles/gz"
python3 - "$WORK/plain/var/log/nginx/access.log" "$SIZE_MB" <<'PY'
import sys, random
path, size = sys.argv[1], int(sys.argv[2]) << 20
rnd = random.Random(16)
agents = ['"-" "Mozilla/5.0 (X11; Linux x86_64)"', '"https://example.org/" "curl/8.0"', '"-" "sqlmap/1.7"']
paths = ["/", "/index.php?id=1", "/wp-login.php", "/static/app.js", "/../../etc/passwd", "/shop/item/42"]
def line(i):
    t = i // 50
    return (f'198.51.{i % 7}.{i % 251} - - [{1 + (t // 86400) % 28:02d}/Dec/2026:{(t // 3600) % 24:02d}:{(t // 60) % 60:02d}:{t % 60:02d} +0000] '
            f'"GET {paths[i % len(paths)]} HTTP/1.1" {(200, 404, 500)[i % 3]} {rnd.randint(100, 99999)} {agents[i % len(agents)]}\n')
with open(path, "w") as f:
    i = 0
    while f.tell() < size:
        f.write("".join(line(i + k) for k in range(20000)))
        i += 20000
PY
gzip -1 -c "$WORK/plain/var/log/nginx/access.log" > "$WORK/gz/var/log/nginx/access.log.1.gz"
LOG=$WORK/plain/var/log/nginx/access.log
GZ=$WORK/gz/var/log/nginx/access.log.1.gz
$COLLECT --profile linux-web-nginx --root "$WORK/plain" --target "$WORK/bundles/plain" --case BENCH >/dev/null || [ $? -eq 3 ]
$COLLECT --profile linux-web-nginx --root "$WORK/gz" --target "$WORK/bundles/gz" --case BENCH >/dev/null || [ $? -eq 3 ]
PLAIN_BUNDLE=$(ls -d "$WORK"/bundles/plain/*)
GZ_BUNDLE=$(ls -d "$WORK"/bundles/gz/*)

# measure NAME COMMAND...: prints "NAME seconds peak_rss_kib"
measure() {
  local name=$1; shift
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/stderr.txt" || { cat "$WORK/stderr.txt" >&2; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
  echo "$name $wall $rss"
}

BYTES=$(stat -c %s "$LOG")
LINES=$(wc -l < "$LOG")
read -r _ WC _ < <(measure wc wc -l "$LOG")
read -r _ GZWC _ < <(measure gzip-wc sh -c "gzip -dc '$GZ' | wc -l")
read -r _ TL TLRSS < <(measure timeline $VERIFY timeline "$PLAIN_BUNDLE" --out /dev/null)
read -r _ TLGZ TLGZRSS < <(measure timeline-gz $VERIFY timeline "$GZ_BUNDLE" --out /dev/null)

python3 - "$BYTES" "$LINES" "$WC" "$GZWC" "$TL" "$TLRSS" "$TLGZ" "$TLGZRSS" <<'PY'
import sys
b, lines, wc, gzwc, tl, tlrss, tlgz, tlgzrss = sys.argv[1:]
b, lines = int(b), int(lines)
wc, gzwc, tl, tlgz = map(float, (wc, gzwc, tl, tlgz))
mb = b / (1 << 20)
print(f"input: {mb:.0f} MiB, {lines} lines (nginx combined)")
print(f"wc -l:                    {wc:8.2f} s  {mb / wc:8.1f} MiB/s")
print(f"gzip -dc | wc -l:         {gzwc:8.2f} s  {mb / gzwc:8.1f} MiB/s")
print(f"timeline (plain):         {tl:8.2f} s  {mb / tl:8.1f} MiB/s  {lines / tl:10.0f} lines/s  peak RSS {int(tlrss) / 1024:.0f} MiB  ratio to wc -l: {tl / wc:.1f}x")
print(f"timeline (rotated .gz):   {tlgz:8.2f} s  {mb / tlgz:8.1f} MiB/s  {lines / tlgz:10.0f} lines/s  peak RSS {int(tlgzrss) / 1024:.0f} MiB  ratio to gzip -dc | wc -l: {tlgz / gzwc:.1f}x")
PY
