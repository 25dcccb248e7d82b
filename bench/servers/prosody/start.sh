#!/bin/bash
# Start Prosody 0.12 for the harness: own config + data dir under $WORK/run/prosody (WORK=${LOAD_WORK:-/tmp/parley-load}).
# Usage: start.sh   (env: PROSODY_PORT=35222 XMPP_DOMAIN=load.lab REQUIRE_TLS=false)
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/lib/env.sh"
ensure_certs
PORT=${PROSODY_PORT:-35222}
DOMAIN=${XMPP_DOMAIN:-load.lab}
RUN=$WORK/run/prosody
mkdir -p "$RUN/data"
if [ -f "$RUN/server.pid" ] && kill -0 "$(cat "$RUN/server.pid")" 2>/dev/null; then
  echo "prosody already running pid $(cat "$RUN/server.pid")"; exit 0
fi
if ss -ltn | grep -q "[:.]$PORT\b"; then
  echo "port $PORT is already in use by another process - not starting"; ss -ltnp | grep "[:.]$PORT\b"; exit 1
fi
sed -e "s#@RUN@#$RUN#g" -e "s#@PORT@#$PORT#g" -e "s#@DOMAIN@#$DOMAIN#g" \
    -e "s#@CERTDIR@#$WORK/certs#g" -e "s#@REQUIRE_TLS@#${REQUIRE_TLS:-false}#g" -e "s#@NAGLE@#${PROSODY_NAGLE:-true}#g" \
    -e "s#@ARCHIVE_MODULES@#$([ "$ARCHIVE" = on ] && echo '"mam"; "carbons"; ')#g" \
    -e "s#@AUTH@#$([ "$PASSWORDS" = plain ] && echo internal_plain || echo internal_hashed)#g" \
    "$KIT/servers/prosody/prosody.cfg.lua.in" > "$RUN/prosody.cfg.lua"
# every fresh server starts with an empty message archive (and its expiry index), like the other two servers
"$KIT/servers/prosody/archive.sh" clear
ulimit -n "$(ulimit -Hn)"          # the hard fd limit caps connections per process
cd "$RUN"
setsid prosody --config "$RUN/prosody.cfg.lua" -F >>"$RUN/stdout.log" 2>&1 < /dev/null &
echo $! > "$RUN/server.pid"
for i in $(seq 1 100); do
  if ss -ltnp | grep "[:.]$PORT\b" | grep -q "pid=$(cat "$RUN/server.pid"),"; then
    echo "prosody started pid $(cat "$RUN/server.pid") port $PORT (fd limit $(ulimit -n))"; exit 0; fi
  sleep 0.1
  kill -0 "$(cat "$RUN/server.pid")" 2>/dev/null || { echo "prosody died:"; tail -20 "$RUN/stdout.log" "$RUN/prosody.log"; exit 1; }
done
echo "prosody did not open port $PORT"; exit 1
