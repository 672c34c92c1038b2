# Shared by scripts/run and scripts/test: locations, and installing what is missing.
# Each step checks first, so a second run starts building at once.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Build caches live outside the clone so a fresh clone (CI) does not start from a cold build.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${SANTA_TARGET_DIR:-$HOME/.cache/secret-santa/target}}"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# The release build's site (wasm, JS, CSS and their .br/.gz), apart from the debug build's.
RELEASE_SITE_ROOT=target/site-release

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.130 # must equal the wasm-bindgen crate pinned in Cargo.toml

step() { printf '\n\033[1;32m==> %s\033[0m\n' "$*"; }

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Installing the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_cargo_leptos() {
  if ! cargo leptos --version 2>/dev/null | grep -qF "$CARGO_LEPTOS_VERSION"; then
    step "Installing cargo-leptos $CARGO_LEPTOS_VERSION (about 12 minutes on 2 cores, once)"
    cargo install cargo-leptos --locked --version "$CARGO_LEPTOS_VERSION"
  fi
}

ensure_wasm_bindgen() {
  if ! wasm-bindgen --version 2>/dev/null | grep -qF "$WASM_BINDGEN_VERSION"; then
    step "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # Not --locked: its lock file pins a crate version the registry no longer has.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

ensure_npm_packages() {
  # Playwright and binaryen's wasm-opt (cargo-leptos would otherwise try to download it).
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "Installing npm packages"
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
    return
  fi
  if [ "$(id -u)" = 0 ]; then
    step "Installing Debian's Chromium"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  else
    echo "Chromium is missing: install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
    exit 1
  fi
}

ensure_postgres_binaries() {
  if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ -z "${DATABASE_URL:-}" ] && [ -z "${SANTA_PG_BIN:-}" ]; then
      if [ "$(id -u)" = 0 ]; then
        step "Installing PostgreSQL's server binaries"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
      else
        echo "PostgreSQL's binaries are missing: install them (sudo apt-get install postgresql) or set DATABASE_URL." >&2
        exit 1
      fi
    fi
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Benchmarks: waits until a server answers at $1 (any status), up to three minutes.
wait_for_url() {
  for _ in $(seq 1 900); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" != 000 ] && return 0
    sleep 0.2
  done
  echo "no answer from $1" >&2
  exit 1
}

# Benchmarks: stops the PostgreSQL cluster the app started in $1/data (the app leaves it running
# when it exits) and removes $1.
remove_bench_dir() {
  local pg
  pg="$(head -n 1 "$1/data/postgres/postmaster.pid" 2>/dev/null || true)"
  [ -n "$pg" ] && kill -INT "$pg" 2>/dev/null || true
  sleep 1
  rm -rf "$1"
}
