#!/usr/bin/env bash
# Whole-process benchmark of analysis (and prosecution) collection against cp -a and cp -a + sha256sum,
# on the same corpus and the same file system, runs alternated. Prints medians, ratios and peak memory.
# Usage: bench/collect.sh            (RUNS=5 by default; BENCH_ROOT=/var/tmp/evidencekit-bench)
source "$(dirname "$0")/lib.sh"
ensure_binaries
ensure_corpus
RESULTS=$BENCH_ROOT/collect-results.txt; : > "$RESULTS"
PROFILE=$REPO/bench/bench-profile.yaml
files=$(find "$CORPUS/var/log" -type f | wc -l); bytes=$(du -sb "$CORPUS/var/log" | cut -f1)
echo "corpus: $files files, $bytes bytes, on $(df -T "$BENCH_ROOT" | awk 'NR==2{print $2}')"
for i in $(seq "$RUNS"); do
  rm -rf "$OUT"; mkdir -p "$OUT/cp" "$OUT/ek"
  time_run cp-a cp -a "$CORPUS/var/log" "$OUT/cp/"
  rm -rf "$OUT/cp"; mkdir -p "$OUT/cp"
  time_run cp-a+sha256sum bash -c "cp -a '$CORPUS/var/log' '$OUT/cp/' && cd '$OUT/cp' && find . -type f -print0 | xargs -0 sha256sum > /dev/null"
  time_run evidencekit-analysis "$COLLECT" --profile "$PROFILE" --root "$CORPUS" --target "$OUT/ek" --quiet
  rm -rf "$OUT/ek"; mkdir -p "$OUT/ek"
  if [ -n "${EK_KEY:-}" ]; then
    time_run evidencekit-prosecution "$COLLECT" --profile "$PROFILE" --root "$CORPUS" --target "$OUT/ek" --quiet \
      --mode prosecution --case BENCH --examiner Bench --key "$EK_KEY"
  fi
done
rm -rf "$OUT"
pairs=("evidencekit-analysis/cp-a" "evidencekit-analysis/cp-a+sha256sum")
[ -n "${EK_KEY:-}" ] && pairs+=("evidencekit-prosecution/cp-a+sha256sum")
report "${pairs[@]}"
