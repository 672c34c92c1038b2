#!/usr/bin/env bash
# Instructions per request of the release app and of examples/baseline.rs, on the same data:
# the dashboard and the participant page, each requested INSTR_REQUESTS times (default 100) by
# one client after 20 warm-up requests, counted by valgrind's callgrind — counted, not timed, so
# whatever else the machine does they stay within a few percent from run to run. A companion to
# bench/load.sh, whose ratios move by ±0.05 between runs on this shared machine. Keeps each run's
# callgrind file in INSTR_OUT (default a new temp dir) for `callgrind_annotate --inclusive=yes`.
#
# Usage: bench/instructions.sh      (after bench/load.sh built both release binaries)
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

N="${INSTR_REQUESTS:-100}"
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install valgrind" >&2; exit 1; }
for bin in "$CARGO_TARGET_DIR/release/secret-santa" "$CARGO_TARGET_DIR/release/examples/baseline"; do
  [ -x "$bin" ] || { echo "$bin is missing: run bench/load.sh first" >&2; exit 1; }
done

RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/secret-santa-instr.XXXXXX")"
chmod 755 "$RUN_DIR"
OUT="${INSTR_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/secret-santa-callgrind.XXXXXX")}"
mkdir -p "$OUT"
APP_PORT="$(free_port)"
BASE_PORT="$(free_port)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  remove_bench_dir "$RUN_DIR"
}
trap cleanup EXIT

export SANTA_DATA_DIR="$RUN_DIR/data" SANTA_PG_PORT="$(free_port)" RUST_LOG=warn
export LEPTOS_SITE_ROOT="$RELEASE_SITE_ROOT" LEPTOS_OUTPUT_NAME=secret-santa
# The data, made once by the app running natively (the cluster stays up for the measured runs).
LEPTOS_SITE_ADDR="127.0.0.1:$APP_PORT" "$CARGO_TARGET_DIR/release/secret-santa" &
PIDS+=($!)
wait_for_url "http://127.0.0.1:$APP_PORT/healthz"
SETUP="$(node bench/load-setup.mjs "http://127.0.0.1:$APP_PORT")"
kill "${PIDS[0]}" && wait "${PIDS[0]}" 2>/dev/null || true
PIDS=()
json() { node -e "console.log(JSON.parse(process.argv[1])[process.argv[2]])" "$SETUP" "$1"; }
DRAW="$(json draw)"
ORGANIZER="$(json organizer)"
PARTICIPANT="$(json participant)"

hit() { # url cookie count
  for _ in $(seq 1 "$3"); do
    curl -fs -o /dev/null -H "Cookie: $2" -H 'Accept: text/html' "$1" || { echo "$1 failed" >&2; exit 1; }
  done
}
# callgrind writes a dump a moment after it is asked for one: waits for its last line.
dumped() {
  for _ in $(seq 1 300); do
    grep -q '^totals:' "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "callgrind wrote no $1" >&2
  exit 1
}
# Prints "dashboard participant-page" instructions per request of one server under callgrind.
measure() { # name port command...
  local name="$1" port="$2"
  shift 2
  valgrind --tool=callgrind --callgrind-out-file="$OUT/$name.%p" --dump-instr=no "$@" >/dev/null 2>&1 &
  local pid=$!
  PIDS+=($pid)
  wait_for_url "http://127.0.0.1:$port/draws"
  hit "http://127.0.0.1:$port/draws" "$ORGANIZER" 20
  hit "http://127.0.0.1:$port/draws/$DRAW/match" "$PARTICIPANT" 20
  callgrind_control -z "$pid" >/dev/null 2>&1
  hit "http://127.0.0.1:$port/draws" "$ORGANIZER" "$N"
  callgrind_control -d dashboard "$pid" >/dev/null 2>&1
  dumped "$OUT/$name.$pid.1"
  hit "http://127.0.0.1:$port/draws/$DRAW/match" "$PARTICIPANT" "$N"
  callgrind_control -d participant-page "$pid" >/dev/null 2>&1
  dumped "$OUT/$name.$pid.2"
  kill "$pid" && wait "$pid" 2>/dev/null || true
  local per=()
  for part in 1 2; do
    local total
    total="$(awk '/^summary:/ {print $2}' "$OUT/$name.$pid.$part")"
    per+=("$((total / N))")
  done
  echo "${per[*]}"
}

step "callgrind: $N requests per page, one client"
read -r app_dash app_match <<<"$(LEPTOS_SITE_ADDR="127.0.0.1:$APP_PORT" measure app "$APP_PORT" "$CARGO_TARGET_DIR/release/secret-santa")"
read -r base_dash base_match <<<"$(BASELINE_ADDR="127.0.0.1:$BASE_PORT" measure baseline "$BASE_PORT" "$CARGO_TARGET_DIR/release/examples/baseline")"
printf '\n| request | app | baseline | app ÷ baseline |\n| --- | ---: | ---: | ---: |\n'
awk -v a="$app_dash" -v b="$base_dash" 'BEGIN { printf "| dashboard `GET /draws` | %d | %d | %.2f |\n", a, b, a / b }'
awk -v a="$app_match" -v b="$base_match" 'BEGIN { printf "| participant page `GET /draws/:id/match` | %d | %d | %.2f |\n", a, b, a / b }'
echo
echo "instructions per request; callgrind files in $OUT"
