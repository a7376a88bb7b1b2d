#!/usr/bin/env bash
# Search benchmark: builds the seed site and a synthetic corpus (default 2000 documents),
# indexes both with Pagefind 1.6 (npm `pagefind`, which ships its binary) and measures both
# engines in Debian's Chromium: index size, bytes for a cold first query including the code,
# latency, recall and exact result sets; on the seed site also the relevance set
# (search/relevance.json: recall@5, MRR). Not a test: it prints a table.
#   bash benches/search.sh [DOCS]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-2000}
cargo build --release --quiet --bin gongwen --example gen_corpus
(cd benches/search && npm ci --silent --no-audit --no-fund)
bin=$PWD/target/release/gongwen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pagefind=$PWD/benches/search/node_modules/.bin/pagefind
"$bin" --root . build --out "$work/seeds" --base-url / 2>/dev/null
"$pagefind" --site "$work/seeds" --glob 'china-*/**/*.html' --quiet
"$pagefind" --site "$work/seeds" --glob 'en/china-*/**/*.html' --output-subdir pagefind-en --quiet
target/release/examples/gen_corpus "$work/corpus" "$docs" 2>/dev/null
"$bin" --root "$work/corpus/gongwen" build --out "$work/c" 2>/dev/null
"$pagefind" --site "$work/c" --glob 'doc*/**/*.html' --quiet
node benches/search/bench.mjs seeds "$work/seeds" "$docs docs" "$work/c"
