"""Site configuration: ``glossary.toml`` read into a frozen, typed ``SiteConfig``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .diagnostics import Diagnostic, did_you_mean

CONFIG_FILE_NAME = "glossary.toml"

_LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Every setting of ``glossary.toml``; each field's comment is its documentation."""

    # Site name: shown in the header, in every <title> and as og:site_name.
    title: str = "Glossary"
    # One sentence about the glossary: the index page's lead and meta description.
    description: str = "Definitions of the terms we use."
    # Absolute URL the site is published at, e.g. "https://example.org/glossary/".
    # Needed for canonical links, og:url and sitemap.xml. Empty: those are left out.
    base_url: str = ""
    # BCP 47 language tag of the content, used as <html lang>.
    language: str = "en"
    # Default author of terms that do not name their own.
    author: str = ""
    # Copyright or licence line in the footer (plain text).
    copyright: str = ""
    # Keep raw HTML in term files as written (true) instead of sanitising it (false).
    trust_html: bool = False
    # Links end in "slug/" (true) or "slug/index.html" (false: works from disk).
    directory_urls: bool = True
    # Curly quotes, en/em dashes ("--", "---") and ellipses in prose (never in code or URLs).
    smart_typography: bool = True
    # A small "Copy" button on each code block (a few lines of inline script on such pages).
    copy_button: bool = False

    @property
    def base_path(self) -> str:
        """The path part of ``base_url`` ("/docs/glossary/"), "/" when unset."""
        path = urlsplit(self.base_url).path if self.base_url else "/"
        return path if path.endswith("/") else path + "/"


_FIELD_TYPES: dict[str, type] = {
    f.name: type(getattr(SiteConfig(), f.name)) for f in fields(SiteConfig)
}
_TOML_LINE_RE = re.compile(r"\(at line (\d+), column \d+\)")


def load_config(
    path: Path | None, overrides: dict[str, Any] | None = None
) -> tuple[SiteConfig, tuple[Diagnostic, ...]]:
    """Read ``path`` (or defaults when None), apply ``overrides`` and validate every key.

    ``overrides`` come from the command line (``--base-url``) and win over the file.
    """
    overrides = overrides or {}
    if path is None:
        return _validate(_Origin(Path(CONFIG_FILE_NAME), [], frozenset(overrides)), overrides)
    try:
        text = path.read_bytes().decode("utf-8-sig")
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        return SiteConfig(), (
            Diagnostic(
                path,
                bytes(exc.object).count(b"\n", 0, exc.start) + 1,
                "config-encoding",
                f"the file is not valid UTF-8 (byte 0x{bytes(exc.object)[exc.start]:02x})",
                "save it with UTF-8 encoding (in most editors: 'Save with encoding' → UTF-8)",
            ),
        )
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE_RE.search(str(exc))
        line = int(match.group(1)) if match else 0
        message = _TOML_LINE_RE.sub("", str(exc)).strip()
        return SiteConfig(), (
            Diagnostic(
                path,
                line,
                "config-syntax",
                f"TOML syntax error: {message}",
                'check quotes and brackets; strings need "double quotes"',
            ),
        )
    origin = _Origin(path, text.splitlines(), frozenset(overrides))
    return _validate(origin, {**data, **overrides})


@dataclass(frozen=True, slots=True)
class _Origin:
    """Where each setting came from: a line of the file, or a command-line option."""

    path: Path
    lines: list[str]
    from_command_line: frozenset[str]

    def of(self, key: str) -> tuple[Path, int]:
        if key in self.from_command_line:
            return Path("--" + key.replace("_", "-")), 0
        name = re.escape(key)
        pattern = re.compile(rf"^\s*(?:{name}\s*=|\[+\s*{name}\s*\])")
        line = next((i for i, text in enumerate(self.lines, 1) if pattern.match(text)), 0)
        return self.path, line


def _validate(origin: _Origin, data: dict[str, Any]) -> tuple[SiteConfig, tuple[Diagnostic, ...]]:
    values: dict[str, Any] = {}
    problems: list[Diagnostic] = []
    for key, value in data.items():
        path, line = origin.of(key)
        expected = _FIELD_TYPES.get(key)
        if expected is None:
            guess = did_you_mean(key, _FIELD_TYPES)
            problems.append(
                Diagnostic(
                    path,
                    line,
                    "config-unknown-key",
                    f"unknown setting '{key}'",
                    "settings go at the top level: remove the line "
                    f"'[{key}]' and keep the settings below it"
                    if isinstance(value, dict)
                    else guess or "known settings: " + ", ".join(sorted(_FIELD_TYPES)),
                )
            )
        elif type(value) is not expected:
            problems.append(
                Diagnostic(
                    path,
                    line,
                    "config-type",
                    f"'{key}' must be {_type_name(expected)}, not {_type_name(type(value))}",
                    f"write for example {key} = {_example(expected)}",
                )
            )
        else:
            values[key] = value.strip() if isinstance(value, str) else value
    if values.get("base_url") and not values["base_url"].endswith("/"):
        values["base_url"] += "/"
    config = SiteConfig(**values)
    problems.extend(_check_values(origin, config))
    return config, tuple(problems)


def _check_values(origin: _Origin, config: SiteConfig) -> list[Diagnostic]:
    problems = []
    if config.base_url:
        parts = urlsplit(config.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(
                Diagnostic(
                    *origin.of("base_url"),
                    "config-base-url",
                    f"base_url '{config.base_url}' is not an absolute http(s) URL",
                    'write it in full, with its scheme, e.g. "https://example.org/glossary/"',
                )
            )
    if not _LANGUAGE_RE.match(config.language):
        problems.append(
            Diagnostic(
                *origin.of("language"),
                "config-language",
                f"language '{config.language}' is not a BCP 47 language tag",
                'use a tag such as "en", "de" or "pt-BR"',
            )
        )
    return problems


def _type_name(kind: type) -> str:
    return {
        str: "a string",
        bool: "true or false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a table",
    }.get(kind, kind.__name__)


def _example(kind: type) -> str:
    return "true" if kind is bool else '"text"'
