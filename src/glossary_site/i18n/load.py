"""Catalogues from TOML: the package's (``i18n/<lang>.toml``) and a project's own
(``translations/<lang>.toml`` beside glossary.toml), merged along the language's
fallback chain (``de-AT`` → ``de`` → ``en``).

A project file may translate a language the package does not ship, or change some of a
shipped language's strings. Its problems are warnings (``check`` shows them; the site is
built with English in their place): a key English does not have, a string with a
placeholder English does not have, a language whose strings are partly missing.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..collation import primary_language
from ..diagnostics import Diagnostic, Severity, did_you_mean, printable
from ..inputs import InputRoots, read_input
from .catalogue import PLURAL_CATEGORIES, Catalogue, Entry, placeholders

PACKAGE_DIR = Path(__file__).parent
TRANSLATIONS_DIR = "translations"
MAX_CATALOGUE_BYTES = 1024 * 1024
_KEY_LINE_RE = re.compile(r"""^\s*(?:"([^"]+)"|([A-Za-z0-9_-]+))\s*=""")
_LANGUAGE_LINE_RE = re.compile(r"^\s*language\s*=")
_TOML_LINE_RE = re.compile(r"\s*\(at line (\d+), column \d+\)")
_TABLE_RE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")


def translations_dir(config_path: Path | None) -> Path | None:
    """Where a project's translations are: ``translations/`` beside its glossary.toml."""
    return config_path.parent / TRANSLATIONS_DIR if config_path else None


def fallback_chain(language: str) -> tuple[str, ...]:
    """'de-AT' → ('en', 'de', 'de-at'): most general first, each tag in lower case."""
    parts = language.casefold().split("-")
    chain = ["en", *("-".join(parts[: i + 1]) for i in range(len(parts)))]
    return tuple(dict.fromkeys(chain))


@functools.cache
def shipped_languages() -> frozenset[str]:
    return frozenset(path.stem.casefold() for path in PACKAGE_DIR.glob("*.toml"))


@functools.cache
def shipped(language: str) -> dict[str, Entry]:
    """The package's strings for exactly ``language`` (lower case), {} when it has none."""
    path = PACKAGE_DIR / f"{language}.toml"
    if language not in shipped_languages():
        return {}
    return dict(flatten(tomllib.loads(path.read_text("utf-8"))))


def packaged_catalogue(language: str) -> Catalogue:
    """The catalogue of ``language`` from the package's files alone."""
    strings: dict[str, Entry] = {}
    for tag in fallback_chain(language):
        strings.update(shipped(tag))
    return Catalogue(language, strings)


def flatten(table: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Nested tables as dotted keys; a table of plural categories is one plural entry."""
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict) and value and set(value) <= set(PLURAL_CATEGORIES):
            yield key, value
        elif isinstance(value, dict):
            yield from flatten(value, f"{key}.")
        else:
            yield key, value


@dataclass(frozen=True, slots=True)
class _ProjectFile:
    path: Path
    text: str
    entries: dict[str, Any]

    def line_of(self, key: str) -> int:
        """The 1-based line where ``key`` is set (its table's line, or 1 when not found)."""
        table, _, name = key.rpartition(".")
        current = ""
        found = 0
        for number, line in enumerate(self.text.splitlines(), 1):
            header = _TABLE_RE.match(line)
            if header:
                current = header.group(1)
                found = found or (number if current == table else 0)
                continue
            match = _KEY_LINE_RE.match(line)
            if match and (match.group(1) or match.group(2)) == name and current == table:
                return number
            if match and f"{current}.{match.group(1) or match.group(2)}".lstrip(".") == key:
                return number
        return found or 1


def load_catalogue(
    language: str, config_path: Path | None, roots: InputRoots | None
) -> tuple[Catalogue, tuple[Diagnostic, ...]]:
    """The site's catalogue: the package's along the fallback chain, with the project's
    files (``translations/<tag>.toml`` beside ``config_path``) over each, and the
    problems of those files."""
    project_dir = config_path.parent if config_path else None
    english = shipped("en")
    strings: dict[str, Entry] = dict(english)
    problems: list[Diagnostic] = []
    found_any = False
    for tag in fallback_chain(language):
        strings.update(shipped(tag))
        found_any = found_any or (tag != "en" and bool(shipped(tag)))
        project = _read_project_file(project_dir, roots, tag, problems)
        if project is None:
            continue
        found_any = found_any or tag != "en"
        strings.update(_checked_entries(project, english, problems))
        if tag != "en" and tag == fallback_chain(language)[-1]:
            problems += _missing(project, english, language)
    if not found_any and primary_language(language) != "en":
        problems.append(_no_catalogue(language, config_path))
    return Catalogue(language, strings), tuple(problems)


def _read_project_file(
    project_dir: Path | None, roots: InputRoots | None, tag: str, problems: list[Diagnostic]
) -> _ProjectFile | None:
    if project_dir is None:
        return None
    folder = project_dir / TRANSLATIONS_DIR
    path = next((p for p in _candidates(folder, tag) if p.is_file() or p.is_symlink()), None)
    if path is None:
        return None
    data = read_input(path, roots or InputRoots.for_project(project_dir), MAX_CATALOGUE_BYTES)
    if isinstance(data, Diagnostic):
        problems.append(data)
        return None
    try:
        text = data.decode("utf-8")
        entries = dict(flatten(tomllib.loads(text)))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(_unreadable(path, exc))
        return None
    return _ProjectFile(path, text, entries)


def _candidates(folder: Path, tag: str) -> list[Path]:
    """``de-at.toml`` and ``de-AT.toml`` both name the tag de-AT."""
    parts = tag.split("-")
    cased = "-".join([parts[0], *(p.upper() if len(p) == 2 else p.title() for p in parts[1:])])
    return [folder / f"{name}.toml" for name in dict.fromkeys((tag, cased))]


def _unreadable(path: Path, exc: Exception) -> Diagnostic:
    found = _TOML_LINE_RE.search(str(exc))
    line = int(found.group(1)) if found else 0
    reason = "is not UTF-8" if isinstance(exc, UnicodeDecodeError) else "is not valid TOML"
    detail = printable(_TOML_LINE_RE.sub("", str(exc)).strip())
    return Diagnostic(
        path,
        line,
        "ui-catalogue-invalid",
        f"this translation file {reason} ({detail}); its strings are not used",
        'write one key per string, e.g. [term]\\nrelated = "Verwandte Begriffe" (see README,'
        ' "Languages")',
    )


def _checked_entries(
    project: _ProjectFile, english: Mapping[str, Entry], problems: list[Diagnostic]
) -> dict[str, Entry]:
    """The project's strings that may be used; a warning for each one that may not."""
    usable: dict[str, Entry] = {}
    for key, value in project.entries.items():
        line = project.line_of(key)
        if key not in english:
            hint = did_you_mean(key, english) or "remove it; the keys are those of en.toml"
            problems.append(_warning(project.path, line, "ui-string-unknown", key, hint))
            continue
        problem = _value_problem(value, english[key])
        if problem:
            problems.append(_warning(project.path, line, "ui-string-placeholder", key, problem))
            continue
        usable[key] = value
    return usable


def _value_problem(value: Any, english: Entry) -> str:
    """Why ``value`` cannot stand for the English string, or ''."""
    wanted = placeholders(english)
    plural = not isinstance(english, str)
    if plural and isinstance(value, str):
        value = {"other": value}
    if not (isinstance(value, str) or _is_forms(value)):
        kind = "plural forms (one = …, other = …)" if plural else "a string"
        return f"write {kind} here"
    if not isinstance(value, str) and "other" not in value:
        return "add the form other = … (the form every count falls back to)"
    extra = placeholders(value) - wanted
    if extra:
        names = ", ".join(f"{{{name}}}" for name in sorted(extra))
        known = ", ".join(f"{{{name}}}" for name in sorted(wanted)) or "none"
        return f"it uses {names}, which this string does not have (it has: {known})"
    missing = wanted - placeholders(value)
    if missing and not plural:
        names = ", ".join(f"{{{name}}}" for name in sorted(missing))
        return f"keep {names} in it: the page fills it in"
    return ""


def _is_forms(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _warning(path: Path, line: int, code: str, key: str, hint: str) -> Diagnostic:
    message = {
        "ui-string-unknown": f"'{printable(key)}' is not a key of the interface strings",
        "ui-string-placeholder": f"the string '{printable(key)}' cannot be used, so English "
        "is shown",
    }[code]
    return Diagnostic(path, line, code, message, hint, Severity.WARNING)


def _missing(
    project: _ProjectFile,
    english: Mapping[str, Entry],
    language: str,
) -> list[Diagnostic]:
    """One warning for the keys that stay English in a language (none when complete)."""
    chain = fallback_chain(language)[1:]
    covered = {key for tag in chain for key in shipped(tag)} | set(project.entries)
    missing = [key for key in english if key not in covered]
    if not missing:
        return []
    shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    return [
        Diagnostic(
            project.path,
            len(project.text.splitlines()) + 1,
            "ui-string-missing",
            f"{len(missing)} interface strings are not translated, so English is shown: {shown}",
            "add them to this file; en.toml in the package lists every key with its English text"
            " (glossary_site/i18n/en.toml)",
            Severity.WARNING,
        )
    ]


def _no_catalogue(language: str, config_path: Path | None) -> Diagnostic:
    tag = primary_language(language)
    folder = config_path.parent / TRANSLATIONS_DIR if config_path else Path(TRANSLATIONS_DIR)
    return Diagnostic(
        config_path or Path("glossary.toml"),
        _language_line(config_path),
        "ui-language-missing",
        f"there are no interface strings for language '{printable(language)}', so the pages'"
        " headings, labels and buttons are in English",
        f"add {folder / (tag + '.toml')} with the strings of en.toml translated"
        f" (shipped: {', '.join(sorted(shipped_languages()))})",
        Severity.WARNING,
    )


def _language_line(config_path: Path | None) -> int:
    """The line of ``language = …`` in the config (0 when it is not there: the default)."""
    try:
        text = config_path.read_text("utf-8") if config_path else ""
    except (OSError, UnicodeDecodeError):
        return 0
    lines = text.splitlines()
    return next((n for n, line in enumerate(lines, 1) if _LANGUAGE_LINE_RE.match(line)), 0)
