#!/usr/bin/env bash
# Kills `qbr batch` with SIGKILL at random moments and checks that a killed run never leaves a half-written
# document or a partial month of history, and that running again finishes the job (issue 7):
#
#   1. builds release qbr in its own scratch path (or takes $QBR), generates a portfolio
#      (qbr sample --accounts $ACCOUNTS --seed 3 --format csv --as-of 2026-10-15) and does a clean run into A;
#      every file of A's month folder (A/2026-10/) must match the FNV-1a 64 hash its manifest.json gives it;
#   2. until $KILLS runs (default 24) were killed mid-way: starts `qbr batch` into a folder B — a fresh one, or
#      (about 2 times in 5) the folder the previous, killed run left, to test resuming — and sends SIGKILL after a
#      random delay spanning the clean run's duration (one in four in its last fifth); then checks every regular, non-hidden file of B is byte-identical to A's file
#      of the same path (account documents, the month's index.md/html and manifest.json, the top's index.md/html
#      pointing at the latest month: absent or complete, never partial,
#      never a file A does not have); counts the hidden `.*.tmp` files left behind (and batch's `.qbr-run`
#      marker, which a killed run leaves for the next to sweep); and checks history.sqlite
#      holds, for the run's month, either no snapshot rows or exactly A's full set (and the portfolio row only
#      with the full set);
#   3. re-runs, without a kill, into every B folder, and checks each then equals A file for file (hashes),
#      holds no `.*.tmp` file nor `.qbr-run` marker, and has the full month in its history.
#
#   QBR=path/to/qbr scripts/check-crash-safety.sh   # use an existing binary instead of building one
#   KILLS=50 ACCOUNTS=1000 SEED=7 scripts/check-crash-safety.sh
#   KEEP=1 scripts/check-crash-safety.sh            # keep the folders (printed at the end)
#
# Prints the figures (kills, files checked, partial files, temp leftovers, history, re-runs) and the usual
# "N passed, M failed"; exits non-zero on any violation.
set -euo pipefail
cd "$(dirname "$0")/.."
AS_OF=2026-10-15
KILLS="${KILLS:-24}"
ACCOUNTS="${ACCOUNTS:-400}"
SEED="${SEED:-$RANDOM}"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/qbr-crash.XXXXXX")"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$TMP"' EXIT; fi

QBR_BUILD=release . scripts/find-qbr.sh

"$QBR" sample --accounts "$ACCOUNTS" --seed 3 --format csv --as-of "$AS_OF" >"$TMP/portfolio.csv"

status=0
python3 - "$QBR" "$TMP" "$AS_OF" "$KILLS" "$SEED" <<'PY' || status=$?
import json, os, random, signal, sqlite3, subprocess, sys, time
from pathlib import Path

qbr, tmp, as_of, kills_wanted, seed = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
source = tmp / "portfolio.csv"
month = as_of[:7]
rng = random.Random(seed)
violations = []
passed = 0

def fnv1a64(data):
    value = 0xCBF29CE484222325
    for byte in data:
        value ^= byte
        value = (value * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"

def batch(out):
    return subprocess.Popen([qbr, "batch", str(source), "--out", str(out), "--as-of", as_of, "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

def is_history(name):
    return name.startswith("history.sqlite")

RUN_MARKER = ".qbr-run"  # qbr batch's "a run is under way" marker: a killed run leaves it, the next sweeps

def listing(folder):
    """(regular non-hidden files by relative path, hidden .tmp files, other hidden files); the history and
    the run marker excluded."""
    files, temporaries, hidden = {}, [], []
    for path in folder.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(folder).as_posix()
        if path.name == RUN_MARKER:
            continue
        if path.name.startswith("."):
            (temporaries if path.name.endswith(".tmp") else hidden).append(relative)
        elif not is_history(path.name):
            files[relative] = path
    return files, temporaries, hidden

def month_state(folder):
    """(snapshot rows for the month, portfolio rows for the month); (0, 0) when there is no history yet."""
    path = folder / "history.sqlite"
    if not path.exists():
        return 0, 0
    connection = sqlite3.connect(str(path), timeout=30)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        snapshots = connection.execute("SELECT COUNT(*) FROM snapshot WHERE month = ?", (month,)).fetchone()[0] \
            if "snapshot" in tables else 0
        portfolio = connection.execute("SELECT COUNT(*) FROM portfolio WHERE month = ?", (month,)).fetchone()[0] \
            if "portfolio" in tables else 0
        return snapshots, portfolio
    finally:
        connection.close()

# --- 1. the clean run -----------------------------------------------------------------------------------
clean = tmp / "A"
started = time.monotonic()
process = batch(clean)
_, error = process.communicate()
duration = time.monotonic() - started
# 65: some records were invalid, reported and skipped, and every other account written — still a full run.
clean_status = process.returncode
if clean_status not in (0, 65) or not (clean / month / "manifest.json").exists():
    print(f"FAIL  clean run exited {process.returncode}: {error.decode()[-500:]}")
    print("0 passed, 1 failed")
    sys.exit(1)
# A run's documents, overview and manifest are in the folder of its month; the history and the pointer to the
# latest month at the top. Manifest paths are relative to the month's folder.
manifest = json.loads((clean / month / "manifest.json").read_text(encoding="utf-8"))
listed = {f"{month}/{f['path']}": f["fnv1a64"] for entry in manifest["accounts"] for f in entry["files"]}
expected, clean_temporaries, _ = listing(clean)
reference = {relative: fnv1a64(path.read_bytes()) for relative, path in expected.items()}
mismatched = [p for p, h in listed.items() if reference.get(p) != h]
unlisted = [p for p in reference if p not in listed
            and p not in ("index.md", "index.html", f"{month}/index.md", f"{month}/index.html", f"{month}/manifest.json")]
full_month, _ = month_state(clean)
accounts = len(manifest["accounts"])
if mismatched or unlisted or clean_temporaries or full_month != accounts:
    violations.append(f"clean run: {len(mismatched)} files differ from the manifest, {len(unlisted)} unlisted, "
                      f"{len(clean_temporaries)} .tmp files, {full_month} of {accounts} snapshot rows")
else:
    passed += 1
failures = len(manifest.get("failures", []))
print(f"clean run: {accounts} accounts ({failures} invalid records skipped, exit {clean_status}), {len(reference)} files ({len(listed)} in the manifest, hashes match), "
      f"{full_month} snapshot rows for {month}, {duration:.1f} s; seed {seed}")

# --- 2. kills -------------------------------------------------------------------------------------------
kills = finished_early = files_checked = partial = unexpected = temp_leftovers = resumed = 0
hidden_other = markers = 0
month_states = {"none": 0, "full": 0, "partial": 0}
folders = []
current = None
last_killed = False
attempt = 0
while kills < kills_wanted and attempt < 3 * kills_wanted:
    attempt += 1
    # Resume only a folder whose last run was killed (a finished one would only show an unchanged re-run).
    if current is None or not last_killed or rng.random() >= 0.4:
        current = tmp / f"B{len(folders) + 1}"
        folders.append(current)
        label = f"{current.name} (fresh)"
    else:
        resumed += 1
        label = f"{current.name} (resumed)"
    # Delays span the run; one in four lands in its last stretch, where the history month is committed and
    # the overview and manifest are written.
    delay = rng.uniform(0.8 * duration, duration) if rng.random() < 0.25 else rng.uniform(0.0, duration)
    process = batch(current)
    time.sleep(delay)
    last_killed = process.poll() is None
    if last_killed:
        process.send_signal(signal.SIGKILL)
        kills += 1
        how = f"killed after {delay:.2f} s"
    else:
        finished_early += 1
        how = f"finished before the kill ({delay:.2f} s, exit {process.returncode})"
    process.communicate()

    files, temporaries, hidden = listing(current)
    bad = []
    for relative, path in sorted(files.items()):
        files_checked += 1
        want = reference.get(relative)
        if want is None:
            unexpected += 1
            bad.append(f"unexpected file {relative}")
        elif fnv1a64(path.read_bytes()) != want:
            partial += 1
            bad.append(f"partial or different file {relative} ({path.stat().st_size} bytes, "
                       f"clean {expected[relative].stat().st_size})")
    if f"{month}/manifest.json" in files:
        try:
            json.loads(files[f"{month}/manifest.json"].read_text(encoding="utf-8"))
        except ValueError as error:
            bad.append(f"manifest.json is not valid JSON: {error}")
    markers += (current / month / RUN_MARKER).exists()
    temp_leftovers += len(temporaries)
    hidden_other += len(hidden)
    bad += [f"unexpected hidden file {name}" for name in hidden]
    snapshots, portfolio = month_state(current)
    state = "none" if snapshots == 0 and portfolio == 0 else "full" if snapshots == accounts else "partial"
    if portfolio and snapshots != accounts:
        state = "partial"
    month_states[state] += 1
    if state == "partial":
        bad.append(f"history has a partial month: {snapshots} of {accounts} snapshot rows, {portfolio} portfolio row")
    if bad:
        violations += [f"kill {attempt} {label}: {b}" for b in bad]
        print(f"FAIL  kill {attempt:2d} {label}: {how}; " + "; ".join(bad[:4])
              + (f" (+{len(bad) - 4} more)" if len(bad) > 4 else ""))
    else:
        passed += 1
        print(f"ok    kill {attempt:2d} {label}: {how}; {len(files)} files complete, "
              f"{len(temporaries)} .tmp left, history month {state} ({snapshots} rows)")

# --- 3. re-runs -----------------------------------------------------------------------------------------
reruns = 0
temporaries_after = 0
for folder in folders:
    process = batch(folder)
    _, error = process.communicate()
    files, temporaries, hidden = listing(folder)
    temporaries_after += len(temporaries)
    bad = []
    if process.returncode != clean_status:
        bad.append(f"exit {process.returncode} (clean run: {clean_status}): {error.decode().strip()[-300:]}")
    missing = sorted(set(reference) - set(files))
    extra = sorted(set(files) - set(reference))
    different = sorted(p for p in set(files) & set(reference) if fnv1a64(files[p].read_bytes()) != reference[p])
    if missing:
        bad.append(f"{len(missing)} files missing (e.g. {missing[0]})")
    if extra:
        bad.append(f"{len(extra)} files A does not have (e.g. {extra[0]})")
    if different:
        bad.append(f"{len(different)} files differ from A (e.g. {different[0]})")
    if temporaries:
        bad.append(f"{len(temporaries)} .tmp files left (e.g. {temporaries[0]})")
    if hidden:
        bad.append(f"hidden files {hidden[:3]}")
    if (folder / month / RUN_MARKER).exists():
        bad.append(f"{RUN_MARKER} left after a finished run")
    snapshots, portfolio = month_state(folder)
    if snapshots != accounts or portfolio != 1:
        bad.append(f"history month has {snapshots} of {accounts} snapshot rows and {portfolio} portfolio rows")
    if bad:
        violations += [f"re-run {folder.name}: {b}" for b in bad]
        print(f"FAIL  re-run {folder.name}: " + "; ".join(bad))
    else:
        reruns += 1
        passed += 1
        print(f"ok    re-run {folder.name}: equals A ({len(files)} files, same hashes), no .tmp, full month")

print()
print(f"kills: {kills} (and {finished_early} runs that finished before their kill; {resumed} resumed a killed folder)")
print(f"files checked: {files_checked}")
print(f"partial files found: {partial}")
print(f"unexpected files: {unexpected + hidden_other}")
print(f"temp leftovers after kills: {temp_leftovers} (in {markers} killed folders with a {RUN_MARKER} marker); "
      f"after re-runs: {temporaries_after}")
print(f"history month after kills: {month_states['none']} none, {month_states['full']} full, "
      f"{month_states['partial']} partial")
print(f"re-runs completed: {reruns} of {len(folders)}")
failed = len(violations)
if kills < kills_wanted:
    print(f"FAIL  only {kills} runs were killed mid-way (wanted {kills_wanted})")
    failed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
[ -z "${KEEP:-}" ] || echo "folders kept in $TMP"
exit $status
