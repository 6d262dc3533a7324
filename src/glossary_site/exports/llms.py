"""``/llms.txt`` (llmstxt.org): the glossary's title and summary, then a link and a teaser
per published term, in title order. Links lead to each term's Markdown twin when that
export is on, else to its page; absolute with base_url, else from the site's root.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath

from ..config import SiteConfig
from ..graph import TermGraph
from ..i18n import Catalogue, packaged_catalogue
from ..site_urls import LLMS_FILE, MARKDOWN_TWIN, site_url, term_url
from .facts import TermFacts, term_facts


def llms_txt(
    graph: TermGraph, config: SiteConfig, ui: Catalogue | None = None
) -> dict[PurePosixPath, bytes]:
    ui = ui or packaged_catalogue(config.language)
    facts = term_facts(graph)
    lines = {slug: llms_part(each, config, ui) for slug, each in facts.items()}
    return llms_file(facts, lines, config, ui)


def llms_file(
    facts: Mapping[str, TermFacts],
    lines: Mapping[str, bytes],
    config: SiteConfig,
    ui: Catalogue,
) -> dict[PurePosixPath, bytes]:
    """The file of each term's line (``llms_part``) by slug, in title order."""
    order = sorted(facts.values(), key=lambda each: (each.title.casefold(), each.slug))
    head = [f"# {_text(config.title)}", "", f"> {_text(config.description)}", ""]
    intro = "exports.llms_intro_twins" if _twins(config) else "exports.llms_intro_pages"
    head.append(_text(ui.text(intro, count=len(order))))
    head += ["", f"## {_text(ui.text('exports.llms_terms'))}", ""]
    text = "\n".join(head).encode("utf-8")
    return {
        PurePosixPath(LLMS_FILE): b"\n".join((text, *(lines[each.slug] for each in order))) + b"\n"
    }


def llms_part(facts: TermFacts, config: SiteConfig, ui: Catalogue) -> bytes:
    """The term's line: a link and its teaser."""
    if _twins(config):
        url = site_url(config, f"{facts.slug}/{MARKDOWN_TWIN}")
    else:
        url = term_url(config, facts.slug)
    note = ""
    if facts.status == "deprecated":
        instead = facts.replaced_by_title
        said = ui.text("exports.llms_use_instead", term=instead) if instead else ""
        note = f" ({_text(said or ui.text('term.deprecated_badge'))})"
    return f"- [{_text(facts.title)}]({url}): {_text(facts.teaser)}{note}".encode()


def _twins(config: SiteConfig) -> bool:
    return config.exports_on("markdown")


def _text(text: str) -> str:
    """Plain text safe inside a Markdown line: brackets and backslashes escaped."""
    return re.sub(r"([\\\[\]])", r"\\\1", " ".join(text.split()))
