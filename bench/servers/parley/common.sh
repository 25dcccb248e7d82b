# Sourced by the Parley start/provision scripts: the jar, the JVM and the settings the bench runs Parley with.
PARLEY_JAR=${PARLEY_JAR:-$KIT/../target/parley.jar}
RUN=$WORK/run/parley
PORT=${PARLEY_PORT:-25222}
DOMAIN=${XMPP_DOMAIN:-load.lab}
[ -s "$PARLEY_JAR" ] || { echo "no $PARLEY_JAR: build it first (mvn -q -DskipTests package)" >&2; exit 1; }
# Like with like (see bench/README.md): Nagle on (PARLEY_NODELAY=false), as Prosody and ejabberd ship; offline
# storage off, as the kit runs both peers; SCRAM verifiers with 4096 iterations, as ejabberd and the bench's Prosody
# store them. The connection limits that protect a public server (10 unauthenticated connections per address)
# would refuse a load generator on one address, so they are raised; the peers have none.
PARLEY_SETTINGS=(
  --set "domain=$DOMAIN" --set c2s.bind=127.0.0.1 --set "c2s.port=$PORT" --set c2s.backlog=4096
  --set "c2s.tcp_nodelay=${PARLEY_NODELAY:-false}" --set c2s.starttls.required=false
  --set c2s.direct_tls.enabled=false --set proxy65.enabled=false
  --set c2s.max_unauthenticated=20000 --set c2s.max_unauthenticated_per_ip=20000
  --set offline.max_messages=0 --set account.scram.iterations=4096
  --set "data.dir=$RUN/data" --set "tls.cert=$WORK/certs/load.lab.crt" --set "tls.key=$WORK/certs/load.lab.key"
)
# ARCHIVE=on|off (lib/env.sh): the message archive (XEP-0313) and carbons (XEP-0280), set explicitly either way
# because Parley ships both on; off is the like-for-like setting against the peers as the bench runs them.
PARLEY_ARCHIVE=$([ "${ARCHIVE:-off}" = on ] && echo true || echo false)
PARLEY_SETTINGS+=(--set "mam.enabled=$PARLEY_ARCHIVE" --set "carbons.enabled=$PARLEY_ARCHIVE")
# PARLEY_EXTRA="key=value ...": more settings for an experiment, e.g. PARLEY_EXTRA="processing.threads=4"
for kv in ${PARLEY_EXTRA:-}; do PARLEY_SETTINGS+=(--set "$kv"); done
# Heap for 20k sessions (about 20 KB each) with room; a fixed 64 MB young generation keeps the heap, and so RSS,
# from growing with garbage instead of sessions. See docs/performance.md ("JVM flags").
PARLEY_JAVA_OPTS=${PARLEY_JAVA_OPTS:-"-Xms64m -Xmx1g -Xmn64m -XX:+UseG1GC"}
