#!/usr/bin/env python3
"""Checks qbr's PowerPoint decks against the HTML decks rendered from the same Markdown and the accounts.

    python3 scripts/check-pptx.py DECK.pptx DECK.html ACCOUNT [--layouts "Title A,Content B"] [--markdown DECK.md]

For one deck: python-pptx opens it; its slides (less the "… (continued)" slides a long table goes on to) are the
HTML deck's slides one for one; each slide's title is the slide's heading; each table holds the HTML table's
rows and cells (a continued table's rows added up over its slides, the header repeated); each chart's series
hold the account's figures; each notes page holds the slide's speaker notes; with --layouts, every slide uses
one of those layouts of the team's template. Prints one "ok"/"FAIL" line per check.
"""
import html as htmlmod
import json
import re
import sys

from pptx import Presentation

try:
    import yaml
except ImportError:  # JSON accounts need no yaml
    yaml = None

deck_path, html_path, account_path = sys.argv[1:4]
layouts = None
markdown_path = sys.argv[sys.argv.index("--markdown") + 1] if "--markdown" in sys.argv else None
if "--layouts" in sys.argv:
    layouts = set(sys.argv[sys.argv.index("--layouts") + 1].split(","))
label = deck_path.rsplit("/", 1)[-1]
failures = 0


def check(ok, what):
    global failures
    if not ok:
        failures += 1
    print(("ok    " if ok else "FAIL  ") + label + ": " + what)


def plain(fragment):
    """Text of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    text = re.sub(r"<[^>]+>", "", fragment)
    return " ".join(htmlmod.unescape(text).split())


def squash(text):
    return " ".join(text.split())


with open(html_path, encoding="utf-8") as handle:
    page = handle.read()
sections = re.findall(r'<section class="slide"[^>]*>(.*?)</section>', page, re.S)
if not sections:  # a one-slide document is a page, not a deck
    sections = [page]

prs = Presentation(deck_path)
slides = list(prs.slides)
main = [s for s in slides if not (s.shapes.title is not None and s.shapes.title.text.endswith(" (continued)"))]
check(len(main) == len(sections), "%d slides (+%d continued) for the HTML deck's %d" % (len(main), len(slides) - len(main), len(sections)))

# Titles, tables and notes, slide by slide.
groups = []  # each HTML slide's pptx slides: the slide and its continuations
for slide in slides:
    title = slide.shapes.title.text if slide.shapes.title is not None else ""
    if title.endswith(" (continued)") and groups:
        groups[-1].append(slide)
    else:
        groups.append([slide])

title_ok = table_ok = notes_ok = 0
for index, (section, group) in enumerate(zip(sections, groups)):
    body = re.sub(r'<aside class="notes".*?</aside>', "", section, flags=re.S)
    heading = re.search(r"<h([12])>(.*?)</h\1>", body, re.S)
    expected = plain(heading.group(2)) if heading else ""
    got = squash(group[0].shapes.title.text) if group[0].shapes.title is not None else ""
    if got == expected:
        title_ok += 1
    else:
        check(False, "slide %d: title %r, heading %r" % (index + 1, got, expected))
    # Tables: the HTML's, in order; a continued table's rows come from its slides, header once.
    html_tables = []
    for table in re.findall(r"<table>(.*?)</table>", body, re.S):
        rows = [[plain(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)] for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
        html_tables.append(rows)
    ppt_tables = []
    for position, slide in enumerate(group):
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            rows = [[squash(cell.text) for cell in row.cells] for row in shape.table.rows]
            if position > 0 and ppt_tables and not ppt_tables[-1][1] and rows and rows[0] == ppt_tables[-1][0][0]:
                ppt_tables[-1][0].extend(rows[1:])  # the continuation of the last table
            else:
                ppt_tables.append([rows, position > 0])
        # A table that ends a slide may go on; one that does not is closed.
        if ppt_tables:
            ppt_tables[-1][1] = False
    ppt_tables = [t[0] for t in ppt_tables]
    if html_tables == ppt_tables:
        table_ok += 1
    else:
        check(False, "slide %d: tables differ:\n    pptx %r\n    html %r" % (index + 1, ppt_tables, html_tables))
    notes = re.search(r'<aside class="notes"[^>]*>(.*?)</aside>', section, re.S)
    expected_notes = plain(re.sub(r"</(p|li|h\d)>", " ", notes.group(1))) if notes else ""
    got_notes = squash(group[0].notes_slide.notes_text_frame.text) if group[0].has_notes_slide else ""
    if got_notes == expected_notes:
        notes_ok += 1
    else:
        check(False, "slide %d: notes %r, expected %r" % (index + 1, got_notes[:80], expected_notes[:80]))
check(title_ok == len(sections), "%d/%d slide titles are the slides' headings" % (title_ok, len(sections)))
check(table_ok == len(sections), "%d/%d slides have the HTML tables' rows and cells" % (table_ok, len(sections)))
check(notes_ok == len(sections), "%d/%d notes pages hold the slides' notes" % (notes_ok, len(sections)))

# Charts: their series against the account's figures.
with open(account_path, encoding="utf-8") as handle:
    text = handle.read()
account = json.loads(text) if account_path.endswith(".json") else yaml.safe_load(text)
charts = {}
for slide in slides:
    for shape in slide.shapes:
        if shape.has_chart:
            chart = shape.chart
            title = chart.chart_title.text_frame.text if chart.has_title else ""
            charts[title] = {s.name: list(s.values) for s in chart.plots[0].series}
            charts[title]["_categories"] = list(chart.plots[0].categories)


def bare(label):
    """A chart label without the bidi isolates qbr puts around account text (U+2066–U+2069)."""
    return re.sub("[\u2066-\u2069]", "", label)


def close(a, b):
    return a is not None and b is not None and abs(float(a) - float(b)) < 0.01


if "Monthly active users" in charts:
    mau = (account.get("usage") or {}).get("monthly_active_users") or []
    got = charts["Monthly active users"]["Monthly active users"]
    check(len(got) == len(mau) and all(close(a, b) for a, b in zip(got, mau)), "MAU chart %r = the account's %r" % (got, mau))
if "Value realized by category" in charts:
    totals = {}
    for item in account.get("value_realized") or []:
        name = " ".join(str(item.get("category") or "Other").split())
        confirmed, estimated = totals.get(name, (0, 0))
        if item.get("confirmed"):
            confirmed += float(item.get("amount") or 0)
        else:
            estimated += float(item.get("amount") or 0)
        totals[name] = (confirmed, estimated)
    chart = charts["Value realized by category"]
    got = {bare(c): (chart["Confirmed"][i] or 0, chart["Estimated"][i] or 0) for i, c in enumerate(chart["_categories"])}
    same = set(got) == set(totals) and all(close(got[k][0], v[0]) and close(got[k][1], v[1]) for k, v in totals.items())
    check(same, "value chart %r = the account's value_realized %r" % (got, totals))
if "ARR waterfall" in charts:
    revenue = account.get("revenue") or {}
    chart = charts["ARR waterfall"]
    figures = [chart["ARR"][0], chart["Expansion"][1], chart["Losses"][2], chart["Losses"][3]]
    wanted = [revenue.get(k) or 0 for k in ("starting_arr", "expansion", "contraction", "churn")]
    check(all(close(a, b) for a, b in zip(figures, wanted)), "waterfall %r = the account's %r" % (figures, wanted))
if "Health score trend" in charts:
    history = (account.get("health") or {}).get("history") or []
    got = charts["Health score trend"]["Health score"]
    check(all(close(a, b) for a, b in zip(got, history)) and len(got) >= len(history), "health chart %r starts with the account's history %r" % (got, history))
if "Outcomes: committed vs achieved" in charts:
    outcomes = account.get("outcomes") or []
    chart = charts["Outcomes: committed vs achieved"]
    check(len(chart["_categories"]) == len(outcomes), "outcomes chart has the account's %d outcomes" % len(outcomes))
    check(all(bare(c).startswith(" ".join(str(o.get("name", "")).split())[:20]) for c, o in zip(chart["_categories"], outcomes)),
          "outcomes chart's categories are the outcomes' names, in order")
    if markdown_path:
        # The attainment of each outcome as the deck's outcomes table states it ("108%", "—" when none).
        with open(markdown_path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        header = next((i for i, line in enumerate(lines) if line.startswith("| Outcome |") and "Attainment" in line), None)
        if header is not None:
            cells = lambda line: [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
            column = cells(lines[header]).index("Attainment")
            stated = []
            for line in lines[header + 2:]:
                if not line.startswith("|"):
                    break
                stated.append(cells(line)[column])
            got = chart["Attainment (% of target)"]
            same = len(stated) == len(got) and all(
                (value is None and text == "—") or (value is not None and text.endswith("%") and abs(value - int(text[:-1].replace(",", ""))) <= 0.55)
                for value, text in zip(got, stated))
            check(same, "outcomes chart attainment %r = the outcomes table's %r" % (got, stated))

if layouts is not None:
    used = {slide.slide_layout.name for slide in slides}
    check(used <= layouts, "every slide on the template's layouts %s (used: %s)" % (sorted(layouts), sorted(used)))

sys.exit(1 if failures else 0)
