"""``/llms.txt`` (llmstxt.org): the glossary's title and summary, then a link and a teaser
per published term, in title order. Links lead to each term's Markdown twin when that
export is on, else to its page; absolute with base_url, else from the site's root.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..config import SiteConfig
from ..graph import Node, TermGraph
from ..i18n import Catalogue, packaged_catalogue
from ..site_urls import LLMS_FILE, MARKDOWN_TWIN, site_url, term_url


def llms_txt(
    graph: TermGraph, config: SiteConfig, ui: Catalogue | None = None
) -> dict[PurePosixPath, bytes]:
    ui = ui or packaged_catalogue(config.language)
    nodes = sorted(graph.nodes.values(), key=lambda n: (n.term.title.casefold(), n.term.slug))
    lines = [f"# {_text(config.title)}", "", f"> {_text(config.description)}", ""]
    intro = "exports.llms_intro_twins" if _twins(config) else "exports.llms_intro_pages"
    lines.append(_text(ui.text(intro, count=len(nodes))))
    lines += ["", f"## {_text(ui.text('exports.llms_terms'))}", ""]
    lines += [_entry(node, graph, config, ui) for node in nodes]
    return {PurePosixPath(LLMS_FILE): ("\n".join(lines) + "\n").encode("utf-8")}


def _entry(node: Node, graph: TermGraph, config: SiteConfig, ui: Catalogue) -> str:
    term = node.term
    if _twins(config):
        url = site_url(config, f"{term.slug}/{MARKDOWN_TWIN}")
    else:
        url = term_url(config, term.slug)
    note = ""
    if term.status.value == "deprecated":
        instead = graph.nodes[node.replaced_by].term.title if node.replaced_by else ""
        said = ui.text("exports.llms_use_instead", term=instead) if instead else ""
        note = f" ({_text(said or ui.text('term.deprecated_badge'))})"
    return f"- [{_text(term.title)}]({url}): {_text(node.document.summary)}{note}"


def _twins(config: SiteConfig) -> bool:
    return config.exports_on("markdown")


def _text(text: str) -> str:
    """Plain text safe inside a Markdown line: brackets and backslashes escaped."""
    return re.sub(r"([\\\[\]])", r"\\\1", " ".join(text.split()))
