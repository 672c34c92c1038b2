#!/usr/bin/env bash
# What keeping a conversation live costs the server (issue 17), side by side on one release
# build: wrk on the participant page and on the poll the page's script makes every 10 s
# (POST /api/conversation), 64 connections; then the memory an idle held connection costs, which
# is what server-sent events would hold per open page instead of polling.
#
# Usage: bench/poll.sh   (POLL_DURATION=20s POLL_CONNECTIONS=64 POLL_HELD=1000 to change)
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

DURATION="${POLL_DURATION:-20s}"
CONNECTIONS="${POLL_CONNECTIONS:-64}"
HELD="${POLL_HELD:-1000}"

ensure_wasm_target
ensure_cargo_leptos
ensure_wasm_bindgen
ensure_npm_packages
ensure_postgres_binaries
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

step "Building the release app"
LEPTOS_SITE_ROOT="$RELEASE_SITE_ROOT" cargo leptos build --release --precompress

RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/secret-santa-poll.XXXXXX")"
chmod 755 "$RUN_DIR"
APP_PORT="$(free_port)"
PG_PORT="$(free_port)"
cleanup() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null || true
  remove_bench_dir "$RUN_DIR"
}
trap cleanup EXIT

SANTA_DATA_DIR="$RUN_DIR/data" SANTA_PG_PORT="$PG_PORT" RUST_LOG=warn \
  LEPTOS_SITE_ADDR="127.0.0.1:$APP_PORT" LEPTOS_SITE_ROOT="$RELEASE_SITE_ROOT" LEPTOS_OUTPUT_NAME=secret-santa \
  "$CARGO_TARGET_DIR/release/secret-santa" &
APP_PID=$!
wait_for_url "http://127.0.0.1:$APP_PORT/healthz"
SETUP="$(node bench/load-setup.mjs "http://127.0.0.1:$APP_PORT")"
json() { node -e "console.log(JSON.parse(process.argv[1])[process.argv[2]])" "$SETUP" "$1"; }
DRAW="$(json draw)"
PARTICIPANT="$(json participant)"
# A conversation of a few messages to read back.
for i in 1 2 3 4 5; do
  curl -fs -o /dev/null -H "Cookie: $PARTICIPANT" --data "id=$DRAW&as_giver=true&body=Question+$i" \
    "http://127.0.0.1:$APP_PORT/api/send_message"
done

run() { # name method path body
  local out
  out="$(WRK_METHOD="$2" WRK_BODY="$4" WRK_COOKIE="$PARTICIPANT" \
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/wrk-request.lua "http://127.0.0.1:$APP_PORT$3")"
  local rps p99 non2xx
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
  echo "$rps $p99 ${non2xx:-0}"
}
step "wrk: $CONNECTIONS connections, $DURATION per run"
read -r page_rps page_p99 page_err <<<"$(run page GET "/draws/$DRAW/match" "")"
read -r poll_rps poll_p99 poll_err <<<"$(run poll POST /api/conversation "id=$DRAW&as_giver=true")"
printf '| request | requests/s | p99 | errors |\n| --- | ---: | ---: | ---: |\n'
printf '| participant page | %s | %s | %s |\n| poll (`/api/conversation`) | %s | %s | %s |\n' \
  "$page_rps" "$page_p99" "$page_err" "$poll_rps" "$poll_p99" "$poll_err"
awk -v a="$poll_rps" -v b="$page_rps" 'BEGIN {
  printf "\none poll costs %.2f of a page view; at one poll per 10 s, this machine serves %.0f open pages\n", b / a, a * 10 }'

step "Memory of $HELD idle held connections (what server-sent events would hold per open page)"
rss() { awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status"; }
before="$(rss)"
HELD="$HELD" PORT="$APP_PORT" COOKIE="$PARTICIPANT" DRAW="$DRAW" node -e '
  const net = require("node:net");
  const n = Number(process.env.HELD), sockets = [];
  let open = 0;
  for (let i = 0; i < n; i++) {
    const s = net.connect(Number(process.env.PORT), "127.0.0.1", () => {
      s.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
    });
    s.once("data", () => { if (++open === n) { console.log("held", n); setTimeout(() => process.exit(0), 3000); } });
    s.on("error", () => {});
    sockets.push(s);
  }
' &
HOLDER=$!
sleep 2.5
during="$(rss)"
wait "$HOLDER" || true
awk -v b="$before" -v d="$during" -v n="$HELD" 'BEGIN {
  printf "RSS %d KiB before, %d KiB with %d idle connections: %.1f KiB per held connection\n", b, d, n, (d - b) / n }'
