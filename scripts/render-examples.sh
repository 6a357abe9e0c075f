#!/usr/bin/env bash
# Renders every account in examples/ to examples/rendered/ (Markdown and HTML) with a fixed --as-of,
# so the committed output is reproducible byte for byte. The test suite compares against these files.
set -euo pipefail
cd "$(dirname "$0")/.."
AS_OF=2026-10-15
./scripts/install-deps.sh
swift build --product qbr >/dev/null
QBR="$(swift build --show-bin-path)/qbr"
for account in examples/*.yaml examples/*.json; do
  for template in qbr ebr summary playbook; do
    "$QBR" render "$account" --template "$template" --format both --out examples/rendered --as-of "$AS_OF"
  done
  # The CSM's prep edition of the decks, beside the customer edition.
  "$QBR" render "$account" --edition internal --format both --out examples/rendered --as-of "$AS_OF"
done
# The worked team example: a theme, a logo and a template that inherits the default deck (examples/team/).
"$QBR" render examples/northwind.yaml --config examples/team/qbr.yaml --format both --out examples/team/rendered --as-of "$AS_OF"
