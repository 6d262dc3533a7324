"""YAML front matter: where it ends, and its node tree, in bounded time and memory.

The front matter ends where YAML's own parser says the first document ends (a
``---`` or ``...`` line at column 0, outside any quoted text), not where a regular
expression guesses. Before any node is composed, the event stream is checked:
anchors and aliases (``&x``, ``*x``) are refused, which rules out "billion laughs"
alias bombs, and so is nesting deeper than ``MAX_DEPTH``.
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

MAX_DEPTH = 20  # lists and mappings inside each other; a term needs 2
_MARKER_RE = re.compile(r"^(---|\.\.\.)(\s|$)", re.MULTILINE)
_CLOSE_RE = re.compile(r"^(---|\.\.\.)([ \t]+#.*)?[ \t]*$")
EXAMPLE = "---\ntitle: Daily Scrum\ndefinition: A short daily meeting in which …\n---"


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """``yaml_text`` runs from the opening ``---`` to the closing one (excluded)."""

    yaml_text: str
    body: str
    body_line: int  # 1-based line of the file where ``body`` starts


def split_front_matter(path: Path, text: str) -> FrontMatter | Diagnostic:
    """Split ``text`` (starting with a ``---`` line, LF line ends) at YAML's document end."""
    end = _document_end(path, text)
    if isinstance(end, Diagnostic):
        first_line_end = text.find("\n") + 1
        if end.code == "yaml-syntax" and not _MARKER_RE.search(text, first_line_end or len(text)):
            return _unclosed(path)
        return end
    index, last_scalar = end
    if not text.startswith(("---", "..."), index):
        return _unclosed(path)
    line = text.count("\n", 0, index) + 1
    fence_end = text.find("\n", index)
    fence_end = len(text) if fence_end < 0 else fence_end
    if not _CLOSE_RE.match(text[index:fence_end]):
        return Diagnostic(
            path,
            line,
            "front-matter-fence",
            "the '---' that closes the front matter must stand alone on its line",
            "put the text after '---' on the next line",
        )
    body = text[fence_end + 1 :]
    problem = _fence_inside_block(path, line, body, last_scalar)
    return problem or FrontMatter(text[:index], body, line + 1)


def compose_front_matter(path: Path, front: FrontMatter) -> yaml.MappingNode | Diagnostic:
    """The mapping node of ``front``, which only ``split_front_matter`` makes.

    Composing is safe there: the text has no anchors or aliases and is at most
    ``MAX_DEPTH`` deep. Node marks count lines of the file from 0.
    """
    try:
        node = yaml.compose(front.yaml_text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return _syntax_error(path, exc)
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style):
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
            node.start_mark.line + 1,
            "front-matter-not-mapping",
            "the front matter is not a list of 'key: value' pairs",
            f"write one key per line, for example:\n{indent(EXAMPLE)}",
        )
    return node


def _document_end(path: Path, text: str) -> tuple[int, yaml.ScalarEvent | None] | Diagnostic:
    """Where the first document of ``text`` ends, after checking anchors and depth."""
    depth = 0
    last_scalar: yaml.ScalarEvent | None = None
    events = yaml.parse(text, Loader=_Loader)
    try:
        for event in events:
            line, index = _position(event)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return _alias_error(path, line)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return _depth_error(path, line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.ScalarEvent):
                last_scalar = event
            elif isinstance(event, yaml.DocumentEndEvent):
                return index, last_scalar
    except yaml.YAMLError as exc:
        found = _syntax_error(path, exc)
        if "nesting depth" in found.message:  # libyaml's own limit, met while scanning ahead
            return _depth_error(path, found.line)
        return found
    return len(text), last_scalar


def _fence_inside_block(
    path: Path, line: int, body: str, last_scalar: yaml.ScalarEvent | None
) -> Diagnostic | None:
    """A ``---`` at column 0 ends YAML text even inside a ``|`` or ``>`` block.

    When indented lines follow it directly, the editor meant them as more of that
    text; YAML would silently make them page text instead.
    """
    if last_scalar is None or last_scalar.style not in ("|", ">"):
        return None
    next_line = body.split("\n", 1)[0]
    if not next_line.strip() or next_line[0] not in " \t":
        return None
    value_line = _position(last_scalar)[0]
    return Diagnostic(
        path,
        line,
        "front-matter-fence",
        f"this '---' ends the front matter inside the text block that starts on line "
        f"{value_line}; the indented lines after it would become page text",
        "indent the '---' like the text around it to keep it in the block, or, if the front "
        "matter really ends here, do not indent the first line after it",
    )


def _position(event: yaml.Event) -> tuple[int, int]:
    """1-based line and 0-based character index where ``event`` starts."""
    mark = event.start_mark
    assert mark is not None  # the parser marks every event
    return mark.line + 1, mark.index


def _unclosed(path: Path) -> Diagnostic:
    return Diagnostic(
        path,
        1,
        "front-matter-unclosed",
        "the front matter opened on line 1 is never closed",
        "add a line with only '---' after the last front-matter key",
    )


def _alias_error(path: Path, line: int) -> Diagnostic:
    return Diagnostic(
        path,
        line,
        "yaml-alias",
        "YAML anchors and aliases (&x, *x) are not allowed in front matter",
        "write the value out in full instead of '&name' and '*name'; to use '&' or '*' as "
        'text, quote the value: title: "*nix"',
    )


def _depth_error(path: Path, line: int) -> Diagnostic:
    return Diagnostic(
        path,
        line,
        "yaml-too-deep",
        f"the front matter nests lists or mappings more than {MAX_DEPTH} levels deep",
        "front-matter values are text or lists of text: remove the extra '[', '{' or "
        "indented levels",
    )


def _syntax_error(path: Path, exc: yaml.YAMLError) -> Diagnostic:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return Diagnostic(
            path,
            1,
            "yaml-syntax",
            f"YAML error in front matter: {exc}",
            "front matter must be plain 'key: value' lines",
        )
    context, problem = str(exc.context or ""), str(exc.problem or "")
    # An unclosed quote or bracket, or a key without ':', is where it starts (the
    # context); a bad indent in a block is where the parser gave up (the problem).
    use_context = bool(context) and "block" not in context and exc.context_mark is not None
    mark = exc.context_mark if use_context else exc.problem_mark or exc.context_mark
    what = " ".join(part for part in (context, problem) if part)
    return Diagnostic(
        path,
        mark.line + 1 if mark else 1,
        "yaml-syntax",
        f"YAML syntax error in front matter: {what}",
        _yaml_hint(context, problem),
    )


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


def indent(text: str) -> str:
    return "\n".join("        " + line for line in text.splitlines())
