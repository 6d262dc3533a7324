"""Command line: maps options to a ``Project`` and reports to exit codes. No logic lives here.

Exit codes: 0 ok, 1 content errors, 2 usage errors (click's own).
Everything printed goes through ``printable``: content never reaches the terminal raw.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

import click

from .build import Project, Report, build, check
from .cache import DEFAULT_CACHE_DIR
from .config import CONFIG_FILE_NAME
from .diagnostics import Diagnostic, printable
from .pool import WorkerCrashed, default_jobs
from .scaffold import new_term
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
    if config_path is not None and not config_path.is_file():
        raise click.BadParameter(
            f"there is no file {printable(str(config_path))}", param_hint="'--config'"
        )
    if config_path is None and Path(CONFIG_FILE_NAME).is_file():
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
    for diagnostic in diagnostics:
        click.echo(diagnostic.format(cwd), err=True)


def _say(text: str) -> None:
    """Print a line to stdout with every control character escaped."""
    click.echo(printable(text))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _finish(report: Report, strict: bool, done: str) -> None:
    _print_diagnostics(report.diagnostics)
    errors = sum(d.is_error for d in report.diagnostics)
    warnings = len(report.diagnostics) - errors
    if errors or (strict and warnings):
        counted = _count(errors, "error")
        if strict and warnings:
            counted += f" and {_count(warnings, 'warning')} (--strict)"
        click.secho(f"Failed: {counted}. Nothing was written.", fg="red", err=True)
        sys.exit(1)
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

    report = build(
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
def check_command(
    source_dir: Path,
    config_path: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
    jobs: int | None,
    strict: bool,
) -> None:
    """Check every term, the settings and the templates; write nothing but the cache."""
    report = check(_project(source_dir, config_path, (cache_dir, no_cache, jobs)))
    _finish(report, strict, "Checked")


@cli.command(name="new")
@_project_options
@click.argument("title")
@click.option("--slug", help="File name and URL of the term [default: made from the title].")
def new_command(source_dir: Path, config_path: Path | None, title: str, slug: str | None) -> None:
    """Create a term file for TITLE from a valid skeleton.

    The file is a draft (not published) until you remove its 'status: draft' line.
    An existing file is never overwritten.
    """
    path, problem = new_term(source_dir, title, slug)
    if problem is not None:
        _print_diagnostics((problem,))
        sys.exit(1)
    _say(f"Created {path}. It is a draft: fill it in, then remove 'status: draft'.")


def main() -> None:
    cli(prog_name="glossary-site")
