#!/bin/bash
# Start ejabberd 23.01 for the harness: own config, mnesia spool, logs under $WORK/run/ejabberd (WORK=${LOAD_WORK:-/tmp/parley-load}).
# env: EJABBERD_PORT=45222 XMPP_DOMAIN=load.lab REQUIRE_TLS=false EJABBERD_NODE=ejlab@localhost
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/lib/env.sh"
ensure_certs
PORT=${EJABBERD_PORT:-45222}
DOMAIN=${XMPP_DOMAIN:-load.lab}
NODE=${EJABBERD_NODE:-ejlab@localhost}
RUN=$WORK/run/ejabberd
mkdir -p "$RUN/db" "$RUN/logs"
if [ -f "$RUN/server.pid" ] && kill -0 "$(cat "$RUN/server.pid")" 2>/dev/null; then
  echo "ejabberd already running pid $(cat "$RUN/server.pid")"; exit 0
fi
if ss -ltn | grep -q "[:.]$PORT\b"; then
  echo "port $PORT is already in use by another process - not starting"; ss -ltnp | grep "[:.]$PORT\b"; exit 1
fi
ulimit -n "$(ulimit -Hn)"
sed -e "s#@PORT@#$PORT#g" -e "s#@DOMAIN@#$DOMAIN#g" -e "s#@CERTDIR@#$WORK/certs#g" \
    -e "s#@REQUIRE_TLS@#${REQUIRE_TLS:-false}#g" \
    -e "s#^  \# @ARCHIVE_MODULES@#$([ "$ARCHIVE" = on ] && echo '  mod_mam: {default: always}\n  mod_carboncopy: {}' || echo '  \# archive off')#" \
    -e "s#@PWFORMAT@#$([ "$PASSWORDS" = plain ] && echo plain || echo scram)#g" "$KIT/servers/ejabberd/ejabberd.yml.in" > "$RUN/ejabberd.yml"
sed -e "s#@NODE@#$NODE#g" -e "s#@RUN@#$RUN#g" -e "s#@MAXPORTS@#$(ulimit -n)#g" \
    "$KIT/servers/ejabberd/ejabberdctl.cfg.in" > "$RUN/ejabberdctl.cfg"
rm -f "$RUN/ejabberd.pid"
cd "$RUN"
setsid "$KIT/servers/ejabberd/ctl.sh" foreground >>"$RUN/stdout.log" 2>&1 < /dev/null &
echo $! > "$RUN/ctl-wrapper.pid"
for i in $(seq 1 300); do
  if [ -s "$RUN/ejabberd.pid" ] && ss -ltnp | grep "[:.]$PORT\b" | grep -q "pid=$(cat "$RUN/ejabberd.pid"),"; then
    cp "$RUN/ejabberd.pid" "$RUN/server.pid"
    # every fresh server starts with an empty message archive, like the other two servers
    [ "$ARCHIVE" = on ] && "$KIT/servers/ejabberd/archive.sh" clear
    echo "ejabberd started pid $(cat "$RUN/server.pid") node $NODE port $PORT (fd limit $(ulimit -n))"; exit 0
  fi
  kill -0 "$(cat "$RUN/ctl-wrapper.pid")" 2>/dev/null || { echo "ejabberd died:"; tail -n 30 "$RUN/stdout.log" "$RUN/logs/"*.log; exit 1; }
  sleep 0.2
done
echo "ejabberd did not open port $PORT"; tail -30 "$RUN/stdout.log"; exit 1
