"""Problems found in the sources, as data.

Every stage returns its diagnostics instead of raising, so one run reports every
problem at once, sorted by file and line (see ``sort_diagnostics``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from .names import Suggester

# What must never reach a terminal or a CI log as is: C0 controls (ESC starts escape
# sequences; OSC 52 writes the reader's clipboard), DEL, C1 controls, and the
# characters that reorder or hide text (bidi overrides and isolates, direction marks,
# line and paragraph separators), and lone surrogates (file names that are not UTF-8).
_SHOWN_ESCAPED = r"\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
_UNPRINTABLE_RE = re.compile(rf"[\x00-\x1f{_SHOWN_ESCAPED}]")
_UNPRINTABLE_BUT_NEWLINE_RE = re.compile(rf"[\x00-\x09\x0b-\x1f{_SHOWN_ESCAPED}]")


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
    column: int = 0  # 1-based column when known; 0 when not

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self, root: Path | None = None) -> str:
        """``path:line: error: message`` plus an indented hint line."""
        shown = printable(display_path(self.path, root))
        where = f"{shown}:{self.line}" if self.line else shown
        if self.line and self.column:
            where += f":{self.column}"
        text = f"{where}: {self.severity.value}: {printable(self.message)} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {printable(self.hint, newlines=True)}"
        return text


def printable(text: str, *, newlines: bool = False) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\u202e``).

    Content can then never drive the terminal it is printed on. ``newlines=True`` keeps
    line feeds (hints span lines); every other control character is escaped.
    """
    pattern = _UNPRINTABLE_BUT_NEWLINE_RE if newlines else _UNPRINTABLE_RE
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def display_path(path: Path, root: Path | None) -> str:
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


def did_you_mean(word: str, candidates: Iterable[str] | Suggester) -> str:
    """``did you mean 'x'?`` for the closest candidate, or an empty string.

    For many words against the same large set, pass a ``Suggester`` built once.
    """
    suggester = candidates if isinstance(candidates, Suggester) else Suggester(candidates)
    match = suggester.closest(word)
    return f"did you mean '{match}'?" if match else ""
