#!/bin/bash
# The side-by-side benchmark: the same Tsung scenarios against Prosody, ejabberd and Parley on loopback, in one
# run, then the table of issue 5 with Parley's ratios. See bench/README.md.
#
# Usage: bench/run.sh [full|quick|archive|archive-quick] [VAR=value ...]
#   full  (default, about 50 min): connections to 1k/10k/19k sessions, chat at 1k and 5k msg/s, roster 3000 x 50
#   quick (about 10 min): connections to 1k/3k, chat at 2k msg/s, roster 1000 x 20; a smoke test of the harness
#   archive (about 20 min): chat at 1k and 5k msg/s (as in full) for every target with ARCHIVE=on, and again with
#         ARCHIVE=off for the targets in ARCHIVE_OFF_TARGETS (default: parley) right after their ARCHIVE=on run;
#         the table then has the archive's cost per message. archive-quick (about 6 min): the same at 1k msg/s, 20 s.
# Settings: TARGETS="prosody ejabberd parley"  SCENARIOS="connections chat roster"  WARMUP=1|0
#           PASSWORDS=hashed|plain  TLS=1|0  ARCHIVE=off|on (full, quick)
#           ARCHIVE_OFF_TARGETS=parley  ARCHIVE_USERS=1000 (archive, archive-quick)
#           LOAD_WORK=/tmp/parley-bench
# Needs root (or sudo) for apt-get when Tsung, Prosody or ejabberd are missing; binds 127.0.0.1 ports 25222 (Parley),
# 35222 (Prosody), 45222 (ejabberd) and Erlang's epmd on 4369.
set -uo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROFILE=full; [ $# -gt 0 ] && case $1 in full|quick|archive|archive-quick) PROFILE=$1; shift;; esac
for kv in "$@"; do export "$kv"; done
TARGETS=${TARGETS:-"prosody ejabberd parley"}
WARMUP=${WARMUP:-1}
SCENARIOS=${SCENARIOS:-"connections chat roster"}
ARCHIVE_OFF_TARGETS=${ARCHIVE_OFF_TARGETS:-parley}
. "$BENCH/lib/env.sh"
mkdir -p "$WORK/results"
INDEX=$WORK/results/bench-$(date +%Y%m%d-%H%M%S).dirs
log() { echo "[$(date +%T)] $*" >&2; }

# 1. what the benchmark needs, installed when missing (it is not part of mvn verify or CI)
need=()
for c in tsung:tsung prosody:prosody ejabberdctl:ejabberd erlc:erlang-dev python3:python3 openssl:openssl bc:bc ss:iproute2; do
  command -v "${c%%:*}" >/dev/null 2>&1 || need+=("${c#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get install -y "${need[@]}" >/dev/null || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y "${need[@]}" >/dev/null; } \
    || { echo "could not install ${need[*]}" >&2; exit 1; }
fi
# the Debian packages start their own services; the bench runs its own instances on other ports
for svc in prosody ejabberd; do systemctl stop "$svc" >/dev/null 2>&1 || true; done
# 2. Parley's jar, built from this checkout when missing or older than the sources
JAR=$BENCH/../target/parley.jar
if [[ " $TARGETS " == *" parley "* ]] && { [ ! -s "$JAR" ] || [ -n "$(find "$BENCH/../src/main" -newer "$JAR" -type f | head -1)" ]; }; then
  log "building target/parley.jar"
  (cd "$BENCH/.." && mvn -q -B -DskipTests -Dcheckstyle.skip package) || { echo "build failed" >&2; exit 1; }
fi

# 3. one scenario against every target, each after a warm-up pass on the same fresh server process
run() {   # run SCENARIO WARMUP_ARGS -- MEASURED_ARGS
  local scen=$1; shift; local warm=() meas=()
  [[ " $SCENARIOS " == *" $scen "* ]] || return 0
  while [ $# -gt 0 ] && [ "$1" != -- ]; do warm+=("$1"); shift; done; shift
  meas=("$@")
  for tgt in ${RUN_TARGETS:-$TARGETS}; do
    local restart=1
    if [ "$WARMUP" = 1 ]; then
      log "$scen / $tgt: warm-up"
      "$KIT/lib/run.sh" "$scen" "$tgt" "${warm[@]}" TAG=warmup RESTART=1 >/dev/null 2>&1 || log "warm-up of $tgt failed"
      restart=0
    fi
    log "$scen / $tgt: measured run"
    out=$("$KIT/lib/run.sh" "$scen" "$tgt" "${meas[@]}" RESTART=$restart STOP_AFTER=1 2>&1)
    echo "$out" | sed -n '/^== /,$p' >&2
    echo "$out" | sed -n 's/.*-> \(\/.*\)$/\1/p' | tail -1 >> "$INDEX"
    "$KIT/servers/$tgt/stop.sh" >/dev/null 2>&1 || true
  done
}
if [ "$PROFILE" = full ]; then
  run connections LEVELS=2000 RATE=150 HOLD=3 PROVISION_N=19000 -- LEVELS=1000,10000,19000 RATE=150 HOLD=25
  for rate in 1000 5000; do
    run chat USERS=1000 MSG_RATE=2000 DURATION=15 -- USERS=1000 MSG_RATE=$rate DURATION=40
  done
  run roster USERS=3000 ROSTER=50 LOGIN_RATE=150 HOLD=3 -- USERS=3000 ROSTER=50 LOGIN_RATE=100 HOLD=15
elif [ "$PROFILE" = archive ] || [ "$PROFILE" = archive-quick ]; then
  # the archive's cost: every target with its archive on, then (ARCHIVE_OFF_TARGETS) the same target with it off,
  # one after the other on the same box, each on a fresh process after its own warm-up; the settings of full's chat
  if [ "$PROFILE" = archive ]; then rates="1000 5000"; warm="MSG_RATE=2000 DURATION=15"; dur=40
  else rates=1000; warm="MSG_RATE=1000 DURATION=10"; dur=20; fi
  users=${ARCHIVE_USERS:-1000}   # fewer only to try the harness: the comparison is made with 1,000
  for rate in $rates; do
    for tgt in $TARGETS; do
      for arch in on off; do
        [ $arch = on ] || [[ " $ARCHIVE_OFF_TARGETS " == *" $tgt "* ]] || continue
        # shellcheck disable=SC2086
        RUN_TARGETS=$tgt run chat ARCHIVE=$arch USERS="$users" $warm -- ARCHIVE=$arch USERS="$users" MSG_RATE=$rate DURATION=$dur
      done
    done
  done
else
  run connections LEVELS=1000 RATE=150 HOLD=2 PROVISION_N=3000 -- LEVELS=1000,3000 RATE=150 HOLD=10
  run chat USERS=1000 MSG_RATE=1000 DURATION=10 -- USERS=1000 MSG_RATE=2000 DURATION=20
  run roster USERS=1000 ROSTER=20 LOGIN_RATE=150 HOLD=2 -- USERS=1000 ROSTER=20 LOGIN_RATE=100 HOLD=10
fi

# 4. the table
echo
case $PROFILE in archive*) archv="on; off too for $ARCHIVE_OFF_TARGETS";; *) archv=$ARCHIVE;; esac
echo "== bench $PROFILE  targets: $TARGETS  passwords: $PASSWORDS  archive: $archv  warm-up: $WARMUP  ($(date -u +%FT%TZ))"
echo "   result dirs: $INDEX"
python3 "$KIT/lib/report.py" $(cat "$INDEX")
