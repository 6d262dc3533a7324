"""What the commands share: the project options, the ``Project`` they make, and printing.

Everything printed goes through ``printable``: content never reaches the terminal raw.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..build import Project, Report
from ..cache import DEFAULT_CACHE_DIR
from ..config import CONFIG_FILE_NAME
from ..diagnostics import Diagnostic, format_all, printable
from ..pool import default_jobs
from ..report_format import Format, render

F = TypeVar("F", bound=Callable[..., Any])


def cache_options(func: F) -> F:
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


def project_options(func: F) -> F:
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


def make_project(
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


class Foreseen:
    """The text of a report's diagnostics made while the build still runs (``build``'s
    ``on_diagnostics``: a patch build hands them over before it waits for Pagefind)."""

    def __init__(self) -> None:
        self.diagnostics: tuple[Diagnostic, ...] | None = None
        self.text = ""

    def __call__(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        self.diagnostics, self.text = diagnostics, format_all(diagnostics, Path.cwd())

    def text_of(self, diagnostics: tuple[Diagnostic, ...]) -> str:
        """The text of ``diagnostics``: the one made before when it is theirs."""
        if diagnostics is self.diagnostics:
            return self.text
        return format_all(diagnostics, Path.cwd())


def print_diagnostics(
    diagnostics: tuple[Diagnostic, ...], foreseen: Foreseen | None = None
) -> None:
    if diagnostics:  # one write: a large glossary may have 100,000s of warnings
        text = (foreseen or Foreseen()).text_of(diagnostics)
        click.echo(text, err=True)


def say(text: str) -> None:
    """Print a line to stdout with every control character escaped."""
    click.echo(printable(text))


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def finish(
    report: Report,
    strict: bool,
    done: str,
    format_: Format = Format.TEXT,
    foreseen: Foreseen | None = None,
) -> None:
    if format_ is Format.TEXT:
        print_diagnostics(report.diagnostics, foreseen)
    elif format_ is Format.JSON or report.diagnostics:
        click.echo(render(format_, report.diagnostics, Path.cwd()))
    errors = sum(d.is_error for d in report.diagnostics)
    warnings = len(report.diagnostics) - errors
    if errors or (strict and warnings):
        counted = count(errors, "error")
        if strict and warnings:
            counted += f" and {count(warnings, 'warning')} (--strict)"
        if format_ is not Format.JSON:
            click.secho(f"Failed: {counted}. Nothing was written.", fg="red", err=True)
        sys.exit(1)
    if format_ is Format.JSON:
        return
    drafts = f", {count(report.draft_count, 'draft')} left out" if report.draft_count else ""
    notes = [count(warnings, "warning")] if warnings else []
    if report.patched:  # a patch build (patch/): only these terms' own files were made
        notes.append(f"{count(report.patched, 'edited term')} patched in place")
    note = f" ({'; '.join(notes)})" if notes else ""
    say(f"{done}: {count(report.term_count, 'term')}{drafts} in {report.seconds:.2f} s{note}.")
