"""``/<slug>/index.md``: each term page as Markdown, for assistants and tools that read it.

The twin is the term as its editor wrote it, without front matter: the title as an H1,
the definition, the aliases, then the body with its sections. Links and images that lead
into the site are rewritten so that they work from the twin's address: absolute with
base_url, else relative to the twin's folder (the term page's folder); a ``#section``
leads to that section of the term page. Everything else is left as written.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..config import SiteConfig
from ..graph import TermGraph
from ..i18n import Catalogue, packaged_catalogue
from ..markup.links import Kind
from ..site_urls import MARKDOWN_TWIN
from .facts import TermFacts, term_facts

# Where a Markdown or HTML link keeps its destination: "](dest", "[label]: dest",
# href="dest" / src="dest". Group 1 is what comes before, group 2 the destination. One
# pattern per form, each run only when its marker is in the text (linear, and fast).
_DESTINATIONS = (
    ("](", re.compile(r"(\]\(\s*<?)([^\s<>()]+)")),
    ("]:", re.compile(r"^([ ]{0,3}\[[^\]\n]+\]:[ \t]*<?)(\S+?)(?=>?(?:[ \t]|$))", re.M)),
    ("=", re.compile(r"((?:href|src)\s*=\s*[\"'])([^\"'<>]*)")),
)

# Code is shown as written: fenced blocks (to their closing fence, or the end) and code
# spans within a line. Each alternative ends at its first chance, so the scan is linear.
_CODE_RE = re.compile(
    r"^[ \t]*(`{3,}|~{3,})[^\n]*\n(?:.*?^[ \t]*\1[`~]*[ \t]*$|.*\Z)|``[^\n]*?``|`[^`\n]*`",
    re.MULTILINE | re.DOTALL,
)


def markdown_twins(
    graph: TermGraph, config: SiteConfig, ui: Catalogue | None = None
) -> dict[PurePosixPath, bytes]:
    ui = ui or packaged_catalogue(config.language)
    return {
        twin_path(slug): twin(facts, config, ui).encode("utf-8")
        for slug, facts in term_facts(graph).items()
    }


def twin_path(slug: str) -> PurePosixPath:
    return PurePosixPath(slug, MARKDOWN_TWIN)


def twin(facts: TermFacts, config: SiteConfig, ui: Catalogue | None = None) -> str:
    """The Markdown twin of the term of ``facts``."""
    moved = {
        url: new
        for url, kind, target, fragment in facts.references
        if (new := _address(Kind(kind), target, fragment, facts.slug, config)) is not None
    }
    parts = [f"# {_escaped_title(facts.title)}", _rewrite(facts.definition.strip(), moved)]
    if facts.aliases:
        names = ", ".join(_escaped_title(alias) for alias in facts.aliases)
        ui = ui or packaged_catalogue(config.language)
        parts.append(ui.text("exports.twin_aliases", names=names))
    body = _rewrite(facts.body.strip(), moved)
    if body:
        parts.append(body)
    return "\n\n".join(parts) + "\n"


def _rewrite(markdown: str, moved: dict[str, str]) -> str:
    if not moved:
        return markdown
    if "`" not in markdown and "~~~" not in markdown:
        return _moved(markdown, moved)
    parts, end = [], 0
    for code in _CODE_RE.finditer(markdown):
        parts += [_moved(markdown[end : code.start()], moved), code.group(0)]
        end = code.end()
    parts.append(_moved(markdown[end:], moved))
    return "".join(parts)


def _moved(text: str, moved: dict[str, str]) -> str:
    """``text`` with each destination found in ``moved`` replaced by its new address."""

    def replace(match: re.Match[str]) -> str:
        return match.group(1) + moved.get(match.group(2), match.group(2))

    for marker, pattern in _DESTINATIONS:
        if marker in text:
            text = pattern.sub(replace, text)
    return text


def _address(
    kind: Kind, target: str, fragment_id: str, slug: str, config: SiteConfig
) -> str | None:
    """Where a reference leads, written for the twin; None to keep it as written."""
    root = config.base_url or "../"
    suffix = "" if config.directory_urls else "index.html"
    fragment = f"#{fragment_id}" if fragment_id else ""
    if kind is Kind.TERM:
        return f"{root}{target}/{suffix}{fragment}"
    if kind is Kind.FILE:
        return f"{root}{target}{fragment}"
    if kind is Kind.PAGE:
        page = suffix if target == "index.html" else target
        return f"{root}{page}{fragment}"
    if kind is Kind.FRAGMENT:
        here = f"{config.base_url}{slug}/" if config.base_url else "./"
        return f"{here}{suffix}{fragment}"
    return None


def _escaped_title(title: str) -> str:
    """The title as Markdown text: characters that would start markup are escaped."""
    return re.sub(r"([\\`*_\[\]<>#])", r"\\\1", title)
