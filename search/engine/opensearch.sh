#!/usr/bin/env bash
# Build and run the OpenSearch launcher of this folder (see README.md here).
#
#   opensearch.sh build            compile the launcher, resolve its jars (cached in ~/.m2)
#   opensearch.sh run [ARGS...]    one node in the foreground (Launcher options)
#   opensearch.sh test [PYTEST...] build, start a node, wait for yellow/green health,
#                                  run search/tests/engine, stop the node whatever happens
#   opensearch.sh test-if-possible same as test when java and mvn are installed; otherwise
#                                  one line saying the tier was skipped
#   opensearch.sh with-node CMD... build, start a node, run CMD with OPENSEARCH_URL set, stop
#   opensearch.sh with-node-if-possible CMD...   the same, or CMD alone without java and mvn
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
heap="${OPENSEARCH_HEAP:-1g}"
port="${OPENSEARCH_PORT:-9250}"
python="${PYTHON:-$root/.venv/bin/python}"

build() {
    mvn -q -B -f "$here/pom.xml" compile
}

launch() {
    # C1 only (TieredStopAtLevel=1): a node here lives for a test run or a benchmark, and C2's
    # compilations cost more CPU in that time than they save (a 10,000-document rebuild into a
    # fresh node: 46 s of node CPU with C2, 29 s with C1 only; the second rebuild 26 s either way).
    exec java "-Xms$heap" "-Xmx$heap" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
        -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" gongkai.engine.Launcher "$@"
}

wait_for_health() {  # URL PID LOG
    "$python" - "$1" "$2" "$3" <<'PY'
import json, os, sys, time, urllib.request
url, pid, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]
deadline = time.monotonic() + 180
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit(f"OpenSearch exited before it was ready; its log:\n{open(log, encoding='utf-8', errors='replace').read()[-4000:]}")
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health?wait_for_status=yellow&timeout=2s", timeout=5) as r:
            health = json.load(r)
        if health["status"] in ("green", "yellow"):
            print(f"OpenSearch at {url} is {health['status']}", flush=True)
            sys.exit(0)
    except OSError:
        pass
    time.sleep(1)
sys.exit(f"OpenSearch at {url} was not ready within 180 s; its log:\n{open(log, encoding='utf-8', errors='replace').read()[-4000:]}")
PY
}

with_node() {
    build
    log="$(mktemp -t gongkai-opensearch-log.XXXXXX)"
    (launch --http-port "$port" --transport-port "$((port + 100))" --name tier-node >"$log" 2>&1) &
    pid=$!
    stop() {
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        rm -f "$log"
    }
    trap stop EXIT
    wait_for_health "http://127.0.0.1:$port" "$pid" "$log"
    cd "$root"
    OPENSEARCH_URL="http://127.0.0.1:$port" "$@"
}

have_tools() {
    command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1
}

run_tests() {
    with_node "$python" -m pytest search/tests/engine -p no:cacheprovider "$@"
}

case "${1:-}" in
    build) build ;;
    run) shift; launch "$@" ;;
    test) shift; run_tests "$@" ;;
    test-if-possible)
        shift
        if have_tools; then
            run_tests "$@"
        else
            echo "Real-engine tier SKIPPED: java and mvn are not both installed (make test-opensearch needs them)."
        fi
        ;;
    with-node) shift; with_node "$@" ;;
    with-node-if-possible)
        shift
        if have_tools; then
            with_node "$@"
        else
            echo "No OpenSearch node: java and mvn are not both installed; running without the engine."
            cd "$root" && "$@"
        fi
        ;;
    *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
