#!/usr/bin/env bash
# Full-build benchmark: wall time and peak memory of `gongwen build` for the seed site and
# for synthetic corpora of 200 and 2000 documents, with Hugo (Debian's `hugo`) building the
# same corpora in the same run as the reference. Not a test: it prints a table.
#   bash benches/build.sh [RUNS]      (needs: hugo, GNU time; installs them with apt-get if root)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
if ! command -v hugo >/dev/null || [ ! -x /usr/bin/time ]; then
  [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo time >/dev/null
fi
cargo build --release --quiet --bin gongwen --example gen_corpus
bin=$PWD/target/release/gongwen
# Corpora and output live in memory (/dev/shm) where there is one, for gongwen and Hugo
# alike: this measures the generators, not the disk (on this project's VM, writing the same
# 600 MB to disk took from 3 s to 21 s from one run to the next).
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT

# best wall time (s) and the peak RSS (MB) of that run, over $runs cold runs of "$@"
# (the output folder $1 is removed before each run)
measure() {
  local out=$1 best="" mem=""
  shift
  for _ in $(seq "$runs"); do
    rm -rf "$out"
    sync
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1
    read -r t m < "$work/t"
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; mem=$((m / 1024)); fi
  done
  echo "$best $mem"
}

printf "%-12s %10s %10s %10s %10s %8s\n" corpus "gongwen s" "MB" "hugo s" "MB" "speedup"
row() {
  local name=$1 g=$2 h=$3
  read -r gt gm <<< "$g"
  if [ -n "$h" ]; then
    read -r ht hm <<< "$h"
    printf "%-12s %10s %10s %10s %10s %7.1fx\n" "$name" "$gt" "$gm" "$ht" "$hm" "$(awk "BEGIN{print ($gt>0)?$ht/$gt:0}")"
  else
    printf "%-12s %10s %10s\n" "$name" "$gt" "$gm"
  fi
}

row seeds "$(measure "$work/seeds-out" "$bin" --root . build --out "$work/seeds-out")" ""
for n in 200 2000; do
  target/release/examples/gen_corpus "$work/c$n" "$n" 2>/dev/null
  g=$(measure "$work/c$n/out" "$bin" --root "$work/c$n/gongwen" build --out "$work/c$n/out")
  pages=$(find "$work/c$n/out" -name '*.html' | wc -l)
  h=""
  if command -v hugo >/dev/null; then
    h=$(measure "$work/c$n/hugo-out" hugo --source "$work/c$n/hugo" --destination "$work/c$n/hugo-out" --quiet)
    hpages=$(find "$work/c$n/hugo-out" -name '*.html' | wc -l)
  fi
  row "$n docs" "$g" "$h"
  echo "             ($pages gongwen pages, ${hpages:-?} hugo pages)"
done
# The same 2000 documents with the project's glossary and subjects: term links, backlink
# pages, related passages and subject pages (work Hugo's site does not do).
# The baseline is the same corpus built with --no-enrich: what the enrichment stage adds
# (the target is under 20%).
target/release/examples/gen_corpus "$work/e2000" 2000 --enrich 2>/dev/null
plain=$(measure "$work/e2000/out" "$bin" --root "$work/e2000/gongwen" build --out "$work/e2000/out" --no-enrich)
row "2000 plain" "$plain" ""
rich=$(measure "$work/e2000/out" "$bin" --root "$work/e2000/gongwen" build --out "$work/e2000/out")
row "2000 + gloss" "$rich" ""
echo "             ($(find "$work/e2000/out" -name '*.html' | wc -l) gongwen pages)"
awk -v p="${plain%% *}" -v r="${rich%% *}" 'BEGIN { printf "enrichment adds %.0f%% (%.2f s over %.2f s)\n", (r - p) / p * 100, r - p, p }'
