#!/usr/bin/env bash
# What enrichment adds to a 2000-document build, measured by alternating plain
# (`build --no-enrich`) and enriched builds of the same corpus, so that the machine's drift
# falls on both alike (single runs on a shared 2-core VM swing by ±15%). Not a test: it
# prints each run (wall s, user s, sys s, peak KB), the means and ratios, and the median of
# the pairs' ratios in wall and in user time, which drifts least.
#   bash benches/enrich-ratio.sh [PAIRS]      (needs GNU time)
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-5}
cargo build --release --quiet --bin gongwen --example gen_corpus
bin=$PWD/target/release/gongwen
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/gen_corpus "$work/e2000" 2000 --enrich >/dev/null 2>&1
for _ in $(seq "$pairs"); do
  for mode in plain rich; do
    rm -rf "$work/out"
    sync
    extra=()
    [ "$mode" = plain ] && extra=(--no-enrich)
    /usr/bin/time -f "$mode %e %U %S %M" -o "$work/t" \
      "$bin" --root "$work/e2000/gongwen" build --out "$work/out" "${extra[@]}" >/dev/null 2>&1
    cat "$work/t"
  done
done | awk 'function median(a, k,   i, j, t) {
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  { print; w[$1] += $2; c[$1] += $3 + $4; u[$1] += $3; n[$1]++
    if ($1 == "plain") { last = $2; lastu = $3 } else { r[n["rich"]] = $2 / last; q[n["rich"]] = $3 / lastu } }
  END {
    printf "plain: mean wall %.2f s, CPU %.2f s\n", w["plain"] / n["plain"], c["plain"] / n["plain"]
    printf "rich:  mean wall %.2f s, CPU %.2f s\n", w["rich"] / n["rich"], c["rich"] / n["rich"]
    printf "enrichment adds %.0f%% (wall), %.0f%% (CPU), %.1f%% (user)\n", (w["rich"] / w["plain"] - 1) * 100, (c["rich"] / c["plain"] - 1) * 100, (u["rich"] / u["plain"] - 1) * 100
    # The median of the pairs: a pair runs back to back, so the machine drifts least in it.
    # (median sorts the array, so r[1] and r[k] are the extremes afterwards.)
    k = n["rich"]; m = median(r, k)
    printf "median of the %d pairs: enrichment adds %.0f%% (wall), pairs from %+.0f%% to %+.0f%%\n", k, (m - 1) * 100, (r[1] - 1) * 100, (r[k] - 1) * 100
    # User time swings least: system time (the kernel zeroing and mapping pages) is what
    # varies most from hour to hour on a shared VM.
    printf "median of the %d pairs in user time: enrichment adds %.1f%%\n", k, (median(q, k) - 1) * 100
  }'
