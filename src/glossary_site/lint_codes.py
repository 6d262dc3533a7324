"""The codes of the graph lint (``lint.py``) and the levels ``[lint]`` in glossary.toml may set.

It sits at the bottom of the pipeline so that ``config`` can check the ``[lint]`` table
against it without importing the lint itself.
"""

from __future__ import annotations

from types import MappingProxyType

# code → what it finds (README.md documents each with an example and the fix).
LINT_CODES = MappingProxyType(
    {
        "orphan-term": "no other term links to the term or lists it as related",
        "one-way-related": "a related term does not list this term as related in return",
        "common-word-alias": "an alias is a common word, so it would match ordinary text",
        "long-summary": "the summary is longer than a meta description shows",
        "future-updated": "the 'updated' date lies in the future",
        "review-overdue": "the term was last updated longer ago than review_after days",
        "unlinked-mention": "the text names another term without linking to it",
    }
)

LINT_LEVELS = ("warning", "error", "off")

# Search engines show about this many characters of a meta description.
MAX_SUMMARY_LENGTH = 160
