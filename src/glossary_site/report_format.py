"""Diagnostics as text for people, JSON for tools, or GitHub Actions workflow commands.

``--format json`` prints one JSON document (schema ``REPORT_SCHEMA_VERSION``, described in
README.md and by ``REPORT_SCHEMA``); ``--format github`` prints one ``::error``/``::warning``
command per finding, so findings show on a pull request's diff. Content is escaped for each
format: no message can end a workflow command early or start a second one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, display_path, printable

REPORT_SCHEMA_VERSION = 1


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


_FINDING_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["path", "line", "column", "code", "severity", "message", "hint"],
    "additionalProperties": False,
    "properties": {
        "path": {"type": "string", "description": "file, relative to the current folder"},
        "line": {"type": "integer", "minimum": 0, "description": "1-based; 0: whole file"},
        "column": {"type": "integer", "minimum": 0, "description": "1-based; 0: unknown"},
        "code": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "severity": {"enum": ["error", "warning"]},
        "message": {"type": "string", "description": "what is wrong"},
        "hint": {"type": "string", "description": "how to fix it; may be empty"},
    },
}

REPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "glossary-site check --format json",
    "type": "object",
    "required": ["version", "errors", "warnings", "diagnostics"],
    "additionalProperties": False,
    "properties": {
        "version": {"const": REPORT_SCHEMA_VERSION},
        "errors": {"type": "integer", "minimum": 0},
        "warnings": {"type": "integer", "minimum": 0},
        "diagnostics": {"type": "array", "items": _FINDING_SCHEMA},
    },
}


def as_text(diagnostics: Iterable[Diagnostic], root: Path | None = None) -> str:
    """``path:line: severity: message [code]`` with the hint below, one finding after another."""
    return "\n".join(d.format(root) for d in diagnostics)


def as_json(diagnostics: Iterable[Diagnostic], root: Path | None = None) -> str:
    """One JSON document (ASCII only: every other character is a ``\\u`` escape)."""
    found = [
        {
            "path": display_path(d.path, root),
            "line": d.line,
            "column": d.column,
            "code": d.code,
            "severity": d.severity.value,
            "message": d.message,
            "hint": d.hint,
        }
        for d in diagnostics
    ]
    errors = sum(item["severity"] == "error" for item in found)
    report = {
        "version": REPORT_SCHEMA_VERSION,
        "errors": errors,
        "warnings": len(found) - errors,
        "diagnostics": found,
    }
    return json.dumps(report, indent=2, ensure_ascii=True)


def as_github(diagnostics: Iterable[Diagnostic], root: Path | None = None) -> str:
    """One workflow command per finding: ``::error file=…,line=…,title=…::message``."""
    return "\n".join(_github_command(d, root) for d in diagnostics)


def _github_command(diagnostic: Diagnostic, root: Path | None) -> str:
    properties = {"file": display_path(diagnostic.path, root)}
    if diagnostic.line:
        properties["line"] = str(diagnostic.line)
        if diagnostic.column:
            properties["col"] = str(diagnostic.column)
    properties["title"] = f"glossary-site {diagnostic.code}"
    shown = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    message = diagnostic.message
    if diagnostic.hint:
        message += f"\nhint: {diagnostic.hint}"
    return f"::{diagnostic.severity.value} {shown}::{escape_data(message)} [{diagnostic.code}]"


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF percent-encoded; controls shown escaped.

    Everything stays on one line, so text can never start a second command.
    """
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(text)  # ESC, U+2028, bidi overrides … become \\x1b, \\u2028, \\u202e


def escape_property(text: str) -> str:
    """A workflow command's property value: as ``escape_data``, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(format_: Format, diagnostics: Iterable[Diagnostic], root: Path | None = None) -> str:
    """``diagnostics`` in ``format_``; printable as is (no raw control characters)."""
    if format_ is Format.JSON:
        return as_json(diagnostics, root)
    if format_ is Format.GITHUB:
        return as_github(diagnostics, root)
    return as_text(diagnostics, root)
