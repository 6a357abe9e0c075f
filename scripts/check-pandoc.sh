#!/usr/bin/env bash
# Converts every QBR deck's Markdown (examples/*.yaml, examples/*.json, and the stress accounts in
# Tests/Presentation/) with pandoc, as a user following the README would:
#
#   pandoc -f gfm DECK.md -o DECK.pptx
#   pandoc -f gfm -t revealjs -s --metadata pagetitle="TITLE" DECK.md -o DECK.html
#
# (--metadata pagetitle sets the HTML <title> without adding a title slide; without it pandoc warns
# "This document format requires a nonempty <title> element".) Fails on any line pandoc prints on stderr,
# and unless the PowerPoint and reveal.js decks have exactly one slide per ----separated Markdown slide.
#
#   QBR=path/to/qbr scripts/check-pandoc.sh   # use an existing binary instead of building one
#   KEEP=1 scripts/check-pandoc.sh            # keep the converted decks (folder printed at the end)
#
# Prints one line per check and a final "N passed, M failed"; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
AS_OF=2026-10-15
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

passed=0
failed=0
pass() { passed=$((passed + 1)); printf 'ok    %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$*"; }

# --- tools -------------------------------------------------------------------------------------------
missing=()
command -v pandoc >/dev/null || missing+=(pandoc)
command -v unzip >/dev/null || missing+=(unzip)
if [ "${#missing[@]}" -gt 0 ]; then
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "$(pandoc --version | head -1)"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/qbr-check-pandoc.XXXXXX")"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$TMP"' EXIT; fi

# --- the binary: $QBR, or a debug build in a scratch path of its own ----------------------------------
# (retried: someone may be in the middle of an edit)
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

# Runs pandoc; passes only when it exits 0 and prints nothing on stderr.
run_pandoc() {
  local label="$1"; shift
  if pandoc "$@" 2>"$TMP/pandoc.err" && [ ! -s "$TMP/pandoc.err" ]; then
    pass "$label: clean"
  else
    fail "$label: $(wc -l <"$TMP/pandoc.err") line(s) on stderr"
    head -5 "$TMP/pandoc.err" | sed 's/^/    /'
  fi
}

shopt -s nullglob
accounts=(examples/*.yaml examples/*.json Tests/Presentation/*.yaml)
[ "${#accounts[@]}" -gt 0 ] || { echo "no accounts found" >&2; exit 1; }

for account in "${accounts[@]}"; do
  out="$TMP/$(basename "$account")"
  mkdir -p "$out"
  if ! err="$("$QBR" render "$account" --format md --out "$out" --as-of "$AS_OF" 2>&1 >/dev/null)"; then
    fail "render $account: $(head -3 <<<"$err")"
    continue
  fi
  decks=("$out"/*.qbr.md)
  [ "${#decks[@]}" -eq 1 ] || { fail "render $account: expected one .qbr.md, got ${#decks[@]}"; continue; }
  md="${decks[0]}"
  id="$(basename "$md" .qbr.md)"
  # Slides are separated by a line that is exactly --- (table delimiter rows start with |).
  slides=$(($(grep -cx -- '---' "$md" || true) + 1))
  # The deck's title is its first line, "# Name", with qbr's Markdown escapes (\| \* …) undone.
  title="$(sed -n '1s/^# //p' "$md" | sed 's/\\\(.\)/\1/g')"
  echo "== $account → $id.qbr.md: $slides slides"

  pptx="$out/$id.pptx"
  run_pandoc "$id: pandoc -f gfm → pptx" -f gfm "$md" -o "$pptx"
  if [ -s "$pptx" ]; then
    count="$(unzip -l "$pptx" | grep -cE 'ppt/slides/slide[0-9]+\.xml$' || true)"
    if [ "$count" -eq "$slides" ]; then
      pass "$id: pptx has $count slides for $slides Markdown slides"
    else
      fail "$id: pptx has $count slides for $slides Markdown slides"
      # pandoc's pptx writer ends a slide after a table: anything below a table moves to a slide of its own.
      awk -v RS='\n---\n' '{ n++; k = split($0, L, "\n"); t = 0; after = 0; h = L[1]
             for (i = 1; i <= k; i++) { if (L[i] ~ /^\|/) t = 1; else if (t && L[i] ~ /[^ ]/) after = 1 }
             for (i = k; i >= 1; i--) if (L[i] ~ /^#/) h = L[i]
             if (after) printf "    slide %d (%s): text below a table\n", n, h }' "$md"
    fi
  fi

  html="$out/$id.revealjs.html"
  run_pandoc "$id: pandoc -f gfm → revealjs" -f gfm -t revealjs -s --metadata pagetitle="$title" "$md" -o "$html"
  if [ -s "$html" ]; then
    count="$(grep -c '<section' "$html" || true)"
    if [ "$count" -eq "$slides" ]; then
      pass "$id: reveal.js deck has $count slides for $slides Markdown slides"
    else
      fail "$id: reveal.js deck has $count slides for $slides Markdown slides"
    fi
  fi
done

[ -z "${KEEP:-}" ] || echo "converted decks kept in $TMP"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
