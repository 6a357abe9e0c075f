# Sourced by the check scripts: sets QBR to the binary under test — $QBR when given, else a debug build in a
# scratch path of its own (retried: someone may be in the middle of an edit). Needs $TMP.
if [ -z "${QBR:-}" ]; then
  ./scripts/install-deps.sh
  for attempt in 1 2 3; do
    if swift build --scratch-path .build-scripts --product qbr >"$TMP/build.log" 2>&1; then break; fi
    if [ "$attempt" -eq 3 ]; then tail -30 "$TMP/build.log" >&2; echo "0 passed, 1 failed"; exit 1; fi
    echo "build failed (attempt $attempt), retrying in 60 s…" >&2
    sleep 60
  done
  QBR="$(swift build --scratch-path .build-scripts --show-bin-path)/qbr"
fi
[ -x "$QBR" ] || { echo "qbr binary not found: $QBR" >&2; echo "0 passed, 1 failed"; exit 1; }
