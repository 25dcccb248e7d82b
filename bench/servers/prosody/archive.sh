#!/bin/bash
# Prosody's message archive (mod_mam on internal storage: one append-only file per user).
# Usage: archive.sh count   -> number of archived messages (items in data/<host>/archive/*.list), 0 if none
#        archive.sh bytes   -> bytes the archive takes on disk (its files)
#        archive.sh clear   -> delete the archive and its expiry index (run with the server stopped)
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/lib/env.sh"
DOMAIN=${XMPP_DOMAIN:-load.lab}
HOSTDIR=$WORK/run/prosody/data/$(python3 -c 'import sys; print("".join(c if c.isalnum() or c == "_" else "%%%02x" % ord(c) for c in sys.argv[1]))' "$DOMAIN")
case ${1:?count|bytes|clear} in
  # each archived stanza is one "item({...});" record in the user's .list file
  count) find "$HOSTDIR/archive" -name '*.list' -print0 2>/dev/null | xargs -0 -r cat | grep -c '^item(' || true ;;
  bytes) du -sb "$HOSTDIR/archive" 2>/dev/null | cut -f1 || echo 0 ;;
  clear) rm -rf "$HOSTDIR/archive" "$HOSTDIR/archive_cleanup" ;;
  *) echo "usage: archive.sh count|bytes|clear" >&2; exit 2 ;;
esac
