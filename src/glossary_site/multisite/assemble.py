"""One site per language, through the usual pipeline, put together as one output.

Each language's terms are read by ``read_glossary`` (with its own ``language`` and URL
prefix) and rendered by ``render_glossary``; the files of every language then form one
mapping for the one atomic write of ``build`` (one manifest, one swap). A language's
site also holds, with ``fallback = true``, the default language's terms it lacks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from ..assets import asset_version
from ..build import (
    Glossary,
    Project,
    check_templates,
    input_roots,
    read_glossary,
    render_glossary,
)
from ..config_languages import Languages
from ..diagnostics import Diagnostic, Severity, has_errors, sort_diagnostics
from ..inputs import InputFile
from ..load import find_term_files
from .links import LanguageLinks, SiteSpot
from .plan import Site
from .root_page import root_files
from .sitemaps import language_sitemaps

# Assets the default templates load from the root of the whole site (``asset_root``).
# (favicon.svg too, but redirect pages name the one of their own folder: it stays there.)
SHARED_ASSETS = frozenset({"style.css", "preview.js", "search.js"})
AT_THE_ROOT = SHARED_ASSETS | {"favicon.svg", "robots.txt"}


@dataclasses.dataclass(frozen=True, slots=True)
class Read:
    """One language read: its glossary and the slugs it shows in the default language."""

    site: Site
    glossary: Glossary
    fallbacks: frozenset[str]


def read_languages(
    sites: tuple[Site, ...], languages: Languages, write_cache: bool
) -> tuple[list[Read], list[Diagnostic]]:
    """Every language's glossary (the default first); the problems of all."""
    diagnostics: list[Diagnostic] = []
    default_site = sites[0]
    default, problems = read_glossary(default_site.project, write_cache=write_cache)
    diagnostics += problems
    if default is None:
        return [], diagnostics
    done = [Read(default_site, default, frozenset())]
    files = _published_files(default, default_site.project)
    for site in sites[1:]:
        read, found = _read_language(site, files if languages.fallback else {}, write_cache)
        diagnostics += found
        if read is not None:
            done.append(read)
    return done, diagnostics


def _published_files(glossary: Glossary, project: Project) -> dict[str, InputFile]:
    """The default language's file of each published term, by slug."""
    found, _ = find_term_files(project.source_dir, input_roots(project))
    by_path = {file.path: file for file in found}
    return {
        slug: by_path[node.term.src_path]
        for slug, node in glossary.graph.nodes.items()
        if node.term.src_path in by_path
    }


# Reads of a language at most: its terms, then without the borrowed terms in the way.
MAX_READS = 4


def _read_language(
    site: Site, default_files: Mapping[str, InputFile], write_cache: bool
) -> tuple[Read | None, list[Diagnostic]]:
    """A language's glossary with the default language's terms it lacks.

    Borrowed by file name first; the language's draft of a term is replaced by the
    default language's published one. A borrowed term that a term of the language is in the
    way of (its ``slug:``, a title that is the borrowed term's slug …) is left out with a
    warning ``fallback-left-out``, and so are the borrowed terms that then break.
    """
    own, _ = find_term_files(site.project.source_dir, input_roots(site.project))
    taken = {file.path.stem for file in own}
    drafts: dict[str, Path] = {}  # the language's drafts of borrowable terms: replaced
    left_out: list[Diagnostic] = []
    for _attempt in range(MAX_READS):
        borrowed = {slug: file for slug, file in default_files.items() if slug not in taken}
        project = dataclasses.replace(
            site.project,
            fallback_files=tuple(borrowed.values()),
            left_out=frozenset(drafts.values()),
        )
        glossary, read = read_glossary(project, write_cache=write_cache)
        paths = {file.path: slug for slug, file in borrowed.items()}
        problems = _names_given_way(read, paths, site.code)
        if glossary is None:
            return None, list(problems)
        native = {t.slug for t in glossary.terms if t.src_path not in paths}
        new_drafts = {
            t.slug: t.src_path
            for t in glossary.terms
            if t.src_path not in paths
            and t.slug not in glossary.graph.nodes
            and t.slug in default_files
            and t.slug not in drafts
        }
        in_way = _in_the_way(problems, paths, native, site.code)
        if not in_way and not new_drafts:
            break
        drafts.update(new_drafts)
        taken = (taken | native | set(in_way)) - set(drafts)
        left_out += in_way.values()
    if glossary is None:  # pragma: no cover - the loop runs at least once
        return None, list(problems)
    fallbacks = frozenset(s for s in borrowed if s in glossary.graph.nodes)
    return Read(site, glossary, fallbacks), [*left_out, *_own_problems(problems, set(paths))]


def _names_given_way(
    problems: tuple[Diagnostic, ...], borrowed: Mapping[Path, str], code: str
) -> tuple[Diagnostic, ...]:
    """A borrowed term's title or alias that is already a name of the language's own
    terms stays theirs (they are read first): a warning, not an error of this site."""
    named = [str(path) for path in borrowed]
    return tuple(
        dataclasses.replace(
            d, severity=Severity.WARNING, message=f"in the '{code}' site: {d.message}"
        )
        if d.code == "name-collision"
        and (d.path in borrowed or any(name in d.message for name in named))
        else d
        for d in problems
    )


def _in_the_way(
    problems: tuple[Diagnostic, ...], borrowed: Mapping[Path, str], native: set[str], code: str
) -> dict[str, Diagnostic]:
    """Borrowed slugs to leave out: the language has the slug itself, or an error is in
    the borrowed file or names it. Each with the warning that says so."""
    found: dict[str, Diagnostic] = {}
    for path, slug in borrowed.items():
        if slug in native:
            reason = "the language has a term with this slug"
        else:
            named = str(path)
            error = next(
                (d for d in problems if d.is_error and (d.path == path or named in d.message)),
                None,
            )
            if error is None:
                continue
            reason = f"{error.message} [{error.code}]"
        found[slug] = Diagnostic(
            path,
            0,
            "fallback-left-out",
            f"the '{code}' site does not show this term in the default language: {reason}",
            f"translate the term into '{code}' (a file with the same name), or resolve "
            "the clash in the other file",
            Severity.WARNING,
        )
    return found


def _own_problems(problems: tuple[Diagnostic, ...], borrowed: set[Path]) -> list[Diagnostic]:
    """A language's problems; the borrowed files' warnings are the default language's
    business (its own read reports them), their errors are kept (they break this site)."""
    return [d for d in problems if d.severity is Severity.ERROR or d.path not in borrowed]


def native_slugs(reads: list[Read]) -> dict[str, tuple[str, ...]]:
    """Slug → codes of the languages that have the term themselves, in the table's order."""
    native: dict[str, list[str]] = {}
    for read in reads:
        for slug in read.glossary.graph.nodes:
            if slug not in read.fallbacks:
                native.setdefault(slug, []).append(read.site.code)
    return {slug: tuple(codes) for slug, codes in native.items()}


def render_languages(
    reads: list[Read], base_url: str, write_cache: bool
) -> tuple[dict[PurePosixPath, bytes], list[Diagnostic]]:
    """Every language's files below its prefix, shared assets once at the root."""
    native = native_slugs(reads)
    spots = tuple(
        SiteSpot(r.site.code, r.site.language.tag, r.site.prefix, base_url) for r in reads
    )
    outputs: dict[PurePosixPath, bytes] = {}
    diagnostics: list[Diagnostic] = list(check_templates(reads[0].site.project))
    for read, spot in zip(reads, spots, strict=True):
        config = read.glossary.config
        links = LanguageLinks(spot, spots, native, read.fallbacks, config.directory_urls)
        depth = read.site.prefix.count("/")
        project = dataclasses.replace(
            read.site.project,
            template_globals={"asset_root": "../" * depth, "language_links": links},
        )
        digests = {
            slug: f"{digest}:{','.join(native.get(slug, ()))}:{slug in read.fallbacks}"
            for slug, digest in read.glossary.digests.items()
        }
        glossary = dataclasses.replace(read.glossary, digests=digests)
        files, problems = render_glossary(glossary, project, write_cache=write_cache)
        diagnostics += problems
        no_root = all(r.site.prefix for r in reads)
        for path, data in files.items():
            name = path.as_posix()
            if no_root and read is reads[0] and name in AT_THE_ROOT:
                outputs[path] = data  # no language at the root: the default's, once
            if not depth or name not in SHARED_ASSETS | {"robots.txt"}:
                outputs[PurePosixPath(read.site.prefix, path)] = data
    if not has_errors(diagnostics) and base_url:
        outputs.update(language_sitemaps(reads, native, base_url, outputs))
    if all(read.site.prefix for read in reads):  # default_at_root = false
        config = reads[0].glossary.config
        version = asset_version({p: d for p, d in outputs.items() if len(p.parts) == 1})
        sites = tuple(read.site for read in reads)
        outputs.update(root_files(sites, config.title, base_url, config.directory_urls, version))
        not_found = outputs.get(PurePosixPath(sites[0].prefix, "404.html"))
        if base_url and not_found is not None:  # its links are absolute (base_url's path)
            outputs[PurePosixPath("404.html")] = not_found
    return outputs, diagnostics


def clashes(reads: list[Read]) -> list[Diagnostic]:
    """Terms of the site at the root whose folder is another language's."""
    root = [r for r in reads if not r.site.prefix]
    folders = {r.site.prefix.rstrip("/"): r for r in reads if r.site.prefix}
    problems = []
    for read in root:
        for slug, node in read.glossary.graph.nodes.items():
            if slug in folders:
                other = folders[slug].site
                problems.append(
                    Diagnostic(
                        node.term.src_path,
                        node.term.slug_line,
                        "language-clash",
                        f"the term's address /{slug}/ is the folder of the language '{other.code}'",
                        "give the term another slug: (slug: …), or set default_at_root = "
                        "false under [languages]",
                    )
                )
    return problems


def dedupe(diagnostics: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Each problem once (a borrowed term's error is found by every language borrowing it)."""
    return sort_diagnostics(tuple(dict.fromkeys(diagnostics)))
