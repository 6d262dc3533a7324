"""The patch build's steps: is it one, make the edited terms' files, write them in place."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from ..cache import Store, environment_digest
from ..cache.record import BuildRecord, load_record
from ..config import SiteConfig, load_config
from ..diagnostics import Diagnostic, sort_diagnostics
from ..gc_pause import paused_gc
from ..graph import Node
from ..i18n import load_catalogue
from ..inputs import InputRoots
from ..memory import spare
from ..project import Project, input_roots
from ..shortcut import Shortcut
from ..write import OutputError, Update, open_site
from .cards import carded_state, showing, whole_nodes
from .edits import Converted, Edited, Editor
from .files import EditFiles, make_files
from .inputs import project_frame
from .light import BrokenLight, load_light
from .remember import split_listing
from .search import start_shards
from .state import PatchState, load_state, save_state

UNLINKED = "unlinked-mention"


class _NotPatchable(Exception):
    """Found under the output folder's lock: the site is not what the state says."""


@dataclasses.dataclass(frozen=True, slots=True)
class Patched:
    """What a patch build reports (as ``build.Report``)."""

    diagnostics: tuple[Diagnostic, ...]
    term_count: int
    draft_count: int
    files_written: int
    base_url: str
    patched: int  # term files patched


@dataclasses.dataclass(frozen=True, slots=True)
class PatchOptions:
    """``build``'s options of the same names that a patch build uses."""

    strict: bool
    lock_timeout: float
    on_wait: Callable[[], None] | None = None
    # Called with the diagnostics the report will hold when the build goes on as a patch,
    # once they are known: before it waits for Pagefind (the report is another tuple if
    # the build fails after all).
    on_diagnostics: Callable[[tuple[Diagnostic, ...]], None] | None = None


@paused_gc()
def patch_build(
    project: Project, out_dir: Path, shortcut: Shortcut, options: PatchOptions
) -> Patched | None:
    """The build as a patch of the last one (see the package's text); None: build in full.

    Pagefind starts on the edited terms' search shards as soon as the terms are converted
    (their search documents leave links out); the linking, the pages, the exports, the
    last build's record and the writing of the folder go on meanwhile.

    The garbage collector is paused throughout (``gc_pause``): the light glossary, the
    record's diagnostics and the manifest are hundreds of thousands of objects without
    cycles, and the one term converted and rendered leaves little for it. The light
    glossary and the state are left to the process's end when it ends after the build
    (``memory.spare``)."""
    kept: list[object] = []
    try:
        return _patch_build(project, out_dir, shortcut, kept, options)
    finally:
        spare(kept)


def _patch_build(
    project: Project,
    out_dir: Path,
    shortcut: Shortcut,
    kept: list[object],
    options: PatchOptions,
) -> Patched | None:
    """``patch_build``, with its largest structures put in ``kept``."""
    found = _changed(project, shortcut)
    if found is None:
        return None
    state, changed, files = found
    kept.append(state)
    roots = input_roots(project)
    config, problems = load_config(project.config_path, dict(project.overrides), roots)
    if problems or not _patchable_config(config, state, project):
        return None
    ui, ui_problems = load_catalogue(config.language, project.config_path, roots)
    light = load_light(shortcut.store, state.light, state.cards) if not ui_problems else None
    if light is None:
        return None
    kept.append(light)
    editor = Editor(light, config, project.source_dir, project.static_dir)
    kept.append(editor)  # (its link index)
    converted = _converted(editor, state, changed, project.source_dir, roots)
    if converted is None:
        return None
    search = None
    if config.search:  # (a site with terms and search on has shards)
        edits = [(made.term, made.document) for made, _ in converted]
        search = start_shards(config, state, edits, shortcut.store) if state.shard_count else None
        if search is None:
            return None
    try:
        edited = []
        for made, face in converted:
            try:
                linked = editor.finish(made, face)
            except BrokenLight:
                return None
            if linked is None or not _linked_or_quiet(linked, config):
                return None
            edited.append(linked)
        shown = _shown(editor, state, edited, roots, shortcut.store)
        if shown is None:
            return None
        if any(each.face for each in edited):  # card edits: their new faces, their teasers
            state = carded_state(state, edited)
        if search is not None:
            if not search.indexes([each.node for each in edited]):
                return None  # (linking changed a search document: never seen)
            search.store_documents()
        made_files = make_files(
            project, config, ui, light, state, edited, shortcut.store, search, shown
        )
        if made_files is None:
            return None
        return _written(out_dir, shortcut, state, files, made_files, len(edited), options)
    finally:
        if search is not None:
            search.close()  # the runs not waited for: the build goes another way


def _converted(
    editor: Editor, state: PatchState, changed: list[str], source_dir: Path, roots: InputRoots
) -> list[tuple[Converted, str]] | None:
    """The edited terms converted, each with the public face the last build noted; None
    when one is no patch (see ``Editor``), or the feed shows its text (the full build
    makes the feed whole)."""
    converted = []
    for name in changed:
        slug = state.slugs[name]
        face = state.faces.get(slug)
        if face is None or (state.feed is not None and slug in state.feed):
            return None
        try:
            made = editor.convert(source_dir / name[1:], roots, slug)
        except BrokenLight:
            return None
        if made is None:
            return None
        converted.append((made, face))
    return converted


def _shown(
    editor: Editor, state: PatchState, edited: list[Edited], roots: InputRoots, store: Store
) -> dict[str, Node] | None:
    """The terms whose pages show the cards of the card edits among ``edited``, whole
    (``cards``); None when one cannot be made here."""
    cards = [each.node.term.slug for each in edited if each.face]
    if not cards:
        return {}
    try:
        nodes = editor.light.nodes()
    except BrokenLight:
        return None
    mine = {each.node.term.slug for each in edited}
    slugs = [slug for slug in showing(nodes, cards) if slug not in mine]
    return whole_nodes(editor, state, slugs, edited, roots, store)


def _written(
    out_dir: Path,
    shortcut: Shortcut,
    state: PatchState,
    files: dict[str, str],
    made_files: EditFiles,
    patched: int,
    options: PatchOptions,
) -> Patched | None:
    """The edited terms' files written in place (with the last build's report)."""
    record = _last_record(shortcut, state)
    if record is None:
        return None
    counts = (record.term_count, record.draft_count)
    if options.strict and record.diagnostics:  # as a full build: nothing written
        return Patched(record.diagnostics, *counts, 0, record.base_url, patched)
    new_state = dataclasses.replace(state, inputs=shortcut.inputs or "", files=files)
    try:
        written = _write(out_dir, shortcut, record, made_files, new_state, options)
    except OutputError as exc:  # as a full build reports it: nothing written
        failure = Diagnostic(out_dir, 0, exc.code, exc.message, exc.hint)
        failed = sort_diagnostics((*record.diagnostics, failure))
        return Patched(failed, *counts, 0, record.base_url, patched)
    if written is None:
        return None
    return Patched(record.diagnostics, *counts, written, record.base_url, patched)


def _changed(
    project: Project, shortcut: Shortcut
) -> tuple[PatchState, list[str], dict[str, str]] | None:
    """The state of the last build when only term files of its published terms changed
    since; with their names and the new listing of the term folder."""
    if shortcut.inputs is None or not shortcut.has_stamps or project.fallback_files:
        return None
    state = load_state(shortcut.store, shortcut.out_dir)
    if state is None:
        return None
    files, others = split_listing(shortcut.listing)
    if others != state.others or files.keys() != state.files.keys():
        return None
    if any(role == "templates" for role, _, _ in shortcut.listing):
        return None  # a project's own templates may show anything of any term
    changed = sorted(name for name, sha256 in files.items() if state.files[name] != sha256)
    if not changed or any(name not in state.slugs for name in changed):
        return None
    return state, changed, files


def _last_record(shortcut: Shortcut, state: PatchState) -> BuildRecord | None:
    """The record of the build that left ``state``, when the folder is what it left."""
    known = shortcut.known
    record = load_record(shortcut.store, shortcut.out_dir, state.inputs)
    if known is None or record is None:
        return None
    if (record.stamps, record.taken_ns, record.manifest) != (
        shortcut.known_sha256,
        known.taken_ns,
        known.manifest,
    ):
        return None
    return record


def _patchable_config(config: SiteConfig, state: PatchState, project: Project) -> bool:
    if config.updated_from_git or project_frame(project) != state.frame:
        return False
    environment = environment_digest(config, project.source_dir, project.static_dir)
    return environment == state.environment


def _linked_or_quiet(edited: Edited, config: SiteConfig) -> bool:
    """Whether the lint's unlinked mentions of the term need no look (its text's names
    are links, or that check is off): they are the one warning its body's words make."""
    if config.autolink and edited.node.term.autolink:
        return True
    return dict(config.lint).get(UNLINKED, "warning") == "off"


def _write(
    out_dir: Path,
    shortcut: Shortcut,
    record: BuildRecord,
    made: EditFiles,
    state: PatchState,
    options: PatchOptions,
) -> int | None:
    """Write the files into the folder in place; the number of files of the site, or None
    when the folder is not what the last build left (nothing written then). Raises
    ``OutputError`` as ``write_site`` does (nothing written then either)."""
    counts = (record.term_count, record.draft_count)
    spans = dict(state.spans)

    def then(_: BuildRecord) -> None:
        saved = dataclasses.replace(state, spans=spans, shard_keys=made.shard_keys)
        save_state(shortcut.store, shortcut.out_dir, saved)

    done = shortcut.recorder(counts, record.base_url, record.diagnostics, then)
    try:
        with open_site(
            out_dir,
            lock_timeout=options.lock_timeout,
            on_wait=options.on_wait,
            on_done=done,
            known=shortcut.known,
        ) as site:
            if not isinstance(site, Update) or not site.known:
                raise _NotPatchable
            joined = made.joined(site.folder, site.previous, spans)
            if joined is None:
                raise _NotPatchable
            for path, pieces in joined.items():
                site.add_pieces(path, pieces)
            for path, data in made.files.items():
                site.add(path, data)
            site.keep_unchanged({path.as_posix() for path in made.replaced})  # all else
            shortcut.check_inputs()  # (all read: checked while Pagefind may still run)
            if options.on_diagnostics is not None:
                options.on_diagnostics(record.diagnostics)
            # The search shards last: Pagefind's run went on meanwhile. Files of the old
            # bundles that the new ones lack are not added: the update removes them.
            searched = made.searched()
            if searched is None:
                raise _NotPatchable
            for path, data in searched.items():
                if path.as_posix() in site.digests:  # a file of the site kept as not the shards'
                    raise _NotPatchable
                site.add(path, data)
            return len(site.digests)
    except _NotPatchable:
        shortcut.checked = None  # (the full build reads the inputs again)
        return None
