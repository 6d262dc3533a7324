"""Stage 3: a term's Markdown → sanitised HTML, table of contents and term links.

``renderer`` drives Python-Markdown; ``extensions`` holds our own tree processors,
``sanitize`` the HTML allow-list and ``text`` plain-text helpers.
"""

from __future__ import annotations

from .renderer import RESERVED_IDS, Document, MarkdownRenderer, TermLink, TocEntry
from .text import html_to_text, teaser

__all__ = [
    "RESERVED_IDS",
    "Document",
    "MarkdownRenderer",
    "TermLink",
    "TocEntry",
    "html_to_text",
    "teaser",
]
