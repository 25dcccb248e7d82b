#!/bin/bash
# Create users user1..userN (password "pass") and optional rosters of R contacts in ejabberd.
# Usage: provision.sh N [R]   Needs the harness ejabberd node running (start.sh); uses RPC over
# Erlang distribution (thousands/s) instead of one 'ejabberdctl register' per user (~0.5 s each).
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/lib/env.sh"
RUN=$WORK/run/ejabberd
N=${1:?N}; R=${2:-0}; DOMAIN=${XMPP_DOMAIN:-load.lab}; NODE=${EJABBERD_NODE:-ejlab@localhost}
if [ "$(cat "$RUN/provisioned" 2>/dev/null)" = "$N $R $DOMAIN $PASSWORDS" ]; then echo "ejabberd: already provisioned ($N users, roster $R)"; exit 0; fi
mkdir -p "$RUN/prov"
erlc -o "$RUN/prov" "$KIT/servers/ejabberd/provision.erl"
erl -sname "prov$$@localhost" -hidden -noshell -pa "$RUN/prov" -kernel inet_dist_use_interface '{127,0,0,1}' \
    -run provision main "$NODE" "$DOMAIN" "$N" "$R"
echo "$N $R $DOMAIN $PASSWORDS" > "$RUN/provisioned"
