#!/bin/bash
# Start Parley for the harness: own data dir under $WORK/run/parley, c2s on 127.0.0.1:$PARLEY_PORT (25222).
# Writes the JVM's PID to $WORK/run/parley/server.pid; returns once the port accepts connections.
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/lib/env.sh"
ensure_certs
. "$KIT/servers/parley/common.sh"
mkdir -p "$RUN/data"
if [ -f "$RUN/server.pid" ] && kill -0 "$(cat "$RUN/server.pid")" 2>/dev/null; then
  echo "parley already running pid $(cat "$RUN/server.pid")"; exit 0
fi
for i in $(seq 1 60); do ss -ltn | grep -q "[:.]$PORT\b" || break; sleep 0.5; done   # a previous run may be exiting
if ss -ltn | grep -q "[:.]$PORT\b"; then
  echo "port $PORT is already in use by another process - not starting"; ss -ltnp | grep "[:.]$PORT\b"; exit 1
fi
# every fresh server starts with an empty message archive, like the other two servers (with this one stopped)
[ "$ARCHIVE" = on ] && "$KIT/servers/parley/archive.sh" clear
ulimit -n "$(ulimit -Hn)"          # the hard fd limit caps connections per process
cd "$RUN"
# shellcheck disable=SC2086
setsid java $PARLEY_JAVA_OPTS -Dparley.log.level=WARN -jar "$PARLEY_JAR" run "${PARLEY_SETTINGS[@]}" \
  >>"$RUN/stdout.log" 2>&1 < /dev/null &
echo $! > "$RUN/server.pid"
for i in $(seq 1 300); do
  if ss -ltnp | grep "[:.]$PORT\b" | grep -q "pid=$(cat "$RUN/server.pid"),"; then
    echo "parley started pid $(cat "$RUN/server.pid") port $PORT (fd limit $(ulimit -n))"; exit 0; fi
  sleep 0.1
  kill -0 "$(cat "$RUN/server.pid")" 2>/dev/null || { echo "parley died:"; tail -20 "$RUN/stdout.log"; exit 1; }
done
echo "parley did not open port $PORT"; exit 1
