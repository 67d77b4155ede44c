#!/usr/bin/env bash
# What the tests use from outside Python:
#  - Debian packages: Chromium (browser tests, driven by Playwright), PostgreSQL (store tests), HAProxy
#    (the multi-replica test) and fonts
#    for the scripts in the packs (persona names in Hangul, Hanzi, Japanese, Arabic, Devanagari): without
#    them Chromium draws empty boxes, and the browser test that checks glyphs fails.
#  - axe-core from the npm registry (the accessibility check in the browser tests), installed into
#    .venv/node (git-ignored, removed by `make clean`); the tests look for it there.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
AXE_VERSION=4.14.1
AXE_DIR="$ROOT/.venv/node"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# HAProxy: the reverse proxy in front of several app replicas (scripts/cluster.sh and its test)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || need+=(haproxy)
# fonts-noto-cjk: Hangul, Hanzi, kana; fonts-noto-core: Arabic (Noto Naskh/Sans Arabic) and Devanagari
for font in fonts-noto-cjk fonts-noto-core; do
  dpkg-query -W -f='${Status}' "$font" 2>/dev/null | grep -q "install ok installed" || need+=("$font")
done

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "system-deps: please install ${need[*]} (apt-get install ${need[*]}); without them the browser or store tests fail or are skipped" >&2
  else
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    echo "system-deps: installed ${need[*]}"
  fi
fi

if [ -f "$AXE_DIR/node_modules/axe-core/axe.min.js" ] \
   && grep -q "\"version\": \"$AXE_VERSION\"" "$AXE_DIR/node_modules/axe-core/package.json" 2>/dev/null; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "system-deps: npm not found; install Node.js and npm (apt-get install npm) for the accessibility check" >&2
  exit 0
fi
mkdir -p "$AXE_DIR"
npm install --silent --no-audit --no-fund --no-save --prefix "$AXE_DIR" "axe-core@$AXE_VERSION" >/dev/null
echo "system-deps: installed axe-core $AXE_VERSION into ${AXE_DIR#"$ROOT"/}"
