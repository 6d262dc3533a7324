"""The ``[languages]`` table of glossary.toml: one site per language (see ``multisite``).

```toml
[languages]
default = "en"            # the language whose site is at the root and that others fall back to
default_at_root = true    # false: the default language is under /en/ too, the root links to it
fallback = true           # a term missing in a language shows the default language's page

[languages.en]
[languages.ja]
source = "glossary/ja"    # default: <--source>/<code>/
title = "用語集"           # default: the site's title
description = "…"
```

``config`` hands the table here with the lines of the file; this module only checks
the table's shape and values. Folders are checked by ``multisite`` (it knows ``--source``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, did_you_mean

# A language code as a folder and URL part: BCP 47 (language, then script or region).
LANGUAGE_CODE_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_SETTINGS = {"default": str, "default_at_root": bool, "fallback": bool}
_LANGUAGE_KEYS = ("source", "title", "description")


@dataclass(frozen=True, slots=True)
class Language:
    """One ``[languages.<code>]`` table."""

    code: str  # as written in the table's name: the URL folder (``pt-br``)
    source: str = ""  # folder of its term files as written; "" → <source>/<code>
    title: str = ""  # "" → the site's title
    description: str = ""  # "" → the site's description
    line: int = 0  # line of its table in glossary.toml

    @property
    def tag(self) -> str:
        """The BCP 47 tag for ``lang`` and ``hreflang``: ``pt-br`` → ``pt-BR``."""
        return language_tag(self.code)


@dataclass(frozen=True, slots=True)
class Languages:
    """The ``[languages]`` table: the languages in the order written, the default first."""

    default: str
    entries: tuple[Language, ...]
    default_at_root: bool = True
    fallback: bool = True
    line: int = 0

    def get(self, code: str) -> Language:
        return next(language for language in self.entries if language.code == code)


def language_tag(code: str) -> str:
    """``code`` with BCP 47's letter case: language lower, script title, region upper."""
    parts = code.split("-")
    shown = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            shown.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            shown.append(part.upper())
        else:
            shown.append(part.lower())
    return "-".join(shown)


Shown = Callable[[str], str]


def languages_table(
    path: Path, lines: list[str], table: dict[str, Any], shown: Shown
) -> tuple[Languages | None, list[Diagnostic]]:
    """The ``[languages]`` table read from the file at ``path`` (whose ``lines`` locate
    each key); None with the problems when it cannot be used."""
    where = _Where(path, lines)
    problems: list[Diagnostic] = []
    settings: dict[str, Any] = {}
    entries: list[Language] = []
    for key, value in table.items():
        if isinstance(value, dict):
            language = _language(key, value, where, shown, problems)
            if language is not None:
                entries.append(language)
        elif key in _SETTINGS and type(value) is _SETTINGS[key]:
            settings[key] = value
        elif key in _SETTINGS:
            text = _SETTINGS[key] is str
            problems.append(
                _problem(
                    where.setting(key),
                    "config-type",
                    f"[languages] {key} must be " + ("a string" if text else "true or false"),
                    f"write for example {key} = " + ('"en"' if text else "true"),
                )
            )
        else:
            problems.append(
                _problem(
                    where.setting(key),
                    "config-unknown-key",
                    f"unknown setting '{shown(key)}' in [languages]",
                    did_you_mean(key, _SETTINGS)
                    or "[languages] knows default, default_at_root and fallback; each "
                    'language is a table of its own: [languages.ja] with source = "glossary/ja"',
                )
            )
    problems += _duplicates(entries, where)
    if problems:
        return None, problems
    return _assembled(settings, entries, where, shown)


def _assembled(
    settings: dict[str, Any], entries: list[Language], where: _Where, shown: Shown
) -> tuple[Languages | None, list[Diagnostic]]:
    header = where.table("languages")
    if not entries:
        return None, [
            _problem(
                header,
                "config-languages",
                "[languages] lists no language",
                "add a table per language: [languages.en] and [languages.de], each with "
                'source = "glossary/<code>" (the default), or remove [languages]',
            )
        ]
    codes = [language.code for language in entries]
    default = settings.get("default")
    if default is None or default not in codes:
        found = f"'{shown(default)}' is not one of its languages" if default else "is missing"
        hint = did_you_mean(default, codes) if default else ""
        return None, [
            _problem(
                where.setting("default") if default else header,
                "config-languages",
                f"[languages] default {found} ({', '.join(codes)})",
                hint
                or f'write default = "{codes[0]}" under [languages]: the language at the '
                "site's root, which the others fall back to",
            )
        ]
    ordered = sorted(entries, key=lambda language: language.code != default)
    languages = Languages(
        default,
        tuple(ordered),
        settings.get("default_at_root", True),
        settings.get("fallback", True),
        header[1],
    )
    return languages, []


def _language(
    code: str, table: dict[str, Any], where: _Where, shown: Shown, problems: list[Diagnostic]
) -> Language | None:
    located = where.table(f"languages.{code}", inline=code)
    if not LANGUAGE_CODE_RE.match(code):
        problems.append(
            _problem(
                located,
                "config-language",
                f"'{shown(code)}' in [languages.{shown(code)}] is not a language code",
                "name each language by its BCP 47 code: [languages.en], [languages.de], "
                "[languages.pt-br] (letters, digits and hyphens)",
            )
        )
        return None
    values: dict[str, str] = {}
    for key, value in table.items():
        at = where.key_after(key, located[1])
        if key not in _LANGUAGE_KEYS:
            problems.append(
                _problem(
                    at,
                    "config-unknown-key",
                    f"unknown setting '{shown(key)}' in [languages.{code}]",
                    did_you_mean(key, _LANGUAGE_KEYS)
                    or "known settings: source, title, description",
                )
            )
        elif not isinstance(value, str):
            problems.append(
                _problem(
                    at,
                    "config-type",
                    f"[languages.{code}] {key} must be a string",
                    f'write for example {key} = "{"glossary/" + code if key == "source" else "…"}"',
                )
            )
        elif key == "title" and not value.strip():
            problems.append(
                _problem(at, "config-empty", f"[languages.{code}] title is empty", "write a name")
            )
        else:
            values[key] = value.strip()
    return Language(code, line=located[1], **values)


def _duplicates(entries: list[Language], where: _Where) -> list[Diagnostic]:
    """Two tables whose codes are one language (``pt-br`` and ``pt-BR``)."""
    seen: dict[str, Language] = {}
    problems = []
    for language in entries:
        first = seen.setdefault(language.tag.casefold(), language)
        if first is not language:
            problems.append(
                _problem(
                    (where.path, language.line),
                    "config-languages",
                    f"[languages.{language.code}] is the same language as "
                    f"[languages.{first.code}] (line {first.line})",
                    "keep one of the two tables",
                )
            )
    return problems


def _problem(located: tuple[Path, int], code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(located[0], located[1], code, message, hint)


@dataclass(frozen=True, slots=True)
class _Where:
    """Lines of the table's keys in glossary.toml (0 when not found)."""

    path: Path
    lines: list[str]

    def table(self, name: str, inline: str = "") -> tuple[Path, int]:
        dotted = r"\s*\.\s*".join(f'"?{re.escape(part)}"?' for part in name.split("."))
        header = re.compile(rf"^\s*\[\s*{dotted}\s*\]")
        line = self._first(header)
        if not line and inline:  # languages = { ja = { … } } or ja = { … } under [languages]
            line = self.key_after(inline, self._first(re.compile(r"^\s*\[\s*languages\s*\]")))[1]
        return self.path, line

    def setting(self, key: str) -> tuple[Path, int]:
        return self.key_after(key, self.table("languages")[1])

    def key_after(self, key: str, start: int) -> tuple[Path, int]:
        pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*=')
        for number, text in enumerate(self.lines[start:], start + 1):
            if pattern.match(text):
                return self.path, number
        return self.path, start

    def _first(self, pattern: re.Pattern[str]) -> int:
        return next((n for n, text in enumerate(self.lines, 1) if pattern.match(text)), 0)
