#!/usr/bin/env bash
# Converts every QBR deck's Markdown (examples/*.yaml, examples/*.json, and the stress accounts in
# Tests/Presentation/; both editions when qbr has --edition) with pandoc, as a user following the README would:
#
#   pandoc -f gfm DECK.md -o DECK.pptx
#   pandoc -f gfm -t revealjs -s --metadata pagetitle="TITLE" DECK.md -o DECK.html
#
# (--metadata pagetitle sets the HTML <title> without adding a title slide; without it pandoc warns
# "This document format requires a nonempty <title> element".) Fails on any line pandoc prints on stderr,
# unless the PowerPoint and reveal.js decks have exactly one slide per ----separated Markdown slide, and when
# speaker notes (after "<!-- notes -->") show on the slides.
#
#   QBR=path/to/qbr scripts/check-pandoc.sh   # use an existing binary instead of building one
#   KEEP=1 scripts/check-pandoc.sh            # keep the converted decks (folder printed at the end)
#   PANDOC_ARGS="--lua-filter=F.lua" scripts/check-pandoc.sh   # extra pandoc options for both conversions
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
PANDOC_ARGS="${PANDOC_ARGS-"--lua-filter=scripts/qbr-pandoc.lua"}"
read -r -a extra <<<"${PANDOC_ARGS:-}"
echo "$(pandoc --version | head -1)${PANDOC_ARGS:+, extra options: $PANDOC_ARGS}"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/qbr-check-pandoc.XXXXXX")"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$TMP"' EXIT; fi

# The binary under test: $QBR, or a fresh debug build.
. scripts/find-qbr.sh

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

# Both editions when the binary has --edition.
editions=("")
if "$QBR" render --help 2>&1 | grep -q -- '--edition'; then editions=(customer internal); fi

# Speaker notes: qbr writes them after a "<!-- notes -->" line. Prints where the first words of each
# slide's notes ended up in the converted deck: "visible" (on the slide) or "hidden" (speaker notes only).
notes_placement() {
  python3 - "$@" <<'PY'
import html, re, sys, zipfile
md, deck = sys.argv[1], sys.argv[2]
probes = []
for slide in re.split(r"(?m)^---$", open(md, encoding="utf-8").read()):
    m = re.search(r"<!-- notes -->\s*\n\s*(\S[^\n]*)", slide)
    if m:
        words = re.sub(r"[*_`\\]", "", m.group(1))
        probes.append(" ".join(words.split()[:5]))
if deck.endswith(".pptx"):
    z = zipfile.ZipFile(deck)
    def text(prefix):
        return " ".join(html.unescape("".join(re.findall(r"<a:t>([^<]*)</a:t>", z.read(n).decode())))
                        for n in z.namelist() if n.startswith(prefix) and n.endswith(".xml"))
    visible = text("ppt/slides/slide")
else:
    page = open(deck, encoding="utf-8").read()
    page = re.sub(r'(?s)<aside class="notes">.*?</aside>', " ", page)
    visible = html.unescape(re.sub(r"<[^>]+>", " ", page))
visible = " ".join(visible.split())
for p in probes:
    print(("visible" if p in visible else "hidden") + "\t" + p)
PY
}

for account in "${accounts[@]}"; do
 for edition in "${editions[@]}"; do
  out="$TMP/$(basename "$account")${edition:+-$edition}"
  mkdir -p "$out"
  args=(render "$account" --format md --out "$out" --as-of "$AS_OF")
  [ -z "$edition" ] || args+=(--edition "$edition")
  if ! err="$("$QBR" "${args[@]}" 2>&1 >/dev/null)"; then
    fail "render $account${edition:+ --edition $edition}: $(head -3 <<<"$err")"
    continue
  fi
  decks=("$out"/*.qbr*.md)
  [ "${#decks[@]}" -eq 1 ] || { fail "render $account: expected one .qbr*.md, got ${#decks[@]}"; continue; }
  md="${decks[0]}"
  name="$(basename "$md" .md)"
  id="$name"
  # Slides are separated by a line that is exactly --- (table delimiter rows start with |).
  slides=$(($(grep -cx -- '---' "$md" || true) + 1))
  # The deck's title is its first line, "# Name", with qbr's Markdown escapes (\| \* …) undone.
  title="$(sed -n '1s/^# //p' "$md" | sed 's/\\\(.\)/\1/g')"
  echo "== $account${edition:+ --edition $edition} → $name.md: $slides slides"

  pptx="$out/$name.pptx"
  run_pandoc "$id: pandoc -f gfm → pptx" -f gfm "${extra[@]}" "$md" -o "$pptx"
  if [ -s "$pptx" ]; then
    count="$(unzip -l "$pptx" | grep -cE 'ppt/slides/slide[0-9]+\.xml$' || true)"
    # pandoc's pptx writer gives each table a slide: a Markdown slide with two tables (the internal deck's
    # health history above its adoption table) is two PowerPoint slides. qbr's own PowerPoint keeps them on one.
    expected=$(awk -v RS='\n---\n' '{ k = split($0, L, "\n"); t = 0; prev = 0
             for (i = 1; i <= k; i++) { row = (L[i] ~ /^\|/); if (row && !prev) t++; prev = row }
             n += (t > 1 ? t : 1) } END { print n }' "$md")
    if [ "$count" -eq "$expected" ]; then
      pass "$id: pptx has $count slides for $slides Markdown slides ($expected with a slide per table)"
    else
      fail "$id: pptx has $count slides for $slides Markdown slides (expected $expected, a slide per table)"
      # pandoc's pptx writer ends a slide after a table: anything below a table moves to a slide of its own.
      awk -v RS='\n---\n' '{ n++; k = split($0, L, "\n"); t = 0; after = 0; h = L[1]
             for (i = 1; i <= k; i++) { if (L[i] ~ /^\|/) t = 1; else if (t && L[i] ~ /[^ ]/) after = 1 }
             for (i = k; i >= 1; i--) if (L[i] ~ /^#/) h = L[i]
             if (after) printf "    slide %d (%s): text below a table\n", n, h }' "$md"
    fi
  fi

  html="$out/$name.revealjs.html"
  run_pandoc "$id: pandoc -f gfm → revealjs" -f gfm -t revealjs -s --metadata pagetitle="$title" "${extra[@]}" "$md" -o "$html"
  if [ -s "$html" ]; then
    count="$(grep -c '<section' "$html" || true)"
    if [ "$count" -eq "$slides" ]; then
      pass "$id: reveal.js deck has $count slides for $slides Markdown slides"
    else
      fail "$id: reveal.js deck has $count slides for $slides Markdown slides"
    fi
  fi

  # Speaker notes must not end up on the slides the audience sees.
  if grep -q '^<!-- notes -->' "$md"; then
    for deck in "$pptx" "$html"; do
      [ -s "$deck" ] || continue
      kind="${deck##*.}"; [ "$kind" = pptx ] || kind=revealjs
      notes_placement "$md" "$deck" >"$TMP/notes.txt"
      shown="$(grep -c '^visible' "$TMP/notes.txt" || true)"
      total="$(wc -l <"$TMP/notes.txt")"
      if [ "$shown" -eq 0 ]; then
        pass "$id: $kind: speaker notes of $total slide(s) are not on the slides"
      else
        fail "$id: $kind: speaker notes of $shown of $total slide(s) show on the slides (<!-- notes --> is not a pandoc notes div)"
        grep '^visible' "$TMP/notes.txt" | head -3 | cut -f2 | sed 's/^/    "/; s/$/…"/'
      fi
    done
  fi
 done
done

[ -z "${KEEP:-}" ] || echo "converted decks kept in $TMP"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
