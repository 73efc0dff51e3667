#!/usr/bin/env bash
# Portico's load benchmark: one command from a fresh clone.
#   bash tests/bench/load.sh            # full run, writes BENCHMARKS.md
#   DURATION=5 bash tests/bench/load.sh # shorter runs
#   FLOORS=0 bash tests/bench/load.sh   # without the criterion floors
# Builds release, seeds the large data set once (cached in target/bench-data),
# starts the server on loopback and drives it with wrk. Measures requests/s and
# p50/p99 per endpoint against /healthz, server RSS fresh / peak / after load,
# 2,000 connections against the concurrency limit, and the in-process store
# floor (criterion). Every request of a row is unique (tests/bench/unique.lua
# appends `_=<n>`, which the API ignores by design), and searches take a
# random word. It rewrites only the part of BENCHMARKS.md between the
# `BEGIN load.sh` and `END load.sh` markers.
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
# A data set from before 0007 is migrated when the server opens it (once).
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
FRESH_RSS=$(rss)
login() { curl -sf -X POST "$BASE/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"portico-demo\"}" | json 'd["token"]'; }
STAFF=$(login sam@portico.example)
CLIENT=$(login contact0@client000.example)
TICKET=$(curl -sf "$BASE/api/v1/tickets?limit=1" -H "authorization: Bearer $CLIENT" | json 'd["items"][0]["id"]')
THREAD=$(curl -sf "$BASE/api/v1/tickets/$TICKET" -H "authorization: Bearer $CLIENT" | json 'd["thread_id"]')
ORDER=$(curl -sf "$BASE/api/v1/orders?limit=1" -H "authorization: Bearer $CLIENT" | json 'd["items"][0]["id"]')

# run NAME TOKEN PATH [wrk args…] → one table row in $TMP/rows. Without a
# script of its own, every request is made unique by unique.lua.
run() {
    local name=$1 token=$2 path=$3; shift 3
    local auth=() script=(-s tests/bench/unique.lua)
    [ -n "$token" ] && auth=(-H "Authorization: Bearer $token")
    [ $# -gt 0 ] && script=()
    PORTICO_PATH=$path wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "${auth[@]}" "${script[@]}" "$@" "$BASE$path" >"$TMP/$name.txt"
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
run client_list "$CLIENT" "/api/v1/tickets?limit=50"
run staff_inbox "$STAFF" "/api/v1/tickets?view=unassigned&limit=50"
for sort in created updated deadline priority; do
    run "all_sort_$sort" "$STAFF" "/api/v1/tickets?view=all&sort=$sort&limit=50"
done
run all_random_sort "$STAFF" "/api/v1/tickets?view=all&sort={sort}&limit=50"
run client_search "$CLIENT" "/api/v1/tickets?q={word}&limit=50"
run staff_search "$STAFF" "/api/v1/tickets?q={word}&limit=50"
run client_orders "$CLIENT" "/api/v1/orders?limit=50"
run staff_orders "$STAFF" "/api/v1/orders?limit=50"
run staff_order_search "$STAFF" "/api/v1/orders?q={word}&limit=50"
run order_detail "$CLIENT" "/api/v1/orders/$ORDER"
run ticket_detail "$CLIENT" "/api/v1/tickets/$TICKET"
run thread_page "$CLIENT" "/api/v1/threads/$THREAD/messages?limit=50"
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

# The in-process floor for the same queries (FLOORS=0 skips the two
# criterion benchmarks, which take minutes to build).
if [ "${FLOORS:-1}" = 1 ]; then
    PORTICO_BENCH_DB=$DATA/portico.db cargo bench -j2 -p portico-server --bench store -- --noplot >"$TMP/criterion.txt" 2>&1 || true
    cargo bench -j2 -p portico --bench inbox_render -- --noplot >"$TMP/render.txt" 2>&1 || true
fi
# The median of a criterion benchmark whose directory matches a glob, in ms.
median_ms() { python3 -c "import glob,json,sys; print('%.3f' % (json.load(open(glob.glob(sys.argv[1])[0]))['median']['point_estimate']/1e6))" "$1" 2>/dev/null || echo "n/a"; }
floor() { median_ms "target/criterion/store_$1/new/estimates.json"; }
# The app's render benchmark: the inbox with 100,000 tickets in the model.
RENDER=$(median_ms "target/criterion/inbox*100k*/new/estimates.json")
KEY_RENDER=$(median_ms "target/criterion/inbox*key*/new/estimates.json")

# The query plans of the list routes (the test that keeps them index ranges
# writes them); a few representative ones go into the report.
PORTICO_PLANS_OUT=$TMP/plans.txt cargo test -j2 -p portico-tests --test query_plans >"$TMP/plans.log" 2>&1 || true

MACHINE="$(nproc) cores, $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
HEALTH=$(awk -F'\t' '$1=="healthz" {print $2}' "$TMP/rows")
{
    echo "Written by \`tests/bench/load.sh\` on $(date -u +%Y-%m-%d) ($MACHINE; load average at the end $LOADAVG)."
    echo "Data: 500 organisations, 5,000 contacts, 100,000 tickets, ~1,000,000 messages,"
    echo "50,000 orders, 200 workers with 200,000 timesheet entries ($SEED_NOTE)."
    echo "Load: wrk, 2 threads, ${DURATION}s per row, $CONNS connections unless named; release build; loopback."
    echo "Every request is unique: \`tests/bench/unique.lua\` appends \`_=<thread>.<n>\`, a query"
    echo "parameter every list route accepts and ignores by design, so no answer is"
    echo "reused; \`{word}\` is a random word of the data set's vocabulary (each is in"
    echo "about half the messages) and \`{sort}\` a random sort. The store floor column"
    echo "is the query alone, in process (criterion). \"Before\" is issue 14's measurement"
    echo "(same kind of machine, uncached); compare the ratios to /healthz, which"
    echo "absorb how busy the machine was."
    echo
    echo "| request | req/s | p50 ms | p99 ms | non-2xx | × /healthz | before: req/s, × /healthz, p50 ms | store floor p50 ms |"
    echo "|---|---:|---:|---:|---:|---:|---|---:|"
    while IFS=$'\t' read -r name rps p50 p99 errs sock; do
        case $name in
            client_list) before="5,001, 0.074, 1.53"; f=$(floor client_list) ;;
            staff_inbox) before="3,216, 0.047, 2.30"; f=$(floor inbox_page) ;;
            all_sort_created) before="4,366, 0.064, 1.77"; f="" ;;
            all_sort_updated) before="5, 0.0001, 1,530"; f="" ;;
            all_sort_deadline) before="3, 0.0000, 1,700"; f="" ;;
            all_sort_priority) before="3, 0.0000, 1,850"; f="" ;;
            client_search) before="2, 0.0000, 1,560"; f="" ;;
            staff_search) before="2, 0.0000, 1,860"; f="" ;;
            client_orders) before="358, 0.005, 18.9"; f="" ;;
            ticket_detail) before=""; f=$(floor ticket_detail) ;;
            thread_page) before=""; f=$(floor thread_page) ;;
            *) before=""; f="" ;;
        esac
        ratio=$(python3 -c "print('%.3f' % ($rps/$HEALTH))")
        echo "| $name | $rps | $p50 | $p99 | $errs | $ratio | $before | $f |"
    done <"$TMP/rows"
    echo
    echo "| server memory | MB |"
    echo "|---|---:|"
    echo "| RSS fresh (after start, before any sign-in) | $FRESH_RSS |"
    echo "| RSS peak under load (8 connections) | $PEAK_RSS |"
    echo "| RSS after sign-ins and all the load above | $AFTER_RSS |"
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
    echo
    echo "### Query plans"
    echo
    echo "\`EXPLAIN QUERY PLAN\` of the SQL the store runs (from \`tests/query_plans.rs\`, which"
    echo "fails if any list request of any scope, view, sort, search or filter scans"
    echo "tickets, messages or orders or sorts in a temporary B-tree). Representative ones:"
    echo
    echo '```'
    python3 - "$TMP/plans.txt" <<'PY'
import sys
wanted = [
    "tickets client(org) view=- sort=created",
    "tickets client(own) view=- sort=updated",
    "tickets staff view=unassigned sort=created",
    "tickets staff view=all sort=updated",
    "tickets staff view=all sort=deadline cursor",
    "tickets staff view=all sort=priority",
    "tickets staff view=mine sort=updated",
    "tickets client(org) view=- sort=created q",
    "tickets staff view=all sort=created q",
    "orders client(locations)",
    "orders staff q",
]
try:
    blocks = open(sys.argv[1]).read().split("\n")
except OSError:
    print("(the query_plans test did not run)")
    sys.exit()
plans, name = {}, None
for line in blocks:
    if line and not line.startswith(" "):
        name = line
        plans[name] = []
    elif name:
        plans[name].append(line)
for w in wanted:
    if w in plans:
        print(w)
        print("\n".join(l for l in plans[w] if l.strip()))
PY
    echo '```'
} >"$TMP/section.md"

# Only the part between the markers is this script's; the rest of the file
# belongs to other reports.
python3 - "$OUT" "$TMP/section.md" <<'PY'
import sys
out, section = sys.argv[1], open(sys.argv[2]).read()
begin, end = "<!-- BEGIN load.sh -->", "<!-- END load.sh -->"
try:
    text = open(out).read()
except FileNotFoundError:
    text = "# Benchmarks\n\n"
if begin in text and end in text:
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1]
else:
    head, tail = text.rstrip("\n") + "\n\n", "\n"
open(out, "w").write(f"{head}{begin}\n{section}{end}{tail}")
PY
cat "$TMP/section.md"
