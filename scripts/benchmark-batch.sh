#!/usr/bin/env bash
# Portfolio benchmark: qbr batch against the Python pipeline of ../shared/bench (Jinja2 + cmark-gfm) on the
# same generated portfolio, in the same run, one after the other, output in RAM (/dev/shm), both with $JOBS
# jobs. Prints for each: seconds, accounts/s, peak RSS; the ratio qbr ÷ Python; qbr's run against cmark-gfm
# alone on qbr's own Markdown with $JOBS processes; qbr's milliseconds per account in each stage; peak RSS at
# $BIG accounts; and the wall time of `qbr render` of one example deck to HTML.
#
#   scripts/benchmark-batch.sh                    # 10,000 accounts (JSON list and CSV), 100,000 for memory
#   SIZE=2000 BIG=0 scripts/benchmark-batch.sh    # quicker, no 100,000 run
#
# qbr renders what the Python pipeline renders (the customer QBR, the monthly summary and the checklists,
# Markdown and HTML) with `--editions customer`; its default run also writes the internal prep decks, measured
# on the line marked "default".
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE="${SIZE:-10000}"
BIG="${BIG:-100000}"
JOBS="${JOBS:-2}"
AS_OF=2026-10-01
MONTH="${AS_OF:0:7}"   # qbr batch writes a run's documents to the folder of its month under --out
BENCH="${BENCH:-../shared/bench}"
RAM="${RAM:-/dev/shm/qbr-bench}"
[ -d "$BENCH" ] || { echo "benchmark-batch: $BENCH not found (the Python pipeline lives beside the checkout)" >&2; exit 66; }

./scripts/install-deps.sh
python3 -c "import jinja2, cmarkgfm" 2>/dev/null || pip install -q jinja2 cmarkgfm pyyaml
swift build -c release --static-swift-stdlib --product qbr >/dev/null
QBR="$(swift build -c release --static-swift-stdlib --show-bin-path)/qbr"
rm -rf "$RAM"
mkdir -p "$RAM"

# run NAME COMMAND…: runs it under /usr/bin/time, sets SECONDS_TAKEN and RSS_MB.
run() {
  local name="$1"
  shift
  /usr/bin/time -f '%e %M' -o "$RAM/$name.time" "$@" >"$RAM/$name.out" 2>"$RAM/$name.err" || {
    echo "benchmark-batch: $name failed:" >&2
    tail -5 "$RAM/$name.err" >&2
    exit 1
  }
  read -r SECONDS_TAKEN kb <"$RAM/$name.time"
  RSS_MB=$((kb / 1024))
}
rate() { python3 -c "print(f'{$1/$2:,.0f}')"; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
row() { printf '%-34s %9s %12s %9s\n' "$@"; }

echo "generating $SIZE accounts (seed 1) ..."
python3 "$BENCH/gen_portfolio.py" --accounts "$SIZE" --seed 1 --format json --out "$RAM/p.json"
python3 "$BENCH/gen_portfolio.py" --accounts "$SIZE" --seed 1 --format csv --out "$RAM/p.csv"

row "" seconds accounts/s "RSS MB"
run peer python3 "$BENCH/peer_jinja.py" "$RAM/p.json" --out "$RAM/peer" --as-of "$AS_OF" --jobs "$JOBS" --free-cmark
PEER_S=$SECONDS_TAKEN
PEER_RSS=$RSS_MB
row "Python + Jinja2 + cmark-gfm (JSON)" "$PEER_S" "$(rate "$SIZE" "$PEER_S")" "$PEER_RSS"

run qbr-json "$QBR" batch "$RAM/p.json" --out "$RAM/qbr-json" --as-of "$AS_OF" --jobs "$JOBS" --editions customer --timings
# The run's own time: --timings then re-runs cmark-gfm alone over the output, which /usr/bin/time counts too.
JSON_S="$(sed -n 's/^timings: total \([0-9.]*\) s.*/\1/p' "$RAM/qbr-json.err")"
JSON_RSS=$RSS_MB
row "qbr batch, JSON list" "$JSON_S" "$(rate "$SIZE" "$JSON_S")" "$JSON_RSS"
STAGES="$(grep -a 'timings per account' "$RAM/qbr-json.err" | sed 's/.*: //')"

run qbr-csv "$QBR" batch "$RAM/p.csv" --out "$RAM/qbr-csv" --as-of "$AS_OF" --jobs "$JOBS" --editions customer
CSV_S=$SECONDS_TAKEN
row "qbr batch, CSV" "$CSV_S" "$(rate "$SIZE" "$CSV_S")" "$RSS_MB"

run qbr-default "$QBR" batch "$RAM/p.json" --out "$RAM/qbr-default" --as-of "$AS_OF" --jobs "$JOBS"
row "qbr batch, JSON, default (+internal)" "$SECONDS_TAKEN" "$(rate "$SIZE" "$SECONDS_TAKEN")" "$RSS_MB"

run cmark python3 "$BENCH/limit_cmark.py" "$RAM/qbr-json/$MONTH" --jobs "$JOBS"
CMARK_S="$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' "$RAM/cmark.out")"
row "cmark-gfm alone on qbr's Markdown" "$CMARK_S" "" ""

echo
echo "qbr ÷ Python, accounts/s:   JSON $(ratio "$PEER_S" "$JSON_S")×, CSV $(ratio "$PEER_S" "$CSV_S")×   (target ≥ 2)"
echo "qbr run ÷ cmark-gfm alone:  JSON $(ratio "$JSON_S" "$CMARK_S")×, CSV $(ratio "$CSV_S" "$CMARK_S")×   (target ≤ 3)"
echo "peak RSS, qbr ÷ Python:     $(ratio "$JSON_RSS" "$PEER_RSS")   (target ≤ 1)"
echo "qbr per account, ms summed over threads: $STAGES"
# What the 2× target leaves per account, against the two stages no template engine removes: cmark-gfm on the
# Markdown and the atomic writes of the files.
python3 - "$PEER_S" "$JOBS" "$SIZE" "$STAGES" <<'PY'
import sys
peer, jobs, size, stages = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
ms = {k.strip(): float(v) for k, v in (part.rsplit(" ", 1) for part in stages.split(", "))}
budget = peer * jobs * 1000 / size / 2
floor = ms["cmark-gfm"] + ms["write"]
rest = sum(ms.values()) - floor
print(f"2x-Python budget: {budget:.3f} ms of CPU per account; cmark-gfm + write alone {floor:.3f}, "
      f"leaving {budget - floor:.3f} for the other stages, which take {rest:.3f}")
PY

if [ "$BIG" -gt 0 ]; then
  python3 "$BENCH/gen_portfolio.py" --accounts "$BIG" --seed 1 --format csv --out "$RAM/big.csv"
  run qbr-big "$QBR" batch "$RAM/big.csv" --out "$RAM/qbr-big" --as-of "$AS_OF" --jobs "$JOBS" --editions customer
  rm -rf "$RAM/qbr-big"
  echo "peak RSS at $BIG accounts (CSV): $RSS_MB MB, $(ratio "$RSS_MB" "$JSON_RSS")× the $SIZE-account figure (target ≤ 1.5); $(rate "$BIG" "$SECONDS_TAKEN") accounts/s"
fi

# One deck, as a CSM renders it: best of 10 wall times.
best=999
for _ in $(seq 10); do
  start=$(date +%s%N)
  "$QBR" render examples/northwind.yaml --format html --as-of 2026-10-15 >/dev/null
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  [ "$ms" -lt "$best" ] && best=$ms
done
echo "qbr render of one deck to HTML: $best ms wall, best of 10 (target < 30)"
rm -rf "$RAM"
