#!/usr/bin/env bash
# Runs check-html.sh, check-browser.sh, check-pandoc.sh and check-pptx.sh against one build of qbr and adds up their counts.
#
#   QBR=path/to/qbr scripts/check-all.sh   # use an existing binary instead of building one
#
# Prints each script's output, then a final "N passed, M failed"; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

# Build once, for all four.
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
. scripts/find-qbr.sh
export QBR

passed=0
failed=0
summary=()
for check in check-html check-browser check-pandoc check-pptx; do
  echo "######## $check"
  out="$(mktemp)"
  status=0
  "./scripts/$check.sh" 2>&1 | tee "$out" || status=$?
  last="$(tail -1 "$out")"
  rm -f "$out"
  if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    p="${BASH_REMATCH[1]}"
    f="${BASH_REMATCH[2]}"
    # A script that exits non-zero without counting a failure (it crashed) still counts as one failure.
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  else
    p=0
    f=1
    last="did not finish (exit $status)"
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  summary+=("$check: $last")
done

echo "########"
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
