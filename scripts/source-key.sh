#!/usr/bin/env bash
# Prints one SHA-256 over everything a publish reads from this checkout, by path and content: src/ and profiles/
# (bin/ and obj/ left out), the build props, global.json and scripts/publish.sh. scripts/publish.sh records it as
# artifacts/<rid>.source-key; the tests use a published folder only when its key is the key of the sources as they
# are (tests/EvidenceKit.Testing/PublishedExecutables.cs), so a publish from other sources is never used.
set -euo pipefail
cd "$(dirname "$0")/.."
find src profiles Directory.Build.props Directory.Packages.props global.json scripts/publish.sh \
  \( -name bin -o -name obj \) -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
