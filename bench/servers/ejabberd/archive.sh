#!/bin/bash
# ejabberd's message archive (mod_mam on Mnesia, table archive_msg), over Erlang distribution to the harness node.
# Usage: archive.sh count   -> number of archived messages (rows of archive_msg), 0 when mod_mam is not loaded
#        archive.sh bytes   -> bytes of the table's file (archive_msg.DAT, a dets file) on disk
#        archive.sh clear   -> delete every archived message (the server must be running)
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/lib/env.sh"
NODE=${EJABBERD_NODE:-ejlab@localhost}
[ "$1" = bytes ] && { stat -c %s "$WORK/run/ejabberd/db/archive_msg.DAT" 2>/dev/null || echo 0; exit 0; }
case ${1:?count|bytes|clear} in
  count) CALL='case rpc:call(N, mnesia, table_info, [archive_msg, size]) of S when is_integer(S) -> io:format("~p~n", [S]); _ -> io:format("0~n") end' ;;
  clear) CALL='case rpc:call(N, mnesia, clear_table, [archive_msg]) of {atomic, ok} -> ok; {aborted, {no_exists, _}} -> ok; E -> io:format(standard_error, "archive_msg: ~p~n", [E]), halt(1) end' ;;
  *) echo "usage: archive.sh count|bytes|clear" >&2; exit 2 ;;
esac
erl -sname "arch$$@localhost" -hidden -noshell -kernel inet_dist_use_interface '{127,0,0,1}' \
    -eval "N = '$NODE', pong = net_adm:ping(N), $CALL, init:stop()."
