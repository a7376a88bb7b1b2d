#!/usr/bin/env bash
# Watch-mode latency: time from writing a one-paragraph edit to a seed to the finished output
# and to the live-reload event, with `gongwen serve`, for the seed site and for 200 synthetic
# documents (with the project's glossary and subjects), and for 200 documents again with a
# paragraph added and removed in turn. Not a test: it prints numbers.
#   bash benches/watch.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
cargo build --release --quiet --bin gongwen --example gen_corpus --example watch_latency
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/seeds-site"
cp -r seeds content "$work/seeds-site/"
echo "seed site (2 documents):"
target/release/examples/watch_latency "$work/seeds-site" "$runs"
target/release/examples/gen_corpus "$work/c200" 200 --enrich >/dev/null 2>&1
echo "200 documents + glossary and subjects:"
target/release/examples/watch_latency "$work/c200/gongwen" "$runs"
echo "200 documents, a paragraph added or removed (the search index renumbers passages):"
target/release/examples/watch_latency "$work/c200/gongwen" "$runs" add
