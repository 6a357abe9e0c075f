#!/usr/bin/env bash
# Checks qbr's native PowerPoint decks (qbr render --format pptx) on every example account (examples/*.yaml,
# examples/*.json), the stress accounts of Tests/Presentation/ and the hostile account of Tests/Hostile/, the qbr
# and ebr decks in both editions, and the team example on its own master (examples/team/brand.pptx):
#
# - python-pptx opens each deck, and scripts/check-pptx.py compares it with the HTML deck of the same render:
#   one slide per HTML slide (plus "… (continued)" slides for long tables), titles, tables, notes, the charts'
#   series against the account, and with the team template, every slide on the template's layouts;
# - LibreOffice converts each deck to PDF without an error, one page per slide;
# - two renders of the same deck and --as-of are byte-identical.
#
#   QBR=path/to/qbr scripts/check-pptx.sh     # use an existing binary instead of building one
#   KEEP=1 scripts/check-pptx.sh              # keep the decks and PDFs (folder printed at the end)
#   SCREENSHOTS=1 scripts/check-pptx.sh       # also refresh examples/screenshots/pptx-*.png (pdftoppm)
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
command -v soffice >/dev/null || missing+=(libreoffice-impress)
command -v pdfinfo >/dev/null || missing+=(poppler-utils)
if [ "${#missing[@]}" -gt 0 ]; then
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
python3 -c "import pptx, yaml" 2>/dev/null || python3 -m pip install -q python-pptx pyyaml >/dev/null
echo "python-pptx $(python3 -c 'import pptx; print(pptx.__version__)'), $(soffice --version 2>/dev/null | head -1)"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/qbr-check-pptx.XXXXXX")"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$TMP"' EXIT; fi
. scripts/find-qbr.sh

# --- render ------------------------------------------------------------------------------------------
# Each deck: "pptx html account layouts" (layouts empty without a team template).
decks=()
shopt -s nullglob
for account in examples/*.yaml examples/*.json Tests/Presentation/*.yaml Tests/Hostile/*.yaml; do
  name="$(basename "$account")"; name="${name%.*}"
  for template in qbr ebr; do
    for edition in customer internal; do
      out="$TMP/decks/$name"
      if ! "$QBR" render "$account" --template "$template" --edition "$edition" --format md,html,pptx --out "$out" --as-of "$AS_OF" 2>"$TMP/render.err"; then
        fail "$name $template $edition: qbr render failed: $(head -1 "$TMP/render.err")"
        continue
      fi
      suffix=$([ "$edition" = customer ] && echo "" || echo ".internal")
      for pptx in "$out"/*."$template$suffix.pptx"; do
        decks+=("$pptx|${pptx%.pptx}.html|$account|")
      done
    done
  done
done
for template in qbr ebr; do
  for edition in customer internal; do
    out="$TMP/decks/team"
    "$QBR" render examples/northwind.yaml --config examples/team/qbr.yaml --template "$template" --edition "$edition" \
      --format md,html,pptx --out "$out" --as-of "$AS_OF" 2>/dev/null || { fail "team $template $edition: qbr render failed"; continue; }
    suffix=$([ "$edition" = customer ] && echo "" || echo ".internal")
    decks+=("$out/NW-1042.$template$suffix.pptx|$out/NW-1042.$template$suffix.html|examples/northwind.yaml|Tidewater Title,Tidewater Content")
  done
done
echo "${#decks[@]} decks rendered"

# --- python-pptx --------------------------------------------------------------------------------------
for deck in "${decks[@]}"; do
  IFS='|' read -r pptx html account layouts <<<"$deck"
  args=("$pptx" "$html" "$account" --markdown "${pptx%.pptx}.md")
  [ -n "$layouts" ] && args+=(--layouts "$layouts")
  while IFS= read -r line; do
    case "$line" in
      ok*) pass "${line#ok    }" ;;
      FAIL*) fail "${line#FAIL  }" ;;
      *) echo "    $line" ;;
    esac
  done < <(python3 scripts/check-pptx.py "${args[@]}" 2>&1 || true)
done

# --- the team template's layouts, read off the slides' relationships -----------------------------------
team="$TMP/decks/team/NW-1042.qbr.internal.pptx"
if [ -f "$team" ]; then
  python3 - "$team" examples/team/brand.pptx <<'PY' && pass "team deck: every slide's layout relationship is a layout of brand.pptx, logo and footer on the master" || fail "team deck: slides not on brand.pptx's layouts"
import re, sys, zipfile
deck, template = (zipfile.ZipFile(p) for p in sys.argv[1:3])
names = lambda z: {n for n in z.namelist() if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n)}
slides = [n for n in deck.namelist() if re.fullmatch(r"ppt/slides/_rels/slide\d+\.xml\.rels", n)]
used = set()
for rels in slides:
    used |= {"ppt/slideLayouts/" + t for t in re.findall(r'slideLayout"[^>]*Target="\.\./slideLayouts/([^"]+)"', deck.read(rels).decode())}
same = all(deck.read(n) == template.read(n) for n in used)
master = deck.read("ppt/slideMasters/slideMaster1.xml").decode()
sys.exit(0 if slides and used and used <= names(template) and same and "Customer Success" in master and "<p:pic>" in master else 1)
PY
fi

# --- LibreOffice ------------------------------------------------------------------------------------
mkdir -p "$TMP/pdf"
pptxs=()
for deck in "${decks[@]}"; do pptxs+=("${deck%%|*}"); done
# One LibreOffice for all the decks (it starts slowly); each deck gets a folder so equal names do not clash.
for pptx in "${pptxs[@]}"; do
  folder="$TMP/pdf/$(basename "$(dirname "$pptx")")"
  mkdir -p "$folder"
done
for folder in "$TMP"/decks/*; do
  timeout 900 soffice --headless --norestore --convert-to pdf --outdir "$TMP/pdf/$(basename "$folder")" "$folder"/*.pptx \
    >"$TMP/soffice.log" 2>&1 || fail "LibreOffice exited non-zero on $(basename "$folder"): $(tail -1 "$TMP/soffice.log")"
  if grep -q "Error:" "$TMP/soffice.log"; then fail "LibreOffice: $(grep "Error:" "$TMP/soffice.log" | head -1)"; fi
done
for pptx in "${pptxs[@]}"; do
  pdf="$TMP/pdf/$(basename "$(dirname "$pptx")")/$(basename "${pptx%.pptx}").pdf"
  slides=$(python3 -c "import sys; from pptx import Presentation; print(len(Presentation(sys.argv[1]).slides))" "$pptx")
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  if [ "${pages:-0}" = "$slides" ]; then
    pass "LibreOffice: $(basename "$pptx") → PDF, $pages pages for $slides slides"
  else
    fail "LibreOffice: $(basename "$pptx") → ${pages:-no} PDF pages for $slides slides"
  fi
done

# --- determinism ------------------------------------------------------------------------------------
for account in examples/northwind.yaml Tests/Hostile/hostile-injection.yaml; do
  "$QBR" render "$account" --edition internal --format pptx --out "$TMP/again1" --as-of "$AS_OF" 2>/dev/null
  "$QBR" render "$account" --edition internal --format pptx --out "$TMP/again2" --as-of "$AS_OF" 2>/dev/null
  for file in "$TMP"/again1/*.pptx; do
    if cmp -s "$file" "$TMP/again2/$(basename "$file")"; then pass "byte-identical twice: $(basename "$file")"; else fail "two renders differ: $(basename "$file")"; fi
  done
  rm -rf "$TMP/again1" "$TMP/again2"
done

# --- screenshots for the README ------------------------------------------------------------------------
if [ -n "${SCREENSHOTS:-}" ]; then
  # The page of the first slide whose title starts with $2, in deck $1.
  page() { python3 -c "import sys; from pptx import Presentation; print(next(i + 1 for i, s in enumerate(Presentation(sys.argv[1]).slides) if s.shapes.title is not None and s.shapes.title.text.startswith(sys.argv[2])))" "$1" "$2"; }
  shot() {  # deck folder, deck name, title, screenshot name
    local n
    n="$(page "$TMP/decks/$1/$2.pptx" "$3")"
    pdftoppm -png -r 60 -f "$n" -l "$n" -singlefile "$TMP/pdf/$1/$2.pdf" "examples/screenshots/$4"
  }
  shot northwind NW-1042.qbr.internal "Outcomes" pptx-NW-1042-outcomes
  shot northwind NW-1042.qbr.internal "Health" pptx-NW-1042-health
  shot team NW-1042.qbr "Outcomes" pptx-team-master
  echo "screenshots written to examples/screenshots/pptx-*.png"
fi

[ -n "${KEEP:-}" ] && echo "decks and PDFs kept in $TMP"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
