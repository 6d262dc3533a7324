"""The commands that read a whole glossary: ``build``, ``check`` and ``serve``."""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import printable
from ..memory import ending_after_builds
from ..multisite import build_sites, check_sites, one_language
from ..report_format import Format
from ..serve import DEFAULT_PORT, serve
from ..write import DEFAULT_LOCK_TIMEOUT
from .common import Foreseen, cache_options, finish, make_project, project_options, say


@click.command(name="build")
@project_options
@cache_options
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
    project = make_project(source_dir, config_path, cache, base_url=base_url)
    shown = f"{out_dir.as_posix().rstrip('/')}/"

    def waiting() -> None:
        click.echo(f"Waiting for another build of {shown} to finish…", err=True)

    foreseen = Foreseen()  # (formatted while a patch build waits for Pagefind)
    with ending_after_builds():  # (``memory.spare``)
        report = build_sites(
            project,
            out_dir,
            strict=strict,
            force=force,
            lock_timeout=lock_timeout,
            on_wait=waiting,
            on_diagnostics=foreseen,
        )
    finish(report, strict, f"Built {shown}", foreseen=foreseen)
    if not report.base_url:
        say(
            "Note: base_url is not set, so pages have no canonical URL and there is no "
            "sitemap.xml; set it in glossary.toml or pass --base-url when you publish."
        )


@click.command(name="check")
@project_options
@cache_options
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
    report = check_sites(make_project(source_dir, config_path, (cache_dir, no_cache, jobs)))
    finish(report, strict, "Checked", Format(format_))


@click.command(name="serve")
@project_options
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
    project, note = one_language(make_project(source_dir, config_path, cache, base_url=base_url))
    if note:
        say(note)
    serve(project, port, open_browser, say_multiline)


def say_multiline(text: str) -> None:
    """Print what ``serve`` says (a diagnostic may span lines), control characters escaped."""
    click.echo(printable(text, newlines=True))
