"""``/llms.txt`` (llmstxt.org): the glossary's title and summary, then a link and a teaser
per published term, in title order. Links lead to each term's Markdown twin when that
export is on, else to its page; absolute with base_url, else from the site's root.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from ..config import SiteConfig
from ..graph import Node, TermGraph
from ..site_urls import LLMS_FILE, MARKDOWN_TWIN, site_url, term_url


def llms_txt(graph: TermGraph, config: SiteConfig) -> dict[PurePosixPath, bytes]:
    nodes = sorted(graph.nodes.values(), key=lambda n: (n.term.title.casefold(), n.term.slug))
    lines = [f"# {_text(config.title)}", "", f"> {_text(config.description)}", ""]
    lines.append(
        f"A glossary of {len(nodes)} terms. Each link leads to the term "
        + ("as Markdown: its definition, other names and sections." if _twins(config) else "page.")
    )
    lines += ["", "## Terms", ""]
    lines += [_entry(node, graph, config) for node in nodes]
    return {PurePosixPath(LLMS_FILE): ("\n".join(lines) + "\n").encode("utf-8")}


def _entry(node: Node, graph: TermGraph, config: SiteConfig) -> str:
    term = node.term
    if _twins(config):
        url = site_url(config, f"{term.slug}/{MARKDOWN_TWIN}")
    else:
        url = term_url(config, term.slug)
    note = ""
    if term.status.value == "deprecated":
        instead = graph.nodes[node.replaced_by].term.title if node.replaced_by else ""
        note = " (deprecated" + (f"; use {_text(instead)} instead)" if instead else ")")
    return f"- [{_text(term.title)}]({url}): {_text(node.document.summary)}{note}"


def _twins(config: SiteConfig) -> bool:
    return config.exports_on("markdown")


def _text(text: str) -> str:
    """Plain text safe inside a Markdown line: brackets and backslashes escaped."""
    return re.sub(r"([\\\[\]])", r"\\\1", " ".join(text.split()))
