#!/usr/bin/env bash
# Portfolio benchmark: renders generated portfolios with `qbr batch` (release build) and prints, per size,
# accounts/second, peak memory (RSS), the share of time inside cmark-gfm and what cmark-gfm alone needs for the
# same Markdown. Output goes to /dev/shm (RAM) so the figures show qbr's work, then once to disk for comparison.
#
#   scripts/benchmark-batch.sh                 # 1,000, 10,000 and 100,000 accounts (about 15 minutes)
#   SIZES="1000 10000" scripts/benchmark-batch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-1000 10000 100000}"
AS_OF=2026-10-15
./scripts/install-deps.sh
swift build -c release --product qbr >/dev/null
QBR="$(swift build -c release --show-bin-path)/qbr"
RAM="${RAM:-/dev/shm/qbr-bench}"
DISK="${DISK:-${TMPDIR:-/tmp}/qbr-bench-disk}"
printf '%-9s %-5s %10s %12s %10s %14s %18s\n' accounts where seconds accounts/s "RSS MB" "cmark share" "cmark alone s"
for n in $SIZES; do
  "$QBR" sample --accounts "$n" --seed 1 --format csv --as-of "$AS_OF" > "$RAM.csv.tmp" 2>/dev/null || {
    mkdir -p "$(dirname "$RAM")"; "$QBR" sample --accounts "$n" --seed 1 --format csv --as-of "$AS_OF" > "$RAM.csv.tmp"; }
  mv "$RAM.csv.tmp" "$RAM.csv"
  for where in ram disk; do
    out="$RAM"; [ "$where" = disk ] && out="$DISK"
    [ "$where" = disk ] && [ "$n" -gt 10000 ] && continue  # the disk figure is for comparison only
    rm -rf "$out"
    log="$(mktemp)"
    /usr/bin/time -f '%e %M' -o "$log.time" "$QBR" batch "$RAM.csv" --out "$out" --as-of "$AS_OF" --timings 2>"$log" >/dev/null
    read -r seconds rss_kb <"$log.time"
    share="$(sed -n 's/.*(\([0-9]*%\) of the run.*/\1/p' "$log")"
    alone="$(sed -n 's/.*cmark-gfm alone on the same Markdown \([0-9.]*\) s.*/\1/p' "$log")"
    rate="$(python3 -c "print(f'{$n/$seconds:.0f}')")"
    printf '%-9s %-5s %10s %12s %10s %14s %18s\n' "$n" "$where" "$seconds" "$rate" "$((rss_kb / 1024))" "$share" "$alone"
    # An unchanged re-run of the same month.
    if [ "$where" = ram ]; then
      /usr/bin/time -f '%e %M' -o "$log.time" "$QBR" batch "$RAM.csv" --out "$out" --as-of "$AS_OF" --quiet
      read -r again _ <"$log.time"
      printf '%-9s %-5s %10s %12s   (unchanged re-run, %sx faster)\n' "$n" rerun "$again" \
        "$(python3 -c "print(f'{$n/$again:.0f}')")" "$(python3 -c "print(f'{$seconds/$again:.1f}')")"
    fi
    rm -rf "$out" "$log" "$log.time"
  done
done
rm -f "$RAM.csv"
