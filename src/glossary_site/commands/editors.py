"""The commands that help editors start: ``new``, ``init`` and ``schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..project_init import init_project
from ..report_format import REPORT_SCHEMA
from ..scaffold import new_term
from ..term_fields import front_matter_schema
from .common import print_diagnostics, project_options, say


@click.command(name="new")
@project_options
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
        print_diagnostics((problem,))
        sys.exit(1)
    say(f"Created {path}. It is a draft: fill it in, then remove 'status: draft'.")


@click.command(name="init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="Glossary", show_default=True, help="The site's name.")
def init_command(directory: Path, title: str) -> None:
    """Create a new glossary project in DIRECTORY (new, or empty but for .git).

    It gets glossary.toml, two example terms, .gitignore, a README and a GitHub
    Actions workflow that checks pull requests and publishes to GitHub Pages.
    """
    path, problem = init_project(directory, title)
    if problem is not None:
        print_diagnostics((problem,))
        sys.exit(1)
    say(f"Created a glossary in {path}. Next: cd {path} && glossary-site check")


@click.command(name="schema")
@click.option(
    "--report", is_flag=True, help="Print the schema of 'check --format json' output instead."
)
def schema_command(report: bool) -> None:
    """Print the JSON Schema of a term's front matter (for editors' YAML support).

    It is generated from the same table of keys the checker uses.
    """
    schema = REPORT_SCHEMA if report else front_matter_schema()
    click.echo(json.dumps(schema, indent=2, ensure_ascii=True))
