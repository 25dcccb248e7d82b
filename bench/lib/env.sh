# Sourced by every script of the bench kit (a copy of the shared load kit with a Parley target). Sets
#   KIT  - this kit folder (found from the script location; may be read-only)
#   WORK - writable work dir ${LOAD_WORK:-/tmp/parley-bench}: results/, run/ (server state, users files),
#          certs/ (generated self-signed cert), tsung-ebin/ (compiled patched ts_jabber)
# and provides ensure_certs / ensure_tsung_patch.
KIT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${LOAD_WORK:-/tmp/parley-bench}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
export KIT WORK LOAD_WORK=$WORK
# PASSWORDS=hashed (default): every server stores salted SCRAM verifiers (PBKDF2, 4096 iterations) and checks a
# SASL PLAIN password by deriving one, as Parley always does. PASSWORDS=plain: Prosody and ejabberd store the
# password itself (how the shared kit measured its baselines); Parley has no such store, so it stays hashed.
export PASSWORDS=${PASSWORDS:-hashed}
# ARCHIVE=off (default, the like-for-like setting of ADR 0015 before issue 12): no message archive on the peers (as
# before), and Parley's mam.enabled=false carbons.enabled=false set explicitly (Parley ships them on).
# ARCHIVE=on: Prosody loads mod_mam (internal file storage) and mod_carbons, ejabberd mod_mam (its default db,
# Mnesia, archiving every chat message) and mod_carboncopy, Parley runs with mam.enabled=true carbons.enabled=true.
# Every server starts with an empty archive; servers/<name>/archive.sh counts what was archived during a run.
export ARCHIVE=${ARCHIVE:-off}
case $ARCHIVE in on|off) ;; *) echo "ARCHIVE must be on or off, not '$ARCHIVE'" >&2; exit 2 ;; esac

# Self-signed certificate for load.lab (CN + SAN load.lab) in $WORK/certs, generated on first use.
ensure_certs() {
  local d="$WORK/certs"
  mkdir -p "$d"
  if [ ! -s "$d/load.lab.crt" ] || [ ! -s "$d/load.lab.key" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=load.lab" \
      -addext "subjectAltName=DNS:load.lab" \
      -keyout "$d/load.lab.key" -out "$d/load.lab.crt" >/dev/null 2>&1 \
      || { echo "openssl could not create $d/load.lab.crt" >&2; return 1; }
    cat "$d/load.lab.crt" "$d/load.lab.key" > "$d/load.lab.pem"
    chmod 600 "$d/load.lab.key" "$d/load.lab.pem"
  fi
}

# Patched Tsung module (tsung-patch/ts_jabber.patch applied to the installed source) compiled into $WORK/tsung-ebin; rebuilt when the source changes.
ensure_tsung_patch() {
  local out="$WORK/tsung-ebin" sum
  sum=$(sha256sum "$KIT/tsung-patch/ts_jabber.patch" | cut -d' ' -f1)
  if [ ! -s "$out/ts_jabber.beam" ] || [ "$(cat "$out/.source.sha256" 2>/dev/null)" != "$sum" ]; then
    "$KIT/tsung-patch/build.sh" "$out" || { echo "building the patched ts_jabber failed" >&2; return 1; }
    echo "$sum" > "$out/.source.sha256"
  fi
}
