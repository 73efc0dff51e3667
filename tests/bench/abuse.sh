#!/usr/bin/env bash
# Portico under hostile traffic, measured from outside: one command from a
# fresh clone (needs python3; standard library only).
#   bash tests/bench/abuse.sh
# Builds release, starts the server three times on loopback with the demo
# data (throttling off as many addresses would make it; throttling on; behind
# a trusted proxy) and runs tests/bench/abuse.py against each. Memory is the
# server process's own (VmRSS). Writes the abuse section of BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT=$ROOT/BENCHMARKS.md
TMP=$(mktemp -d)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
    rm -rf "$TMP"
}
trap cleanup EXIT

cargo build --release -j2 -p portico-server
BIN=$ROOT/target/release/portico-server
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start NAME CONFIG: seeds a data directory, serves it, sets PORT and PID.
start() {
    local dir=$TMP/$1
    mkdir -p "$dir"
    printf '%s\n' "$2" >"$dir/portico.toml"
    "$BIN" --data-dir "$dir" seed-demo >/dev/null
    PORT=$(free_port)
    # The usual soft limit of 1,024 descriptors: the server raises its own.
    (ulimit -Sn 1024; exec env PORTICO_LOG=warn "$BIN" --config "$dir/portico.toml" --data-dir "$dir" \
        serve --bind "127.0.0.1:$PORT") 2>"$dir/server.log" &
    PID=$!
    PIDS+=("$PID")
    for _ in $(seq 1 200); do
        python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz')" 2>/dev/null && break
        sleep 0.05
    done
}

RESULTS=$TMP/results.jsonl
start open $'[login_throttle]\nenabled = false'
python3 tests/bench/abuse.py open "$PORT" "$PID" | tee -a "$RESULTS"
start throttled ''
python3 tests/bench/abuse.py throttled "$PORT" "$PID" | tee -a "$RESULTS"
start proxied 'trusted_proxies = ["127.0.0.1"]'
python3 tests/bench/abuse.py proxied "$PORT" "$PID" | tee -a "$RESULTS"

SECTION=$TMP/section.md
{
    echo "<!-- BEGIN abuse.sh -->"
    echo "## Hostile traffic (\`bash tests/bench/abuse.sh\`)"
    echo
    echo "Run $(date -u +%Y-%m-%d) on $(nproc) cores, release build, demo data, from another process on loopback;"
    echo "memory is the server's VmRSS. Targets and limits: SECURITY.md."
    echo
    echo "| check | met | measured |"
    echo "|---|---|---|"
    python3 - "$RESULTS" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    name, met = r.pop("check"), r.pop("met")
    measured = ", ".join(f"{k.replace('_', ' ')} {json.dumps(v) if isinstance(v, dict) else v}" for k, v in r.items())
    print(f"| {name} | {'yes' if met else '**no**'} | {measured} |")
PY
    echo "<!-- END abuse.sh -->"
} >"$SECTION"

# Replace the section in place, or append it.
python3 - "$OUT" "$SECTION" <<'PY'
import re, sys, pathlib
out, section = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]).read_text()
text = out.read_text() if out.exists() else "# Benchmarks\n"
pattern = re.compile(r"<!-- BEGIN abuse.sh -->.*?<!-- END abuse.sh -->\n?", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
out.write_text(text)
PY
echo "wrote the abuse section of $OUT"
