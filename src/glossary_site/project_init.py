"""``init``: a new glossary project in an empty folder; never writes into one with files.

The project is a ``glossary.toml``, two example terms that link each other (so ``check
--strict`` is green from the start), a ``.gitignore``, a README stub and a GitHub Actions
workflow (``project_template/``) that checks pull requests with ``check --format github``
and publishes ``site/`` to GitHub Pages from ``main``.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

from .diagnostics import Diagnostic

# template file → where it goes in the new project
_LAYOUT = {
    "glossary.toml": "glossary.toml",
    "gitignore": ".gitignore",
    "README.md": "README.md",
    "glossary.yml": ".github/workflows/glossary.yml",
    "term.md": "glossary/term.md",
    "glossary.md": "glossary/glossary.md",
}
# What may already be in the folder: a fresh `git init`.
_ALLOWED = frozenset({".git"})
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def init_project(
    project_dir: Path, title: str = "Glossary"
) -> tuple[Path | None, Diagnostic | None]:
    """Write a new project into ``project_dir`` (missing, empty, or holding only ``.git``)."""
    problem = _folder_problem(project_dir) or _title_problem(project_dir, title)
    if problem is not None:
        return None, problem
    replacements = {
        "{title}": json.dumps(" ".join(title.split()), ensure_ascii=False),  # a TOML string
        "{title_text}": " ".join(title.split()),
        "{version}": version("glossary-site"),
    }
    template_dir = files("glossary_site") / "project_template"
    try:
        for name, target in _LAYOUT.items():
            text = (template_dir / name).read_text(encoding="utf-8")
            for token, value in replacements.items():
                text = text.replace(token, value)
            path = project_dir / target
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
    except OSError as exc:
        return None, Diagnostic(
            project_dir,
            0,
            "init-write-failed",
            f"could not write the new project: {exc.strerror or exc}",
            "choose a folder you may write to",
        )
    return project_dir, None


def _folder_problem(project_dir: Path) -> Diagnostic | None:
    if not project_dir.exists() and not project_dir.is_symlink():
        return None
    if not project_dir.is_dir():
        return Diagnostic(
            project_dir,
            0,
            "init-not-a-folder",
            "this is a file, not a folder",
            "give init the name of a new or empty folder",
        )
    found = sorted(entry.name for entry in project_dir.iterdir() if entry.name not in _ALLOWED)
    if found:
        shown = ", ".join(found[:3]) + (" …" if len(found) > 3 else "")
        return Diagnostic(
            project_dir,
            0,
            "init-not-empty",
            f"the folder is not empty ({shown}); init never writes into a folder with files",
            "give init a new or empty folder; to add a term to this project use "
            'glossary-site new "Title"',
        )
    return None


def _title_problem(project_dir: Path, title: str) -> Diagnostic | None:
    if _CONTROL_RE.search(title) or not title.strip():
        return Diagnostic(
            project_dir,
            0,
            "init-bad-title",
            "the title is empty or contains control characters",
            'give a plain title, e.g. --title "Team Glossary"',
        )
    return None
