#!/bin/bash
# Parley's message archive (XEP-0313) in its H2 file, read through H2's AUTO_SERVER (works with the server running).
# Usage: archive.sh count   -> rows of the archive table(s), 0 when there is none
#        archive.sh bytes   -> bytes of the whole H2 file (parley.mv.db: the archive and everything else)
#        archive.sh clear   -> delete every row of them
# The archive tables are the ones of the PUBLIC schema whose name matches PARLEY_ARCHIVE_TABLES (a SQL LIKE
# pattern on the upper-case name, default '%ARCHIVE%'); count prints one line per table on stderr.
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/lib/env.sh"
. "$KIT/servers/parley/common.sh"
PATTERN=${PARLEY_ARCHIVE_TABLES:-%ARCHIVE%}
[ -e "$RUN/data/parley.mv.db" ] || { [ "$1" != clear ] && echo 0; exit 0; }
[ "$1" = bytes ] && { stat -c %s "$RUN/data/parley.mv.db"; exit 0; }
sql() { java -cp "$PARLEY_JAR" org.h2.tools.Shell -url "jdbc:h2:file:$RUN/data/parley;AUTO_SERVER=TRUE" \
          -user sa -password "" -sql "$1" | sed '/^([0-9]* rows*,/d'; }
TABLES=$(sql "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME LIKE '$PATTERN'" | tail -n +2)
case ${1:?count|bytes|clear} in
  count)
    [ -n "$TABLES" ] || echo "parley archive: no table matches '$PATTERN' (PARLEY_ARCHIVE_TABLES)" >&2
    total=0
    for t in $TABLES; do
      n=$(sql "SELECT COUNT(*) FROM \"$t\"" | tail -n +2 | tr -dc 0-9); echo "parley archive table $t: $n rows" >&2
      total=$((total + n))
    done
    echo "$total" ;;
  clear) for t in $TABLES; do sql "DELETE FROM \"$t\"" >/dev/null; done ;;
  *) echo "usage: archive.sh count|bytes|clear" >&2; exit 2 ;;
esac
