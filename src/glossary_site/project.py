"""Where a glossary's inputs are, what reading it gives, and which folders a build must spare."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .autolink import LinkMemo
from .cache import Store, TermCache, folder_clash
from .config import SiteConfig
from .diagnostics import Diagnostic
from .graph import TermGraph
from .i18n import Catalogue
from .inputs import InputFile, InputRoots
from .schema import Term


@dataclass(frozen=True, slots=True)
class Project:
    """Where a glossary's inputs are; ``templates_dir`` may not exist."""

    source_dir: Path
    config_path: Path | None = None
    templates_dir: Path | None = None
    static_dir: Path | None = None
    overrides: Mapping[str, Any] = field(default_factory=dict)
    cache_dir: Path | None = None  # None: no cache (see cache/)
    jobs: int = 1  # processes that parse and convert terms
    # One language of a site in several (multisite/): the default language's files of the
    # terms this language lacks, and what its templates get besides the usual values.
    fallback_files: tuple[InputFile, ...] = ()
    left_out: frozenset[Path] = frozenset()  # its own drafts those files stand in for
    template_globals: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Glossary:
    config: SiteConfig
    terms: tuple[Term, ...]
    graph: TermGraph
    files: Mapping[PurePosixPath, Path] = field(default_factory=dict)  # beside terms → site
    digests: Mapping[str, str] = field(default_factory=dict)  # slug → cache entry digest
    cache_keys: frozenset[str] = frozenset()  # the cache entries of the term files
    environment: str = ""  # digest of versions and settings, "" without a cache
    ui: Catalogue | None = None  # interface strings (i18n): None, the package's
    # term file → the problems of reading, parsing and converting it alone (``patch``)
    own: Mapping[Path, tuple[Diagnostic, ...]] = field(default_factory=dict)


def _no_checkpoint() -> None:
    return None


@dataclass(frozen=True, slots=True)
class Caches:
    """Caches a long-running process keeps from one build to the next (``serve``):
    ``terms`` makes the term cache for an environment digest, ``pages`` holds term pages.
    ``checkpoint`` is called between stages and may raise to cancel the build."""

    terms: Callable[[str], TermCache]
    pages: Store
    checkpoint: Callable[[], None] = _no_checkpoint
    links: LinkMemo | None = None  # auto-links kept while the names stay the same


def checkpoint(caches: Caches | None) -> None:
    """Between stages: lets a long-running process (``serve``) cancel the build."""
    if caches is not None:
        caches.checkpoint()


def input_roots(project: Project) -> InputRoots:
    """Where input files may lie: the project folder (the config's) and outside inputs."""
    project_dir = project.config_path.parent if project.config_path else Path.cwd()
    return InputRoots.for_project(
        project_dir, project.source_dir, project.templates_dir, project.static_dir
    )


def protected_folders(project: Project) -> tuple[dict[str, Path], dict[str, Path]]:
    """Folders the output must never be or hold: (kept folders, input folders)."""
    config_dir = project.config_path.parent if project.config_path else Path.cwd()
    kept = {"the current folder": Path.cwd(), "the project folder": config_dir}
    inputs = {"the source folder": project.source_dir}
    if project.templates_dir and project.templates_dir.exists():
        inputs["the templates folder"] = project.templates_dir
    if project.static_dir and project.static_dir.exists():
        inputs["the static folder"] = project.static_dir
    return kept, inputs


def cache_clash(project: Project, out_dir: Path | None) -> Diagnostic | None:
    """An error when the cache folder lies in, or holds, the output or an input folder."""
    if project.cache_dir is None:
        return None
    folders = protected_folders(project)[1]
    if out_dir is not None:
        folders["the output folder"] = out_dir
    clash = folder_clash(project.cache_dir, folders)
    if clash is None:
        return None
    return Diagnostic(
        project.cache_dir,
        0,
        "cache-dir-clash",
        clash,
        "choose a folder of its own with --cache-dir (the default is .glossary-cache "
        "beside glossary.toml), or build without it: --no-cache",
    )
