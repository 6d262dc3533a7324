"""The inputs of a project as the whole-build short cut and the patch build read them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..cache.inputs import frame_digest
from ..config import load_config
from ..i18n import translations_dir
from ..project import Project, input_roots


def input_folders(project: Project) -> list[tuple[str, Path | None]]:
    """The folders a build reads, by role (``cache.inputs``)."""
    return [
        ("source", project.source_dir),
        ("static", project.static_dir),
        ("templates", project.templates_dir),
        ("translations", translations_dir(project.config_path)),
    ]


def project_frame(project: Project) -> str | None:
    """``frame_digest`` of the project now; None when its config has problems."""
    roots = input_roots(project)
    config, problems = load_config(project.config_path, dict(project.overrides), roots)
    if problems:
        return None
    return frame_digest(config, project.config_path, input_folders(project), dt.date.today())
