"""Reading a glossary: config, term files, conversion (cached), mentions, graph, checks."""

from __future__ import annotations

import datetime as dt

from .assets import check_assets
from .cache import Store, TermCache, environment_digest
from .cache.links import link_cached
from .cache.mentions import lint_cached
from .cache.sortkeys import SortKeyCache
from .config import load_config
from .convert import convert_terms
from .diagnostics import Diagnostic, has_errors, sort_diagnostics
from .gc_pause import paused_gc
from .git_dates import dates_from_git
from .graph import build_graph
from .graph_page import page_slug
from .i18n import load_catalogue
from .load import find_term_files
from .pool import run_all
from .project import Caches, Glossary, Project, checkpoint, input_roots
from .references import check_references
from .related import with_related
from .taxonomy import build_taxonomy, page_clashes
from .template_files import check_template_files


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
    if project.left_out:
        term_files = tuple(f for f in term_files if f.path not in project.left_out)
    term_files += project.fallback_files
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
    store = term_cache.store if term_cache else None
    sort_keys = SortKeyCache(store, environment, config.language) if store else None
    converted = convert_terms(
        term_files, config, project.source_dir, project.static_dir, term_cache, project.jobs
    )
    diagnostics += converted.diagnostics
    terms, documents, digests = converted.terms, converted.documents, converted.digests
    checkpoint(caches)
    if config.updated_from_git:
        dated, shallow = dates_from_git(list(terms), project.source_dir, project.config_path)
        terms, diagnostics = tuple(dated), diagnostics + shallow
        # A page shows its date, so the cache key of a page changes with it.
        digests = {t.slug: f"{digests.get(t.slug, '')}:{t.updated}" for t in terms}
    with paused_gc():  # the passes across terms make many lasting objects, no cycles
        # Mentions become links after conversion (the cached conversions stay valid) and
        # before the graph (they are backlinks); a page's key covers the links made.
        linked, link_keys = link_cached(
            terms,
            documents,
            enabled=config.autolink,
            directory_urls=config.directory_urls,
            store=store,
            environment=environment,
            run=lambda function, items: run_all(function, items, project.jobs),
            memo=caches.links if caches is not None else None,
            sources=converted.sources,
        )
        documents = linked.documents
        # Term pages link to the map of all terms, whose folder depends on the slugs taken.
        graph_slug = page_slug(frozenset(t.slug for t in terms))
        digests = {
            slug: f"{digest}:{linked.digests.get(slug, '')}:{graph_slug}"
            for slug, digest in digests.items()
        }
        checkpoint(caches)
        graph, problems = build_graph(terms, documents)
        graph = with_related(graph, config.related_terms, config.autolink, config.language)
        diagnostics += problems
        checkpoint(caches)
        taxonomy, problems = build_taxonomy(graph, config.language)
        split_index = len(graph.nodes) > config.index_split_at
        diagnostics += (*problems, *page_clashes(graph, taxonomy, split_index))
        files, problems = check_references(
            terms, documents, graph, converted.index, config.language
        )
        diagnostics += problems
        cache_keys = converted.keys | link_keys
        checkpoint(caches)
        if sort_keys is not None:
            cache_keys |= sort_keys.save(t.title for t in terms)
        if not has_errors(diagnostics):  # advice on a glossary that works; see lint.py
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
            own=converted.own,
        )
        return glossary, sort_diagnostics(diagnostics)
