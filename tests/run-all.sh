#!/usr/bin/env bash
# Runs every test of gongwen: formatting, lints, the Rust tests (unit, integration, property)
# and the browser tests in Debian's headless Chromium. Installs what it needs: chromium and a
# CJK font with apt-get (as root, when missing), playwright-core with npm.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "WenQuanYi"; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi

cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo build
cargo test

cd tests/browser
npm ci --no-audit --no-fund --loglevel=error
npm test
