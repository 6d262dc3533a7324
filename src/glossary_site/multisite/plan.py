"""Where each language's site comes from and goes: its folder, URL prefix and settings."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from ..build import Project
from ..config import CONFIG_FILE_NAME, SiteConfig
from ..config_languages import Language, Languages
from ..diagnostics import Diagnostic, printable


@dataclass(frozen=True, slots=True)
class Site:
    """One language's site: built by the usual pipeline from ``project``."""

    language: Language
    prefix: str  # "" at the root, else "ja/"
    project: Project

    @property
    def code(self) -> str:
        return self.language.code


def plan_sites(
    project: Project, config: SiteConfig, languages: Languages
) -> tuple[tuple[Site, ...], tuple[Diagnostic, ...]]:
    """A ``Site`` per language (the default first); the problems of the folders."""
    config_path = project.config_path or Path(CONFIG_FILE_NAME)
    config_dir = config_path.parent
    sites: list[Site] = []
    problems: list[Diagnostic] = []
    folders: dict[Path, Language] = {}
    for language in languages.entries:
        folder = (
            config_dir / language.source if language.source else project.source_dir / language.code
        )
        problem = _outside_problem(config_path, language, folder) or _folder_problem(
            config_path, language, folder, folders
        )
        if problem is not None:
            problems.append(problem)
            continue
        folders[Path(os.path.abspath(folder))] = language
        at_root = language.code == languages.default and languages.default_at_root
        prefix = "" if at_root else f"{language.code}/"
        overrides = {**project.overrides, "language": language.tag}
        if language.title:
            overrides["title"] = language.title
        if language.description:
            overrides["description"] = language.description
        if config.base_url:
            overrides["base_url"] = config.base_url + prefix
        # Each language's cache entries in a folder of their own: a language's build
        # prunes the entries it does not use, which would be the other languages'.
        cache_dir = project.cache_dir / "languages" / language.code if project.cache_dir else None
        own = dataclasses.replace(
            project, source_dir=folder, overrides=overrides, cache_dir=cache_dir
        )
        sites.append(Site(language, prefix, own))
    return tuple(sites), tuple(problems)


def _outside_problem(config_path: Path, language: Language, folder: Path) -> Diagnostic | None:
    """A ``source`` written in glossary.toml must lie in the project folder (the config's):
    a pull request that changes the config must not publish files from elsewhere on the
    machine that builds it. (``--source``, given on the command line, may lie anywhere.)"""
    if not language.source:
        return None
    project_dir = Path(os.path.realpath(config_path.parent))
    if Path(os.path.realpath(folder)).is_relative_to(project_dir):
        return None
    return Diagnostic(
        config_path,
        language.line,
        "language-source-outside",
        f"the folder {printable(language.source)} of the language '{language.code}' lies "
        f"outside the project folder ({printable(project_dir.as_posix())})",
        "keep each language's term files inside the project, e.g. "
        f'source = "glossary/{language.code}"',
    )


def _folder_problem(
    config_path: Path, language: Language, folder: Path, taken: dict[Path, Language]
) -> Diagnostic | None:
    where = (config_path, language.line)
    shown = printable(folder.as_posix())
    fix = (
        'create it, or name the folder of its term files: source = "…" under '
        f"[languages.{language.code}]"
    )
    if not folder.is_dir():
        return Diagnostic(
            *where,
            "language-source",
            f"the folder {shown} of the language '{language.code}' does not exist",
            fix,
        )
    absolute = Path(os.path.abspath(folder))
    for other_folder, other in taken.items():
        if (
            absolute == other_folder
            or absolute.is_relative_to(other_folder)
            or other_folder.is_relative_to(absolute)
        ):
            relation = (
                "is the folder" if absolute == other_folder else "lies inside or holds the folder"
            )
            return Diagnostic(
                *where,
                "language-source",
                f"the folder {shown} of the language '{language.code}' {relation} of "
                f"the language '{other.code}' (line {other.line})",
                "give each language a folder of its own, side by side: glossary/en/, glossary/de/",
            )
    return None
