"""Problems found in the sources, as data.

Every stage returns its diagnostics instead of raising, so one run reports every
problem at once, sorted by file and line (see ``sort_diagnostics``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one source file.

    ``line`` is 1-based and counted in the file as the editor sees it; 0 means
    the problem concerns the whole file.
    """

    path: Path
    line: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self, root: Path | None = None) -> str:
        """``path:line: error: message`` plus an indented hint line."""
        shown = _display_path(self.path, root)
        where = f"{shown}:{self.line}" if self.line else shown
        text = f"{where}: {self.severity.value}: {self.message} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


def _display_path(path: Path, root: Path | None) -> str:
    if root is not None and path.is_absolute():
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Stable order for reports: by file, then line, then code and message."""
    unique = dict.fromkeys(diagnostics)
    return tuple(sorted(unique, key=lambda d: (d.path.as_posix(), d.line, d.code, d.message)))


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` Did you mean 'x'?`` for the closest candidate, or an empty string."""
    by_key = {c.casefold(): c for c in sorted(set(candidates), reverse=True)}
    matches = difflib.get_close_matches(word.casefold(), sorted(by_key), n=1, cutoff=0.6)
    return f"did you mean '{by_key[matches[0]]}'?" if matches else ""
