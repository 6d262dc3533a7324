"""Imported terms → term files in our format; never overwrites a file unless forced.

The front matter is written by PyYAML's safe dumper, which quotes every value plain YAML
would misread (``no``, ``1.10``, ``*nix``, a leading ``#`` …) and never writes anchors, so
what ``check`` reads back is exactly the text the importer meant.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

import yaml

from ..diagnostics import Diagnostic
from .model import ImportedTerm


class _Dumper(yaml.SafeDumper):
    """Safe dumper that repeats equal values instead of writing ``&anchor``/``*alias``."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def term_text(term: ImportedTerm) -> str:
    """The whole term file for ``term``: front matter, then the body."""
    front: dict[str, str | list[str] | dt.date] = {"title": term.title}
    if term.aliases:
        front["aliases"] = list(term.aliases)
    if term.definition:
        front["definition"] = term.definition
    for key in ("summary", "category", "author"):
        value = getattr(term, key)
        if value:
            front[key] = value
    for key in ("related", "tags"):
        values = getattr(term, key)
        if values:
            front[key] = list(values)
    if term.updated is not None:
        front["updated"] = term.updated
    if term.status != "published":
        front["status"] = term.status
    if term.replaced_by:
        front["replaced_by"] = term.replaced_by
    dumped = yaml.dump(
        front, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=96, indent=2
    )
    body = term.body.strip("\n")
    return f"---\n{dumped}---\n" + (f"\n{body}\n" if body.strip() else "")


def write_terms(
    terms: Iterable[ImportedTerm], out_dir: Path, *, force: bool = False
) -> tuple[list[Path], list[Diagnostic]]:
    """Write ``<out_dir>/<slug>.md`` per term; an existing file is refused unless ``force``."""
    written: list[Path] = []
    problems: list[Diagnostic] = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return [], [
            Diagnostic(
                out_dir,
                0,
                "import-write-failed",
                f"cannot create the folder: {reason}",
                "choose an --out folder you may write to",
            )
        ]
    for term in terms:
        path = out_dir / f"{term.slug}.md"
        problem = _write(path, term_text(term), force, term)
        if problem is None:
            written.append(path)
        else:
            problems.append(problem)
    return written, problems


def _write(path: Path, text: str, force: bool, term: ImportedTerm) -> Diagnostic | None:
    if os.path.islink(path) or (path.exists() and not path.is_file()):
        return Diagnostic(
            term.source,
            term.line,
            "import-not-a-file",
            f"{path} exists and is not a regular file; the term was not written",
            "move it away, or import into another --out folder",
        )
    try:
        with path.open("w" if force else "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        return Diagnostic(
            term.source,
            term.line,
            "import-exists",
            f"{path} already exists; it was left as it is",
            "pass --force to replace it, or import into another --out folder",
        )
    except OSError as exc:
        return Diagnostic(
            term.source,
            term.line,
            "import-write-failed",
            f"could not write {path}: {exc.strerror or exc}",
            "check that --out is a folder you may write to",
        )
    return None
