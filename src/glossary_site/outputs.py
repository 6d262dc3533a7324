"""Rendering a read glossary into ``{path: bytes}``: pages (cached), search, exports, files."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from types import MappingProxyType

import jinja2

from .assets import asset_version, load_assets
from .cache import Store, templates_digest
from .diagnostics import Diagnostic
from .edit_links import edit_urls
from .exports import export_cache_keys, export_files
from .exports.spans import ExportNotes
from .graph import Node
from .i18n import Catalogue
from .inputs import MAX_STATIC_BYTES, InputRoots, read_input
from .output_paths import output_path_problems
from .patch_notes import PatchNotes
from .prerender import prerender_pages
from .project import Caches, Glossary, Project, checkpoint, input_roots
from .redirects import find_redirects
from .render import make_environment, render_site
from .search import PendingSearch, finish_search, start_search
from .search.shards import DOCS_KIND, encode_documents
from .template_errors import template_diagnostic
from .template_files import UnsafeTemplateError
from .write import MANIFEST_NAME, RESERVED_AT_ROOT, Spool

# Files of a templates/ folder that are compiled as templates (others, like images, are not).
TEMPLATE_SUFFIXES = frozenset({".html", ".xml", ".txt", ".j2", ".jinja"})


def reserved_names(
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
        for path in sorted(path for path in outputs if _root_name(path) in RESERVED_AT_ROOT)
    )


def _root_name(path: PurePosixPath) -> str:
    return str(path).partition("/")[0]


def render_outputs(
    glossary: Glossary,
    project: Project,
    write_cache: bool,
    caches: Caches | None = None,
    spool: Spool | None = None,
    notes: PatchNotes | None = None,
) -> tuple[Mapping[PurePosixPath, bytes], tuple[Diagnostic, ...]]:
    """Pages and assets of the site, and the problems that stop them from being written.

    With a ``spool`` each group of files goes there as soon as it is made, and is not
    kept in memory (the spool is returned as the outputs). ``notes`` is filled with what
    a patch build after this one needs (``patch_notes``).
    """
    roots = input_roots(project)
    assets, problems = load_assets(project.static_dir, roots)
    env = page_environment(project, glossary.ui)
    version = asset_version(assets)
    edit_links = edit_urls(glossary.config, glossary.terms, project.source_dir)
    store = caches.pages if caches is not None else None
    if store is None and project.cache_dir is not None and glossary.environment:
        store = Store(project.cache_dir, write_cache)
    templates = templates_digest(project.templates_dir, roots) if store else ""
    outputs = _Outputs(spool)
    handed, listed = prerender_pages(  # term pages, straight into outputs
        glossary.graph,
        glossary.config,
        env,
        version,
        store=store,
        site=pages_site(glossary.environment, templates, glossary.ui),
        digests=glossary.digests,
        jobs=project.jobs,
        sink=outputs,
        edit_urls=edit_links,
        faces=_face_notes(glossary, notes),
    )
    checkpoint(caches)
    # An edit's one Pagefind run goes on in the background while the list pages are made
    # (started after the term pages: their pool forks, and its workers would hold the run's
    # pipes).
    search = start_search(glossary.graph, glossary.config, project.config_path, store)
    try:
        pages, failures = render_site(
            glossary.graph, glossary.config, env, version, edit_links, handed=handed, cache=listed
        )
        outputs.take(pages)
        del pages
        checkpoint(caches)
        # While an edit's Pagefind run goes on, the exports are made too; a cold build's
        # runs come first, so the exports are not held in memory beside them.
        exported_notes = notes.exports if notes is not None else None
        exported = _exports(glossary, store, exported_notes) if search.running else None
    except BaseException:  # (serve stops a stale build so): its run is stopped too
        search.cancel()
        raise
    searched, unsearchable, search_keys = finish_search(search)
    outputs.take(searched)
    del searched
    if notes is not None:
        _note_search(notes, search, store)
    del search
    if store is not None and (write_cache or caches is not None):
        exports_keys = export_cache_keys(
            glossary.config, glossary.ui, glossary.environment, len(glossary.graph.nodes)
        )
        store.prune(keep=glossary.cache_keys | listed.keys | search_keys | exports_keys)
    failed = tuple(_template_diagnostic(exc, project) for exc in failures)
    origins = {
        PurePosixPath(slug, "index.html"): (node.term.src_path, node.term.slug_line)
        for slug, node in glossary.graph.nodes.items()
    }
    static_dir = project.static_dir or Path("static")
    checkpoint(caches)
    outputs.take(exported if exported is not None else _exports(glossary, store, exported_notes))
    del exported
    redirects, collisions = _redirects(glossary)
    origins = {**origins, **redirects}
    clashes = output_path_problems(outputs.generated, assets, origins, static_dir)
    beside, unreadable = _read_files(glossary.files, roots)
    outputs.take(beside, generated=False)
    outputs.take(assets, generated=False)
    return outputs.files(), (
        *problems,
        *failed,
        *collisions,
        *clashes,
        *unreadable,
        *unsearchable,
    )


def pages_site(environment: str, templates: str, ui: Catalogue | None) -> str:
    """What every page of a site shares, for the keys of the page cache (``prerender``):
    the environment, the templates' digest and the interface strings'."""
    return f"{environment}:{templates}:{ui.digest if ui else ''}"


def page_environment(project: Project, ui: Catalogue | None) -> jinja2.Environment:
    """The environment the site's pages are rendered in: the templates, the interface
    strings ``ui`` (the project's translations, see ``render.site_catalogue``) and the
    project's template globals. The full build's and the patch build's (``patch``)."""
    env = make_environment(project.templates_dir, input_roots(project))
    if ui is not None:
        env.globals["t"] = ui
    env.globals.update(project.template_globals)
    return env


class _Outputs:
    """The site's files, group by group as they are made, in memory or in a ``spool``.

    A file made by an earlier group wins over a later group's file at the same path:
    pages, then search, exports, files beside terms and static files.
    """

    def __init__(self, spool: Spool | None) -> None:
        self.spool = spool
        self.kept: dict[PurePosixPath, bytes] = {}
        self.generated: set[PurePosixPath] = set()  # pages, search and exports

    def take(self, files: Mapping[PurePosixPath, bytes], generated: bool = True) -> None:
        held: Mapping[PurePosixPath, bytes] = self.spool if self.spool is not None else self.kept
        for dest_path, data in files.items():
            if dest_path in held:
                continue
            if self.spool is not None:
                self.spool.add(dest_path, data)
            else:
                self.kept[dest_path] = data
        if generated:
            self.generated.update(files)

    def keep(self, dest_path: PurePosixPath, sha256: str) -> bool:
        """Take the file the site being updated holds at ``dest_path`` when its SHA-256 is
        ``sha256``, without its bytes (``Spool.keep``); False when that is not known."""
        if self.spool is None or dest_path in self.spool:
            return False
        if not self.spool.keep(dest_path, sha256):
            return False
        self.generated.add(dest_path)
        return True

    def files(self) -> Mapping[PurePosixPath, bytes]:
        return self.spool if self.spool is not None else MappingProxyType(self.kept)


def _face_notes(
    glossary: Glossary, notes: PatchNotes | None
) -> tuple[Callable[[Node], str], dict[str, str]] | None:
    """What ``prerender_pages`` notes the faces of the terms it renders with, if wanted."""
    face = notes.face if notes is not None else None
    if notes is None or face is None:
        return None
    own = glossary.own
    return (lambda node: face(node, own.get(node.term.src_path, ()))), notes.faces


def _exports(
    glossary: Glossary, store: Store | None, notes: ExportNotes | None = None
) -> dict[PurePosixPath, bytes]:
    return export_files(
        glossary.graph, glossary.config, glossary.ui, store, glossary.environment, notes
    )


def _note_search(notes: PatchNotes, search: PendingSearch, store: Store | None) -> None:
    """The search index's shards, and each shard's documents in the cache (the patch build
    re-indexes a shard from them), unless they are there already."""
    layout = search.layout()
    if layout is None or store is None or store.in_memory:
        return
    notes.shard_count, notes.first_shard, notes.shard_keys, documents = layout
    for shard, key in notes.shard_keys.items():
        if not store.has(DOCS_KIND, key):
            store.put(DOCS_KIND, key, encode_documents(documents[shard]))


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


def check_templates(project: Project) -> tuple[Diagnostic, ...]:
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
