#!/usr/bin/env bash
# Whole-process benchmark of evidencekit-verify against `sha256sum -c manifest-sha256.txt` on the same bundle
# (the bench corpus collected in analysis mode), runs alternated. Prints medians and the ratio.
source "$(dirname "$0")/lib.sh"
ensure_binaries
ensure_corpus
RESULTS=$BENCH_ROOT/verify-results.txt; : > "$RESULTS"
rm -rf "$OUT"; mkdir -p "$OUT"
"$COLLECT" --profile "$REPO/bench/bench-profile.yaml" --root "$CORPUS" --target "$OUT" --quiet >/dev/null
bundle=$(find "$OUT" -mindepth 1 -maxdepth 1 -type d | head -1)
echo "bundle: $(grep -c . "$bundle/manifest-sha256.txt") files, $(du -sb "$bundle/data" | cut -f1) bytes"
for i in $(seq "$RUNS"); do
  time_run sha256sum-c bash -c "cd '$bundle' && sha256sum -c --strict --quiet manifest-sha256.txt"
  time_run evidencekit-verify "$VERIFY" "$bundle" --quiet
done
rm -rf "$OUT"
report "evidencekit-verify/sha256sum-c"
