"""What every importer produces: terms in our format's vocabulary, and what it could not keep.

An importer reads a glossary written for another tool and returns an ``ImportResult``:
the terms it understood, each tied to its source file and line, and a diagnostic for every
fact it could not carry over (a warning) or every file it could not import at all (an
error). ``writer`` turns the terms into term files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Severity


@dataclass(frozen=True, slots=True)
class ImportedTerm:
    """One term, ready to be written; empty values are left out of the file."""

    source: Path
    line: int
    slug: str
    title: str
    definition: str = ""  # one paragraph of inline Markdown; "" → the body's first paragraph
    summary: str = ""
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    category: str = ""
    author: str = ""
    updated: dt.date | None = None
    status: str = "published"
    replaced_by: str = ""
    body: str = ""


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """Settings an importer may use; each ignores those that do not concern its format."""

    language: str = "en"
    column_map: tuple[tuple[str, str], ...] = ()
    separator: str = ";"
    # cncf, one language of several (--all-languages): the default language's slugs, whose
    # pages the language's site shows as fallbacks, so links to them stay in the site.
    fallback_slugs: frozenset[str] = frozenset()


@dataclass(slots=True)
class ImportResult:
    """Terms read and problems met; ``errors`` are files that could not be imported."""

    terms: list[ImportedTerm] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def warn(self, path: Path, line: int, code: str, message: str, hint: str = "") -> None:
        self.diagnostics.append(
            Diagnostic(path, line, f"import-{code}", message, hint, Severity.WARNING)
        )

    def fail(self, path: Path, line: int, code: str, message: str, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic(path, line, f"import-{code}", message, hint))
