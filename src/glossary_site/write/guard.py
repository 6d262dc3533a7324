"""Which folders a build may replace.

A build replaces only a missing folder, an empty one, or a previous build (a valid
manifest, and nothing in it the build did not write). ``--force`` also replaces any other
folder, but never an input or the current, project or home folder, the filesystem root,
a folder that holds one of them, or a folder that looks like a home folder.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path

from .errors import OutputError, UnsafeOutputError, name_list, printable
from .manifest import KEPT_AT_ROOT, MANIFEST_NAME, OS_LITTER, Previous, foreign_entries
from .update import pending_paths

# A folder holding one of these is somebody's home folder: never replaced, even with --force.
HOME_MARKERS = (".ssh", ".gnupg", ".bashrc", ".profile")
NEVER_HINT = "choose another folder with --out; --force does not override this"


def path_problem(
    out_dir: Path, kept: Mapping[str, Path], inputs: Mapping[str, Path]
) -> UnsafeOutputError | None:
    """Why ``out_dir`` may never be written, whatever its contents and ``--force``.

    ``kept`` (current and project folder) and ``inputs`` (sources, templates, static)
    map a description ("the source folder") to a path.
    """
    shown = printable(str(out_dir))
    try:
        out = out_dir.resolve()
    except (RuntimeError, OSError):  # a symlink loop
        return UnsafeOutputError(
            f"the output path {shown} is a symbolic link that leads nowhere (a loop)",
            "remove or fix the link, or choose another folder with --out",
        )
    protected = (*kept.items(), *inputs.items(), *_system_folders().items())
    for label, path in protected:
        if path.resolve() == out:
            return UnsafeOutputError(
                f"the output folder {shown} is {label}, which a build would replace", NEVER_HINT
            )
    for label, path in protected:
        if path.resolve().is_relative_to(out):
            return UnsafeOutputError(
                f"the output folder {shown} contains {label} ({printable(str(path))}), "
                "which a build would delete",
                NEVER_HINT,
            )
    for label, path in inputs.items():
        if out.is_relative_to(path.resolve()):
            return UnsafeOutputError(
                f"the output folder {shown} is inside {label} ({printable(str(path))})",
                NEVER_HINT,
            )
    if out.exists() and not out.is_dir():
        return UnsafeOutputError(f"the output path {shown} exists and is not a folder")
    blocking = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        return UnsafeOutputError(
            f"the output path {shown} is inside {printable(str(blocking))}, which is a file, "
            "not a folder"
        )
    markers = [name for name in HOME_MARKERS if (out / name).exists()]
    if markers:
        return UnsafeOutputError(
            f"the output folder {shown} looks like a home folder (it holds "
            f"{name_list(markers)}), which a build would replace",
            NEVER_HINT,
        )
    return None


def _system_folders() -> dict[str, Path]:
    folders = {"the filesystem root": Path(Path.cwd().anchor)}
    with contextlib.suppress(RuntimeError, KeyError):
        folders["your home folder"] = Path.home()
    return folders


def contents_problem(
    out_dir: Path, force: bool, given: Path | None = None, previous: Previous | None = None
) -> OutputError | None:
    """Why the existing folder ``out_dir`` may not be replaced, or None when it may.

    ``given`` is the path as the user gave it (``out_dir`` with symlinks resolved);
    ``previous`` its manifest, when the caller reads it anyway.
    """
    if not out_dir.is_dir():
        return None
    # A folder holding only .git (a fresh gh-pages worktree) or OS litter counts as empty.
    entries = sorted(e.name for e in out_dir.iterdir() if e.name not in KEPT_AT_ROOT | OS_LITTER)
    if not entries or force:
        return None
    shown = printable(str(given or out_dir))
    listed = (previous or Previous(out_dir)).listed()
    if listed is None:
        return OutputError(
            "output-not-a-build",
            f"the output folder {shown} is not empty and is not a glossary-site build "
            f"(no valid {MANIFEST_NAME}); a build would delete {name_list(entries)}",
            "choose a new or empty folder with --out, or pass --force to replace its "
            "contents (a .git folder or file is kept); move files that publishing needs, "
            "such as CNAME or .nojekyll, into static/ first so every build writes them",
        )
    foreign = foreign_entries(out_dir, listed | pending_paths(out_dir))
    if foreign:
        return OutputError(
            "output-has-other-files",
            f"the output folder {shown} holds files the last build did not write, which "
            f"a build would delete: {name_list(foreign)}",
            "move files the site needs into static/ (every build copies them), delete the "
            "others, or pass --force to replace them",
        )
    return None
