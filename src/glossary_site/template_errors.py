"""Failures of the site's own templates, as ``template-error`` diagnostics with file and line.

Any exception raised while a template of the project's ``templates/`` folder is
loaded, compiled or rendered (a syntax error, an undefined variable, a division
by zero, a call of something that is not callable, an include of itself, a file
that is not UTF-8 …) is the theme author's to fix: it becomes a diagnostic at the
template's file and line, taken from the traceback (Jinja gives template frames
their file name and line). An exception that involves no project template is a
bug of glossary-site and is not turned into a diagnostic.
"""

from __future__ import annotations

import os
import traceback
from collections import Counter
from pathlib import Path

import jinja2

from .diagnostics import Diagnostic

_THEMING = "the variables a page gets are listed in README.md under 'Theming'"


class TemplateFileError(jinja2.TemplateError):
    """A template file that cannot be read as a template, at ``filename``:``lineno``."""

    def __init__(self, message: str, filename: str, lineno: int) -> None:
        super().__init__(message)
        self.filename = filename
        self.lineno = lineno


class TemplateTimeout(Exception):
    """A page whose rendering overran its time budget; the traceback points into the template."""


def read_template_source(path: Path) -> str:
    """The text of a template file; a file that is not UTF-8 raises ``TemplateFileError``."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateFileError(
            f"the template is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            str(path),
            data.count(b"\n", 0, exc.start) + 1,
        ) from None


def template_diagnostic(
    exc: BaseException, templates_dir: Path | None, fallback: Path | None = None
) -> Diagnostic | None:
    """The ``template-error`` for ``exc``, or None when no project template is involved.

    ``fallback`` is the template being compiled, for failures without a template frame
    (a parser running out of recursion depth on absurdly nested expressions).
    """
    if templates_dir is None:
        return None
    where = _location(exc, os.path.abspath(templates_dir))
    if where is None and fallback is not None:
        if isinstance(exc, RecursionError):
            return Diagnostic(
                fallback,
                0,
                "template-error",
                "the template nests too deeply to compile (brackets, tags or blocks inside "
                "each other hundreds of times)",
                "flatten the nesting, e.g. with a macro or a variable for the inner part",
            )
        where = str(fallback), 0
    if where is None:
        return None
    message, hint = _explain(exc)
    return Diagnostic(Path(where[0]), where[1], "template-error", _printable(message), hint)


def _printable(text: str) -> str:
    """``text`` with control characters shown as escapes, so they cannot act on a terminal."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _location(exc: BaseException, folder: str) -> tuple[str, int] | None:
    """File and line of the deepest frame in a project template, or of a syntax error."""
    if isinstance(exc, (jinja2.TemplateSyntaxError, TemplateFileError)) and exc.filename:
        return (exc.filename, exc.lineno or 0) if _inside(exc.filename, folder) else None
    stack = traceback.extract_tb(exc.__traceback__)
    frames = [frame for frame in stack if _inside(frame.filename, folder)]
    if not frames:
        return None
    if isinstance(exc, RecursionError):
        return _recursion_line(frames)
    return frames[-1].filename, frames[-1].lineno or 0


def _recursion_line(frames: list[traceback.FrameSummary]) -> tuple[str, int]:
    """The line of the loop that calls again: the recursion cut-off lands anywhere in it.

    Lines repeated (about) as often as the most repeated one are in the loop; of those, a
    line inside a block or macro (the include or call) wins over top-level code (the
    ``extends`` a block passes through), then the later line.
    """
    counts = Counter((f.filename, f.lineno or 0) for f in frames)
    top = max(counts.values())
    in_loop = [f for f in frames if counts[f.filename, f.lineno or 0] >= top - 1]
    best = max(in_loop, key=lambda f: (f.name != "top-level template code", f.lineno or 0))
    return best.filename, best.lineno or 0


def _inside(filename: str, folder: str) -> bool:
    return os.path.abspath(filename).startswith(folder + os.sep)


def _explain(exc: BaseException) -> tuple[str, str]:
    """Message and hint for each kind of failure."""
    if isinstance(exc, TemplateFileError):
        return exc.message or "", "save the template as UTF-8"
    if isinstance(exc, jinja2.TemplateNotFound):
        return (
            f"there is no template named '{exc.name}'",
            "check the name in the include, import or extends; a default is reached "
            "as 'default/<name>'",
        )
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"template syntax error: {exc.message}", "fix the template's syntax on that line"
    if isinstance(exc, jinja2.UndefinedError):
        return f"template error: {exc.message}", f"check the spelling; {_THEMING}"
    if isinstance(exc, TemplateTimeout):
        return (
            f"rendering a page took longer than {exc}",
            "look for a loop over a huge range, or loops nested inside each other",
        )
    if isinstance(exc, RecursionError):
        return (
            "the template never stops calling itself (an include, import, extends or macro "
            "that leads back to itself)",
            "remove the include or call of itself, or guard it with a condition that ends",
        )
    if isinstance(exc, ZeroDivisionError):
        return "division by zero in the template", "guard the division against a zero divisor"
    if isinstance(exc, TypeError) and "not callable" in str(exc):
        return (
            f"template error: {exc}",
            f"remove the '()' after a value that is no function; {_THEMING}",
        )
    name = type(exc).__name__
    return f"template error: {name}: {exc or name}", f"fix the expression on that line; {_THEMING}"
