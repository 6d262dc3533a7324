"""A term's public face, and the light glossary a patch build renders with.

What other pages, lists, exports, checks and warnings read of a term is everything but
the text of its body: its front matter, its definition and teaser, where its text
links and what ids it has, its place in the graph, and the warnings of its own file
(with their lines). ``face_digest`` hashes all of that; a term whose digest is the one
the last full build noted changed only what its own outputs show (its page, its
Markdown twin, its API file, its rows of the joined exports, its search document); one
whose digest is that once its old summary is put back (``with_teaser_of``) changed
those and what shows its cards (``cards``).

The light glossary (``light_term``, ``light_node``) keeps of every term what a term page
shows of *other* terms with the default templates (title, teaser, status, tags, its
cards and their reasons: ``cache.pages`` keys a page by the same), what auto-linking and
the link index need (slug, names, status, file) and the graph (related, backlinks,
replacement). It is a tenth of the whole and decodes in a fraction of a second.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json

from ..cache.codec import encode
from ..diagnostics import Diagnostic
from ..graph import Node
from ..schema import Term

FACE_FORMAT = "face 1"


def face_digest(node: Node, own: tuple[Diagnostic, ...]) -> str:
    """The digest of ``node``'s public face; ``own``: its file's own warnings (reading,
    parsing and converting it, as ``convert`` gives them)."""
    term = dataclasses.replace(node.term, body="")
    document = dataclasses.replace(node.document, body_html="", toc=())
    face = dataclasses.replace(node, term=term, document=document)
    data = [FACE_FORMAT, encode(face), bool(node.document.toc), [encode(d) for d in own]]
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def with_teaser_of(node: Node, other: Node) -> Node:
    """``node`` with the summary and teaser of ``other`` (what its cards show of it):
    the face of a term whose card edit is all that changed is its old face so."""
    term = dataclasses.replace(node.term, summary=other.term.summary)
    document = dataclasses.replace(node.document, summary=other.document.summary)
    return dataclasses.replace(node, term=term, document=document)


def light_term(term: Term) -> Term:
    """``term`` without its texts and front matter lines (see the module's text)."""
    return dataclasses.replace(term, definition="", body="", key_lines=())


def light_node(node: Node) -> Node:
    """``node`` with its term and document light (see the module's text)."""
    document = dataclasses.replace(
        node.document,
        definition_html="",
        body_html="",
        toc=(),
        links=(),
        references=(),
        ids=frozenset(),
    )
    return dataclasses.replace(node, term=light_term(node.term), document=document)
