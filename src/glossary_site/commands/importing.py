"""``import``: a glossary written for another tool, as term files."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from ..importers import CSV_KEYS, FORMATS, ImportOptions, import_glossary
from ..multisite.importing import import_every_language
from .common import count, print_diagnostics, say


@click.command(name="import")
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
        print_diagnostics(diagnostics)
        for line in lines:
            say(line)
        sys.exit(1 if failed else 0)
    options = ImportOptions(language, _column_map(column_map), separator)
    report = import_glossary(format_name, src, out_dir, force=force, options=options)
    print_diagnostics(report.diagnostics)
    errors = sum(d.is_error for d in report.diagnostics)
    warnings = len(report.diagnostics) - errors
    counted = f"{count(warnings, 'warning')}" + (f", {count(errors, 'error')}" if errors else "")
    shown = f"{out_dir.as_posix().rstrip('/')}/"
    say(f"Imported {count(len(report.written), 'term')} into {shown} ({counted}).")
    if errors:
        sys.exit(1)
    say(f"Next: glossary-site check --source {shown}")


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
