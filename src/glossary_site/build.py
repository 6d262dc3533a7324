"""The pipeline: ``check`` reads and validates; ``build`` does the same, then renders and writes.

Both return a ``Report``; neither prints. Stages hand each other frozen values:
config → raw files → terms → documents → graph → outputs → files on disk.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from .assets import asset_version, check_assets, load_assets
from .autolink import link_mentions
from .cache import Store, TermCache, environment_digest, folder_clash, templates_digest
from .cache.mentions import lint_cached
from .config import SiteConfig, load_config
from .convert import convert_terms
from .diagnostics import Diagnostic, has_errors, sort_diagnostics
from .edit_links import edit_urls
from .exports import export_files
from .git_dates import dates_from_git
from .graph import TermGraph, build_graph
from .graph_page import page_slug
from .i18n import Catalogue, load_catalogue, translations_dir
from .inputs import MAX_STATIC_BYTES, InputRoots, read_input
from .load import find_term_files
from .output_paths import output_path_problems
from .prerender import prerender_pages
from .redirects import find_redirects
from .references import check_references
from .related import with_related
from .render import make_environment, render_site
from .schema import Term
from .search import search_files
from .shortcut import Shortcut, project_inputs
from .taxonomy import build_taxonomy, page_clashes
from .template_errors import template_diagnostic
from .template_files import UnsafeTemplateError, check_template_files
from .write import (
    DEFAULT_LOCK_TIMEOUT,
    MANIFEST_NAME,
    RESERVED_AT_ROOT,
    OutputError,
    output_path_problem,
    output_problem,
    write_site,
)

# Files of a templates/ folder that are compiled as templates (others, like images, are not).
TEMPLATE_SUFFIXES = frozenset({".html", ".xml", ".txt", ".j2", ".jinja"})


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


@dataclass(frozen=True, slots=True)
class Caches:
    """Caches a long-running process keeps from one build to the next (``serve``):
    ``terms`` makes the term cache for an environment digest, ``pages`` holds term pages."""

    terms: Callable[[str], TermCache]
    pages: Store


@dataclass(frozen=True, slots=True)
class Report:
    diagnostics: tuple[Diagnostic, ...]
    term_count: int = 0  # published pages
    draft_count: int = 0
    files_written: int = 0
    seconds: float = 0.0
    base_url: str = ""  # as configured; "" means no canonical links and no sitemap

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def read_glossary(
    project: Project, *, write_cache: bool = False, caches: Caches | None = None
) -> tuple[Glossary | None, tuple[Diagnostic, ...]]:
    """Load, validate and link every term; None when nothing usable could be read.

    With ``project.cache_dir`` current cache entries are used, and new ones stored
    when ``write_cache`` is true; ``caches`` replace the cache folder.
    """
    roots = input_roots(project)
    config, problems = load_config(project.config_path, dict(project.overrides), roots)
    ui, ui_problems = load_catalogue(config.language, project.config_path, roots)
    diagnostics = [
        *problems,
        *ui_problems,
        *check_assets(project.static_dir, roots),
        *check_template_files(project.templates_dir, roots),
    ]
    term_files, unusable = find_term_files(project.source_dir, roots)
    diagnostics += unusable
    if not term_files:
        if not unusable:
            diagnostics.append(
                Diagnostic(
                    project.source_dir,
                    0,
                    "no-terms",
                    "there are no term files (*.md, *.markdown) in this folder",
                    'create one with: glossary-site new "My first term"',
                )
            )
        return None, sort_diagnostics(diagnostics)
    environment = ""
    term_cache = None
    if caches is not None:
        environment = environment_digest(config, project.source_dir, project.static_dir)
        term_cache = caches.terms(environment)
    elif project.cache_dir is not None:
        environment = environment_digest(config, project.source_dir, project.static_dir)
        term_cache = TermCache(Store(project.cache_dir, write_cache), environment)
    converted = convert_terms(
        term_files, config, project.source_dir, project.static_dir, term_cache, project.jobs
    )
    diagnostics += converted.diagnostics
    terms, documents, digests = converted.terms, converted.documents, converted.digests
    if config.updated_from_git:
        dated, shallow = dates_from_git(list(terms), project.source_dir, project.config_path)
        terms, diagnostics = tuple(dated), diagnostics + shallow
        # A page shows its date, so the cache key of a page changes with it.
        digests = {t.slug: f"{digests.get(t.slug, '')}:{t.updated}" for t in terms}
    # Mentions become links after conversion (the cached conversions stay valid) and
    # before the graph (they are backlinks); a page's key covers the links made.
    linked = link_mentions(
        terms, documents, enabled=config.autolink, directory_urls=config.directory_urls
    )
    documents = linked.documents
    # Term pages link to the map of all terms, whose folder depends on the slugs taken.
    graph_slug = page_slug(frozenset(t.slug for t in terms))
    digests = {
        slug: f"{digest}:{linked.digests.get(slug, '')}:{graph_slug}"
        for slug, digest in digests.items()
    }
    graph, problems = build_graph(terms, documents)
    graph = with_related(graph, config.related_terms, config.autolink, config.language)
    diagnostics += problems
    taxonomy, problems = build_taxonomy(graph, config.language)
    split_index = len(graph.nodes) > config.index_split_at
    diagnostics += (*problems, *page_clashes(graph, taxonomy, split_index))
    files, problems = check_references(terms, documents, graph, converted.index, config.language)
    diagnostics += problems
    cache_keys = converted.keys
    if not has_errors(diagnostics):  # advice on a glossary that works; see lint.py
        store = term_cache.store if term_cache else None
        found, used = lint_cached(graph, config, dt.date.today(), store, environment)
        diagnostics, cache_keys = diagnostics + list(found), cache_keys | used
    glossary = Glossary(
        config,
        terms,
        graph,
        files,
        digests=digests,
        cache_keys=cache_keys,
        environment=environment,
        ui=ui,
    )
    return glossary, sort_diagnostics(diagnostics)


def input_roots(project: Project) -> InputRoots:
    """Where input files may lie: the project folder (the config's) and outside inputs."""
    project_dir = project.config_path.parent if project.config_path else Path.cwd()
    return InputRoots.for_project(
        project_dir, project.source_dir, project.templates_dir, project.static_dir
    )


def check(project: Project) -> Report:
    """Everything ``build`` does except writing: the site is rendered in memory.

    ``build`` runs this same work and then writes, so a green ``check`` means a green
    ``build`` (short of the output folder and the disk).
    """
    started = time.perf_counter()
    clash = _cache_clash(project, None)
    if clash is not None:
        return Report((clash,))
    glossary, diagnostics, _ = _prepare(project, write_cache=False)
    return _report(glossary, diagnostics, 0, started)


def render_in_memory(
    project: Project, caches: Caches
) -> tuple[Glossary | None, tuple[Diagnostic, ...], Mapping[PurePosixPath, bytes]]:
    """What ``build`` would write, as ``{path: bytes}``, with caches kept in memory
    (``serve``); empty when there are content errors. Writes nothing."""
    return _prepare(project, write_cache=False, caches=caches)


def _prepare(
    project: Project, *, write_cache: bool, caches: Caches | None = None
) -> tuple[Glossary | None, tuple[Diagnostic, ...], Mapping[PurePosixPath, bytes]]:
    """Read, validate, compile the templates and, when all that is clean, render the site."""
    glossary, diagnostics = read_glossary(project, write_cache=write_cache, caches=caches)
    diagnostics += _check_templates(project)
    if glossary is None or has_errors(diagnostics):
        return glossary, diagnostics, {}
    outputs, problems = _render(glossary, project, write_cache, caches)
    problems += _reserved_names(outputs, project)
    return glossary, sort_diagnostics((*diagnostics, *problems)), outputs


def build(
    project: Project,
    out_dir: Path,
    *,
    strict: bool = False,
    force: bool = False,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    on_wait: Callable[[], None] | None = None,
) -> Report:
    """Check, render and write the site; on any failure the old site stays as it was.

    Whether to write is decided before anything is written: content errors, and with
    ``strict`` warnings too, leave the output folder untouched. ``force`` lets the build
    replace a non-empty folder that is not a previous build (see ``write``); ``on_wait``
    is called once if the build waits for another build of the same folder.
    """
    started = time.perf_counter()
    problem = output_path_problem(out_dir, *_protected_folders(project))
    if problem is not None:
        return Report((_output_diagnostic(out_dir, problem),))
    clash = _cache_clash(project, out_dir)
    if clash is not None:
        return Report((clash,))
    shortcut = _shortcut(project, out_dir)
    try:
        last = shortcut.unchanged(lock_timeout, on_wait) if shortcut else None
    except OutputError as exc:  # another build holds the folder for too long
        return Report((_output_diagnostic(out_dir, exc),))
    if last is not None:
        counts = (last.term_count, last.draft_count)
        seconds = time.perf_counter() - started
        return Report(last.diagnostics, *counts, 0, seconds, last.base_url)
    problem = output_problem(out_dir, *_protected_folders(project), force)
    if problem is not None:
        return Report((_output_diagnostic(out_dir, problem),))
    glossary, diagnostics, outputs = _prepare(project, write_cache=True)
    if glossary is None or not _may_write(diagnostics, strict):
        return _report(glossary, diagnostics, 0, started)
    report = _report(glossary, diagnostics, 0, started)  # sorted once: may be 100,000s
    done = None
    if shortcut is not None:
        counts = (report.term_count, report.draft_count)
        done = shortcut.recorder(counts, report.base_url, report.diagnostics)
    try:
        written = write_site(
            outputs,
            out_dir,
            force=force,
            lock_timeout=lock_timeout,
            on_wait=on_wait,
            on_done=done,
        )
    except OutputError as exc:
        failure = _output_diagnostic(out_dir, exc)
        return _report(glossary, (*diagnostics, failure), 0, started)
    seconds = time.perf_counter() - started
    return dataclasses.replace(report, files_written=written, seconds=seconds)


def _shortcut(project: Project, out_dir: Path) -> Shortcut | None:
    """The whole-build short cut (see ``shortcut``); only with a cache folder."""
    if project.cache_dir is None:
        return None
    folders = [
        ("source", project.source_dir),
        ("static", project.static_dir),
        ("templates", project.templates_dir),
        ("translations", translations_dir(project.config_path)),
    ]
    read = project_inputs(project.config_path, project.overrides, input_roots(project), folders)
    return Shortcut(project.cache_dir, out_dir, read)


def _may_write(diagnostics: tuple[Diagnostic, ...], strict: bool) -> bool:
    return not diagnostics if strict else not has_errors(diagnostics)


def _protected_folders(project: Project) -> tuple[dict[str, Path], dict[str, Path]]:
    """Folders the output must never be or hold: (kept folders, input folders)."""
    config_dir = project.config_path.parent if project.config_path else Path.cwd()
    kept = {"the current folder": Path.cwd(), "the project folder": config_dir}
    inputs = {"the source folder": project.source_dir}
    if project.templates_dir and project.templates_dir.exists():
        inputs["the templates folder"] = project.templates_dir
    if project.static_dir and project.static_dir.exists():
        inputs["the static folder"] = project.static_dir
    return kept, inputs


def _cache_clash(project: Project, out_dir: Path | None) -> Diagnostic | None:
    """An error when the cache folder lies in, or holds, the output or an input folder."""
    if project.cache_dir is None:
        return None
    folders = _protected_folders(project)[1]
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


def _output_diagnostic(out_dir: Path, problem: OutputError) -> Diagnostic:
    return Diagnostic(out_dir, 0, problem.code, problem.message, problem.hint)


def _reserved_names(
    outputs: Mapping[PurePosixPath, bytes], project: Project
) -> tuple[Diagnostic, ...]:
    """Static files named like what the build keeps or writes itself at the site root."""
    static_dir = project.static_dir or Path("static")
    return tuple(
        Diagnostic(
            static_dir / path,
            0,
            "static-reserved",
            f"the static file {path} has a name the build uses itself ({path.parts[0]})",
            "rename or remove it: the build writes its own "
            f"{MANIFEST_NAME} and keeps the output folder's .git",
        )
        for path in sorted(outputs)
        if path.parts[:1] and path.parts[0] in RESERVED_AT_ROOT
    )


def _report(
    glossary: Glossary | None, diagnostics: tuple[Diagnostic, ...], written: int, started: float
) -> Report:
    published = len(glossary.graph.nodes) if glossary else 0
    drafts = len(glossary.terms) - published if glossary else 0
    return Report(
        sort_diagnostics(diagnostics),
        published,
        drafts,
        written,
        time.perf_counter() - started,
        glossary.config.base_url if glossary else "",
    )


def _render(
    glossary: Glossary, project: Project, write_cache: bool, caches: Caches | None = None
) -> tuple[Mapping[PurePosixPath, bytes], tuple[Diagnostic, ...]]:
    """Pages and assets of the site, and the problems that stop it from being written."""
    roots = input_roots(project)
    assets, problems = load_assets(project.static_dir, roots)
    env = make_environment(project.templates_dir, roots)
    if glossary.ui is not None:  # the project's translations, for render (render.site_catalogue)
        env.globals["t"] = glossary.ui
    version = asset_version(assets)
    edit_links = edit_urls(glossary.config, glossary.terms, project.source_dir)
    store = caches.pages if caches is not None else None
    if store is None and project.cache_dir is not None and glossary.environment:
        store = Store(project.cache_dir, write_cache)
    templates = templates_digest(project.templates_dir, roots) if store else ""
    ready, page_keys = prerender_pages(
        glossary.graph,
        glossary.config,
        env,
        version,
        store=store,
        site=f"{glossary.environment}:{templates}:{glossary.ui.digest if glossary.ui else ''}",
        digests=glossary.digests,
        jobs=project.jobs,
        edit_urls=edit_links,
    )
    pages, failures = render_site(
        glossary.graph, glossary.config, env, version, edit_links, rendered=ready
    )
    searched, unsearchable, search_key = search_files(
        glossary.graph, glossary.config, project.config_path, store
    )
    if store is not None and (write_cache or caches is not None):
        store.prune(keep=glossary.cache_keys | set(page_keys) | {search_key})
    failed = tuple(_template_diagnostic(exc, project) for exc in failures)
    origins = {
        PurePosixPath(slug, "index.html"): (node.term.src_path, node.term.slug_line)
        for slug, node in glossary.graph.nodes.items()
    }
    static_dir = project.static_dir or Path("static")
    exported = export_files(glossary.graph, glossary.config, glossary.ui)
    redirects, collisions = _redirects(glossary)
    origins = {**origins, **redirects}
    clashes = output_path_problems({**exported, **searched, **pages}, assets, origins, static_dir)
    beside, unreadable = _read_files(glossary.files, roots)
    outputs = {**assets, **beside, **exported, **searched, **pages}
    return MappingProxyType(outputs), (
        *problems,
        *failed,
        *collisions,
        *clashes,
        *unreadable,
        *unsearchable,
    )


def _redirects(
    glossary: Glossary,
) -> tuple[dict[PurePosixPath, tuple[Path, int]], tuple[Diagnostic, ...]]:
    """Where each redirect page comes from, and the addresses two things claim (redirects.py)."""
    if not glossary.config.exports_on("redirects"):
        return {}, ()
    redirects, problems = find_redirects(glossary.graph)
    origins = {
        PurePosixPath(path, "index.html"): (redirect.source, redirect.line)
        for path, redirect in redirects.items()
    }
    return origins, problems


def _read_files(
    files: Mapping[PurePosixPath, Path], roots: InputRoots
) -> tuple[dict[PurePosixPath, bytes], list[Diagnostic]]:
    """The bytes of the files beside terms that published terms reference (read safely)."""
    found: dict[PurePosixPath, bytes] = {}
    problems = []
    for site_path, path in files.items():
        data = read_input(path, roots, MAX_STATIC_BYTES)
        if isinstance(data, Diagnostic):
            problems.append(data)
        else:
            found[site_path] = data
    return found, problems


def _check_templates(project: Project) -> tuple[Diagnostic, ...]:
    """Compile every override template, so that syntax errors show up even in unused ones."""
    folder = project.templates_dir
    if folder is None or not folder.is_dir():
        return ()
    env = make_environment(folder, input_roots(project))
    problems = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in TEMPLATE_SUFFIXES and not path.name.startswith("."):
            try:
                env.get_template(path.relative_to(folder).as_posix())
            except Exception as exc:  # any failure to compile is the template's
                problems.append(_template_diagnostic(exc, project, path))
    return tuple(problems)


def _template_diagnostic(exc: Exception, project: Project, path: Path | None = None) -> Diagnostic:
    """The project template's fault as a diagnostic; anything else is our bug and re-raised."""
    if isinstance(exc, UnsafeTemplateError):
        return exc.diagnostic
    diagnostic = template_diagnostic(exc, project.templates_dir, path)
    if diagnostic is None:
        raise exc
    return diagnostic
