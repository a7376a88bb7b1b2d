#!/usr/bin/env bash
# Library walk: builds a site of the 1,027 real laws in ../shared/corpus/laws and walks it in
# Debian's Chromium (benches/search/browse.mjs): the library's facets, every list page,
# every document reached and its first page; counts pages and sizes. Not a test.
#   bash benches/browse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin gongwen
(cd benches/search && npm ci --silent --no-audit --no-fund)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash benches/laws-project.sh "$work/laws" >/dev/null
target/release/gongwen --root "$work/laws" build --out "$work/site" --quiet 2>/dev/null
node benches/search/browse.mjs "$work/site"
