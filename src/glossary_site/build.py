"""The pipeline: ``check`` reads and validates; ``build`` does the same, then renders and writes.

Both return a ``Report``; neither prints. Stages hand each other frozen values:
config → raw files → terms → documents → graph → outputs → files on disk. Reading is in
``reading`` (``read_glossary``), rendering in ``outputs``, where things are in ``project``.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .cache.record import BuildRecord
from .diagnostics import Diagnostic, has_errors, sort_diagnostics
from .gc_pause import frozen_heap, paused_gc
from .outputs import check_templates, render_outputs, reserved_names
from .patch import PatchOptions, input_folders, patch_build, project_frame, remember
from .patch.faces import face_digest
from .patch_notes import PatchNotes
from .project import Caches, Glossary, Project, cache_clash, input_roots, protected_folders
from .reading import read_glossary
from .shortcut import Shortcut, project_inputs
from .write import (
    DEFAULT_LOCK_TIMEOUT,
    KnownSite,
    OutputError,
    Spool,
    examine_output,
    output_path_problem,
    real_output,
    write_site,
)

__all__ = [
    "Caches",
    "Glossary",
    "Project",
    "Report",
    "build",
    "check",
    "check_templates",
    "input_roots",
    "read_glossary",
    "render_glossary",
    "render_in_memory",
]

Prepare = Callable[
    [Project, bool], tuple[Glossary | None, tuple[Diagnostic, ...], Mapping[PurePosixPath, bytes]]
]


@dataclass(frozen=True, slots=True)
class Report:
    diagnostics: tuple[Diagnostic, ...]
    term_count: int = 0  # published pages
    draft_count: int = 0
    files_written: int = 0
    seconds: float = 0.0
    base_url: str = ""  # as configured; "" means no canonical links and no sitemap
    patched: int = 0  # term files a patch build remade the outputs of (0: not one, ``patch``)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def check(project: Project, prepare: Prepare | None = None) -> Report:
    """Everything ``build`` does except writing: the site is rendered in memory.

    ``build`` runs this same work and then writes, so a green ``check`` means a green
    ``build`` (short of the output folder and the disk). ``prepare`` replaces the reading
    and rendering of one site (multisite/ renders one per language).
    """
    started = time.perf_counter()
    clash = cache_clash(project, None)
    if clash is not None:
        return Report((clash,))
    glossary, diagnostics, _ = (prepare or _prepare_one)(project, False)
    return _report(glossary, diagnostics, 0, started)


def render_in_memory(
    project: Project, caches: Caches
) -> tuple[Glossary | None, tuple[Diagnostic, ...], Mapping[PurePosixPath, bytes]]:
    """What ``build`` would write, as ``{path: bytes}``, with caches kept in memory
    (``serve``); empty when there are content errors. Writes nothing."""
    return _prepare(project, write_cache=False, caches=caches)


def render_glossary(
    glossary: Glossary, project: Project, *, write_cache: bool
) -> tuple[Mapping[PurePosixPath, bytes], tuple[Diagnostic, ...]]:
    """The files of a glossary read by ``read_glossary`` (one language of several, see
    multisite/), and the problems that stop them from being written."""
    outputs, problems = render_outputs(glossary, project, write_cache)
    return outputs, (*problems, *reserved_names(outputs, project))


def _prepare_one(
    project: Project, write_cache: bool
) -> tuple[Glossary | None, tuple[Diagnostic, ...], Mapping[PurePosixPath, bytes]]:
    return _prepare(project, write_cache=write_cache)


def _prepare(
    project: Project,
    *,
    write_cache: bool,
    caches: Caches | None = None,
    spool: Spool | None = None,
    notes: PatchNotes | None = None,
) -> tuple[Glossary | None, tuple[Diagnostic, ...], Mapping[PurePosixPath, bytes]]:
    """Read, validate, compile the templates and, when all that is clean, render the site
    (into ``spool`` if given, see ``write.spool``; ``notes`` see ``patch_notes``)."""
    glossary, diagnostics = read_glossary(project, write_cache=write_cache, caches=caches)
    diagnostics = _with(diagnostics, check_templates(project))
    if glossary is None or has_errors(diagnostics):
        return glossary, diagnostics, {}
    with frozen_heap():  # the glossary read lives till the end: not walked again (gc_pause)
        outputs, problems = render_outputs(glossary, project, write_cache, caches, spool, notes)
    problems += reserved_names(outputs, project)
    return glossary, sort_diagnostics(_with(diagnostics, problems)), outputs


def _with(
    diagnostics: tuple[Diagnostic, ...], more: tuple[Diagnostic, ...]
) -> tuple[Diagnostic, ...]:
    """``diagnostics`` and ``more``; as they were when there are no more (sorted ones stay
    known as sorted: a glossary may have 100,000s of warnings)."""
    return (*diagnostics, *more) if more else diagnostics


def build(
    project: Project,
    out_dir: Path,
    *,
    strict: bool = False,
    force: bool = False,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    on_wait: Callable[[], None] | None = None,
    prepare: Prepare | None = None,
    on_diagnostics: Callable[[tuple[Diagnostic, ...]], None] | None = None,
) -> Report:
    """Check, render and write the site; on any failure the old site stays as it was.

    Whether to write is decided before anything is written: content errors, and with
    ``strict`` warnings too, leave the output folder untouched. ``force`` lets the build
    replace a non-empty folder that is not a previous build (see ``write``); ``on_wait``
    is called once if the build waits for another build of the same folder; ``prepare``
    as for ``check`` (without the whole-build short cut). ``on_diagnostics`` may be called
    with the report's diagnostics before the build ends (a patch build knows them before
    it waits for Pagefind), to format them meanwhile: if the build then fails after all,
    its report holds another tuple.
    """
    started = time.perf_counter()
    problem = output_path_problem(out_dir, *protected_folders(project))
    if problem is not None:
        return Report((_output_diagnostic(out_dir, problem),))
    clash = cache_clash(project, out_dir)
    if clash is not None:
        return Report((clash,))
    with paused_gc():  # the inputs, stamps and record: many objects, no cycles (gc_pause)
        shortcut = _shortcut(project, out_dir) if prepare is None else None
        try:
            last = shortcut.unchanged(lock_timeout, on_wait) if shortcut else None
        except OutputError as exc:  # another build holds the folder for too long
            return Report((_output_diagnostic(out_dir, exc),))
    if last is not None:
        counts = (last.term_count, last.draft_count)
        seconds = time.perf_counter() - started
        return Report(last.diagnostics, *counts, 0, seconds, last.base_url)
    if shortcut is not None and not force:
        options = PatchOptions(strict, lock_timeout, on_wait, on_diagnostics)
        patched = patch_build(project, out_dir, shortcut, options)
        if patched is not None:
            return Report(
                patched.diagnostics,
                patched.term_count,
                patched.draft_count,
                patched.files_written,
                time.perf_counter() - started,
                patched.base_url,
                patched.patched,
            )
    known = shortcut.known if shortcut else None
    problem, unchanged = examine_output(out_dir, *protected_folders(project), force, known)
    if problem is not None:
        return Report((_output_diagnostic(out_dir, problem),))
    writing = _Writing(out_dir, strict, force, lock_timeout, on_wait, shortcut, known)
    spool = _spool(out_dir, unchanged) if prepare is None else None
    try:
        return _build_and_write(project, prepare, writing, spool, started)
    finally:
        if spool is not None:
            spool.close()


@dataclass(frozen=True, slots=True)
class _Writing:
    """Where and how a build writes: its options, and what it knows of the folder."""

    out_dir: Path
    strict: bool
    force: bool
    lock_timeout: float
    on_wait: Callable[[], None] | None
    shortcut: Shortcut | None
    known: KnownSite | None  # the stamps the last build took of the folder


def _build_and_write(
    project: Project,
    prepare: Prepare | None,
    writing: _Writing,
    spool: Spool | None,
    started: float,
) -> Report:
    out_dir = writing.out_dir
    notes = PatchNotes(face_digest) if writing.shortcut is not None and prepare is None else None
    try:
        if prepare is not None:
            glossary, diagnostics, outputs = prepare(project, True)
        else:
            glossary, diagnostics, outputs = _prepare(
                project, write_cache=True, spool=spool, notes=notes
            )
    except OutputError as exc:  # the spool could not be written (a full disk)
        return Report((_output_diagnostic(out_dir, exc),))
    if glossary is None or not _may_write(diagnostics, writing.strict):
        return _report(glossary, diagnostics, 0, started)
    report = _report(glossary, diagnostics, 0, started)  # sorted once: may be 100,000s
    done = None
    if writing.shortcut is not None:
        counts = (report.term_count, report.draft_count)
        then = _remember(project, glossary, notes, writing.shortcut) if notes else None
        done = writing.shortcut.recorder(counts, report.base_url, report.diagnostics, then)
    try:
        with frozen_heap():  # (the glossary, its report: see gc_pause)
            written = write_site(
                outputs,
                out_dir,
                force=writing.force,
                lock_timeout=writing.lock_timeout,
                on_wait=writing.on_wait,
                on_done=done,
                known=writing.known,
            )
    except OutputError as exc:
        failure = _output_diagnostic(out_dir, exc)
        return _report(glossary, (*diagnostics, failure), 0, started)
    seconds = time.perf_counter() - started
    return dataclasses.replace(report, files_written=written, seconds=seconds)


def _remember(
    project: Project, glossary: Glossary, notes: PatchNotes, shortcut: Shortcut
) -> Callable[[BuildRecord], None] | None:
    """What leaves the state of this build for the patch builds after it (``patch``)."""
    frame = project_frame(project)
    if frame is None or shortcut.inputs is None:
        return None
    inputs = (shortcut.inputs, frame, shortcut.listing)

    def then(_: BuildRecord) -> None:
        remember(shortcut.store, shortcut.out_dir, glossary, notes, inputs, project.source_dir)

    return then


def _shortcut(project: Project, out_dir: Path) -> Shortcut | None:
    """The whole-build short cut (see ``shortcut``); only with a cache folder."""
    if project.cache_dir is None:
        return None
    folders = input_folders(project)
    read = project_inputs(project.config_path, project.overrides, input_roots(project), folders)
    return Shortcut(project.cache_dir, out_dir, read)


def _spool(out_dir: Path, unchanged: Mapping[str, str] | None = None) -> Spool | None:
    """A spool beside the output folder for the files as they are made (see
    ``write.spool``), which skips the files ``unchanged`` lists with the same SHA-256;
    None, and files held in memory, where none can be made."""
    try:
        return Spool(real_output(out_dir), unchanged)
    except OSError:
        return None


def _may_write(diagnostics: tuple[Diagnostic, ...], strict: bool) -> bool:
    return not diagnostics if strict else not has_errors(diagnostics)


def _output_diagnostic(out_dir: Path, problem: OutputError) -> Diagnostic:
    return Diagnostic(out_dir, 0, problem.code, problem.message, problem.hint)


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
