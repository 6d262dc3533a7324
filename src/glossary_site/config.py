"""Site configuration: ``glossary.toml`` read into a frozen, typed ``SiteConfig``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .config_exports import exports_table, feed_entries_problem
from .config_languages import Languages, languages_table
from .config_urls import base_url_problem
from .config_urls import escaped as _escaped
from .diagnostics import Diagnostic, did_you_mean
from .inputs import (
    FORBIDDEN_HINT,
    MAX_CONFIG_BYTES,
    InputRoots,
    find_forbidden_character,
    read_input,
)
from .lint_codes import LINT_CODES, LINT_LEVELS

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
    # Days after a term's 'updated' date when check warns that it is due for review
    # (review-overdue); 0 switches that off.
    review_after: int = 0
    # Repository of the glossary's sources, e.g. "https://github.com/org/glossary".
    repo_url: str = ""
    # Folder of the term files in the repository's web editor: a path below repo_url
    # ("edit/main/glossary/") or a full URL. With it, every term page links "Edit this term".
    edit_uri: str = ""
    # Terms without 'updated' get the date of their file's last git commit.
    updated_from_git: bool = False
    # Names of other terms in a term's text become links (first mention per section);
    # false: only the links the editors write (a term opts out with autolink: false).
    autolink: bool = True
    # The /graph/ page draws the map of every term up to this many terms; above it, the
    # page lists the clusters (categories) instead.
    graph_max_terms: int = 300
    # Full-text search: a search box on every page and Pagefind's index in pagefind/.
    search: bool = True
    # "Related terms" cards a term page shows at least: a term's own related list shows in
    # full, and below this many, cards are added from the graph (links, mentions, shared
    # tags, category). 0: only the related list.
    related_terms: int = 6
    # Terms the A–Z index lists on one page; beyond, each letter gets a page (letters/a/).
    index_split_at: int = 1000
    # [lint] table: lint code → "warning" (default), "error" or "off", as (code, level) pairs.
    lint: tuple[tuple[str, str], ...] = ()
    # [exports] table: export name → true (default) or false, as (name, on) pairs.
    exports: tuple[tuple[str, bool], ...] = ()
    # Entries of the Atom feed (feed.xml): the newest terms by 'updated'.
    feed_entries: int = 20
    # [languages] table: one site per language (config_languages.py, multisite/); None: one.
    languages: Languages | None = None

    @property
    def base_path(self) -> str:
        """The path part of ``base_url`` ("/docs/glossary/"), "/" when unset."""
        path = urlsplit(self.base_url).path if self.base_url else "/"
        return path if path.endswith("/") else path + "/"

    def exports_on(self, name: str) -> bool:
        """Whether the export ``name`` (see export_names.py) is written; on unless switched off."""
        return dict(self.exports).get(name, True)


_TABLES = frozenset({"lint", "exports", "languages"})
_FIELD_TYPES: dict[str, type] = {
    f.name: dict if f.name in _TABLES else type(getattr(SiteConfig(), f.name))
    for f in fields(SiteConfig)
}
_TOML_LINE_RE = re.compile(r"\(at line (\d+), column \d+\)")


def load_config(
    path: Path | None, overrides: dict[str, Any] | None = None, roots: InputRoots | None = None
) -> tuple[SiteConfig, tuple[Diagnostic, ...]]:
    """Read ``path`` (or defaults when None), apply ``overrides`` and validate every key.

    ``overrides`` come from the command line (``--base-url``) and win over the file.
    The file must lie inside ``roots`` (by default its own folder), at most
    ``MAX_CONFIG_BYTES``.
    """
    overrides = overrides or {}
    if path is None:
        return _validate(_Origin(Path(CONFIG_FILE_NAME), [], frozenset(overrides)), overrides)
    data = read_input(path, roots or InputRoots.for_project(path.parent), MAX_CONFIG_BYTES)
    if isinstance(data, Diagnostic):
        return SiteConfig(), (data,)
    return _parse(path, data, overrides)


def _parse(
    path: Path, raw: bytes, overrides: dict[str, Any]
) -> tuple[SiteConfig, tuple[Diagnostic, ...]]:
    try:
        text = raw.decode("utf-8-sig")
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
                    f"unknown setting '{_escaped(key)}'",
                    did_you_mean(key, _TABLES)
                    or "settings go at the top level: remove the line "
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
        elif isinstance(value, str) and find_forbidden_character(value):
            problems.append(_forbidden(path, line, key, value))
        elif isinstance(value, dict) and key == "languages":
            values[key], found = languages_table(origin.path, origin.lines, value, _escaped)
            problems += found
        elif isinstance(value, dict) and key == "exports":
            values[key], found = exports_table(origin.of, value, _escaped)
            problems += found
        elif isinstance(value, dict):  # the [lint] table
            values[key], found = _lint_table(origin, value)
            problems += found
        else:
            values[key] = value.strip() if isinstance(value, str) else value
    written_base_url = str(values.get("base_url", ""))  # shown in messages as written
    if written_base_url and not written_base_url.endswith("/"):
        values["base_url"] = written_base_url + "/"
    config = SiteConfig(**values)
    problems.extend(_check_values(origin, config, written_base_url))
    return config, tuple(problems)


def _forbidden(path: Path, line: int, key: str, value: str) -> Diagnostic:
    found = find_forbidden_character(value)
    shown = found.shown if found else "a control character"
    return Diagnostic(
        path,
        line,
        "control-character",
        f"'{key}' contains the invisible character {shown}",
        FORBIDDEN_HINT,
    )


def _check_values(origin: _Origin, config: SiteConfig, written_base_url: str) -> list[Diagnostic]:
    problems = []
    if config.base_url:
        problem = base_url_problem(config.base_url)
        if problem:
            problems.append(
                Diagnostic(
                    *origin.of("base_url"),
                    "config-base-url",
                    f"base_url '{_escaped(written_base_url)}' {problem[0]}",
                    problem[1],
                )
            )
    if not config.title:
        problems.append(
            Diagnostic(
                *origin.of("title"),
                "config-empty",
                "'title' is empty: the site needs a name for its header and every <title>",
                'write a name, e.g. title = "Team Glossary", or remove the line for "Glossary"',
            )
        )
    problems += _edit_link_problems(origin, config)
    feed_problem = feed_entries_problem(origin.of, config.feed_entries)
    if feed_problem is not None:
        problems.append(feed_problem)
    if config.review_after < 0:
        problems.append(
            Diagnostic(
                *origin.of("review_after"),
                "config-review-after",
                f"review_after is {config.review_after}: it counts days and may not be negative",
                "write a number of days, e.g. review_after = 365, or 0 to switch it off",
            )
        )
    if config.graph_max_terms < 0:
        problems.append(
            Diagnostic(
                *origin.of("graph_max_terms"),
                "config-graph-max-terms",
                f"graph_max_terms is {config.graph_max_terms}: it counts terms and may not be "
                "negative",
                "write a number of terms, e.g. graph_max_terms = 300, or 0 to list clusters only",
            )
        )
    problems += _count_problems(origin, config)
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


def _count_problems(origin: _Origin, config: SiteConfig) -> list[Diagnostic]:
    """``related_terms`` and ``index_split_at`` count things: never negative."""
    return [
        Diagnostic(
            *origin.of(key),
            "config-count",
            f"{key} is {getattr(config, key)}: it counts {what} and may not be negative",
            f"write a number, e.g. {key} = {getattr(SiteConfig(), key)}",
        )
        for key, what in (("related_terms", "cards"), ("index_split_at", "terms"))
        if getattr(config, key) < 0
    ]


_EDIT_PATH_RE = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=@%/]+")  # a path: no ":", so no scheme


def _edit_link_problems(origin: _Origin, config: SiteConfig) -> list[Diagnostic]:
    """``repo_url`` must be an http(s) URL; ``edit_uri`` one too, or a path below repo_url."""
    problems = []
    if config.repo_url and (problem := base_url_problem(config.repo_url)):
        problems.append(
            Diagnostic(
                *origin.of("repo_url"),
                "config-repo-url",
                f"repo_url '{_escaped(config.repo_url)}' {problem[0]}",
                problem[1],
            )
        )
    edit_uri = config.edit_uri
    if edit_uri.startswith(("https://", "http://")):
        problem = base_url_problem(edit_uri)
    elif edit_uri and (not _EDIT_PATH_RE.fullmatch(edit_uri) or ".." in edit_uri.split("/")):
        problem = ("is neither an http(s) URL nor a path", 'write e.g. "edit/main/glossary/"')
    elif edit_uri and not config.repo_url:
        problem = ("is a path, but repo_url is not set", "set repo_url, or write a full URL")
    else:
        problem = None
    if problem:
        problems.append(
            Diagnostic(
                *origin.of("edit_uri"),
                "config-edit-uri",
                f"edit_uri '{_escaped(edit_uri)}' {problem[0]}",
                problem[1],
            )
        )
    return problems


def _lint_table(
    origin: _Origin, table: dict[str, Any]
) -> tuple[tuple[tuple[str, str], ...], list[Diagnostic]]:
    """The ``[lint]`` table as sorted (code, level) pairs; unknown codes and levels reported."""
    levels: list[tuple[str, str]] = []
    problems = []
    for code, level in table.items():
        path, line = origin.of(code)
        if code not in LINT_CODES:
            problems.append(
                Diagnostic(
                    path,
                    line,
                    "config-unknown-key",
                    f"unknown lint code '{_escaped(code)}' in [lint]",
                    did_you_mean(code, LINT_CODES)
                    or "known lint codes: " + ", ".join(sorted(LINT_CODES)),
                )
            )
        elif level not in LINT_LEVELS:
            problems.append(
                Diagnostic(
                    path,
                    line,
                    "config-type",
                    f"[lint] {code} must be one of "
                    + ", ".join(f'"{name}"' for name in LINT_LEVELS)
                    + f", not {_escaped(repr(level))}",
                    f'write for example {code} = "error"',
                )
            )
        else:
            levels.append((code, level))
    return tuple(sorted(levels)), problems


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
    return {bool: "true", int: "365", dict: '{ orphan-term = "off" }'}.get(kind, '"text"')
