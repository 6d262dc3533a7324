"""Reading another tool's files: front matter as written, dates in odd forms, links.

Foreign front matter is read with YAML's ``BaseLoader``, so every value is the text that
was typed (``no`` stays ``no``, a date stays its digits) and each importer decides what
it means.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import ImportResult

_FRONT_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_DATE_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")
# [text](target "title") and ![alt](target): the target is group 2. Every repetition is
# bounded, so that text full of unclosed brackets takes linear time, never quadratic.
_LINK_RE = re.compile(
    r"(!?\[(?:[^\[\]]|\[[^\]]{0,500}\]){0,1000}\]\()[ \t]{0,100}<?([^)\s>\[\]]{1,2048})>?"
    r"((?:[ \t]{1,100}\"[^\"\n]{0,500}\")?[ \t]{0,100}\))"
)
_HREF_RE = re.compile(
    r"""(<a\b[^>]{0,500}?\bhref\s{0,20}=\s{0,20})(["'])(.{0,2048}?)\2""", re.I | re.S
)


@dataclass(slots=True)
class SourceFile:
    """A foreign term file: its front matter as written, its body and where the body starts."""

    path: Path
    front: dict[str, object]
    front_text: str
    body: str
    body_line: int
    _used: set[str] = field(default_factory=set)

    def line_of(self, key: str) -> int:
        """The file line of front-matter ``key`` (1 when it cannot be found)."""
        match = re.search(rf"^{re.escape(key)}\s*:", self.front_text, re.M | re.I)
        return self.front_text.count("\n", 0, match.start()) + 2 if match else 1

    def take(self, key: str, *, case_insensitive: bool = False) -> object:
        """The value of ``key``, marking it used; None when absent."""
        for name in list(self.front):
            if name == key or (case_insensitive and name.lower() == key.lower()):
                self._used.add(name)
                return self.front[name]
        return None

    def report_unused(self, result: ImportResult, what: str) -> None:
        """A warning for every key that was not taken: its fact is not carried over."""
        for name, value in self.front.items():
            if name not in self._used and as_text(value):
                result.warn(
                    self.path,
                    self.line_of(name),
                    "unknown-key",
                    f"'{name}: {as_text(value)[:60]}' has no place in our format; it was left out",
                    f"add it to the text by hand if readers need it ({what})",
                )


def read_text(path: Path, result: ImportResult) -> str | None:
    """The UTF-8 text of ``path`` with LF line ends, or None after reporting why not."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            result.fail(
                path,
                0,
                "too-large",
                f"the file is {size // 2**20} MiB; at most {MAX_SOURCE_BYTES // 2**20} MiB "
                "can be imported",
                "split it into smaller files",
            )
            return None
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        result.fail(path, 0, "not-utf8", f"the file is not UTF-8 ({exc.reason})", _RESAVE)
        return None
    except OSError as exc:
        result.fail(path, 0, "unreadable", f"cannot read the file: {exc.strerror or exc}")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


# The largest source file read: a whole glossary in one CSV or Markdown file fits easily.
MAX_SOURCE_BYTES = 64 * 2**20
_RESAVE = "save the file as UTF-8 in the source, then import again"


def read_source(path: Path, result: ImportResult) -> SourceFile | None:
    """``path`` split into front matter and body, or None after reporting why not."""
    text = read_text(path, result)
    if text is None:
        return None
    match = _FRONT_RE.match(text)
    if match is None:
        result.fail(path, 1, "no-front-matter", "the file does not start with '---' front matter")
        return None
    try:
        front = yaml.load(match.group(1), Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2
        result.fail(path, line, "bad-yaml", f"the front matter is not valid YAML: {exc}")
        return None
    if front is None:
        front = {}
    if not isinstance(front, dict):
        result.fail(path, 2, "bad-yaml", "the front matter is not a mapping of keys to values")
        return None
    body_line = text.count("\n", 0, match.end()) + 1
    return SourceFile(path, front, match.group(1), text[match.end() :], body_line)


class LineIndex:
    """File line numbers of offsets in a text, in logarithmic time per lookup."""

    def __init__(self, text: str, first_line: int) -> None:
        self.breaks = [i for i, char in enumerate(text) if char == "\n"]
        self.first_line = first_line

    def line_at(self, offset: int) -> int:
        return self.first_line + bisect.bisect_left(self.breaks, offset)


def as_text(value: object) -> str:
    """A front-matter value as one text; lists are joined, nothing is ''."""
    if isinstance(value, list):
        return ", ".join(as_text(item) for item in value if as_text(item))
    if isinstance(value, dict):
        return ""
    return str(value).strip() if value is not None else ""


def as_list(value: object) -> tuple[str, ...]:
    """A front-matter value as a list of non-empty texts (a single text is a list of one)."""
    items = value if isinstance(value, list) else [value]
    texts = (as_text(item) for item in items if not isinstance(item, list | dict))
    return tuple(dict.fromkeys(text for text in texts if text))


def parse_date(text: str) -> dt.date | None:
    """``2026-03-20``, ``2026/3/20``, ``2026-03-20T10:00:00Z``, in any script's digits."""
    digits = "".join(_ascii_digit(char) for char in text.strip())
    match = _DATE_RE.match(digits)
    if match is None:
        return None
    try:
        return dt.date(*(int(group) for group in match.groups()))
    except ValueError:
        return None


def _ascii_digit(char: str) -> str:
    value = unicodedata.digit(char, None) if not char.isascii() else None
    return str(value) if value is not None else char


def rewrite_links(text: str, resolve: Callable[[str], str | None]) -> str:
    """``text`` with each Markdown link target and HTML ``href`` passed through ``resolve``.

    ``resolve`` returns the new target, or None to keep the link as it is.
    """

    def markdown(match: re.Match[str]) -> str:
        target = resolve(match.group(2))
        return match.group(0) if target is None else f"{match.group(1)}{target}{match.group(3)}"

    def html(match: re.Match[str]) -> str:
        target = resolve(match.group(3))
        quote = match.group(2)
        return match.group(0) if target is None else f"{match.group(1)}{quote}{target}{quote}"

    return _HREF_RE.sub(html, _LINK_RE.sub(markdown, text))


def split_definition(body: str) -> tuple[str, str]:
    """The body's first paragraph (when it starts with one) and the rest of the body."""
    lines = body.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        return "", ""
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    paragraph = " ".join(line.strip() for line in lines[start:end])
    return paragraph, "\n".join(lines[end:])


def markdown_files(src: Path, result: ImportResult, *, recursive: bool = False) -> list[Path]:
    """The Markdown files to import: ``src`` itself, or those in the folder ``src``."""
    if src.is_file():
        return [src]
    pattern = "**/*" if recursive else "*"
    files = sorted(
        path
        for path in src.glob(pattern)
        if path.suffix.lower() in (".md", ".markdown")
        and path.is_file()
        and not any(part.startswith((".", "_")) for part in path.relative_to(src).parts)
    )
    if not files:
        result.fail(src, 0, "no-files", "there is no Markdown file to import in this folder")
    return files


def date_value(source: SourceFile, key: str, result: ImportResult) -> dt.date | None:
    """The date under ``key``, or None (with a warning when it was there but unreadable)."""
    text = as_text(source.take(key))
    if not text:
        return None
    date = parse_date(text)
    if date is None:
        result.warn(
            source.path,
            source.line_of(key),
            "bad-date",
            f"'{key}: {text}' is not a date; it was left out",
            "write the date as YYYY-MM-DD in the term file",
        )
    return date
