#!/usr/bin/env bash
# Makes a gongwen project of the 1,027 real laws in ../shared/corpus/laws:
#   bash benches/laws-project.sh DIR
# DIR/seeds/law0001.txt … law1027.txt, numbered in the byte order of the corpus's paths (so
# the ids in tests/fixtures/related-laws.yaml name the same texts), and a one-line
# DIR/content/site.yaml. Benchmarks only: the project's tests never read ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/laws
dir=${1:?usage: bash benches/laws-project.sh DIR}
[ -d "$corpus" ] || { echo "no $corpus here: the real-text benchmarks need it" >&2; exit 1; }
[ -e "$dir/seeds" ] && { echo "$dir/seeds exists; choose a new folder" >&2; exit 1; }
mkdir -p "$dir/seeds" "$dir/content"
printf 'title: 法律法规库\n' > "$dir/content/site.yaml"
n=0
while IFS= read -r file; do
  n=$((n + 1))
  cp "$corpus/$file" "$dir/seeds/$(printf 'law%04d' "$n").txt"
done < <(cd "$corpus" && LC_ALL=C find . -name '*.txt' | LC_ALL=C sort)
echo "$dir: $n texts"
