#!/bin/bash
# Stop the harness Parley by PID (only the process start.sh started): SIGTERM, a clean shutdown, then SIGKILL.
RUN=${LOAD_WORK:-/tmp/parley-bench}/run/parley
[ -f "$RUN/server.pid" ] || { echo "parley not running"; exit 0; }
PID=$(cat "$RUN/server.pid")
if kill -0 "$PID" 2>/dev/null; then
  kill -TERM "$PID"
  for i in $(seq 1 300); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$PID" 2>/dev/null && { echo "parley $PID still alive, SIGKILL"; kill -KILL "$PID"; }
fi
rm -f "$RUN/server.pid"; echo "parley stopped"
