"""Problems found in the sources, as data.

Every stage returns its diagnostics instead of raising, so one run reports every
problem at once, sorted by file and line (see ``sort_diagnostics``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath

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
        return self._format(printable(display_path(self.path, root)))

    def _format(self, shown: str) -> str:
        where = f"{shown}:{self.line}" if self.line else shown
        if self.line and self.column:
            where += f":{self.column}"
        text = f"{where}: {self.severity.value}: {printable(self.message)} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {printable(self.hint, newlines=True)}"
        return text


def format_all(diagnostics: Iterable[Diagnostic], root: Path | None = None) -> str:
    """Each diagnostic's ``format``, one after the other on lines of their own (each file's
    path made printable once: a report may hold 100,000 diagnostics)."""
    shown: dict[Path, str] = {}
    lines = []
    for diagnostic in diagnostics:
        where = shown.get(diagnostic.path)
        if where is None:
            where = shown[diagnostic.path] = printable(display_path(diagnostic.path, root))
        lines.append(diagnostic._format(where))
    return "\n".join(lines)


def printable(text: str, *, newlines: bool = False) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\u202e``).

    Content can then never drive the terminal it is printed on. ``newlines=True`` keeps
    line feeds (hints span lines); every other control character is escaped.
    """
    if text.isascii() and text.isprintable():  # (most text: nothing to escape)
        return text
    pattern = _UNPRINTABLE_BUT_NEWLINE_RE if newlines else _UNPRINTABLE_RE
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def display_path(path: Path, root: Path | None) -> str:
    """``path`` relative to ``root`` when it lies inside it, else as it is; with '/'."""
    if root is not None and path.is_absolute():
        if isinstance(path, PurePosixPath) and isinstance(root, PurePosixPath):
            # What ``path.relative_to(root)`` gives, on the strings: a report may print
            # 100,000 paths, and ``relative_to`` makes two path objects for each.
            text, base = str(path), str(root)
            if text == base:
                return "."
            prefix = base if base.endswith("/") else base + "/"
            if text.startswith(prefix) and base[:2] != "//" and text[:2] != "//":
                return text[len(prefix) :]
            if base[:2] != "//" and text[:2] != "//":
                return text
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


class SortedDiagnostics(tuple[Diagnostic, ...]):
    """Diagnostics in report order, without duplicates (what ``sort_diagnostics`` gives)."""

    __slots__ = ()


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Stable order for reports: by file, then line, then code and message.

    Sorted diagnostics are returned as they are: the stages sort what they report, and a
    glossary may have 100,000s of warnings.
    """
    if isinstance(diagnostics, SortedDiagnostics):
        return diagnostics
    unique = dict.fromkeys(diagnostics)
    posix: dict[Path, str] = {}

    def key(diagnostic: Diagnostic) -> tuple[str, int, str, str]:
        path = posix.get(diagnostic.path)
        if path is None:
            path = posix[diagnostic.path] = diagnostic.path.as_posix()
        return (path, diagnostic.line, diagnostic.code, diagnostic.message)

    return SortedDiagnostics(sorted(unique, key=key))


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


def did_you_mean(word: str, candidates: Iterable[str] | Suggester) -> str:
    """``did you mean 'x'?`` for the closest candidate, or an empty string.

    For many words against the same large set, pass a ``Suggester`` built once.
    """
    suggester = candidates if isinstance(candidates, Suggester) else Suggester(candidates)
    match = suggester.closest(word)
    return f"did you mean '{match}'?" if match else ""
