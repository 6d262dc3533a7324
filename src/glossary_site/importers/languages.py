"""``import cncf SRC --all-languages``: every language folder of SRC into ``OUT/<code>/``,
and the ``[languages]`` table of glossary.toml that builds them as one site per language.

Each language is imported as ``--language <code>`` does, except for links to a term the
language lacks: they lead to its fallback page in the language's own site (``slug``),
which shows the default language's text, instead of to glossary.cncf.io.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..config import CONFIG_FILE_NAME
from ..config_languages import LANGUAGE_CODE_RE
from ..diagnostics import Diagnostic, Severity
from .collect import existing_names, finish, make_slug
from .model import ImportOptions, ImportResult

DEFAULT_LANGUAGE = "en"
_LANGUAGES_TABLE_RE = re.compile(r"^\s*\[\s*languages\s*[\].]", re.M)

Importer = Callable[[Path, ImportOptions], ImportResult]
Writer = Callable[..., tuple[list[Path], list[Diagnostic]]]


@dataclass(frozen=True, slots=True)
class LanguageImport:
    code: str
    written: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...]


def language_folders(src: Path) -> list[str]:
    """Sub-folders of ``src`` named like a language that hold Markdown files, sorted."""
    if not src.is_dir():
        return []
    return sorted(
        entry.name
        for entry in src.iterdir()
        if entry.is_dir() and LANGUAGE_CODE_RE.match(entry.name) and any(entry.glob("*.md"))
    )


def import_languages(
    importer: Importer, src: Path, out_dir: Path, write: Writer, *, force: bool
) -> tuple[list[LanguageImport], list[Diagnostic]]:
    """Every language folder of ``src`` imported into ``out_dir/<code>``, the default
    language (``en``, else the first) first; then glossary.toml beside ``out_dir``."""
    codes = language_folders(src)
    if not codes:
        return [], [
            Diagnostic(
                src,
                0,
                "import-no-language",
                "there are no language folders (en/, de/, pt-br/ … holding *.md files) here",
                "give the folder that holds them (the source's content/), or import one "
                "folder with --language",
            )
        ]
    default = DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in codes else codes[0]
    codes.sort(key=lambda code: code != default)
    # The default language's published terms: the other languages' fallback pages.
    fallback = frozenset(make_slug(path.stem) for path in (src / default).glob("*.md"))
    done = []
    for code in codes:
        result = importer(src, ImportOptions(code, fallback_slugs=fallback))
        if code == default:
            fallback = frozenset(t.slug for t in result.terms if t.status != "draft")
        target = out_dir / code
        terms = finish(result, existing_names(target))
        written, problems = write(terms, target, force=force)
        done.append(LanguageImport(code, tuple(written), (*result.diagnostics, *problems)))
    problem = write_config(out_dir, codes, default)
    return done, [problem] if problem else []


def write_config(out_dir: Path, codes: list[str], default: str) -> Diagnostic | None:
    """glossary.toml beside ``out_dir`` with the ``[languages]`` table; an existing file
    gets the table appended unless it has one (then it is left alone, with a warning)."""
    config_path = config_path_of(out_dir)
    folder = Path(os.path.relpath(out_dir, config_path.parent)).as_posix()
    lines = [
        "",
        "# One site per language (see README: Several languages).",
        "[languages]",
        f'default = "{default}"',
        "default_at_root = true",
        "fallback = true",
    ]
    for code in codes:
        # A JSON string is a TOML basic string: quotes and backslashes in the path escaped.
        lines += ["", f"[languages.{code}]", f"source = {json.dumps(f'{folder}/{code}')}"]
    table = "\n".join(lines) + "\n"
    existing = config_path.read_text("utf-8") if config_path.is_file() else ""
    if _LANGUAGES_TABLE_RE.search(existing):
        return Diagnostic(
            config_path,
            0,
            "import-languages-kept",
            "the file already has a [languages] table; it was left as it is",
            f"check that it lists these languages: {', '.join(codes)}",
            Severity.WARNING,
        )
    head = existing if existing else f'title = "Cloud Native Glossary"\nlanguage = "{default}"\n'
    config_path.write_text(head.rstrip("\n") + "\n" + table, "utf-8")
    return None


def config_path_of(out_dir: Path) -> Path:
    """Where ``import_languages`` writes the ``[languages]`` table."""
    return out_dir.parent / CONFIG_FILE_NAME
