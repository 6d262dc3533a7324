"""Markdown inside HTML blocks, where GitHub renders it: after a blank line.

CommonMark ends an HTML block such as ``<details>`` at the first blank line, so GitHub
renders the Markdown that follows (a common pattern: a collapsible section with a list or
code inside). Python-Markdown keeps the whole element as raw HTML unless its opening tag
has ``markdown="1"`` (the ``md_in_html`` extension). ``mark_markdown_in_html`` adds that
attribute to an opening tag alone on its line when a blank line follows before the element
closes (looking at most ``MAX_SCAN`` lines ahead); HTML without blank lines stays raw
HTML, as on GitHub. Fenced code is left alone.
"""

from __future__ import annotations

import re

_TAGS = "details|div|section|article|aside|figure|header|footer|main|nav|center"
_OPEN_RE = re.compile(rf"^ {{0,3}}<({_TAGS})(?=[\s>])(?![^>]*\bmarkdown\s*=)([^>]*)>\s*$", re.I)
MAX_SCAN = 200  # lines looked at for the blank line: keeps the pass linear on any input
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def mark_markdown_in_html(lines: list[str]) -> list[str]:
    """``lines`` with ``markdown="1"`` on block tags whose content has a blank line."""
    out = list(lines)
    fence = ""
    for index, line in enumerate(lines):
        match = _FENCE_RE.match(line)
        if fence:
            if match and match.group(1).startswith(fence):
                fence = ""
            continue
        if match:
            fence = match.group(1)
            continue
        opening = _OPEN_RE.match(line)
        if opening and _blank_before_close(lines, index, opening.group(1).lower()):
            out[index] = line.rstrip()[:-1] + ' markdown="1">'
    return out


def _blank_before_close(lines: list[str], start: int, tag: str) -> bool:
    opening = re.compile(rf"<{tag}(?=[\s>])", re.I)
    closing = re.compile(rf"</{tag}\s*>", re.I)
    depth = 0
    for line in lines[start : start + MAX_SCAN]:
        depth += len(opening.findall(line)) - len(closing.findall(line))
        if depth <= 0:
            return False
        if not line.strip():
            return True
    return False
