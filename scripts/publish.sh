#!/usr/bin/env bash
# Publishes evidencekit-collect and evidencekit-verify as self-contained single-file executables.
# Usage: scripts/publish.sh [RID ...]   (default: linux-x64; also try win-x64 osx-arm64)
# Output: artifacts/<rid>/evidencekit-collect[.exe], artifacts/<rid>/evidencekit-verify[.exe], and
# artifacts/<rid>.source-key: the key of the sources published (scripts/source-key.sh, taken before publishing and
# written only when both executables are published), by which the tests reuse this folder instead of publishing again.
set -euo pipefail
cd "$(dirname "$0")/.."
rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64)
for rid in "${rids[@]}"; do
  key=$(scripts/source-key.sh)
  mkdir -p artifacts
  rm -f "artifacts/$rid.source-key"
  for project in EvidenceKit.Collector EvidenceKit.Verifier; do
    dotnet publish "src/$project/$project.csproj" -c Release -r "$rid" --self-contained true \
      -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none \
      -p:EnableCompressionInSingleFile=false -p:PublishDocumentationFile=false -p:PublishReferencesDocumentationFiles=false -o "artifacts/$rid" --nologo -v quiet
  done
  echo "$key" > "artifacts/$rid.source-key"
  echo "published: artifacts/$rid"
  ls -l "artifacts/$rid"
done
