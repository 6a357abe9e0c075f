# Sourced by the check scripts: sets QBR to the binary under test — $QBR when given, else a build in a scratch
# path of its own: debug, or release with QBR_BUILD=release (the crash check wants release speed). Needs $TMP.
if [ -z "${QBR:-}" ]; then
  ./scripts/install-deps.sh
  qbr_build=(-c "${QBR_BUILD:-debug}" --scratch-path ".build-scripts-${QBR_BUILD:-debug}")
  if ! swift build "${qbr_build[@]}" --product qbr >"$TMP/build.log" 2>&1; then
    tail -30 "$TMP/build.log" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  QBR="$(swift build "${qbr_build[@]}" --show-bin-path)/qbr"
fi
[ -x "$QBR" ] || { echo "qbr binary not found: $QBR" >&2; echo "0 passed, 1 failed"; exit 1; }
