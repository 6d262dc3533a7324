"""``updated_from_git``: the date of each term file's last commit, from one ``git log``.

Deterministic for a given commit (the committer's date, never the clock); one ``git log``
for all files (plus one ``rev-parse`` to spot a shallow clone), never one per term. Without
git, outside a repository or for files never committed, there are simply no dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
from pathlib import Path, PurePosixPath

from .config import CONFIG_FILE_NAME
from .diagnostics import Diagnostic, Severity
from .schema import Term

GIT_TIMEOUT_SECONDS = 60
_RECORD = "\x1e"


class ShallowCloneError(Exception):
    """The repository is a shallow clone: its oldest commit seems to add every file."""


def last_commit_dates(folder: Path) -> dict[PurePosixPath, dt.date]:
    """Each file below ``folder`` → date of the last commit that changed it (may be empty).

    Raises ``ShallowCloneError`` in a shallow clone, whose dates would be wrong.
    """
    shallow = _git(folder, "rev-parse", "--is-shallow-repository")
    if shallow is None:  # no git, not a repository, or git failed: no dates
        return {}
    if shallow.strip() == "true":
        raise ShallowCloneError
    log = _git(folder, "log", "--relative", "--name-only", "--no-renames", "-z", "--format=%x1e%cs")
    return _parse_log(log or "")


def dates_from_git(
    terms: list[Term], source_dir: Path, config_path: Path | None
) -> tuple[list[Term], list[Diagnostic]]:
    """Terms without ``updated`` get their file's last commit date (``updated_from_git``).

    In a shallow clone the terms stay as they are, with a warning at ``config_path``.
    """
    try:
        dates = last_commit_dates(source_dir)
    except ShallowCloneError:
        return terms, [
            Diagnostic(
                config_path or Path(CONFIG_FILE_NAME),
                0,
                "git-shallow-clone",
                "updated_from_git is on, but the repository is a shallow clone, so the dates "
                "of the last commits are not known; terms keep their own 'updated' only",
                "clone the whole history (GitHub Actions: actions/checkout with fetch-depth: 0)",
                Severity.WARNING,
            )
        ]
    dated = []
    for term in terms:
        try:
            name = PurePosixPath(term.src_path.relative_to(source_dir).as_posix())
        except ValueError:
            name = None
        date = dates.get(name) if name is not None and term.updated is None else None
        dated.append(dataclasses.replace(term, updated=date) if date else term)
    return dated, []


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=folder,
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "surrogateescape")


def _parse_log(log: str) -> dict[PurePosixPath, dt.date]:
    """Newest commit first: the first date seen for a path is its last commit's."""
    dates: dict[PurePosixPath, dt.date] = {}
    for record in log.split(_RECORD)[1:]:
        day, _, names = record.partition("\0")
        try:
            date = dt.date.fromisoformat(day)
        except ValueError:
            continue
        for name in names.removeprefix("\n").split("\0"):
            if name:
                dates.setdefault(PurePosixPath(name), date)
    return dates
