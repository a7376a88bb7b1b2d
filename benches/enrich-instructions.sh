#!/usr/bin/env bash
# What enrichment adds to a build, counted in instructions: valgrind's callgrind runs a plain
# (`build --no-enrich`) and an enriched build of the same generated corpus on one thread and
# counts each stage (a dump after every `Clock::lap`). The totals repeat to within 0.5%, where
# this VM's timings swing by ±15%, so a change to enrichment shows here first. They leave out
# what the kernel does (page faults, writing files) and cache misses: confirm with
# `benches/enrich-ratio.sh`. Not a test: it prints a table. About 2 minutes at 200
# documents (both builds side by side), 12 at 2000.
#   bash benches/enrich-instructions.sh [DOCUMENTS]      (needs valgrind; default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-200}
command -v valgrind >/dev/null || {
  echo "enrich-instructions: needs valgrind (apt-get install valgrind)" >&2
  exit 2
}
cargo build --release --quiet --bin gongwen --example gen_corpus
bin=$PWD/target/release/gongwen
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/gen_corpus "$work/corpus" "$docs" --enrich >/dev/null 2>&1
for mode in plain rich; do
  extra=()
  [ "$mode" = plain ] && extra=(--no-enrich)
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$work/$mode" \
    --dump-after='gongwen::build::Clock::lap' \
    "$bin" --root "$work/corpus/gongwen" build --out "$work/out-$mode" "${extra[@]}" \
    >/dev/null 2>&1 &
done
wait
# Dump N is stage N, in the order `build -v` prints them.
stages=("load and recognise" "enrich, search index" "assemble" "render and minify"
  "check links" "write")
printf '%-22s %14s %14s %8s\n' stage plain enriched added
for i in "${!stages[@]}"; do
  n=$((i + 1))
  p=$(grep -m1 '^summary:' "$work/plain.$n" | cut -d' ' -f2)
  r=$(grep -m1 '^summary:' "$work/rich.$n" | cut -d' ' -f2)
  echo "${stages[$i]}|$p|$r"
done | awk -F'|' '{ printf "%-22s %14.0f %14.0f %+7.1f%%\n", $1, $2, $3, ($3 / $2 - 1) * 100
    p += $2; r += $3 }
  END { printf "%-22s %14.0f %14.0f %+7.1f%%\n", "total", p, r, (r / p - 1) * 100 }'
echo "($docs documents, instructions, one thread)"
