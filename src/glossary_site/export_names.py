"""The names of the exports ``build`` writes beside the pages, for ``[exports]`` in glossary.toml.

It sits at the bottom of the pipeline so that ``config`` can check the ``[exports]`` table
against it without importing the exporters (``exports/`` registers one exporter per name).
"""

from __future__ import annotations

from types import MappingProxyType

# name → what it writes (README.md documents each). Every export is on unless switched off.
EXPORT_NAMES = MappingProxyType(
    {
        "json-api": "/api/terms.json, /api/terms/<slug>.json and their JSON Schema",
        "redirects": "a redirect page at the slug form of every alias and former slug",
        "feed": "/feed.xml, an Atom feed of new and changed terms (needs base_url)",
        "llms-txt": "/llms.txt, the glossary for language models (llmstxt.org)",
        "markdown": "/<slug>/index.md, a Markdown twin of every term page",
        "skos": "/glossary.ttl and /glossary.jsonld, the glossary as a SKOS concept scheme",
        "csv": "/glossary.csv, every term as a spreadsheet row",
        "tbx": "/glossary.tbx, TBX-Basic for translators' tools",
        "embed": "/embed/glossary-cards.js and .css, preview cards for other sites",
    }
)
