"""One site per language (``[languages]`` in glossary.toml), above the pipeline of one.

``build_sites`` and ``check_sites`` take the place of ``build`` and ``check``: without
``[languages]`` they are exactly those. With it, each language's site is read, checked
and rendered by the usual pipeline (its own ``language``, title, URL prefix and cache
entries), and the sites are written as one output folder by ``build``'s atomic write.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from ..build import Glossary, Project, Report, build, check, input_roots
from ..config import SiteConfig, load_config
from ..config_languages import Languages
from ..diagnostics import Diagnostic, has_errors, sort_diagnostics
from ..inputs import MAX_CONFIG_BYTES, InputRoots, read_input
from .assemble import Read, clashes, dedupe, read_languages, render_languages
from .plan import plan_sites

Prepared = tuple[Glossary | None, tuple[Diagnostic, ...], Mapping[PurePosixPath, bytes]]


def languages_of(project: Project) -> tuple[SiteConfig, Languages] | Report | None:
    """The site's config and its ``[languages]``; None for a site in one language (or a
    config with errors, which the usual pipeline reports); a report of the config's errors
    when they are in a site with ``[languages]`` (whose terms cannot be read as one site)."""
    config, problems = load_config(
        project.config_path, dict(project.overrides), input_roots(project)
    )
    if problems and _has_languages_table(project.config_path):
        return Report(sort_diagnostics(problems))
    if problems or config.languages is None:
        return None
    return config, config.languages


def _has_languages_table(config_path: Path | None) -> bool:
    if config_path is None:
        return False
    data = read_input(config_path, InputRoots.for_project(config_path.parent), MAX_CONFIG_BYTES)
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else ""
    return re.search(r"^\s*\[\s*languages\s*[.\]]", text, re.M) is not None


def check_sites(project: Project) -> Report:
    """``check`` for one site or, with ``[languages]``, every language's."""
    found = languages_of(project)
    if found is None:
        return check(project)
    if isinstance(found, Report):
        return found
    prepare = _Preparer(*found)
    return prepare.counted(check(project, prepare))


def build_sites(project: Project, out_dir: Path, **options: Any) -> Report:
    """``build`` for one site or, with ``[languages]``, every language's into ``out_dir``."""
    found = languages_of(project)
    if found is None:
        return build(project, out_dir, **options)
    if isinstance(found, Report):
        return found
    prepare = _Preparer(*found)
    return prepare.counted(build(project, out_dir, prepare=prepare, **options))


def one_language(project: Project) -> tuple[Project, str]:
    """``serve`` shows one site: with ``[languages]``, the default language's (and a note
    to print); otherwise ``project`` as it is."""
    found = languages_of(project)
    if not isinstance(found, tuple):
        return project, ""
    sites, problems = plan_sites(project, *found)
    if problems or not sites:
        return project, ""
    code = sites[0].code
    return sites[0].project, (
        f"Serving the default language ({code}) only; build shows every language."
    )


class _Preparer:
    """``prepare`` of ``build`` and ``check`` for every language; it counts the terms of
    all (each language's own published terms and drafts, not its fallback pages)."""

    def __init__(self, config: SiteConfig, languages: Languages) -> None:
        self.config = config
        self.languages = languages
        self.counts: tuple[int, int] | None = None

    def __call__(self, project: Project, write_cache: bool) -> Prepared:
        return prepare_sites(project, self.config, self.languages, write_cache, self)

    def count(self, reads: list[Read]) -> None:
        published = sum(len(r.glossary.graph.nodes) - len(r.fallbacks) for r in reads)
        every = sum(len(r.glossary.terms) - len(r.fallbacks) for r in reads)
        self.counts = (published, every - published)

    def counted(self, report: Report) -> Report:
        if self.counts is None:
            return report
        return dataclasses.replace(report, term_count=self.counts[0], draft_count=self.counts[1])


def prepare_sites(
    project: Project,
    config: SiteConfig,
    languages: Languages,
    write_cache: bool,
    preparer: _Preparer | None = None,
) -> Prepared:
    """Every language read, checked and, when all is clean, rendered into one mapping.

    The glossary returned is the default language's; ``preparer`` counts every one's."""
    sites, problems = plan_sites(project, config, languages)
    if problems:
        return None, dedupe(list(problems)), {}
    reads, diagnostics = read_languages(sites, languages, write_cache)
    if not reads:
        return None, dedupe(diagnostics), {}
    if preparer is not None:
        preparer.count(reads)
    diagnostics += clashes(reads)
    if has_errors(diagnostics) or len(reads) < len(sites):
        return reads[0].glossary, dedupe(diagnostics), {}
    outputs, rendering = render_languages(reads, config.base_url, write_cache)
    diagnostics += rendering
    return reads[0].glossary, dedupe(diagnostics), MappingProxyType(outputs)
