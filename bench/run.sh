#!/usr/bin/env bash
# Runs every row of the performance goals (issue 13) against its reference, alternated, and prints a Markdown table of
# medians, ratios and peak memory. Everything it makes (a tmpfs, corpora, bundles, binaries) is removed at the end,
# also when it is interrupted.
#
# usage: bench/run.sh [--corpora large,small,million] [--rounds N] [--dir DIR] [--tmpfs-size SIZE]
#                     [--collect PATH --verify PATH] [--verify-only] [--collect-only]
#   --corpora   which corpora to build and run (default: large,small)
#                 large:   one 400 MB access log + 6,000 small logs (478 MB in 6,001 files)
#                 small:   200,000 files of 200 B
#                 million: 1,000,000 files of 64 B (memory rows only: collect and verify once a round)
#   --rounds    rounds of each row (default 3); each round runs the reference and EvidenceKit, the order alternating
#   --dir       run on this directory's file system instead of a fresh tmpfs (for example a directory on a disk)
#   --tmpfs-size  size of the tmpfs (default 16g; it takes memory only for what is stored)
#   --collect, --verify  use these executables instead of publishing the working tree in Release once
#   --verify-only  run only the verify rows (each corpus is still collected once, unmeasured, to have a bundle)
#   --collect-only run only the collect rows (analysis, prosecution); with --collect no verifier is needed
# needs: python3, /usr/bin/time (Debian package "time"), coreutils, the .NET SDK (unless --collect/--verify are given)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPORA=large,small
ROUNDS=3
DIR=
TMPFS_SIZE=16g
COLLECT=
VERIFY=
VERIFY_ONLY=
COLLECT_ONLY=
while [ $# -gt 0 ]; do
  case $1 in
    --corpora) CORPORA=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --dir) DIR=$2; shift 2 ;;
    --tmpfs-size) TMPFS_SIZE=$2; shift 2 ;;
    --collect) COLLECT=$2; shift 2 ;;
    --verify) VERIFY=$2; shift 2 ;;
    --verify-only) VERIFY_ONLY=1; shift ;;
    --collect-only) COLLECT_ONLY=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { echo "--rounds takes a positive number" >&2; exit 2; }
for tool in python3 /usr/bin/time sha256sum cp; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool" >&2; exit 2; }
done

report() {
echo
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $FSTYPE, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg), $ROUNDS rounds"
python3 - "$RESULTS" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, seconds, cpu, kib, rc = line.split()
    runs[name].append((float(seconds), float(cpu), int(kib), int(rc)))
def med(name, i=0):
    return statistics.median(r[i] for r in runs[name])
def peak(name):
    return max(r[2] for r in runs[name]) / 1024
def exits(name):
    codes = sorted({r[3] for r in runs[name]})
    return "" if codes == [0] else f" (exit {', '.join(map(str, codes))})"
rows = [
    ("analysis collect, large-file corpus", "large:analysis", "large:cp-a", "`cp -a`", "<= 1.25x"),
    ("prosecution collect, large-file corpus", "large:prosecution", "large:cp-a+sha256sum", "`cp -a` + `sha256sum`", "<= 0.75x"),
    ("verify, large-file corpus", "large:verify", "large:sha256sum-c", "`sha256sum -c`", "<= 0.25x"),
    ("analysis collect, 200,000 small files", "small:analysis", "small:cp-a", "`cp -a`", "<= 1.5x"),
    ("verify, 200,000 small files", "small:verify", "small:sha256sum-c", "`sha256sum -c`", "<= 1.0x"),
    ("analysis collect, 1,000,000 files", "million:analysis", None, "", "<= 256 MiB"),
    ("verify, 1,000,000 files", "million:verify", None, "", "<= 256 MiB, VALID"),
]
print("| work | EvidenceKit median (CPU) | reference | reference median (CPU) | ratio | CPU ratio | goal | EvidenceKit peak RSS |")
print("|---|---|---|---|---|---|---|---|")
for title, ek, ref, ref_name, goal in rows:
    if ek not in runs:
        continue
    ek_cell = f"{med(ek):.2f} s ({med(ek, 1):.2f} s){exits(ek)}"
    if ref and ref in runs:
        ref_cell = f"{med(ref):.2f} s ({med(ref, 1):.2f} s){exits(ref)}"
        ratio = f"{med(ek) / med(ref):.2f}x"
        cpu_ratio = f"{med(ek, 1) / med(ref, 1):.2f}x" if med(ref, 1) > 0 else ""
    else:
        ref_cell, ratio, cpu_ratio = "", "", ""
    print(f"| {title} | {ek_cell} | {ref_name} | {ref_cell} | {ratio} | {cpu_ratio} | {goal} | {peak(ek):.0f} MiB |")
PY
}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/evidencekit-bench.XXXXXX")
MOUNTED=
CHILD=
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$CHILD" ]; then kill "$CHILD" 2>/dev/null || true; wait "$CHILD" 2>/dev/null || true; fi
  if [ "$rc" -ge 128 ] && [ -s "${RESULTS:-}" ]; then
    echo "interrupted; the runs finished so far:"
    report || true
  fi
  if [ -n "$MOUNTED" ]; then umount "$MOUNTED" 2>/dev/null || umount -l "$MOUNTED" 2>/dev/null || true; fi
  if [ -n "$DIR" ] && [ -n "${FS:-}" ]; then rm -rf "$FS"; fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -n "$DIR" ]; then
  mkdir -p "$DIR"
  FS=$(mktemp -d "$DIR/evidencekit-bench.XXXXXX")
else
  FS=$WORK/fs
  mkdir -p "$FS"
  mount -t tmpfs -o "size=$TMPFS_SIZE" evidencekit-bench "$FS"
  MOUNTED=$FS
fi
FSTYPE=$(stat -f -c %T "$FS")
RESULTS=$WORK/results.txt; : > "$RESULTS"

if [ -z "$COLLECT" ] || { [ -z "$VERIFY" ] && [ -z "$COLLECT_ONLY" ]; }; then
  echo "publishing evidencekit-collect and evidencekit-verify (Release) ..." >&2
  for project in EvidenceKit.Collector EvidenceKit.Verifier; do
    dotnet publish "$REPO/src/$project/$project.csproj" -c Release -r linux-x64 --self-contained true \
      -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none \
      -p:PublishDocumentationFile=false -p:PublishReferencesDocumentationFiles=false -o "$WORK/bin" --nologo -v quiet >&2
  done
  COLLECT=$WORK/bin/evidencekit-collect
  VERIFY=$WORK/bin/evidencekit-verify
fi
PROFILE=$REPO/bench/bench-profile.yaml
export EVIDENCEKIT_KEY_PASSPHRASE=bench-only-passphrase
"$COLLECT" keygen --examiner Bench --org Bench --out "$WORK/key.p12" >/dev/null

# measure NAME COMMAND...: runs once under /usr/bin/time -v; appends "NAME seconds cpu_seconds peak_kib exit" to $RESULTS.
measure() {
  local name=$1; shift
  sync
  /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/stdout.txt" 2>"$WORK/stderr.txt" &
  CHILD=$!
  local rc=0
  wait "$CHILD" || rc=$?
  CHILD=
  python3 - "$WORK/time.txt" "$name" "$rc" >> "$RESULTS" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def field(label):
    return re.search(re.escape(label) + r": (.*)", text).group(1).strip()
parts = [float(p) for p in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")]
seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
print(sys.argv[2], f"{seconds:.3f}", f"{cpu:.3f}", field("Maximum resident set size (kbytes)"), sys.argv[3])
PY
  if [ "$rc" -ne 0 ]; then
    echo "  $name exited $rc: $(tail -c 400 "$WORK/stderr.txt" | tr '\n' ' ')" >&2
  fi
}

collect() { # collect OUTDIR ROOT [extra options]
  local out=$1 root=$2; shift 2
  rm -rf "$out"; mkdir -p "$out"
  measure "$LABEL" "$COLLECT" --profile "$PROFILE" --root "$root" --target "$out" --case BENCH --quiet "$@"
}

# pair ROUND REF_NAME REF_FN EK_NAME EK_FN: both, the order alternating with the round.
pair() {
  local round=$1
  if (( round % 2 )); then LABEL=$2; $3; LABEL=$4; $5; else LABEL=$4; $5; LABEL=$2; $3; fi
}

OUT=$FS/out
mkdir -p "$OUT"
corpus_large() { python3 "$REPO/bench/corpus.py" large "$FS/large"; }
corpus_small() { python3 "$REPO/bench/corpus.py" small 200000 200 "$FS/small"; }
corpus_million() { python3 "$REPO/bench/corpus.py" small 1000000 64 "$FS/million"; }

run_large() {
  echo "corpus large: $(find "$FS/large" -type f | wc -l) files, $(du -sb "$FS/large" | cut -f1) bytes on $FSTYPE" >&2
  cp_a() { rm -rf "$OUT/cp"; mkdir -p "$OUT/cp"; measure "$LABEL" cp -a "$FS/large/var/log" "$OUT/cp/"; rm -rf "$OUT/cp"; }
  cp_sha() {
    rm -rf "$OUT/cp"; mkdir -p "$OUT/cp"
    measure "$LABEL" bash -c 'cp -a "$1" "$2/" && cd "$2" && find . -type f -print0 | xargs -0 sha256sum > /dev/null' _ "$FS/large/var/log" "$OUT/cp"
    rm -rf "$OUT/cp"
  }
  ek_analysis() { collect "$OUT/ek" "$FS/large"; rm -rf "$OUT/ek"; }
  ek_prosecution() { collect "$OUT/ek" "$FS/large" --mode prosecution --key "$WORK/key.p12"; rm -rf "$OUT/ek"; }
  local bundle=
  if [ -z "$COLLECT_ONLY" ]; then
    LABEL=bundle; collect "$OUT/bundle-large" "$FS/large" >/dev/null
    bundle=$(find "$OUT/bundle-large" -mindepth 1 -maxdepth 1 -type d | head -1)
  fi
  sha_c() { measure "$LABEL" bash -c 'cd "$1" && sha256sum -c --strict --quiet manifest-sha256.txt' _ "$bundle"; }
  ek_verify() { measure "$LABEL" "$VERIFY" "$bundle" --quiet; }
  for round in $(seq "$ROUNDS"); do
    echo "large, round $round/$ROUNDS" >&2
    if [ -z "$VERIFY_ONLY" ]; then
      pair "$round" large:cp-a cp_a large:analysis ek_analysis
      pair "$round" large:cp-a+sha256sum cp_sha large:prosecution ek_prosecution
    fi
    if [ -z "$COLLECT_ONLY" ]; then pair "$round" large:sha256sum-c sha_c large:verify ek_verify; fi
  done
  rm -rf "$OUT/bundle-large"
}

run_small() {
  echo "corpus small: $(find "$FS/small" -type f | wc -l) files, $(du -sb "$FS/small" | cut -f1) bytes on $FSTYPE" >&2
  cp_a() { rm -rf "$OUT/cp"; mkdir -p "$OUT/cp"; measure "$LABEL" cp -a "$FS/small/var/log" "$OUT/cp/"; rm -rf "$OUT/cp"; }
  ek_analysis() { collect "$OUT/ek" "$FS/small"; rm -rf "$OUT/ek"; }
  local bundle=
  if [ -z "$COLLECT_ONLY" ]; then
    LABEL=bundle; collect "$OUT/bundle-small" "$FS/small" >/dev/null
    bundle=$(find "$OUT/bundle-small" -mindepth 1 -maxdepth 1 -type d | head -1)
  fi
  sha_c() { measure "$LABEL" bash -c 'cd "$1" && sha256sum -c --strict --quiet manifest-sha256.txt' _ "$bundle"; }
  ek_verify() { measure "$LABEL" "$VERIFY" "$bundle" --quiet; }
  for round in $(seq "$ROUNDS"); do
    echo "small, round $round/$ROUNDS" >&2
    if [ -z "$VERIFY_ONLY" ]; then pair "$round" small:cp-a cp_a small:analysis ek_analysis; fi
    if [ -z "$COLLECT_ONLY" ]; then pair "$round" small:sha256sum-c sha_c small:verify ek_verify; fi
  done
  rm -rf "$OUT/bundle-small"
}

run_million() {
  echo "corpus million: $(find "$FS/million" -type f | wc -l) files on $FSTYPE" >&2
  if [ -n "$VERIFY_ONLY" ]; then
    LABEL=bundle; collect "$OUT/million" "$FS/million"
    local bundle; bundle=$(find "$OUT/million" -mindepth 1 -maxdepth 1 -type d | head -1)
    for round in $(seq "$ROUNDS"); do
      echo "million, round $round/$ROUNDS" >&2
      measure million:verify "$VERIFY" "$bundle" --quiet
    done
    rm -rf "$OUT/million"
    return
  fi
  for round in $(seq "$ROUNDS"); do
    echo "million, round $round/$ROUNDS" >&2
    LABEL=million:analysis; collect "$OUT/million" "$FS/million"
    local bundle; bundle=$(find "$OUT/million" -mindepth 1 -maxdepth 1 -type d | head -1)
    if [ -n "$bundle" ]; then measure million:verify "$VERIFY" "$bundle" --quiet; fi
    rm -rf "$OUT/million"
  done
}

IFS=, read -r -a selected <<< "$CORPORA"
for corpus in "${selected[@]}"; do
  case $corpus in
    large|small|million) echo "building corpus $corpus on $FSTYPE ..." >&2; "corpus_$corpus"; "run_$corpus"; rm -rf "${FS:?}/$corpus" ;;
    *) echo "unknown corpus $corpus (large, small, million)" >&2; exit 2 ;;
  esac
done

report
