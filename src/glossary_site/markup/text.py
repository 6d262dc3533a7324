"""Plain text from HTML, and teasers."""

from __future__ import annotations

import html
import re

_TAG_RE = re.compile(r"<[^>]+>")


def html_to_text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG_RE.sub("", fragment)).split())


def teaser(text: str, limit: int = 160) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-–—")
    return cut + "…"
