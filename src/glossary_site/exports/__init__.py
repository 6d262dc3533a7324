"""Files for other tools, written by ``build`` beside the pages: one module per format.

Each exporter is a function ``(graph, config) -> {site path: bytes}`` registered in
``EXPORTERS`` under the name that switches it on or off in glossary.toml (``[exports]``;
the names live in ``export_names.py``, which config checks the table against). Exporters
read the finished graph only; they never read files or the clock, so their output is
deterministic for given sources.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import PurePosixPath

from ..config import SiteConfig
from ..graph import TermGraph
from ..i18n import Catalogue, packaged_catalogue
from .csv_file import export_csv
from .embed import export_embed
from .feed import atom_feed
from .json_api import json_api
from .llms import llms_txt
from .markdown_twin import markdown_twins
from .redirects import redirect_pages
from .skos import export_skos
from .tbx import export_tbx

Exporter = Callable[[TermGraph, SiteConfig], Mapping[PurePosixPath, bytes]]
# Exporters that write words for readers take the interface strings (i18n) as well.
WordedExporter = Callable[[TermGraph, SiteConfig, Catalogue], Mapping[PurePosixPath, bytes]]

# name → exporter, in the order they run. Add a format by adding its module and a line.
EXPORTERS: dict[str, Exporter] = {
    "json-api": json_api,
    "redirects": redirect_pages,
    "feed": atom_feed,
    "llms-txt": llms_txt,
    "markdown": markdown_twins,
    "skos": export_skos,
    "csv": export_csv,
    "tbx": export_tbx,
    "embed": export_embed,
}


WORDED: dict[str, WordedExporter] = {
    "redirects": redirect_pages,
    "llms-txt": llms_txt,
    "markdown": markdown_twins,
}


def export_files(
    graph: TermGraph, config: SiteConfig, ui: Catalogue | None = None
) -> dict[PurePosixPath, bytes]:
    """The files of every exporter, keyed by their path below the site root; ``ui``:
    the site's interface strings (default: the package's for its language)."""
    ui = ui or packaged_catalogue(config.language)
    files: dict[PurePosixPath, bytes] = {}
    for name, export in EXPORTERS.items():
        if config.exports_on(name):
            worded = WORDED.get(name)
            files.update(worded(graph, config, ui) if worded else export(graph, config))
    return files
