#!/usr/bin/env bash
# The hardening checks of issue 7, one command, against one release build of qbr:
#   1. scripts/fuzz.sh SECONDS        — the fuzzers (duration: $1, else $FUZZ_SECONDS, else 600 s);
#   2. scripts/check-injection.sh     — hostile account data rendered into every document, loaded in headless
#                                        Chromium: no script runs, no dialog opens, no marker appears;
#   3. scripts/check-crash-safety.sh  — qbr batch killed with SIGKILL at random moments: no partial file, no
#                                        partial month of history, and a re-run finishes the job.
#
#   scripts/check-hardening.sh                 # 600 s of fuzzing, then the two checks
#   scripts/check-hardening.sh 60              # a short fuzzing run
#   FUZZ_SECONDS=3600 scripts/check-hardening.sh
#   QBR=path/to/qbr scripts/check-hardening.sh # use an existing binary instead of building one
#
# Prints each check's output, then each one's figures and a final "N passed, M failed"; exits non-zero when
# any check fails (or is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS="${1:-${FUZZ_SECONDS:-600}}"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/qbr-hardening.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# One release build for the browser and crash checks (the crash check wants release speed).
QBR_BUILD=release . scripts/find-qbr.sh
export QBR

passed=0
failed=0
summary=()
run_check() {
  local name="$1"
  shift
  echo "######## $name"
  local log="$TMP/$name.log"
  local status=0
  if [ ! -x "$1" ]; then
    echo "$1 not found" | tee "$log"
    status=127
  else
    "$@" 2>&1 | tee "$log" || status=$?
  fi
  local last p f
  last="$(tail -1 "$log")"
  if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    p="${BASH_REMATCH[1]}"
    f="${BASH_REMATCH[2]}"
    # A script that exits non-zero without counting a failure (it crashed) still counts as one.
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  else
    # No count of its own (fuzz.sh prints a table): one check, passed when it exited 0.
    p=$([ "$status" -eq 0 ] && echo 1 || echo 0)
    f=$([ "$status" -eq 0 ] && echo 0 || echo 1)
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  local verdict="ok"
  [ "$f" -eq 0 ] || verdict="FAILED (exit $status)"
  summary+=("== $name: $verdict")
  case "$name" in
    fuzz) mapfile -t figures < <(sed -n '/^target /,$p' "$log" | head -12) ;;
    injection) mapfile -t figures < <(grep -E '^(pages:|ok    canary|FAIL)' "$log" | head -8) ;;
    crash-safety) mapfile -t figures < <(grep -E '^(clean run:|kills:|files checked:|partial files found:|unexpected files:|temp leftovers|history month|re-runs completed:|FAIL)' "$log" | head -14) ;;
  esac
  for line in "${figures[@]}"; do summary+=("   $line"); done
}

run_check fuzz ./scripts/fuzz.sh "$FUZZ_SECONDS"
run_check injection ./scripts/check-injection.sh
run_check crash-safety ./scripts/check-crash-safety.sh

echo "########"
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
