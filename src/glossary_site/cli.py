"""Command line: maps options to a ``Project`` and reports to exit codes. No logic lives here.

Exit codes: 0 ok, 1 content errors, 2 usage errors (click's own), 3 internal errors.
Everything printed goes through ``printable``: content never reaches the terminal raw.
The commands live in ``commands`` (by concern); this module is their group.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from importlib.metadata import version
from typing import Any

import click

from .commands import COMMANDS
from .diagnostics import printable
from .pool import WorkerCrashed


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


for command in COMMANDS:
    cli.add_command(command)


def main() -> None:
    try:
        cli(prog_name="glossary-site")
    except SystemExit as exc:
        _leave_now(exc.code)
        raise


def _leave_now(code: object) -> None:
    """End the process at once with ``code`` once everything is written, without freeing
    the build's objects one by one (a 10,000-term build's heap took 0.3 s to tear down,
    a tenth of a patch build). Only when nothing else could still run or want to know:
    no other thread, no profiler or tracer (coverage), an exit code that is a number."""
    if code is not None and type(code) is not int:
        return
    if threading.active_count() != 1 or sys.getprofile() is not None or sys.gettrace():
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: let Python report it as it does
        return
    os._exit(code or 0)
