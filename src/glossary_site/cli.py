"""Command line: maps options to a ``Project`` and reports to exit codes. No logic lives here.

Exit codes: 0 ok, 1 content errors, 2 usage errors (click's own), 3 internal errors.
Everything printed goes through ``printable``: content never reaches the terminal raw.
The commands live in ``commands`` (by concern); this module is their group.
"""

from __future__ import annotations

import sys
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
    cli(prog_name="glossary-site")
