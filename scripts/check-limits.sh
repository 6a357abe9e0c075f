#!/usr/bin/env bash
# Input limits at their real sizes (README "Limits", Sources/QBRLoad/InputLimits.swift): generates huge and
# hostile inputs in /dev/shm, runs the release qbr on each, and prints the exit code, the first line qbr printed,
# the time and the peak memory (RSS). Every case must end with exit 0 or 65 and a clear message: never a crash,
# never an out-of-memory kill. The unit tests check each limit on small inputs; this is the full-size run.
#
#   scripts/check-limits.sh                     # builds the release qbr (about 2 minutes of generating, 3 of running)
#   QBR=path/to/qbr scripts/check-limits.sh     # an existing build
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${QBR:-}" ]; then
  ./scripts/install-deps.sh
  swift build -c release --static-swift-stdlib --product qbr >/dev/null
  QBR="$(swift build -c release --static-swift-stdlib --show-bin-path)/qbr"
fi
DIR="${DIR:-/dev/shm/qbr-limits}"
AS_OF=2026-10-15
rm -rf "$DIR" && mkdir -p "$DIR"
trap 'rm -rf "$DIR"' EXIT
ACCOUNT='account: {id: LIM-1, name: Limit Logistics}'

echo "generating inputs in $DIR" >&2
python3 - "$DIR" "$ACCOUNT" <<'EOF'
import sys
d, account = sys.argv[1], sys.argv[2] + '\n'
def w(name, text):
    with open(f'{d}/{name}', 'w') as f: f.write(text)
# 200 MB account file: refused by its size, before a byte is read.
with open(f'{d}/account-200mb.yaml', 'w') as f:
    f.write(account + 'notes: "')
    for _ in range(200): f.write('x' * (1 << 20))
    f.write('"\n')
# Just under 16 MiB of "0," (8 million values in lists of 1,000): refused on the parser's events, before a node
# is built (composed, it took 1.1 GB).
inner = '[' + ','.join(['0'] * 999) + ']'
w('values-16mb.yaml', account + 'x: [' + ','.join([inner] * 8_300) + ']\n')
w('note-10mb.yaml', account + 'notes: "' + 'lorem ipsum ' * 873_814 + '"\n')
def outcomes(n):
    return account + 'outcomes:\n' + ''.join(
        f'  - {{name: "Outcome {i}", baseline: 10, target: 20, actual: {10 + i % 15}, unit: days, '
        f'committed_on: 2025-02-01, due: 2026-{1 + i % 12:02d}-15, evidence: "logs"}}\n' for i in range(n))
w('outcomes-10000.yaml', outcomes(10_000))
w('outcomes-1000.yaml', outcomes(1_000))
w('nesting-100000.json', '{"account": {"id": "LIM-1", "name": "Limit Logistics"}, "x": ' + '[' * 100_000 + ']' * 100_000 + '}\n')
w('nesting-block-63.yaml', account + 'x:\n' + ''.join('  ' * i + f'k{i}:\n' for i in range(1, 63)) + '  ' * 63 + 'end\n')
bomb = 'l0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
for i in range(1, 10):
    bomb += f'l{i}: &a{i} [' + ', '.join([f'*a{i-1}'] * 10) + ']\n'
w('billion-laughs.yaml', account + bomb)
w('billion-laughs-key.yaml', account + bomb + 'k: {? *a9 : 1}\n')
w('alias-text.yaml', account + 'narrative:\n  executive_summary: &s "' + 'value ' * 10_000 + '"\n  asks: [' + ', '.join(['*s'] * 1000) + ']\n')
EOF
"$QBR" sample --accounts 10000 --seed 1 --format yaml --as-of "$AS_OF" >"$DIR/portfolio-10000.yaml"
"$QBR" sample --accounts 10000 --seed 1 --format csv --as-of "$AS_OF" >"$DIR/sample-10000.csv"
# Portfolio list files: 70 MB (over the 64 MiB limit) from the 10,000-account sample repeated with new ids.
for copy in 1 2 3 4 5 6 7 8; do sed "s/ACC-/ACC${copy}-/" "$DIR/portfolio-10000.yaml"; done >"$DIR/portfolio-80000.yaml"
# A legitimate 200 MB CSV export (about 340,000 accounts): the 10,000-account sample repeated with new ids.
{ head -1 "$DIR/sample-10000.csv"
  for copy in $(seq 1 34); do tail -n +2 "$DIR/sample-10000.csv" | sed "s/ACC-/ACC${copy}-/"; done; } >"$DIR/export-200mb.csv"
# 200 MB with no line break after the header, and 200 MB after an unclosed quote in row 2.
{ head -1 "$DIR/sample-10000.csv"; head -c 200000000 /dev/zero | tr '\0' 'g'; } >"$DIR/garbage-200mb.csv"
{ printf 'account.id,account.name\nLIM-1,"Limit Logistics\n'; head -c 200000000 /dev/zero | tr '\0' 'q'; printf '\nLIM-2,Second\n'; } >"$DIR/unclosed-200mb.csv"

printf '%-26s %-7s %5s %8s %8s  %s\n' input command exit seconds "RSS MB" "what qbr said (first line)"
run() {  # name command args...
  local name="$1"; shift
  local log="$DIR/log" status=0
  /usr/bin/time -f '%e %M' -o "$DIR/time" "$QBR" "$@" >/dev/null 2>"$log" || status=$?
  read -r seconds rss_kb < <(tail -1 "$DIR/time")
  local said; said="$( (grep -v '^Command exited' "$log" || true) | head -1 | cut -c1-150)"
  printf '%-26s %-7s %5s %8s %8s  %s\n' "$name" "$1" "$status" "$seconds" "$((rss_kb / 1024))" "${said:-(nothing)}"
  case "$status" in 0|65) ;; *) echo "  ^ unexpected exit code $status" >&2; FAILED=1 ;; esac
}
FAILED=0
cd "$DIR"
run account-200mb.yaml      render account-200mb.yaml --as-of "$AS_OF"
run /dev/zero               render /dev/zero --as-of "$AS_OF"
run values-16mb.yaml        render values-16mb.yaml --as-of "$AS_OF"
run note-10mb.yaml          render note-10mb.yaml --as-of "$AS_OF"
run outcomes-10000.yaml     render outcomes-10000.yaml --as-of "$AS_OF"
run outcomes-1000.yaml      render outcomes-1000.yaml --as-of "$AS_OF" --edition internal --format html
run nesting-100000.json     render nesting-100000.json --as-of "$AS_OF"
run nesting-block-63.yaml   check nesting-block-63.yaml --as-of "$AS_OF"
run billion-laughs.yaml     render billion-laughs.yaml --as-of "$AS_OF"
run billion-laughs-key.yaml render billion-laughs-key.yaml --as-of "$AS_OF"
run alias-text.yaml         render alias-text.yaml --as-of "$AS_OF"
run portfolio-80000.yaml    batch portfolio-80000.yaml --out out --as-of "$AS_OF" --quiet
rm -rf out
run portfolio-10000.yaml    batch portfolio-10000.yaml --out out --as-of "$AS_OF" --shard 1/100 --quiet
rm -rf out
# --shard 1/1000 reads and checks every row but renders only 1 in 1,000: the figures are the reader's.
run export-200mb.csv        batch export-200mb.csv --out out --as-of "$AS_OF" --shard 1/1000 --quiet
rm -rf out
run garbage-200mb.csv       batch garbage-200mb.csv --out out --as-of "$AS_OF" --quiet
rm -rf out
run unclosed-200mb.csv      batch unclosed-200mb.csv --out out --as-of "$AS_OF" --quiet
rm -rf out
exit "$FAILED"
