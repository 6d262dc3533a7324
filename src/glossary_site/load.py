"""Stage 1: term files on disk → ``RawTerm`` values (front matter as YAML nodes).

Nothing here knows the term format's keys; it only finds the files, decodes
them strictly, splits off the front matter and parses its YAML, keeping the
line numbers of the file as the editor sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .diagnostics import Diagnostic

# libyaml's parser is several times faster; fall back when PyYAML was built without it.
_Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)

_FENCE_RE = re.compile(r"^---[ \t]*$")
_CLOSE_RE = re.compile(r"^(---|\.\.\.)[ \t]*$")
_EXAMPLE = "---\ntitle: Daily Scrum\ndefinition: A short daily meeting in which …\n---"


@dataclass(frozen=True, slots=True)
class RawTerm:
    """A term file split into its parts; ``front_matter`` is a YAML mapping node.

    ``body`` keeps its own lines; its first line is line ``body_line`` of the file.
    YAML node marks are 0-based within the front matter, which starts on line 2.
    """

    src_path: Path
    front_matter: yaml.MappingNode
    body: str
    body_line: int

    FRONT_MATTER_FIRST_LINE = 2

    def line_of(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.FRONT_MATTER_FIRST_LINE


def find_term_files(source_dir: Path) -> tuple[Path, ...]:
    """Every ``*.md`` below ``source_dir``, skipping hidden files and folders, sorted."""
    found = (
        path
        for path in source_dir.rglob("*.md")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(source_dir).parts)
    )
    return tuple(sorted(found, key=lambda p: p.relative_to(source_dir).as_posix()))


def load_terms(paths: tuple[Path, ...]) -> tuple[tuple[RawTerm, ...], tuple[Diagnostic, ...]]:
    """Read and split every file; a file with a problem yields a diagnostic instead."""
    terms: list[RawTerm] = []
    problems: list[Diagnostic] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            problems.append(
                Diagnostic(
                    path,
                    0,
                    "unreadable",
                    f"cannot read the file: {exc.strerror}",
                    "check the file's permissions",
                )
            )
            continue
        result = load_term(path, data)
        if isinstance(result, RawTerm):
            terms.append(result)
        else:
            problems.append(result)
    return tuple(terms), tuple(problems)


def load_term(path: Path, data: bytes) -> RawTerm | Diagnostic:
    """Decode ``data`` (the bytes of ``path``) and split off its front matter."""
    text = _decode(path, data)
    if isinstance(text, Diagnostic):
        return text
    if not text.strip():
        return Diagnostic(
            path,
            1,
            "empty-file",
            "the file is empty",
            f"start it with front matter such as:\n{_indent(_EXAMPLE)}",
        )
    lines = text.split("\n")
    if not _FENCE_RE.match(lines[0]):
        return _missing_front_matter(path, lines[0])
    close = next((i for i, line in enumerate(lines[1:], 1) if _CLOSE_RE.match(line)), None)
    if close is None:
        return Diagnostic(
            path,
            1,
            "front-matter-unclosed",
            "the front matter opened on line 1 is never closed",
            "add a line with only '---' after the last front-matter key",
        )
    yaml_text = "\n".join(lines[1:close])
    node = _compose(path, yaml_text)
    if isinstance(node, Diagnostic):
        return node
    return RawTerm(path, node, "\n".join(lines[close + 1 :]), close + 2)


def _decode(path: Path, data: bytes) -> str | Diagnostic:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        decoded = bytes(exc.object)  # ``data`` without a BOM, which ``exc.start`` counts in
        line = decoded.count(b"\n", 0, exc.start) + 1
        offset = exc.start + len(data) - len(decoded)
        return Diagnostic(
            path,
            line,
            "not-utf8",
            f"the file is not valid UTF-8 (byte 0x{decoded[exc.start]:02x} at offset {offset})",
            "save the file with UTF-8 encoding (in most editors: 'Save with encoding' → UTF-8)",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _missing_front_matter(path: Path, first_line: str) -> Diagnostic:
    if first_line.strip() == "+++":
        hint = "TOML front matter (+++) is not supported: write YAML between two '---' lines"
    else:
        hint = f"the file must start with a line '---', for example:\n{_indent(_EXAMPLE)}"
    return Diagnostic(path, 1, "no-front-matter", "the file has no front matter", hint)


def _compose(path: Path, yaml_text: str) -> yaml.MappingNode | Diagnostic:
    first = RawTerm.FRONT_MATTER_FIRST_LINE
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        context, problem = str(exc.context or ""), str(exc.problem or "")
        # An unclosed quote or bracket, or a key without ':', is where it starts (the
        # context); a bad indent in a block is where the parser gave up (the problem).
        use_context = bool(context) and "block" not in context and exc.context_mark is not None
        mark = exc.context_mark if use_context else exc.problem_mark or exc.context_mark
        line = first + mark.line if mark else 1
        what = " ".join(part for part in (context, problem) if part)
        return Diagnostic(
            path,
            line,
            "yaml-syntax",
            f"YAML syntax error in front matter: {what}",
            _yaml_hint(context, problem),
        )
    except yaml.YAMLError as exc:
        return Diagnostic(
            path,
            1,
            "yaml-syntax",
            f"YAML error in front matter: {exc}",
            "front matter must be plain 'key: value' lines",
        )
    if node is None:
        return Diagnostic(
            path,
            1,
            "front-matter-empty",
            "the front matter is empty",
            "add at least 'title:' and 'definition:' between the '---' lines",
        )
    if not isinstance(node, yaml.MappingNode):
        return Diagnostic(
            path,
            first + node.start_mark.line,
            "front-matter-not-mapping",
            "the front matter is not a list of 'key: value' pairs",
            f"write one key per line, for example:\n{_indent(_EXAMPLE)}",
        )
    return node


def _yaml_hint(context: str, problem: str) -> str:
    """What to do about a YAML error, by what PyYAML/libyaml says went wrong."""
    if "cannot start any token" in problem:
        return "indent with spaces, never tabs, and quote a value that starts with '@' or '`'"
    if "block" in context or "<block end>" in problem:
        return (
            "check the indentation: keys start at the beginning of the line, "
            "and the '- ' items of one list are indented alike"
        )
    if "quoted scalar" in context:
        return "a quote opened on this line is never closed: end the value with the same quote"
    if "flow" in context:
        return "a '[' or '{' opened on this line is never closed, or an item lacks its ','"
    if "simple key" in context:
        return "this line needs a ':' after the key, as in 'key: value'"
    return (
        "quote values that contain ': ', ' #' or start with a special character, "
        'e.g. title: "Scrum: the basics"'
    )


def _indent(text: str) -> str:
    return "\n".join("        " + line for line in text.splitlines())
