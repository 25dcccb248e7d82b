#!/bin/bash
# Create users user1..userN (password "pass") and rosters of R neighbours for Parley, straight into its H2 file
# with 'parley bench provision' (JDBC batches, one transaction). Usage: provision.sh N [R]
# Runs with the server stopped (it caches the rosters of online users); idempotent.
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/lib/env.sh"
ensure_certs
. "$KIT/servers/parley/common.sh"
N=${1:?N}; R=${2:-0}
mkdir -p "$RUN/data"
if [ "$(cat "$RUN/provisioned" 2>/dev/null)" = "$N $R $DOMAIN" ]; then echo "parley: already provisioned ($N users, roster $R)"; exit 0; fi
"$KIT/servers/parley/stop.sh" >/dev/null
java -jar "$PARLEY_JAR" bench provision "$N" "$R" "${PARLEY_SETTINGS[@]}"
echo "$N $R $DOMAIN" > "$RUN/provisioned"
