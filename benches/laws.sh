#!/usr/bin/env bash
# The real-corpus benchmark: the 1,027 laws of ../shared/corpus/laws built by gongwen at 1/4,
# 1/2, 1, 2 and 4 times the corpus (the larger ones repeat the texts under new names), and
# the same texts built by Hugo (minimal templates, one page per text) and indexed by Pagefind
# 1.6, in the same run. Prints wall and CPU time, peak memory, output and search-index bytes
# and files, each build stage's time (`gongwen build -v`), and the growth per text. Not a
# test: it prints tables.
#   bash benches/laws.sh [RUNS] [SIZES]     (default: 2 runs; sizes "0.25 0.5 1 2 4")
# Needs: Debian's hugo and GNU time (installed with apt-get when run as root), Node and npm
# (Pagefind comes with `npm ci` in benches/search).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-2}
sizes=${2:-0.25 0.5 1 2 4}
corpus=../shared/corpus/laws
[ -d "$corpus" ] || { echo "no $corpus here: this benchmark needs it" >&2; exit 1; }
if ! command -v hugo >/dev/null || [ ! -x /usr/bin/time ]; then
  [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo time >/dev/null
fi
cargo build --release --quiet --bin gongwen
(cd benches/search && npm ci --silent --no-audit --no-fund)
bin=$PWD/target/release/gongwen
pagefind=$PWD/benches/search/node_modules/.bin/pagefind
# Corpora and output in memory, for every tool alike (see benches/README.md, Method).
work=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT

mapfile -t files < <(cd "$corpus" && LC_ALL=C find . -name '*.txt' | LC_ALL=C sort)
n=${#files[@]}
text_bytes=$(cd "$corpus" && cat "${files[@]}" | wc -c)

# project DIR SIZE: DIR/seeds with SIZE times the corpus (the first texts for a fraction;
# copies named c2-, c3- … past one), and a one-line site.yaml.
project() {
  local dir=$1 size=$2 count copy name
  count=$(awk -v s="$size" -v n="$n" 'BEGIN { printf "%d", s * n + 0.5 }')
  mkdir -p "$dir/seeds" "$dir/content"
  printf 'title: 法律法规库\n' > "$dir/content/site.yaml"
  for ((k = 0; k < count; k++)); do
    copy=$((k / n + 1))
    name=$(printf 'law%04d' $((k % n + 1)))
    [ "$copy" -gt 1 ] && name="c$copy-$name"
    cp "$corpus/${files[k % n]}" "$dir/seeds/$name.txt"
  done
}

# hugo_site DIR SEEDS: the same texts as a Hugo site, one page per text (its first line the
# title, each further line a paragraph), with minimal templates; taxonomies, RSS and sitemap
# off.
hugo_site() {
  local dir=$1 seeds=$2 f
  mkdir -p "$dir/content/laws" "$dir/layouts/_default"
  cat > "$dir/hugo.toml" <<'EOF'
baseURL = "https://example.org/"
languageCode = "zh-cn"
title = "法律法规库"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
EOF
  cat > "$dir/layouts/_default/baseof.html" <<'EOF'
<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>
EOF
  cat > "$dir/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<main><h1>{{ .Title }}</h1>{{ .Content }}</main>{{ end }}
EOF
  cat > "$dir/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main>{{ end }}
EOF
  for f in "$seeds"/*.txt; do
    awk 'NR == 1 { gsub(/"/, "\\\""); printf "---\ntitle: \"%s\"\n---\n", $0; next }
         NF { print; print "" }' "$f" > "$dir/content/laws/$(basename "$f" .txt).md"
  done
}

# measure OUT LOG CMD…: the best wall time over $runs cold runs (OUT removed before each),
# as "wall cpu peak_MB" of that run; the command's stderr of that run goes to LOG.
measure() {
  local out=$1 log=$2 best="" line=""
  shift 2
  for _ in $(seq "$runs"); do
    rm -rf "$out"
    sync
    /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" >/dev/null 2>"$work/err"
    read -r t u s m < "$work/t"
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then
      best=$t
      line="$t $(awk "BEGIN{print $u + $s}") $((m / 1024))"
      cp "$work/err" "$log"
    fi
  done
  echo "$line"
}

# bytes and files under a folder
size() { echo "$(du -sb "$1" | cut -f1) $(find "$1" -type f | wc -l)"; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }

echo "corpus: $n texts, $(mb "$text_bytes") MB; best of $runs runs; work in $work"
echo
printf "%-6s %6s %8s %8s %8s %9s %8s %9s %8s %10s\n" size texts "wall s" "cpu s" "peak MB" "out MB" files "index MB" files "ms/text"
declare -A per_text
for size in $sizes; do
  dir=$work/g$size
  project "$dir" "$size"
  texts=$(find "$dir/seeds" -name '*.txt' | wc -l)
  read -r wall cpu peak <<< "$(measure "$dir/out" "$work/stages-$size" "$bin" --root "$dir" build -v --out "$dir/out")"
  read -r ob of <<< "$(size "$dir/out")"
  read -r sb sf <<< "$(size "$dir/out/search")"
  per_text[$size]=$(awk -v w="$wall" -v t="$texts" 'BEGIN { printf "%.2f", w * 1000 / t }')
  printf "%-6s %6s %8s %8s %8s %9s %8s %9s %8s %10s\n" "${size}x" "$texts" "$wall" "$cpu" "$peak" \
    "$(mb "$ob")" "$of" "$(mb "$sb")" "$sf" "${per_text[$size]}"
  [ "$size" = 1 ] && { out1=$ob; search1="$sb $sf"; wall1=$wall; peak1=$peak; }
  [ "$size" = 1 ] || rm -rf "$dir"
done
if [ -n "${per_text[1]:-}" ]; then
  for size in $sizes; do
    awk -v s="$size" -v a="${per_text[$size]}" -v b="${per_text[1]}" \
      'BEGIN { printf "time per text at %sx: %.2f of that at 1x\n", s, a / b }'
  done
fi

if [ -n "${out1:-}" ]; then
  echo
  echo "gongwen stages at 1x (build -v, wall ms):"
  grep -E '^  ' "$work/stages-1" | sed 's/^/  /' || true
  hdir=$work/hugo
  hugo_site "$hdir" "$work/g1/seeds"
  read -r hwall hcpu hpeak <<< "$(measure "$hdir/public" "$work/hugo-log" hugo --source "$hdir" --destination "$hdir/public" --quiet)"
  read -r hb hf <<< "$(size "$hdir/public")"
  read -r pwall pcpu ppeak <<< "$(measure "$hdir/public/pagefind" "$work/pf-log" "$pagefind" --site "$hdir/public" --quiet)"
  read -r pb pf <<< "$(size "$hdir/public/pagefind")"
  read -r sb sf <<< "$search1"
  echo
  printf "%-22s %8s %8s %8s %9s %8s %9s %8s\n" "at 1x ($n texts)" "wall s" "cpu s" "peak MB" "out MB" files "index MB" files
  printf "%-22s %8s %8s %8s %9s %8s %9s %8s\n" gongwen "$wall1" - "$peak1" "$(mb "$out1")" - "$(mb "$sb")" "$sf"
  printf "%-22s %8s %8s %8s %9s %8s %9s %8s\n" "hugo" "$hwall" "$hcpu" "$hpeak" "$(mb "$hb")" "$hf" - -
  printf "%-22s %8s %8s %8s %9s %8s %9s %8s\n" "pagefind (on hugo's)" "$pwall" "$pcpu" "$ppeak" - - "$(mb "$pb")" "$pf"
  echo
  awk -v g="$wall1" -v h="$hwall" -v p="$pwall" -v gm="$peak1" -v hm="$hpeak" -v o="$out1" -v t="$text_bytes" \
      -v sb="$sb" -v sf="$sf" -v pb="$pb" -v pf="$pf" 'BEGIN {
    printf "build / hugo:            %.2f (target <= 2)\n", g / h
    printf "(hugo + pagefind) / build: %.2f (target >= 5)\n", (h + p) / g
    printf "peak memory / hugo:      %.2f (target <= 1)\n", gm / hm
    printf "output / text:           %.2f (target <= 4)\n", o / t
    printf "index bytes / pagefind:  %.2f (target <= 1)\n", sb / pb
    printf "index files / pagefind:  %.2f (target <= 2)\n", sf / pf
  }'
  echo
  echo "warnings: $(grep -o '[0-9]* warnings (full' "$work/stages-1" | grep -o '^[0-9]*' || true); references to other documents linked: $(grep -o 'other documents linked: [0-9]*' "$work/stages-1" | grep -o '[0-9]*$' || true)"
fi
