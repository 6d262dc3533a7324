"""The pipeline: ``check`` reads and validates; ``build`` does the same, then renders and writes.

Both return a ``Report``; neither prints. Stages hand each other frozen values:
config → raw files → terms → documents → graph → outputs → files on disk.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

import jinja2

from .assets import asset_version, load_assets
from .config import SiteConfig, load_config
from .diagnostics import Diagnostic, has_errors, sort_diagnostics
from .graph import TermGraph, build_graph
from .load import find_term_files, load_terms
from .markup import Document, MarkdownRenderer
from .render import make_environment, render_site
from .schema import Term, parse_term
from .write import UnsafeOutputError, output_problem, write_site

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


@dataclass(frozen=True, slots=True)
class Glossary:
    config: SiteConfig
    terms: tuple[Term, ...]
    graph: TermGraph


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


def read_glossary(project: Project) -> tuple[Glossary | None, tuple[Diagnostic, ...]]:
    """Load, validate and link every term; None when nothing usable could be read."""
    config, problems = load_config(project.config_path, dict(project.overrides))
    diagnostics = list(problems)
    paths = find_term_files(project.source_dir)
    if not paths:
        diagnostics.append(
            Diagnostic(
                project.source_dir,
                0,
                "no-terms",
                "there are no term files (*.md) in this folder",
                'create one with: glossary-site new "My first term"',
            )
        )
        return None, sort_diagnostics(diagnostics)
    raws, problems = load_terms(paths)
    diagnostics += problems
    terms = []
    for raw in raws:
        term, problems = parse_term(raw)
        diagnostics += problems
        if term is not None:
            terms.append(term)
    documents, found = _render_documents(tuple(terms), config)
    diagnostics += found
    graph, problems = build_graph(tuple(terms), documents)
    diagnostics += problems
    return Glossary(config, tuple(terms), graph), sort_diagnostics(diagnostics)


def _render_documents(
    terms: tuple[Term, ...], config: SiteConfig
) -> tuple[dict[Path, Document], list[Diagnostic]]:
    renderer = MarkdownRenderer(
        trust_html=config.trust_html,
        directory_urls=config.directory_urls,
        smart_typography=config.smart_typography,
    )
    documents: dict[Path, Document] = {}
    problems: list[Diagnostic] = []
    for term in terms:
        document, found = renderer.render(term)
        documents[term.src_path] = document
        problems += found
    return documents, problems


def check(project: Project) -> Report:
    """Everything ``build`` checks, writing nothing."""
    started = time.perf_counter()
    glossary, diagnostics = read_glossary(project)
    diagnostics += _check_templates(project)
    return _report(glossary, diagnostics, 0, started)


def build(project: Project, out_dir: Path) -> Report:
    """Check, render and write the site; on any error the old site stays as it was."""
    started = time.perf_counter()
    config_dir = project.config_path.parent if project.config_path else Path.cwd()
    kept = {"the current folder": Path.cwd(), "the project folder": config_dir}
    inputs = {"the source folder": project.source_dir}
    if project.templates_dir and project.templates_dir.exists():
        inputs["the templates folder"] = project.templates_dir
    if project.static_dir and project.static_dir.exists():
        inputs["the static folder"] = project.static_dir
    problem = output_problem(out_dir, kept, inputs)
    if problem:
        return Report(
            (
                Diagnostic(
                    out_dir,
                    0,
                    "unsafe-output",
                    problem,
                    "choose another folder with --out, e.g. --out site",
                ),
            )
        )
    glossary, diagnostics = read_glossary(project)
    diagnostics += _check_templates(project)
    if glossary is None or has_errors(diagnostics):
        return _report(glossary, diagnostics, 0, started)
    outputs, problems = _render(glossary, project)
    if problems:
        return _report(glossary, diagnostics + problems, 0, started)
    try:
        written = write_site(outputs, out_dir)
    except (OSError, UnsafeOutputError) as exc:
        failure = Diagnostic(
            out_dir,
            0,
            "write-failed",
            f"could not write the site: {exc}",
            "check free disk space and permissions; the old site is unchanged",
        )
        return _report(glossary, (*diagnostics, failure), 0, started)
    return _report(glossary, diagnostics, written, started)


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
    glossary: Glossary, project: Project
) -> tuple[Mapping[PurePosixPath, bytes], tuple[Diagnostic, ...]]:
    """Pages and assets of the site, or the problems that stop it from being written."""
    assets, problems = load_assets(project.static_dir)
    env = make_environment(project.templates_dir)
    try:
        pages = render_site(glossary.graph, glossary.config, env, asset_version(assets))
    except jinja2.TemplateError as exc:
        return {}, (*problems, _template_diagnostic(exc, project))
    static_dir = project.static_dir or Path("static")
    clashes = tuple(
        Diagnostic(
            static_dir / path,
            0,
            "static-clash",
            f"the static file {path} would replace a page the build generates",
            "rename or remove it; to change a page, override its template instead",
        )
        for path in sorted(set(assets) & set(pages))
    )
    return MappingProxyType({**assets, **pages}), (*problems, *clashes)


def _check_templates(project: Project) -> tuple[Diagnostic, ...]:
    """Compile every override template, so syntax errors show up in ``check`` too."""
    folder = project.templates_dir
    if folder is None or not folder.is_dir():
        return ()
    env = make_environment(folder)
    problems = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in TEMPLATE_SUFFIXES and not path.name.startswith("."):
            try:
                env.get_template(path.relative_to(folder).as_posix())
            except jinja2.TemplateError as exc:
                problems.append(_template_diagnostic(exc, project))
    return tuple(problems)


def _template_diagnostic(exc: jinja2.TemplateError, project: Project) -> Diagnostic:
    path, line = Path(getattr(exc, "filename", None) or "templates"), getattr(exc, "lineno", 0)
    if not isinstance(exc, jinja2.TemplateSyntaxError):
        frames = [
            f
            for f in traceback.extract_tb(exc.__traceback__)
            if f.filename.endswith((".html", ".xml", ".txt"))
        ]
        if frames:
            path, line = Path(frames[-1].filename), frames[-1].lineno or 0
    return Diagnostic(
        path,
        line or 0,
        "template-error",
        f"template error: {exc.message}",
        "fix the template; the variables a page gets are listed in README.md under 'Theming'",
    )
