#!/usr/bin/env bash
# Load benchmark (not part of the test command: it takes about 8 minutes). wrk on loopback, 64
# connections for 60 s per request kind, against the release build of the app and, side by side,
# against a minimal axum + sqlx baseline doing the same queries (examples/baseline.rs), on the
# same database. Prints requests/s, p50/p99 and errors, and the app/baseline ratios.
#
# Usage: bench/load.sh            (LOAD_DURATION=60s LOAD_CONNECTIONS=64 LOAD_THREADS=2 to change)
#        LOAD_PROFILE=dir bench/load.sh   also samples the app with `perf` during each of its runs
#                                         and writes each run's hottest frames to dir/<request>.txt
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

DURATION="${LOAD_DURATION:-60s}"
CONNECTIONS="${LOAD_CONNECTIONS:-64}"
THREADS="${LOAD_THREADS:-2}"

ensure_wasm_target
ensure_cargo_leptos
ensure_wasm_bindgen
ensure_npm_packages
ensure_postgres_binaries
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    step "Installing wrk (Debian)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y wrk || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk; }
  else
    echo "wrk is missing: sudo apt-get install wrk" >&2
    exit 1
  fi
fi

step "Building the release app and the baseline"
LEPTOS_SITE_ROOT="$RELEASE_SITE_ROOT" cargo leptos build --release --precompress
# The same environment as cargo-leptos, or the Leptos crates rebuild between the two.
LEPTOS_OUTPUT_NAME=secret-santa cargo build --release --example baseline --features ssr

RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/secret-santa-load.XXXXXX")"
chmod 755 "$RUN_DIR"
APP_PORT="$(free_port)"
BASE_PORT="$(free_port)"
PG_PORT="$(free_port)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  remove_bench_dir "$RUN_DIR"
}
trap cleanup EXIT

export SANTA_DATA_DIR="$RUN_DIR/data" SANTA_PG_PORT="$PG_PORT" RUST_LOG=warn
LEPTOS_SITE_ADDR="127.0.0.1:$APP_PORT" LEPTOS_SITE_ROOT="$RELEASE_SITE_ROOT" LEPTOS_OUTPUT_NAME=secret-santa \
  "$CARGO_TARGET_DIR/release/secret-santa" &
APP_PID=$!
PIDS+=($APP_PID)
wait_for_url "http://127.0.0.1:$APP_PORT/healthz"
SETUP="$(node bench/load-setup.mjs "http://127.0.0.1:$APP_PORT")"
json() { node -e "console.log(JSON.parse(process.argv[1])[process.argv[2]])" "$SETUP" "$1"; }
DRAW="$(json draw)"
ORGANIZER="$(json organizer)"
PARTICIPANT="$(json participant)"

BASELINE_ADDR="127.0.0.1:$BASE_PORT" "$CARGO_TARGET_DIR/release/examples/baseline" >/dev/null &
PIDS+=($!)
for _ in $(seq 1 300); do
  curl -s -o /dev/null "http://127.0.0.1:$BASE_PORT/draws" && break
  sleep 0.2
done

# name | method | path | body | cookie
SCENARIOS=(
  "reveal page|GET|/draws/$DRAW/match||$PARTICIPANT"
  "dashboard|GET|/draws||$ORGANIZER"
  "gift ideas (cached)|POST|/api/gift_ideas|id=$DRAW&refresh=false|$PARTICIPANT"
)

# Prints: requests/s p50 p99 errors
run_wrk() {
  local url="$1" method="$2" body="$3" cookie="$4" out
  # Every response must be a success: check once before loading.
  local code
  if [ "$method" = POST ]; then
    code="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Cookie: $cookie" --data "$body" "$url")"
  else
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" -H 'Accept: text/html' "$url")"
  fi
  [ "$code" = 200 ] || { echo "$url answered $code before the run" >&2; exit 1; }
  local perf_pid=""
  if [ -n "${LOAD_PROFILE:-}" ] && [ -n "${5:-}" ]; then
    mkdir -p "$LOAD_PROFILE"
    perf record -q -F 199 --call-graph dwarf,16384 -p "$APP_PID" -o "$RUN_DIR/perf.data" 2>/dev/null &
    perf_pid=$!
  fi
  out="$(WRK_METHOD="$method" WRK_BODY="$body" WRK_COOKIE="$cookie" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/wrk-request.lua "$url")"
  if [ -n "$perf_pid" ]; then
    kill -INT "$perf_pid" && wait "$perf_pid" || true
    local file="$LOAD_PROFILE/${5// /-}"
    DEBUGINFOD_URLS= perf report --no-inline -i "$RUN_DIR/perf.data" --no-children --sort dso,symbol --stdio 2>/dev/null \
      | sed "s/ *$//" | grep -E "^ +[0-9]" | cut -c1-160 | head -n 40 >"$file.self.txt" || true
    DEBUGINFOD_URLS= perf report --no-inline -i "$RUN_DIR/perf.data" --children --sort symbol --stdio -g none 2>/dev/null \
      | sed "s/ *$//" | grep -E "^ +[0-9]" | cut -c1-160 | head -n 60 >"$file.children.txt" || true
  fi
  echo "$out" >>"$RUN_DIR/wrk.log"
  local rps p50 p99 non2xx sock
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
  sock="$(awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}' <<<"$out")"
  echo "$rps $p50 $p99 $(( ${non2xx:-0} + ${sock:-0} ))"
}

to_ms() { # wrk prints 1.23ms, 456.78us or 1.02s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

step "wrk: $CONNECTIONS connections, $THREADS threads, $DURATION per run, loopback, $(nproc) cores"
printf '\n| request | server | requests/s | p50 | p99 | errors |\n| --- | --- | ---: | ---: | ---: | ---: |\n' >"$RUN_DIR/table.md"
printf '\n| request | requests/s app ÷ baseline | p50 app ÷ baseline | p99 app ÷ baseline |\n| --- | ---: | ---: | ---: |\n' >"$RUN_DIR/ratios.md"
FAILED=0
for scenario in "${SCENARIOS[@]}"; do
  IFS='|' read -r name method path body cookie <<<"$scenario"
  read -r a_rps a_p50 a_p99 a_err <<<"$(run_wrk "http://127.0.0.1:$APP_PORT$path" "$method" "$body" "$cookie" "$name")"
  read -r b_rps b_p50 b_p99 b_err <<<"$(run_wrk "http://127.0.0.1:$BASE_PORT$path" "$method" "$body" "$cookie")"
  a50="$(to_ms "$a_p50")"; a99="$(to_ms "$a_p99")"; b50="$(to_ms "$b_p50")"; b99="$(to_ms "$b_p99")"
  printf '| %s | app | %s | %s ms | %s ms | %s |\n| %s | baseline | %s | %s ms | %s ms | %s |\n' \
    "$name" "$a_rps" "$a50" "$a99" "$a_err" "$name" "$b_rps" "$b50" "$b99" "$b_err" >>"$RUN_DIR/table.md"
  awk -v n="$name" -v ar="$a_rps" -v br="$b_rps" -v a5="$a50" -v b5="$b50" -v a9="$a99" -v b9="$b99" \
    'BEGIN { printf "| %s | %.2f | %.2f | %.2f |\n", n, ar / br, a5 / b5, a9 / b9 }' >>"$RUN_DIR/ratios.md"
  [ "$a_err" = 0 ] || FAILED=1
  cat "$RUN_DIR/table.md" | tail -n 2
done
cat "$RUN_DIR/table.md" "$RUN_DIR/ratios.md"
if [ "$FAILED" != 0 ]; then
  echo "the app answered with errors under load (see above)" >&2
  exit 1
fi
