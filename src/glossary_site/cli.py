"""Command line: maps options to a ``Project`` and reports to exit codes. No logic lives here.

Exit codes: 0 ok, 1 content errors, 2 usage errors (click's own).
Everything printed goes through ``printable``: content never reaches the terminal raw.
"""

from __future__ import annotations

import json
import os
import re
import sys
import traceback
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

import click

from .build import Project, Report
from .cache import DEFAULT_CACHE_DIR
from .config import CONFIG_FILE_NAME
from .diagnostics import Diagnostic, printable
from .importers import CSV_KEYS, FORMATS, ImportOptions, import_glossary
from .multisite import build_sites, check_sites, one_language
from .multisite.importing import import_every_language
from .pool import WorkerCrashed, default_jobs
from .project_init import init_project
from .report_format import REPORT_SCHEMA, Format, render
from .scaffold import new_term
from .serve import DEFAULT_PORT, serve
from .term_fields import front_matter_schema
from .write import DEFAULT_LOCK_TIMEOUT

F = TypeVar("F", bound=Callable[..., Any])


def _cache_options(func: F) -> F:
    func = click.option(
        "--jobs",
        type=click.IntRange(min=1),
        help="Processes that convert terms [default: one per core].",
    )(func)
    func = click.option(
        "--no-cache", is_flag=True, help="Neither read nor write the cache folder."
    )(func)
    func = click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help=f"Cache folder [default: {DEFAULT_CACHE_DIR}/ beside the config].",
    )(func)
    return func


def _project_options(func: F) -> F:
    func = click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"Settings file [default: ./{CONFIG_FILE_NAME} if present].",
    )(func)
    func = click.option(
        "--source",
        "source_dir",
        default=Path("glossary"),
        show_default=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder of term files.",
    )(func)
    return func


def _project(
    source_dir: Path,
    config_path: Path | None,
    cache: tuple[Path | None, bool, int | None],
    **overrides: Any,
) -> Project:
    # Anything that exists is read through the checks of ``inputs``: a FIFO or a link out of
    # the project named glossary.toml is an error there, never silently skipped here.
    if config_path is not None and not os.path.lexists(config_path):
        raise click.BadParameter(
            f"there is no file {printable(str(config_path))}", param_hint="'--config'"
        )
    if config_path is None and os.path.lexists(CONFIG_FILE_NAME):
        config_path = Path(CONFIG_FILE_NAME)
    if not source_dir.is_dir():
        raise click.BadParameter(
            f"there is no folder {printable(str(source_dir))}; create it with: "
            'glossary-site new "First term"',
            param_hint="'--source'",
        )
    root = config_path.parent if config_path else Path()
    cache_dir, no_cache, jobs = cache
    return Project(
        source_dir,
        config_path,
        root / "templates",
        root / "static",
        {k: v for k, v in overrides.items() if v is not None},
        None if no_cache else cache_dir or root / DEFAULT_CACHE_DIR,
        jobs or default_jobs(),
    )


def _print_diagnostics(diagnostics: tuple[Diagnostic, ...]) -> None:
    cwd = Path.cwd()
    if diagnostics:  # one write: a large glossary may have 100,000s of warnings
        click.echo("\n".join(diagnostic.format(cwd) for diagnostic in diagnostics), err=True)


def _say(text: str) -> None:
    """Print a line to stdout with every control character escaped."""
    click.echo(printable(text))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _finish(report: Report, strict: bool, done: str, format_: Format = Format.TEXT) -> None:
    if format_ is Format.TEXT:
        _print_diagnostics(report.diagnostics)
    elif format_ is Format.JSON or report.diagnostics:
        click.echo(render(format_, report.diagnostics, Path.cwd()))
    errors = sum(d.is_error for d in report.diagnostics)
    warnings = len(report.diagnostics) - errors
    if errors or (strict and warnings):
        counted = _count(errors, "error")
        if strict and warnings:
            counted += f" and {_count(warnings, 'warning')} (--strict)"
        if format_ is not Format.JSON:
            click.secho(f"Failed: {counted}. Nothing was written.", fg="red", err=True)
        sys.exit(1)
    if format_ is Format.JSON:
        return
    drafts = f", {_count(report.draft_count, 'draft')} left out" if report.draft_count else ""
    note = f" ({_count(warnings, 'warning')})" if warnings else ""
    _say(f"{done}: {_count(report.term_count, 'term')}{drafts} in {report.seconds:.2f} s{note}.")


def _escape_message(exc: click.ClickException) -> None:
    """Escape control characters in a usage error before click prints it."""
    # click declares ``message`` Final, but sets it once in __init__ as a plain attribute.
    setattr(exc, "message", printable(exc.message))  # noqa: B010


class _Group(click.Group):
    """Turns unexpected exceptions into one line, with the traceback behind --verbose.

    Usage errors may quote what was typed (an unknown option, a path): their messages
    are escaped like everything else this program prints.
    """

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:
            _escape_message(exc)
            raise

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            _escape_message(exc)
            raise
        except (click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except WorkerCrashed as exc:  # killed from outside (out of memory): not our bug
            click.echo(f"glossary-site: error: {exc}", err=True)
            sys.exit(3)
        except Exception as exc:
            if ctx.params.get("verbose"):
                click.echo(printable(traceback.format_exc(), newlines=True), err=True)
            else:
                click.echo(
                    f"glossary-site: internal error: {printable(repr(exc))}\n"
                    "    this is a bug: run again with --verbose and report the "
                    "traceback",
                    err=True,
                )
            sys.exit(3)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version("glossary-site"), prog_name="glossary-site")
@click.option("--verbose", is_flag=True, help="Show tracebacks of internal errors.")
def cli(verbose: bool) -> None:
    """Build a static glossary website from one Markdown file per term."""


@cli.command(name="build")
@_project_options
@_cache_options
@click.option(
    "--out",
    "out_dir",
    default=Path("site"),
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder the site is written to (only a new or empty one or a previous build).",
)
@click.option("--base-url", help="Absolute URL the site is published at (overrides the config).")
@click.option("--strict", is_flag=True, help="Fail on warnings too (and write nothing).")
@click.option(
    "--force",
    is_flag=True,
    help="Replace a non-empty --out folder that is not a previous build (its .git is kept).",
)
@click.option(
    "--lock-timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_LOCK_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for another build of the same --out to finish.",
)
def build_command(
    source_dir: Path,
    config_path: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
    jobs: int | None,
    out_dir: Path,
    base_url: str | None,
    strict: bool,
    force: bool,
    lock_timeout: float,
) -> None:
    """Check every term, then write the site.

    On any error nothing is written and the previous site stays exactly as it was.
    """
    if base_url is not None and not base_url.strip():
        raise click.BadParameter(
            "is empty; give the URL the site is published at, or leave the option out "
            "to use base_url from glossary.toml",
            param_hint="'--base-url'",
        )
    cache = (cache_dir, no_cache, jobs)
    project = _project(source_dir, config_path, cache, base_url=base_url)
    shown = f"{out_dir.as_posix().rstrip('/')}/"

    def waiting() -> None:
        click.echo(f"Waiting for another build of {shown} to finish…", err=True)

    report = build_sites(
        project, out_dir, strict=strict, force=force, lock_timeout=lock_timeout, on_wait=waiting
    )
    _finish(report, strict, f"Built {shown}")
    if not report.base_url:
        _say(
            "Note: base_url is not set, so pages have no canonical URL and there is no "
            "sitemap.xml; set it in glossary.toml or pass --base-url when you publish."
        )


@cli.command(name="check")
@_project_options
@_cache_options
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format",
    "format_",
    type=click.Choice([f.value for f in Format]),
    default=Format.TEXT.value,
    show_default=True,
    help="text for people, json for tools, github for GitHub Actions annotations.",
)
def check_command(
    source_dir: Path,
    config_path: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
    jobs: int | None,
    strict: bool,
    format_: str,
) -> None:
    """Check every term, the settings and the templates; write nothing."""
    report = check_sites(_project(source_dir, config_path, (cache_dir, no_cache, jobs)))
    _finish(report, strict, "Checked", Format(format_))


@cli.command(name="serve")
@_project_options
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes that convert terms [default: one per core].",
)
@click.option("--base-url", help="Absolute URL the site is published at (overrides the config).")
@click.option(
    "--port",
    type=click.IntRange(min=0, max=65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port on 127.0.0.1 (a free one if it is taken; 0: any free port).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
def serve_command(
    source_dir: Path,
    config_path: Path | None,
    jobs: int | None,
    base_url: str | None,
    port: int,
    open_browser: bool,
) -> None:
    """Preview the site on 127.0.0.1, rebuilt and reloaded as you save.

    The site and its cache are kept in memory (nothing is written): errors show in
    the terminal and over the open page, which keeps the last good site until they
    are fixed. Ctrl-C stops it.
    """
    if base_url is not None and not base_url.strip():
        raise click.BadParameter(
            "is empty; give the URL the site is published at, or leave the option out",
            param_hint="'--base-url'",
        )
    cache = (None, True, jobs)
    project, note = one_language(_project(source_dir, config_path, cache, base_url=base_url))
    if note:
        _say(note)
    serve(project, port, open_browser, _say_multiline)


def _say_multiline(text: str) -> None:
    click.echo(printable(text, newlines=True))


@cli.command(name="new")
@_project_options
@click.argument("title")
@click.option("--slug", help="File name and URL of the term [default: made from the title].")
@click.option("--alias", "aliases", multiple=True, help="Another name (repeat for more).")
@click.option(
    "--related", multiple=True, help="A related term by slug, title or alias (repeat for more)."
)
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for more).")
@click.option("--category", default="", help="The term's category.")
def new_command(
    source_dir: Path,
    config_path: Path | None,
    title: str,
    slug: str | None,
    aliases: tuple[str, ...],
    related: tuple[str, ...],
    tags: tuple[str, ...],
    category: str,
) -> None:
    """Create a term file for TITLE from a valid skeleton.

    The file is a draft (not published) until you remove its 'status: draft' line.
    An existing file is never overwritten; a title or alias that already names a
    term is refused.
    """
    path, problem = new_term(
        source_dir, title, slug, aliases=aliases, related=related, tags=tags, category=category
    )
    if problem is not None:
        _print_diagnostics((problem,))
        sys.exit(1)
    _say(f"Created {path}. It is a draft: fill it in, then remove 'status: draft'.")


@cli.command(name="import")
@click.argument("format_name", metavar="FORMAT", type=click.Choice(sorted(FORMATS)))
@click.argument("src", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    default=Path("glossary"),
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder the term files are written to (created when missing).",
)
@click.option("--force", is_flag=True, help="Replace term files that already exist in --out.")
@click.option(
    "--language",
    default="en",
    show_default=True,
    help="cncf: the language folder to import; skos: the language of the labels to read.",
)
@click.option(
    "--map",
    "column_map",
    default="",
    help="csv: columns for our keys, e.g. --map title=Term,definition=Meaning.",
)
@click.option("--separator", default=";", show_default=True, help="csv: splits multi-value cells.")
@click.option(
    "--all-languages",
    is_flag=True,
    help="cncf: every language folder into --out/<code>/, and [languages] into glossary.toml.",
)
def import_command(
    format_name: str,
    src: Path,
    out_dir: Path,
    force: bool,
    language: str,
    column_map: str,
    separator: str,
    all_languages: bool,
) -> None:
    """Convert a glossary written for another tool (FORMAT) at SRC into term files.

    Every fact that cannot be carried over is reported as a warning. Existing files in
    --out are left alone (and reported) unless --force is given.
    """
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", language):
        raise click.BadParameter(
            "is not a language code such as en, de or pt-br", param_hint="'--language'"
        )
    if not separator:
        raise click.BadParameter("is empty; give a character such as ;", param_hint="'--separator'")
    if all_languages:
        if format_name != "cncf":
            raise click.BadParameter("works with cncf only", param_hint="'--all-languages'")
        lines, diagnostics, failed = import_every_language(src, out_dir, force)
        _print_diagnostics(diagnostics)
        for line in lines:
            _say(line)
        sys.exit(1 if failed else 0)
    options = ImportOptions(language, _column_map(column_map), separator)
    report = import_glossary(format_name, src, out_dir, force=force, options=options)
    _print_diagnostics(report.diagnostics)
    errors = sum(d.is_error for d in report.diagnostics)
    warnings = len(report.diagnostics) - errors
    counted = f"{_count(warnings, 'warning')}" + (f", {_count(errors, 'error')}" if errors else "")
    shown = f"{out_dir.as_posix().rstrip('/')}/"
    _say(f"Imported {_count(len(report.written), 'term')} into {shown} ({counted}).")
    if errors:
        sys.exit(1)
    _say(f"Next: glossary-site check --source {shown}")


def _column_map(text: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        key, equals, column = item.partition("=")
        if not equals or not key.strip() or not column.strip():
            raise click.BadParameter(
                f"'{item}' is not KEY=COLUMN; write e.g. --map title=Term,definition=Meaning",
                param_hint="'--map'",
            )
        if key.strip() not in CSV_KEYS:
            raise click.BadParameter(
                f"'{key.strip()}' is not one of our keys: {', '.join(CSV_KEYS)}",
                param_hint="'--map'",
            )
        pairs.append((key.strip(), column.strip()))
    return tuple(pairs)


@cli.command(name="init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="Glossary", show_default=True, help="The site's name.")
def init_command(directory: Path, title: str) -> None:
    """Create a new glossary project in DIRECTORY (new, or empty but for .git).

    It gets glossary.toml, two example terms, .gitignore, a README and a GitHub
    Actions workflow that checks pull requests and publishes to GitHub Pages.
    """
    path, problem = init_project(directory, title)
    if problem is not None:
        _print_diagnostics((problem,))
        sys.exit(1)
    _say(f"Created a glossary in {path}. Next: cd {path} && glossary-site check")


@cli.command(name="schema")
@click.option(
    "--report", is_flag=True, help="Print the schema of 'check --format json' output instead."
)
def schema_command(report: bool) -> None:
    """Print the JSON Schema of a term's front matter (for editors' YAML support).

    It is generated from the same table of keys the checker uses.
    """
    schema = REPORT_SCHEMA if report else front_matter_schema()
    click.echo(json.dumps(schema, indent=2, ensure_ascii=True))


def main() -> None:
    cli(prog_name="glossary-site")
