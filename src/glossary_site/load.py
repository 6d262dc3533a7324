"""Stage 1: term files on disk → ``RawTerm`` values (front matter as YAML nodes).

Nothing here knows the term format's keys; it only finds the files, reads them
safely (``inputs``), decodes them strictly, refuses control characters, splits
off the front matter and parses its YAML (``frontmatter``), keeping the line
numbers of the file as the editor sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from .diagnostics import Diagnostic
from .frontmatter import EXAMPLE, compose_front_matter, indent, split_front_matter
from .inputs import (
    FORBIDDEN_HINT,
    MAX_TERM_BYTES,
    InputFile,
    InputRoots,
    find_forbidden_character,
    read_found,
    safe_input_files,
)

# Term files: *.md and *.markdown, in any letter case.
TERM_SUFFIXES = frozenset({".md", ".markdown"})
_FENCE_RE = re.compile(r"^---[ \t]*$")


@dataclass(frozen=True, slots=True)
class RawTerm:
    """A term file split into its parts; ``front_matter`` is a YAML mapping node.

    ``body`` keeps its own lines; its first line is line ``body_line`` of the file.
    YAML node marks count lines of the file from 0 (the opening ``---``).
    """

    src_path: Path
    front_matter: yaml.MappingNode
    body: str
    body_line: int

    def line_of(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1


def is_term_file(name: PurePosixPath) -> bool:
    return name.suffix.lower() in TERM_SUFFIXES


def find_term_files(
    source_dir: Path, roots: InputRoots | None = None
) -> tuple[tuple[InputFile, ...], tuple[Diagnostic, ...]]:
    """Every term file below ``source_dir``, skipping hidden files and folders, sorted.

    Links must stay inside ``roots`` (by default the source folder itself); links that
    lead outside and special files (FIFOs …) are diagnostics.
    """
    return safe_input_files(source_dir, roots or InputRoots.for_project(source_dir), is_term_file)


def load_terms(
    files: tuple[InputFile, ...],
) -> tuple[tuple[RawTerm, ...], tuple[Diagnostic, ...]]:
    """Read and split every file; a file with a problem yields a diagnostic instead.

    Each file is at most ``MAX_TERM_BYTES``, checked before it is read.
    """
    terms: list[RawTerm] = []
    problems: list[Diagnostic] = []
    for file in files:
        data = read_found(file, MAX_TERM_BYTES)
        result = data if isinstance(data, Diagnostic) else load_term(file.path, data)
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
    forbidden = find_forbidden_character(text)
    if forbidden is not None:
        return Diagnostic(
            path,
            forbidden.line,
            "control-character",
            f"the file contains the invisible character {forbidden.shown} "
            f"at column {forbidden.column}",
            FORBIDDEN_HINT,
        )
    if not text.strip():
        return Diagnostic(
            path,
            1,
            "empty-file",
            "the file is empty",
            f"start it with front matter such as:\n{indent(EXAMPLE)}",
        )
    first_line = text.split("\n", 1)[0]
    if not _FENCE_RE.match(first_line):
        return _missing_front_matter(path, first_line)
    split = split_front_matter(path, text)
    if isinstance(split, Diagnostic):
        return split
    node = compose_front_matter(path, split)
    if isinstance(node, Diagnostic):
        return node
    return RawTerm(path, node, split.body, split.body_line)


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
        hint = f"the file must start with a line '---', for example:\n{indent(EXAMPLE)}"
    return Diagnostic(path, 1, "no-front-matter", "the file has no front matter", hint)
