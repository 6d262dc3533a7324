"""Each term's part of every export, and the whole files made of them.

A part is the bytes one term contributes to one export: its row of the CSV, its entry of
/api/terms.json and its own API file, its Markdown twin, its concept in Turtle and
JSON-LD, its TBX entry, its line of llms.txt, its redirect pages. Parts depend on the
term's ``TermFacts``, the config and the interface strings only, so they can be cached
by those (``part_cache``); the whole files are the parts joined, in an order read from
the facts (cheap: plain data). The feed shows only the newest terms and is made whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath

from ..config import SiteConfig
from ..i18n import Catalogue
from .csv_file import CsvRows, csv_file
from .facts import TermFacts
from .feed import feed_file
from .json_api import api_files, api_parts
from .llms import llms_file, llms_part
from .markdown_twin import twin, twin_path
from .records import term_record
from .redirects import RedirectTexts
from .skos import json_ld_part, skos_files, turtle_part
from .tbx import tbx_file, tbx_part

Parts = dict[str, bytes]
# Export name → the names of the parts it needs of each term (redirects: one per page).
PART_NAMES: dict[str, tuple[str, ...]] = {
    "json-api": ("api-entry", "api-term"),
    "llms-txt": ("llms",),
    "markdown": ("twin",),
    "skos": ("turtle", "json-ld"),
    "csv": ("csv",),
    "tbx": ("tbx",),
}
# Exports made whole from the facts, without parts.
WHOLE = frozenset({"feed", "embed"})


class PartMaker:
    """Makes the parts of one term for the exports that are on."""

    def __init__(self, config: SiteConfig, ui: Catalogue, on: frozenset[str]) -> None:
        self.config, self.ui, self.on = config, ui, on
        self._rows = CsvRows()
        self._redirects = RedirectTexts(config, ui)

    def parts(self, facts: TermFacts) -> Parts:
        config, on = self.config, self.on
        parts: Parts = {}
        if "json-api" in on:
            parts["api-entry"], parts["api-term"] = api_parts(facts, config)
        if "llms-txt" in on:
            parts["llms"] = llms_part(facts, config, self.ui)
        if "markdown" in on:
            parts["twin"] = twin(facts, config, self.ui).encode("utf-8")
        if on & {"skos", "csv", "tbx"}:
            record = term_record(facts)
            if "skos" in on:
                parts["turtle"] = turtle_part(record, config)
                parts["json-ld"] = json_ld_part(record, config)
            if "csv" in on:
                parts["csv"] = self._rows.row(record)
            if "tbx" in on:
                parts["tbx"] = tbx_part(record, config)
        if "redirects" in on:
            for number, page in enumerate(self._redirects.pages(facts)):
                parts[redirect_part(number)] = page
        return parts


def redirect_part(number: int) -> str:
    return f"redirect-{number}"


def needed(facts: TermFacts, on: frozenset[str]) -> list[str]:
    """The names of the parts of ``facts``'s term the exports ``on`` need."""
    names = [name for export, names in PART_NAMES.items() if export in on for name in names]
    if "redirects" in on:
        names += [redirect_part(number) for number in range(len(facts.redirects))]
    return names


def whole_files(
    facts: Mapping[str, TermFacts],
    parts: Mapping[str, Parts],
    config: SiteConfig,
    ui: Catalogue,
    on: frozenset[str],
) -> dict[PurePosixPath, bytes]:
    """The files of the exports ``on`` (but ``embed``), from every term's parts by slug;
    ``facts`` and ``parts`` in slug order."""
    files: dict[PurePosixPath, bytes] = {}
    if "json-api" in on:
        api = {slug: (each["api-entry"], each["api-term"]) for slug, each in parts.items()}
        files.update(api_files(api, config))
    if "redirects" in on:
        pages: dict[str, bytes] = {}  # by the redirect's address, sorted as strings
        for slug, each in facts.items():
            found = (parts[slug][redirect_part(n)] for n in range(len(each.redirects)))
            pages.update(zip((path for path, _, _ in each.redirects), found, strict=True))
        files.update((PurePosixPath(path, "index.html"), pages[path]) for path in sorted(pages))
    if "feed" in on:
        files.update(feed_file(facts, config))
    if "llms-txt" in on:
        lines = {slug: each["llms"] for slug, each in parts.items()}
        files.update(llms_file(facts, lines, config, ui))
    if "markdown" in on:
        files.update((twin_path(slug), each["twin"]) for slug, each in parts.items())
    if "skos" in on:
        turtle = [each["turtle"] for each in parts.values()]
        files.update(skos_files(turtle, [each["json-ld"] for each in parts.values()], config))
    if "csv" in on:
        files.update(csv_file(each["csv"] for each in parts.values()))
    if "tbx" in on:
        files.update(tbx_file([each["tbx"] for each in parts.values()], config))
    return files
