#!/usr/bin/env bash
# Runs every fuzz target for a while (default 60 s each) with the nightly
# toolchain and cargo-fuzz, and prints libFuzzer's summary lines.
#   fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
# Seed each corpus from real files the first time.
seed() {
  local target="$1"; shift
  mkdir -p "fuzz/corpus/$target"
  if [ -z "$(ls -A "fuzz/corpus/$target")" ]; then
    for file in "$@"; do [ -f "$file" ] && cp "$file" "fuzz/corpus/$target/"; done
  fi
}
seed ron_files tests/fixtures/projects/schema-*/project.ron tests/fixtures/projects/schema-*/stories/*.ron tests/fixtures/projects/schema-4/photos/*.ron
seed photo_metadata ../shared/testdata/photos/IPTC.jpg ../shared/testdata/photos/XMP.jpg ../shared/testdata/photos/PhotoMechanic.jpg
seed import_copy tests/fixtures/import/*
for target in ron_files photo_metadata import_copy; do
  echo "== $target (${seconds}s)"
  cargo +nightly fuzz run "$target" -- -max_total_time="$seconds" -print_final_stats=1 2>&1 \
    | grep -E "stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY|ERROR|Done " || true
done
