"""``/embed/glossary-cards.js`` and ``.css``: this glossary's preview cards on other sites.

One ``<script>`` tag on another site makes its links to this glossary show a card with
the term's title and summary, read from ``/api/terms.json`` (see the script's header and
README "Exports"). The two files are shipped with the package and copied as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from ..config import SiteConfig
from ..graph import TermGraph

EMBED_DIR = PurePosixPath("embed")
_FILES = ("glossary-cards.js", "glossary-cards.css")
_SOURCE_DIR = Path(__file__).parent / "embed"


def export_embed(graph: TermGraph, config: SiteConfig) -> Mapping[PurePosixPath, bytes]:
    return {EMBED_DIR / name: (_SOURCE_DIR / name).read_bytes() for name in _FILES}
