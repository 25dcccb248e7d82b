#!/bin/bash
# Create users user1..userN (password "pass") and optional rosters of R contacts for Prosody.
# Usage: provision.sh N [R]     Writes data files directly; works with Prosody running or not
# (internal storage is read on each login). Idempotent; rosters are rewritten when N/R change.
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/lib/env.sh"
RUN=$WORK/run/prosody
N=${1:?N}; R=${2:-0}; DOMAIN=${XMPP_DOMAIN:-load.lab}
mkdir -p "$RUN/data"
if [ "$(cat "$RUN/provisioned" 2>/dev/null)" = "$N $R $DOMAIN $PASSWORDS" ]; then echo "prosody: already provisioned ($N users, roster $R)"; exit 0; fi
T0=$(date +%s.%N)
python3 "$KIT/servers/prosody/provision.py" "$RUN/data" "$DOMAIN" "$N" "$R" "$PASSWORDS"
echo "$N $R $DOMAIN $PASSWORDS" > "$RUN/provisioned"
echo "prosody: provisioned in $(echo "$(date +%s.%N) - $T0" | bc) s"
