#!/usr/bin/env bash
# A CRM export goes in as it is (issue 13), at 3,000 accounts: `qbr sample` makes a portfolio, this script writes
# it twice — as YAML, and as a CRM exports it (CRM headers, `$` money, `%` ratios, US dates, semicolons,
# Windows-1252, names starting with `[`, health components and feature adoption as columns, outcomes and
# opportunities in related files) — then `qbr check` and `qbr batch` read the export with the import: mapping
# and every account's documents and the overview must equal those of the YAML, byte for byte.
# ACCOUNTS=300 for a shorter run; QBR=path/to/qbr to test a given binary.
set -euo pipefail
cd "$(dirname "$0")/.."
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
source scripts/find-qbr.sh
ACCOUNTS="${ACCOUNTS:-3000}"
AS_OF=2026-10-15
MONTH="${AS_OF:0:7}"  # qbr batch writes a run's documents to the folder of its month under --out
passed=0 failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1" >&2; failed=$((failed + 1)); }

"$QBR" sample --accounts "$ACCOUNTS" --seed 13 --format json --as-of "$AS_OF" > "$TMP/sample.json"
python3 - "$TMP" <<'PY'
import json, sys, decimal
out = sys.argv[1]
accounts = json.load(open(f"{out}/sample.json"), parse_float=decimal.Decimal)
for i, a in enumerate(accounts):
    if i % 7 == 0: a["account"]["name"] = "[Beta] " + a["account"]["name"]
    if i % 11 == 3: a["account"]["name"] = "Café Olé – Margie’s " + a["account"]["name"]
    # What a CRM export holds: the review's own sections stay out of the export and the reference alike.
    for key in ("support", "stakeholders", "last_review"): a.pop(key, None)
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, decimal.Decimal): return float(o)
        return super().default(o)
def js(v): return json.dumps(v, sort_keys=True, ensure_ascii=False, cls=Enc, separators=(",", ":"))
open(f"{out}/reference.yaml", "w", encoding="utf-8").write(js(accounts) + "\n")
def get(rec, path):
    parts = path.split(".", 2) if path.startswith(("usage.feature_adoption.", "health.components.")) else path.split(".")
    for p in parts:
        rec = rec.get(p) if isinstance(rec, dict) else None
    return rec
def money(v): return "${:,.2f}".format(decimal.Decimal(str(v)))
def date(v): y, m, d = v.split("-"); return f"{m}/{d}/{y}"
def pct(v): return str(decimal.Decimal(str(v)) * 100).rstrip("0").rstrip(".") + "%" if "." in str(decimal.Decimal(str(v)) * 100) else str(decimal.Decimal(str(v)) * 100) + "%"
def title(v): return "-".join(p[:1].upper() + p[1:] for p in v.split("-"))
forms = {
    "text": str, "title": title, "tier": lambda v: f"Tier {v}", "date": date, "money": money, "lower": lambda v: v.lower(),
    "grouped": lambda v: "{:,}".format(int(v)), "percent": pct, "yesno": lambda v: "Yes" if v else "No", "json": js,
}
main = [("Account ID","account.id","text"),("Account Name","account.name","text"),("Segment","account.segment","title"),
 ("Tier","account.tier","tier"),("Industry","account.industry","text"),("CSM Owner","account.csm","text"),
 ("Account Owner","account.account_manager","text"),("Executive Sponsor","account.executive_sponsor.name","text"),
 ("Sponsor Title","account.executive_sponsor.title","text"),("Sponsor Since","account.executive_sponsor.since","date"),
 ("Contract Start Date","account.contract.start","date"),("Renewal Date","account.contract.renewal","date"),
 ("ARR","account.contract.arr","money"),("Currency","account.contract.currency","lower"),("Seats","account.contract.seats","grouped"),
 ("Period","period.label","text"),("Period Start","period.start","date"),("Period End","period.end","date"),
 ("Starting ARR","revenue.starting_arr","money"),("Expansion ARR","revenue.expansion","money"),
 ("Contraction ARR","revenue.contraction","money"),("Churned ARR","revenue.churn","money"),("Health Score","health.score","text"),
 ("Health History","health.history","json"),("Engagement Score","health.components.engagement","text"),
 ("Sentiment Score","health.components.sentiment","text"),("Support Score","health.components.support","text"),
 ("Usage Score","health.components.usage","text"),("Active Seats","usage.seats_active","grouped"),
 ("MAU History","usage.monthly_active_users","json"),("Plan Utilization","usage.plan_limit_utilization","percent"),
 ("Analytics Adoption","usage.feature_adoption.Analytics","percent"),("Mobile app Adoption","usage.feature_adoption.Mobile app","percent"),
 ("Routing Adoption","usage.feature_adoption.Routing","percent"),("NPS","signals.nps","text"),
 ("Open Escalations","signals.open_escalations","text"),("Missed Milestones","signals.missed_milestones","text"),
 ("Skipped Reviews","signals.skipped_reviews","text"),("Referenceable","signals.referral","yesno"),
 ("Value Realized","value_realized","json"),("Risks","risks","json"),("Executive Summary","narrative.executive_summary","text"),
 ("Asks","narrative.asks","json"),("Misses","narrative.misses","text"),("CSM Notes","notes","text")]
related = {
 "outcomes": [("Outcome Name","name","text"),("Outcome Metric","metric","text"),("Baseline","baseline","text"),
   ("Target","target","text"),("Actual","actual","text"),("Unit","unit","text"),("Direction","direction","title"),
   ("Committed On","committed_on","date"),("Due Date","due","date"),("Evidence","evidence","text")],
 "opportunities": [("Opportunity Name","name","text"),("Opportunity Type","kind","title"),("Estimated ARR","estimated_arr","money"),
   ("Probability","confidence","percent"),("Opportunity Owner","owner","text"),("Rationale","rationale","text")],
}
def cell(v, form):
    if v is None: return ""
    t = forms[form](v)
    return '"' + t.replace('"', '""') + '"' if any(c in t for c in ';"\r\n') else t
def line(cells): return ";".join(cells) + "\r\n"
with open(f"{out}/accounts.csv", "w", encoding="cp1252", newline="") as f:
    f.write(line([h for h, _, _ in main]))
    for a in accounts: f.write(line([cell(get(a, p), form) for _, p, form in main]))
for name, cols in related.items():
    with open(f"{out}/{name}.csv", "w", encoding="cp1252", newline="") as f:
        f.write(line(["Account ID"] + [h for h, _, _ in cols]))
        for a in accounts:
            for item in a.get(name, []):
                f.write(line([a["account"]["id"]] + [cell(item.get(p), form) for _, p, form in cols]))
mapping = "\n".join(f"    {h}: {p}" for h, p, _ in main)
mapping += "\n" + "\n".join(f"    {h}: {n}.{p}" for n, cols in related.items() for h, p, _ in cols)
open(f"{out}/qbr.yaml", "w").write(f"import:\n  columns:\n{mapping}\n  date_format: MM/DD/YYYY\n  delimiter: \";\"\n  encoding: windows-1252\n")
PY
related=(--related "$TMP/outcomes.csv" --related "$TMP/opportunities.csv")
grep -c '^"\?\[Beta\]\|;\[Beta\]' "$TMP/accounts.csv" >/dev/null && ok "the export has names starting with [ ($(grep -c ';\[Beta\]' "$TMP/accounts.csv"))" || fail "no [ names"
if "$QBR" check "$TMP/accounts.csv" "${related[@]}" --config "$TMP/qbr.yaml" > "$TMP/check.txt"; then
  ok "qbr check: $(tail -1 "$TMP/check.txt")"
else
  fail "qbr check failed: $(tail -5 "$TMP/check.txt")"
fi
start=$(date +%s)
"$QBR" batch "$TMP/reference.yaml" --out "$TMP/yaml" --as-of "$AS_OF" --format md --quiet --history "$TMP/yaml.sqlite" || fail "batch of the YAML"
"$QBR" batch "$TMP/accounts.csv" "${related[@]}" --config "$TMP/qbr.yaml" --out "$TMP/crm" --as-of "$AS_OF" --format md --quiet \
  --history "$TMP/crm.sqlite" 2> "$TMP/crm.err" || fail "batch of the CRM export: $(head -5 "$TMP/crm.err")"
seconds=$(( $(date +%s) - start ))
rendered=$(find "$TMP/crm/$MONTH/accounts" -mindepth 1 -maxdepth 1 -type d | wc -l)
[ "$rendered" -eq "$ACCOUNTS" ] && ok "every account rendered from the CRM export: $rendered" || fail "$rendered of $ACCOUNTS accounts rendered"
[ ! -s "$TMP/crm.err" ] && ok "no warning or error from the CRM run" || fail "the CRM run said: $(head -3 "$TMP/crm.err")"
if diff -r "$TMP/yaml/$MONTH/accounts" "$TMP/crm/$MONTH/accounts" > "$TMP/diff.txt"; then
  ok "every document of the $ACCOUNTS accounts is byte-identical to the YAML portfolio's ($(find "$TMP/crm/$MONTH/accounts" -name '*.md' | wc -l) files)"
else
  fail "documents differ: $(head -20 "$TMP/diff.txt")"
fi
if diff "$TMP/yaml/$MONTH/index.md" "$TMP/crm/$MONTH/index.md" > "$TMP/index.diff"; then
  ok "the portfolio overview is identical: $(grep -m1 -i 'NRR' "$TMP/crm/$MONTH/index.md" | head -c 160)"
else
  fail "overview differs: $(head -10 "$TMP/index.diff")"
fi
echo "both runs: ${seconds} s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
