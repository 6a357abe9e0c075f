#!/usr/bin/env bash
# Renders the hostile account (Tests/Hostile/hostile-injection.yaml: every user text field carries a script,
# an event handler, a javascript: link, entities, Markdown, raw HTML or Mustache tags) with every document and
# edition — qbr render (qbr, ebr, summary, playbook checklists; customer and internal) and qbr batch (the
# tier's reviews, summary, checklists and the portfolio overview) — then loads each HTML page in headless
# Chromium through the DevTools protocol (--remote-debugging-pipe: no network, no Node, python3 only) and
# checks that nothing from the data ran or became active:
#   no JavaScript dialog opened (alert/confirm/prompt), document.title is not PWNED, no #pwned-marker /
#   #pwned-link / #pwned-img element, no data-pwned attribute, no window.__pwned, no element with an on*
#   attribute, no javascript:/vbscript:/data: URL in any href/src/action/data/formaction, no iframe, object,
#   embed, img, form, meta refresh or math element, no console message or uncaught error mentioning pwned;
#   and that the deck's own script did run (slides carry data-fit), so "nothing ran" is not "JS was off".
# The qbr and ebr decks are also written as PowerPoint files (--format html,pptx): every XML part of each must
# parse, and no relationship may target a javascript:, vbscript: or data: URL.
# A canary page with real active content is loaded first: the harness must catch it, or the check fails.
#
#   QBR=path/to/qbr scripts/check-injection.sh   # use an existing binary instead of building one
#   KEEP=1 scripts/check-injection.sh            # keep the rendered pages (folder printed at the end)
#
# Prints one line per page, then "pages: N, checks: M passed, F failed" and the usual "M passed, F failed";
# exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
AS_OF=2026-10-15
HOSTILE=Tests/Hostile/hostile-injection.yaml
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v python3 >/dev/null || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/qbr-check-injection.XXXXXX")"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$TMP"' EXIT; fi

. scripts/find-qbr.sh

# --- render -------------------------------------------------------------------------------------------
out="$TMP/pages"
mkdir -p "$out/render"
for template in qbr ebr summary; do
  for edition in customer internal; do
    # The decks go through the PowerPoint writer too (checked below, without a browser).
    formats=html
    [ "$template" = summary ] || formats=html,pptx
    "$QBR" render "$HOSTILE" --template "$template" --edition "$edition" --format "$formats" --out "$out/render" \
      --as-of "$AS_OF" 2>>"$TMP/qbr.log"
  done
done
"$QBR" render "$HOSTILE" --template playbook --format html --out "$out/render" --as-of "$AS_OF" 2>>"$TMP/qbr.log"
# A portfolio of the hostile account at each tier (tier 1: ebr + qbr; 2: qbr; 3: summary only).
python3 - "$HOSTILE" "$TMP/portfolio.yaml" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
body = "\n".join("  " + line if line else line for line in text.splitlines() if not line.startswith("#"))
accounts = []
for tier in (1, 2, 3):
    account = body.replace("  tier: 1", f"  tier: {tier}").replace("HOSTILE-1", f"HOSTILE-{tier}")
    accounts.append("- " + account.lstrip())
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(accounts) + "\n")
PY
"$QBR" batch "$TMP/portfolio.yaml" --out "$out/batch" --as-of "$AS_OF" --format html,pptx --quiet 2>>"$TMP/qbr.log"

# --- load each page in Chromium ------------------------------------------------------------------------
status=0
python3 - "$out" "$TMP" <<'PY' || status=$?
import fcntl, json, os, pathlib, select, subprocess, sys, time

root, tmp = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
pages = sorted(p for p in root.rglob("*.html"))

class Browser:
    """Headless Chromium driven over --remote-debugging-pipe (fd 3: commands in, fd 4: events out)."""

    def __init__(self):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        high_r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 20)
        high_w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 20)
        os.close(to_chrome_r)
        os.close(from_chrome_w)

        def wire():
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.log = open(tmp / "chromium.log", "ab")
        self.process = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--mute-audio",
             "--remote-debugging-pipe", f"--user-data-dir={tmp / 'profile'}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, preexec_fn=wire, close_fds=False)
        os.close(high_r)
        os.close(high_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        return self.next_id

    def read(self, timeout):
        """The next message, or None after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.from_chrome], [], [], left)[0]:
                return None
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe (see chromium.log)")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def handle(self, message):
        if message.get("method") == "Page.javascriptDialogOpening":
            # A dialog would block the page: record it and dismiss it.
            self.send("Page.handleJavaScriptDialog", {"accept": False}, message.get("sessionId"))
        self.events.append(message)

    def call(self, method, params=None, session=None, timeout=20):
        wanted = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self.read(deadline - time.monotonic())
            if message is None:
                break
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.handle(message)
        raise RuntimeError(f"{method}: no answer in {timeout} s")

    def pump(self, seconds, until=None):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            message = self.read(deadline - time.monotonic())
            if message is None:
                return
            self.handle(message)
            if until and until(message):
                return

    def close(self):
        try:
            self.send("Browser.close")
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()

PROBE = r"""
(() => {
  const checks = {};
  const fail = (check, what) => (checks[check] = checks[check] || []).push(what);
  for (const check of ['title', 'markers', 'event handlers', 'script URLs', 'javascript: links', 'embedded content',
                       'meta refresh', 'script elements'])
    checks[check] = [];
  const all = Array.from(document.querySelectorAll('*'));
  // The payloads set the title to exactly PWNED; the escaped payload text itself may show PWNED as words.
  if (document.title === 'PWNED') fail('title', 'document.title is PWNED');
  for (const id of ['pwned-marker', 'pwned-link', 'pwned-img'])
    if (document.getElementById(id)) fail('markers', '#' + id + ' exists');
  if (document.querySelector('[data-pwned]')) fail('markers', 'a data-pwned attribute exists');
  if (typeof window.__pwned !== 'undefined') fail('markers', 'window.__pwned = ' + window.__pwned);
  for (const el of all) {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) fail('event handlers', '<' + el.localName + ' ' + attr.name + '>');
      if (/^(href|src|action|formaction|data|xlink:href|poster|background|srcdoc)$/i.test(attr.name)) {
        const url = attr.value.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
        if (/^(javascript|vbscript|data):/.test(url))
          fail('script URLs', '<' + el.localName + ' ' + attr.name + '="' + attr.value + '">');
      }
    }
  }
  for (const a of document.querySelectorAll('a[href], area[href]'))
    if (/^(javascript|vbscript):/i.test(a.protocol)) fail('javascript: links', 'a ' + a.protocol + ' link');
  for (const name of ['iframe', 'frame', 'object', 'embed', 'img', 'form', 'math', 'base', 'link', 'details'])
    if (document.querySelector(name)) fail('embedded content', 'a <' + name + '> element');
  for (const meta of document.querySelectorAll('meta[http-equiv]')) fail('meta refresh', '<meta http-equiv=' + meta.httpEquiv + '>');
  const scripts = document.querySelectorAll('script').length;
  const slides = document.querySelectorAll('main > .slide').length;
  // The shells' own script: one in a deck, none in a page.
  if (scripts !== (slides > 1 ? 1 : 0)) fail('script elements', scripts + ' <script> elements');
  const fitted = document.querySelectorAll('main > .slide[data-fit]').length;
  return JSON.stringify({checks, scripts, slides, fitted, deck: document.documentElement.classList.contains('deck')});
})()
"""

def load(browser, url, settle=1.5):
    """Opens `url` in a fresh tab; returns (probe result, events of that tab)."""
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    browser.events = []
    for domain in ("Page", "Runtime", "Log"):
        browser.call(f"{domain}.enable", session=session)
    browser.call("Page.navigate", {"url": url}, session=session)
    browser.pump(15, until=lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session)
    browser.pump(settle)  # timers, animations (<animate onbegin>), meta refresh
    # Hover and focus everything, and toggle every <details>: handlers that wait for a user would fire now.
    browser.call("Runtime.evaluate", {"expression": """
        for (const el of document.querySelectorAll('*')) {
          for (const type of ['mouseover', 'focus', 'click']) {
            if (type === 'click' && el.closest('a[href]:not([href^="javascript:" i])')) continue;
            el.dispatchEvent(new Event(type, {bubbles: false}));
          }
        }
        for (const d of document.querySelectorAll('details')) d.open = !d.open;
    """}, session=session)
    browser.pump(0.5)
    result = browser.call("Runtime.evaluate", {"expression": PROBE, "returnByValue": True}, session=session)
    probe = json.loads(result["result"]["value"])
    events = [e for e in browser.events if e.get("sessionId") == session]
    browser.call("Target.closeTarget", {"targetId": target})
    return probe, events

def findings(probe, events, page_url):
    """Every check of a page with what it found (an empty list: passed)."""
    checks = dict(probe["checks"])
    for name in ("dialogs", "console", "exceptions", "navigation"):
        checks[name] = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Page.javascriptDialogOpening":
            checks["dialogs"].append(f"a {params.get('type')} dialog opened: {params.get('message')!r}")
        elif method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            if "pwned" in text.lower():
                checks["console"].append(f"console: {text}")
        elif method == "Runtime.exceptionThrown":
            checks["exceptions"].append(f"uncaught exception: {params.get('exceptionDetails', {}).get('text')}")
        elif method == "Page.frameNavigated":
            frame = params.get("frame", {})
            url = frame.get("url", "")
            if frame.get("parentId") or (url != page_url and not url.startswith(page_url + "#")):
                checks["navigation"].append(f"navigated to {url}")
    return checks

browser = Browser()
passed = failed = 0
try:
    # The harness must see active content when there is some.
    canary = tmp / "canary.html"
    canary.write_text("""<!doctype html><title>canary</title><body>
<script>document.title='PWNED';alert('canary')</script>
<img src=x onerror="document.body.setAttribute('data-pwned','1')"><p id="pwned-marker">x</p>
<a href="javascript:alert(1)">x</a></body>""", encoding="utf-8")
    probe, events = load(browser, canary.as_uri())
    caught = findings(probe, events, canary.as_uri())
    needed = ["title", "markers", "event handlers", "javascript: links", "embedded content", "dialogs", "script elements"]
    missed = [name for name in needed if not caught.get(name)]
    if missed:
        print(f"FAIL  canary: the harness did not catch {missed} (caught {caught})")
        failed += 1
    else:
        print("ok    canary: the harness catches a script, a dialog, an onerror handler, a marker and a javascript: link")
        passed += 1

    for page in pages:
        url = page.as_uri()
        probe, events = load(browser, url)
        checks = findings(probe, events, url)
        name = page.relative_to(root)
        # The deck's own script must have run: JavaScript was on while the hostile data was there.
        if probe["slides"] > 1:
            checks["deck script ran"] = [] if probe["deck"] and probe["fitted"] == probe["slides"] else [
                f"the deck's script did not run ({probe['fitted']} of {probe['slides']} slides fitted)"]
        bad = [what for found in checks.values() for what in found]
        failed += sum(1 for found in checks.values() if found)
        passed += sum(1 for found in checks.values() if not found)
        if bad:
            print(f"FAIL  {name}: " + "; ".join(bad[:6]) + (f" (+{len(bad) - 6} more)" if len(bad) > 6 else ""))
        else:
            kind = f"deck of {probe['slides']} slides, its own script ran" if probe["slides"] > 1 else "page"
            print(f"ok    {name}: {len(checks)} checks, nothing ran ({kind})")
finally:
    browser.close()

# The PowerPoint decks: every XML part of the zip parses (the hostile text escaped, its control characters
# dropped), and no relationship targets a script or data URL (links are web pages and mail only).
import xml.dom.minidom, zipfile
decks = sorted(root.rglob("*.pptx"))
for deck in decks:
    name = str(deck.relative_to(root))
    problems = []
    with zipfile.ZipFile(deck) as archive:
        for part in archive.namelist():
            data = archive.read(part)
            if part.endswith((".xml", ".rels")):
                try:
                    xml.dom.minidom.parseString(data)
                except Exception as error:
                    problems.append(f"{part} is not well-formed: {error}")
            if part.endswith(".rels"):
                for target in __import__("re").findall(rb'Target="([^"]*)"', data):
                    if target.strip().lower().startswith((b"javascript:", b"vbscript:", b"data:")):
                        problems.append(f"{part} links to {target[:40]!r}")
    if problems:
        failed += 1
        print(f"FAIL  {name}: " + "; ".join(problems[:3]))
    else:
        passed += 1
        print(f"ok    {name}: every part well-formed, no script link")
if not decks:
    failed += 1
    print("FAIL  no PowerPoint deck was written")

print(f"pages: {len(pages)}, decks: {len(decks)}, checks: {passed} passed, {failed} failed")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not pages else 0)
PY
[ -z "${KEEP:-}" ] || echo "rendered pages kept in $out"
exit $status
