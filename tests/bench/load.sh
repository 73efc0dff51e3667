#!/usr/bin/env bash
# Portico's load benchmark: one command from a fresh clone.
#   bash tests/bench/load.sh            # full run, writes BENCHMARKS.md
#   DURATION=5 bash tests/bench/load.sh # shorter runs
# Builds release, seeds the large data set once (cached in target/bench-data),
# starts the server on loopback and drives it with wrk. Measures requests/s and
# p50/p99 per endpoint against /healthz, server RSS idle / peak / after load,
# 2,000 connections against the concurrency limit, and the in-process store
# floor (criterion).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
DURATION=${DURATION:-10}
CONNS=${CONNS:-8}
DATA=$ROOT/target/bench-data
OUT=$ROOT/BENCHMARKS.md
TMP=$(mktemp -d)
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
    echo "installing wrk…"
    (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi
ulimit -n 16384 2>/dev/null || true

cargo build --release -j2 -p portico-server -p portico
BIN=$ROOT/target/release/portico-server

# The cache is kept while it holds the data set this script expects.
SEED_NOTE="cached"
if ! grep -qs "timesheet entries" "$DATA/seed.txt"; then
    rm -rf "$DATA"
    "$BIN" --data-dir "$DATA" seed-demo --scale large >"$TMP/seed.txt"
    head -1 "$TMP/seed.txt" >"$DATA/seed.txt"
    SEED_NOTE="seeded now: $(head -1 "$TMP/seed.txt")"
    echo "$SEED_NOTE"
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
PORTICO_LOG=warn PORTICO_LOGIN_THROTTLE=false "$BIN" --data-dir "$DATA" serve --bind "127.0.0.1:$PORT" 2>"$TMP/server.log" &
SERVER_PID=$!
for _ in $(seq 1 200); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.05; done

rss() { awk '/^VmRSS/ {printf "%.1f", $2/1024}' "/proc/$SERVER_PID/status"; }
hwm() { awk '/^VmHWM/ {printf "%.1f", $2/1024}' "/proc/$SERVER_PID/status"; }
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }

sleep 1
IDLE_RSS=$(rss)
login() { curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"portico-demo\"}" | json 'd["token"]'; }
STAFF=$(login sam@portico.example)
CLIENT=$(login contact0@client000.example)
TICKET=$(curl -sf "$BASE/api/v1/tickets?limit=1" -H "authorization: Bearer $CLIENT" | json 'd["items"][0]["id"]')
THREAD=$(curl -sf "$BASE/api/v1/tickets/$TICKET" -H "authorization: Bearer $CLIENT" | json 'd["thread_id"]')

# run NAME TOKEN PATH [wrk args…] → one table row in $TMP/rows
run() {
    local name=$1 token=$2 path=$3; shift 3
    local auth=()
    [ -n "$token" ] && auth=(-H "Authorization: Bearer $token")
    wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "${auth[@]}" "$@" "$BASE$path" >"$TMP/$name.txt"
    python3 - "$TMP/$name.txt" "$name" >>"$TMP/rows" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v):
    n, unit = re.match(r"([\d.]+)(\w+)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
sock = re.search(r"Socket errors:.*", text)
print(f"{sys.argv[2]}\t{rps:.0f}\t{p50:.3f}\t{p99:.3f}\t{errors.group(1) if errors else 0}\t{sock.group(0) if sock else ''}")
PY
}

: >"$TMP/rows"
run healthz "" /healthz
run inbox "$STAFF" "/api/v1/tickets?view=unassigned&limit=50"
run client_list "$CLIENT" "/api/v1/tickets?limit=50"
run ticket_detail "$CLIENT" "/api/v1/tickets/$TICKET"
run thread_page "$CLIENT" "/api/v1/threads/$THREAD/messages?limit=50"
run orders_list "$STAFF" "/api/v1/orders?limit=50"
run timesheet_week "$STAFF" "/api/v1/timesheets"
run whos_working "$STAFF" "/api/v1/shifts"
PORTICO_POST_PATH="/api/v1/threads/$THREAD/messages" run post_message "$STAFF" "/api/v1/threads/$THREAD/messages" -s tests/bench/post_message.lua
PEAK_RSS=$(hwm)
CONNS=50 run inbox_50conns "$STAFF" "/api/v1/tickets?view=unassigned&limit=50"
sleep 1
AFTER_RSS=$(rss)
CONNS=2000 run overload_2000conns "$STAFF" "/api/v1/tickets?view=unassigned&limit=50"
OVERLOAD_HWM=$(hwm)

# The app through a pseudo-terminal against the loaded server (160×48).
read -r FIRST_FRAME REDRAW_P50 REDRAW_P99 PRESSES < <(python3 tests/bench/frame_timing.py "$ROOT/target/release/portico" "$BASE" "$STAFF" 200)

# The in-process floor for the same queries.
PORTICO_BENCH_DB=$DATA/portico.db cargo bench -j2 -p portico-server --bench store -- --noplot >"$TMP/criterion.txt" 2>&1 || true
# The median of a criterion benchmark whose directory matches a glob, in ms.
median_ms() { python3 -c "import glob,json,sys; print('%.3f' % (json.load(open(glob.glob(sys.argv[1])[0]))['median']['point_estimate']/1e6))" "$1" 2>/dev/null || echo "n/a"; }
floor() { median_ms "target/criterion/store_$1/new/estimates.json"; }
# The app's render benchmark: the inbox with 100,000 tickets in the model.
cargo bench -j2 -p portico --bench inbox_render -- --noplot >"$TMP/render.txt" 2>&1 || true
RENDER=$(median_ms "target/criterion/inbox*100k*/new/estimates.json")
KEY_RENDER=$(median_ms "target/criterion/inbox*key*/new/estimates.json")

MACHINE="$(nproc) cores, $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
{
    echo "# Benchmarks"
    echo
    echo "Written by \`tests/bench/load.sh\` on $(date -u +%Y-%m-%d) ($MACHINE)."
    echo "Data: 500 organisations, 5,000 contacts, 100,000 tickets, ~1,000,000 messages,"
    echo "50,000 orders, 200 workers with 200,000 timesheet entries ($SEED_NOTE)."
    echo "Load: wrk, 2 threads, ${DURATION}s per row, 8 connections unless named; release build; loopback."
    echo "Each row repeats one request, so the ticket and order lists are answered from"
    echo "the answer cache after the first of each second (until a write); the store"
    echo "floor column is the query alone, in process."
    echo
    echo "| endpoint | req/s | p50 ms | p99 ms | non-2xx | vs /healthz | store floor p50 ms |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    HEALTH=$(awk -F'\t' '$1=="healthz" {print $2}' "$TMP/rows")
    while IFS=$'\t' read -r name rps p50 p99 errs sock; do
        case $name in
            inbox) f=$(floor inbox_page) ;;
            client_list) f=$(floor client_list) ;;
            ticket_detail) f=$(floor ticket_detail) ;;
            thread_page) f=$(floor thread_page) ;;
            *) f="" ;;
        esac
        ratio=$(python3 -c "print('%.0f%%' % (100*$rps/$HEALTH))")
        echo "| $name | $rps | $p50 | $p99 | $errs | $ratio | $f |"
    done <"$TMP/rows"
    echo
    echo "| server memory | MB |"
    echo "|---|---:|"
    echo "| RSS idle (after start) | $IDLE_RSS |"
    echo "| RSS peak under load (8 connections) | $PEAK_RSS |"
    echo "| RSS after load | $AFTER_RSS |"
    echo "| RSS peak with 2,000 connections | $OVERLOAD_HWM |"
    echo
    echo "| the terminal app (release, 160×48, staff inbox of the large data set) | ms |"
    echo "|---|---:|"
    echo "| start to first frame, through a pty | $FIRST_FRAME |"
    echo "| key press to redraw, p50 over $PRESSES presses | $REDRAW_P50 |"
    echo "| key press to redraw, p99 | $REDRAW_P99 |"
    echo "| render the inbox, 100,000 tickets in the model (criterion median) | $RENDER |"
    echo "| key press through update and render (criterion median) | $KEY_RENDER |"
    echo
    echo "At 2,000 connections the server answers what it can and refuses the rest"
    echo "at once with 503 (\`max_in_flight\`, default 256), so memory stays bounded."
} >"$OUT"
cat "$OUT"
