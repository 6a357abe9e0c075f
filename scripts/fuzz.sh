#!/usr/bin/env bash
# Fuzzes qbr with libFuzzer and AddressSanitizer (leak checks included): builds the Fuzz/ package with every
# module instrumented, writes each target's seeds from examples/, Playbooks/, Templates/ and qbr's own sample
# generator, runs each target in turn for SECONDS, then prints one line per target.
#
#   scripts/fuzz.sh                                   # every target, 600 s each (or $FUZZ_SECONDS)
#   scripts/fuzz.sh 60                                # every target, 60 s each
#   FUZZ_TARGETS="FuzzRule FuzzCSV" scripts/fuzz.sh 120
#   FUZZ_FRESH=1 scripts/fuzz.sh                      # start from the seeds, not the kept corpus
#   scripts/fuzz.sh --reproduce FuzzRule crash-1234   # run one input (a crash artifact) again
#
# Targets: FuzzAccountYAML FuzzAccountJSON FuzzCSV FuzzRule FuzzPlaybook FuzzRender FuzzTemplate FuzzMarkdown
# FuzzPowerPoint.
# Corpora, logs and crash artifacts go to .build-fuzz/work/ (FUZZ_WORK), the build to .build-fuzz (FUZZ_SCRATCH),
# both git-ignored; the corpus is kept so a later run continues where this one stopped.
# Prints a table (target, seconds, executions, exec/s, cov and ft from libFuzzer's last status line, new crash
# artifacts, result), then "N passed, M failed" (targets). Exit status: 0 when every target ran its time without
# a crash, hang (-timeout=10 s), leak or out-of-memory (-rss_limit_mb=2048); 1 otherwise (the artifact's path
# is printed; scripts/fuzz.sh --reproduce TARGET ARTIFACT runs it again).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
ALL="FuzzAccountYAML FuzzAccountJSON FuzzCSV FuzzRule FuzzPlaybook FuzzRender FuzzTemplate FuzzMarkdown FuzzPowerPoint"
SCRATCH="${FUZZ_SCRATCH:-$ROOT/.build-fuzz}"
WORK="${FUZZ_WORK:-$SCRATCH/work}"

# Every Swift module (qbr's, its dependencies', the targets') gets ASan and libFuzzer's coverage
# instrumentation; the C ones (libyaml inside Yams) too. -sanitize=fuzzer goes to the frontend only: the
# driver would link libFuzzer's main into the build plugin's tool as well. The fuzz targets link libFuzzer
# themselves (Fuzz/Package.swift).
FLAGS=(-c release -Xswiftc -sanitize=address -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer,address
  -Xcc -fsanitize=fuzzer-no-link,address)

# The Swift runtime's backtracer and ASan both want the crash; ASan's report is the useful one. Leaks are
# found by libFuzzer's check after each input (an input that allocates more than it frees, twice, gets a
# LeakSanitizer pass), not at exit: LeakSanitizer cannot follow the pointers Swift tags with an enum case in
# their spare bits (`indirect enum` boxes, e.g. the built-in playbooks' parsed rules, which live for the whole
# run), so a whole-process check at exit reports those as leaked (and so would any per-input pass, hence the
# suppression of allocations made while initialising a global, in Fuzz/lsan.supp).
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:leak_check_at_exit=0}"
# Two known leaks that are not qbr's (a swift-foundation one, and one-time globals): see the file.
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/Fuzz/lsan.supp}"

build() {
  ./scripts/install-deps.sh
  echo "Building Fuzz/ (release, ASan + libFuzzer) in $SCRATCH…" >&2
  # Retried: a source edited while it compiles fails the build ("modified during the build").
  for attempt in 1 2 3; do
    if swift build --package-path Fuzz --scratch-path "$SCRATCH" "${FLAGS[@]}" >&2; then break; fi
    [ "$attempt" -lt 3 ] || { echo "0 passed, 1 failed"; exit 1; }
    echo "build failed (attempt $attempt), retrying in 30 s…" >&2
    sleep 30
  done
  BIN="$(swift build --package-path Fuzz --scratch-path "$SCRATCH" "${FLAGS[@]}" --show-bin-path)"
}

# Per target: its dictionary (Fuzz/Dictionaries) and the longest input it is given.
dict_of() {
  case "$1" in
    FuzzAccountYAML | FuzzAccountJSON | FuzzRender | FuzzPowerPoint) echo account ;;
    FuzzCSV) echo csv ;;
    FuzzRule) echo rule ;;
    FuzzPlaybook) echo playbook ;;
    FuzzTemplate) echo template ;;
    FuzzMarkdown) echo markdown ;;
    *) echo "unknown target $1 (targets: $ALL)" >&2; exit 2 ;;
  esac
}
max_len_of() {
  case "$1" in
    FuzzRule) echo 1024 ;;
    *) echo 16384 ;;
  esac
}

if [ "${1:-}" = "--reproduce" ]; then
  [ $# -eq 3 ] || { echo "usage: scripts/fuzz.sh --reproduce TARGET INPUT" >&2; exit 2; }
  build
  exec "$BIN/$2" -timeout=10 -rss_limit_mb=2048 "$3"
fi

DURATION="${1:-${FUZZ_SECONDS:-600}}"
TARGETS="${FUZZ_TARGETS:-$ALL}"
for target in $TARGETS; do dict_of "$target" >/dev/null; done
build

failed=0
ok=0
lines=()
for target in $TARGETS; do
  seeds="$WORK/seeds/$target"
  corpus="$WORK/corpus/$target"
  artifacts="$WORK/artifacts/$target"
  log="$WORK/logs/$target.log"
  rm -rf "$seeds"
  [ "${FUZZ_FRESH:-0}" = 1 ] && rm -rf "$corpus"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  QBR_FUZZ_SEEDS="$seeds" "$BIN/$target"
  echo "Fuzzing $target for $DURATION s ($(ls "$seeds" | wc -l) seeds, log $log)…" >&2
  before="$(ls "$artifacts" | wc -l)"
  status=0
  "$BIN/$target" "$corpus" "$seeds" -max_total_time="$DURATION" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$(max_len_of "$target")" -detect_leaks=1 -print_final_stats=1 \
    -dict="Fuzz/Dictionaries/$(dict_of "$target").dict" -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
  # libFuzzer's last status line (`#N DONE cov: C ft: F corp: …`) and its final stats.
  last="$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)"
  cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")"
  ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")"
  [ -n "$execs" ] || execs="$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$last")"
  elapsed="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log")"
  found="$(($(ls "$artifacts" | wc -l) - before))"
  result=ok
  if [ "$status" -ne 0 ] || [ "$found" -gt 0 ] || [ -z "$execs" ]; then
    failed=$((failed + 1))
    why="$(grep -m1 -E 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|Fatal error' "$log" || tail -1 "$log")"
    result="FAILED (exit $status): $why $(ls -t "$artifacts" | head -1 | sed "s#^#$artifacts/#")"
  else
    ok=$((ok + 1))
  fi
  lines+=("$(printf '%-16s %7s %12s %8s %7s %7s %7s  %s' "$target" "${elapsed:-?}" "${execs:-?}" "${rate:-?}" \
    "${cov:-?}" "${ft:-?}" "$found" "$result")")
done

printf '%-16s %7s %12s %8s %7s %7s %7s  %s\n' target seconds executions exec/s cov ft crashes result
printf '%s\n' "${lines[@]}"
echo "$ok passed, $failed failed"
[ "$failed" -eq 0 ]
