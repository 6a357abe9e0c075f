#!/usr/bin/env bash
# Opens every QBR deck (examples/*.yaml, examples/*.json and the stress accounts in Tests/Presentation/;
# both editions when qbr has --edition) in headless Chromium and checks what a presenter and a printer get:
#   (a) a 1280×720 screenshot of each slide (file://…#slide-N);
#   (b) printing (--print-to-pdf) gives exactly one 16:9 page per slide (pdfinfo);
#   (c) after the deck's script ran (--dump-dom), every slide has data-fit and none has data-overflow="true".
# Then copies slide 1 and the outcomes slide of each example deck (default edition) to examples/screenshots/<id>.png and
# <id>-outcomes.png (the stress decks are checked, not copied).
#
#   QBR=path/to/qbr scripts/check-browser.sh   # use an existing binary instead of building one
#   KEEP=1 scripts/check-browser.sh            # keep the renders, screenshots and PDFs (folder printed at the end)
#   NO_COPY=1 scripts/check-browser.sh         # do not touch examples/screenshots/
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
note() { printf '      %s\n' "$*"; }

# --- tools -------------------------------------------------------------------------------------------
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v pdfinfo >/dev/null || missing+=(poppler-utils)
command -v python3 >/dev/null || missing+=(python3)
# Status symbols (✅ 🟢 🟠 🔴) are emoji: without an emoji font the screenshots show empty boxes.
fc-list 2>/dev/null | grep -qi 'emoji' || missing+=(fonts-noto-color-emoji)
if [ "${#missing[@]}" -gt 0 ]; then
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/qbr-check-browser.XXXXXX")"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$TMP"' EXIT; fi

# The binary under test: $QBR, or a fresh debug build.
. scripts/find-qbr.sh

# Headless Chromium, one process per call; its dbus/GPU chatter goes to a log that is shown on failure.
chrome() {
  chromium --headless --no-sandbox --user-data-dir="$TMP/profile" --window-size=1280,720 \
    --virtual-time-budget=3000 "$@" 2>>"$TMP/chromium.log"
}

# "width height" of a PNG, from its IHDR chunk.
png_size() {
  python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print(*struct.unpack(">II", d[16:24])) if d[:8]==b"\x89PNG\r\n\x1a\n" else print("0 0")' "$1"
}

shopt -s nullglob
examples=(examples/*.yaml examples/*.json)
stress=(Tests/Presentation/*.yaml)
[ "${#examples[@]}" -gt 0 ] || { echo "no example accounts found" >&2; exit 1; }

# Both editions when the binary has --edition (the customer deck is the default and the one screenshotted).
editions=("")
if "$QBR" render --help 2>&1 | grep -q -- '--edition'; then editions=(customer internal); fi

for account in "${examples[@]}" "${stress[@]}"; do
 for edition in "${editions[@]}"; do
  out="$TMP/$(basename "$account")${edition:+-$edition}"
  mkdir -p "$out/shots"
  args=(render "$account" --format html --out "$out" --as-of "$AS_OF")
  [ -z "$edition" ] || args+=(--edition "$edition")
  if ! err="$("$QBR" "${args[@]}" 2>&1 >/dev/null)"; then
    fail "render $account${edition:+ --edition $edition}: $(head -3 <<<"$err")"
    continue
  fi
  decks=("$out"/*.qbr*.html)
  [ "${#decks[@]}" -eq 1 ] || { fail "render $account: expected one .qbr*.html, got ${#decks[@]}"; continue; }
  deck="${decks[0]}"
  name="$(basename "$deck" .html)"       # NW-1042.qbr or NW-1042.qbr.internal
  id="${name%%.qbr*}"
  label="$id${edition:+ ($edition)}"
  url="file://$deck"
  slides="$(grep -c '<section class="slide"' "$deck" || true)"
  echo "== $account${edition:+ --edition $edition} → $name.html: $slides slides"

  # (c) the DOM after the fitting script ran.
  chrome --dump-dom "$url" >"$out/dom.html" || true
  python3 - "$out/dom.html" >"$out/fit.txt" <<'PY'
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
for tag in re.findall(r'<section\b[^>]*\bclass="slide\b[^>]*>', dom):
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
    print(attrs.get("id", "?"), attrs.get("data-fit", "-"), attrs.get("data-overflow", "false"))
PY
  dom_slides="$(wc -l <"$out/fit.txt")"
  unfitted="$(awk '$2 == "-"' "$out/fit.txt" | wc -l)"
  if [ "$dom_slides" -eq "$slides" ] && [ "$slides" -gt 0 ] && [ "$unfitted" -eq 0 ]; then
    pass "$label: script ran, $dom_slides slides carry data-fit"
  else
    fail "$label: DOM has $dom_slides of $slides slides, $unfitted without data-fit (did the script run?)"
  fi
  while read -r sid fit overflow; do
    if [ "$overflow" = "true" ]; then
      fail "$label $sid: data-overflow=\"true\" (still too long at data-fit=$fit)"
    else
      pass "$label $sid: fits${fit:+ (data-fit=$fit)}"
    fi
  done <"$out/fit.txt"

  # (a) one screenshot per slide.
  for n in $(seq 1 "$slides"); do
    png="$out/shots/slide-$n.png"
    chrome --force-prefers-reduced-motion --hide-scrollbars --screenshot="$png" "$url#slide-$n" >/dev/null || true
    if [ -s "$png" ] && [ "$(png_size "$png")" = "1280 720" ]; then
      pass "$label slide-$n: screenshot 1280×720"
    else
      fail "$label slide-$n: no 1280×720 screenshot ($( [ -s "$png" ] && png_size "$png" || echo missing))"
    fi
  done

  # (b) print: one 16:9 page (16in × 9in = 1152 × 648 pt) per slide.
  pdf="$out/$name.pdf"
  chrome --no-pdf-header-footer --print-to-pdf="$pdf" "$url" >/dev/null || true
  if [ -s "$pdf" ]; then
    pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
    size="$(pdfinfo "$pdf" | awk -F': *' '/^Page size:/ {print $2}')"
    if [ "$pages" = "$slides" ]; then
      pass "$label: PDF has $pages pages for $slides slides"
    else
      fail "$label: PDF has $pages pages for $slides slides"
      # Which slide ran over: the first line of each page (a continuation page starts mid-slide).
      for p in $(seq 1 "$pages"); do
        printf '    page %d: %s\n' "$p" "$(pdftotext -f "$p" -l "$p" -layout "$pdf" - 2>/dev/null | grep -m1 '[^[:space:]]' | sed 's/^ *//' | cut -c1-70)"
      done
    fi
    case "$size" in
      "1152 x 648 pts"*) pass "$label: PDF page size $size (16:9)" ;;
      *) fail "$label: PDF page size $size, expected 1152 x 648 pts (16:9)" ;;
    esac
  else
    fail "$label: --print-to-pdf wrote nothing"
    tail -5 "$TMP/chromium.log" | sed 's/^/    /'
  fi

  # Committed screenshots: the example decks only, default (customer) edition.
  [ "$edition" != internal ] || continue
  case "$account" in
    examples/*)
      [ -z "${NO_COPY:-}" ] || continue
      mkdir -p examples/screenshots
      if [ -s "$out/shots/slide-1.png" ]; then
        cp "$out/shots/slide-1.png" "examples/screenshots/$id.png"
        note "copied slide-1 → examples/screenshots/$id.png"
      fi
      # The outcomes slide: slide 3 in a full deck, found by its heading in case slides were left out.
      outcomes="$(awk '/<section class="slide"/ { match($0, /id="slide-[0-9]+"/); s = substr($0, RSTART + 10, RLENGTH - 11) }
                       /<h2>Outcomes/ { print s; exit }' "$deck")"
      if [ -n "$outcomes" ] && [ -s "$out/shots/slide-$outcomes.png" ]; then
        cp "$out/shots/slide-$outcomes.png" "examples/screenshots/$id-outcomes.png"
        note "copied slide-$outcomes (outcomes) → examples/screenshots/$id-outcomes.png"
      else
        note "no outcomes slide in $id: no $id-outcomes.png"
        rm -f "examples/screenshots/$id-outcomes.png"
      fi
      ;;
  esac
 done
done

[ -z "${KEEP:-}" ] || echo "renders, screenshots and PDFs kept in $TMP"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
