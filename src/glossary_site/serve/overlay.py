"""The script served pages get (never the built site): it long-polls the reload channel,
reloads the page after a successful rebuild and shows the errors of a failed one in an
overlay, which goes away once they are fixed.

The script carries no content: problems arrive as JSON and are shown as text nodes
(``textContent``), never as HTML.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, display_path, printable

LIVE_PREFIX = "/__glossary-site__/"
POLL_PATH = f"{LIVE_PREFIX}poll"
# Problems listed in the overlay at most (the terminal has them all).
MAX_SHOWN = 50

_SCRIPT = """<script id="glossary-site-live">
(() => {
  const token = "%(token)s";
  let seen = -1;
  const box = document.createElement("div");
  box.id = "glossary-site-overlay";
  box.setAttribute("role", "alert");
  box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;" +
    "z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#2b0b0b;color:#fff;" +
    "font:14px/1.5 ui-monospace,monospace;border-top:4px solid #e5484d;white-space:pre-wrap";
  function line(text, tag) {
    const element = document.createElement(tag || "div");
    element.textContent = text;
    box.append(element);
    return element;
  }
  function show(state) {
    box.replaceChildren();
    if (!state.problems.length) { box.remove(); return; }
    const count = state.problems.length + state.more;
    line(count + (count === 1 ? " error" : " errors") +
         " - this page shows the last good build until it is fixed:", "strong");
    for (const p of state.problems) {
      const where = p.line ? p.path + ":" + p.line : p.path;
      const item = line(where + ": " + p.message + " [" + p.code + "]", "p");
      item.className = "glossary-site-problem";
      item.style.margin = "0.75rem 0 0";
      if (p.hint) { line("hint: " + p.hint).style.paddingLeft = "2ch"; }
    }
    if (state.more) { line("... and " + state.more + " more (see the terminal)"); }
    if (!box.isConnected) { document.body.append(box); }
  }
  async function poll() {
    for (;;) {
      let state;
      try {
        const query = new URLSearchParams({seen: seen, page: location.pathname, token: token});
        const response = await fetch("%(poll)s?" + query, {cache: "no-store"});
        state = await response.json();
      } catch (error) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      if (state.reload) { location.reload(); return; }
      seen = state.number;
      show(state);
    }
  }
  poll();
})();
</script>
"""


def live_script(token: str) -> bytes:
    """The script for a page whose bytes have the digest ``token`` (hex): it reloads
    the page when the server says the page's URL serves something else now."""
    return (_SCRIPT % {"token": token, "poll": POLL_PATH}).encode()


def inject(page: bytes, token: str) -> bytes:
    """``page`` with the live script before its last ``</body>`` (or at its end)."""
    script = live_script(token)
    at = page.lower().rfind(b"</body>")
    if at < 0:
        return page + script
    return page[:at] + script + page[at:]


def state_json(number: int, reload: bool, problems: tuple[Diagnostic, ...], root: Path) -> bytes:
    """What a poll answers: the state's number, whether the page is to reload (its URL
    serves something else now), and the errors as plain strings."""
    shown = [_problem(d, root) for d in problems[:MAX_SHOWN]]
    data: dict[str, Any] = {
        "number": number,
        "reload": reload,
        "problems": shown,
        "more": max(0, len(problems) - MAX_SHOWN),
    }
    return json.dumps(data, ensure_ascii=True).encode()


def _problem(diagnostic: Diagnostic, root: Path) -> dict[str, Any]:
    return {
        "path": printable(display_path(diagnostic.path, root)),
        "line": diagnostic.line,
        "code": diagnostic.code,
        "message": printable(diagnostic.message),
        "hint": printable(diagnostic.hint, newlines=True),
        "severity": diagnostic.severity.value,
    }
