"""Stage 6: ``{dest_path: bytes}`` → the output folder, all or nothing.

Files go into a new temporary folder beside the output folder, which replaces
the old one only once every file is written. A failure at any point removes the
temporary folder and leaves the previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath


class UnsafeOutputError(Exception):
    """An output path or folder that would put a write where it does not belong."""


def output_problem(out_dir: Path, kept: Mapping[str, Path], inputs: Mapping[str, Path]) -> str:
    """Why ``out_dir`` must not be (re)built, or "" when it is safe.

    The build must never replace or empty a folder of ``kept`` (the current and the
    project folder) or of ``inputs`` (sources, templates), nor nest the site in an
    input folder. Both map a description ("the source folder") to the path.
    """
    out = out_dir.resolve()
    for label, path in (*kept.items(), *inputs.items()):
        if path.resolve() == out:
            return f"the output folder {out_dir} is {label}, which a build would replace"
        if path.resolve().is_relative_to(out):
            return (
                f"the output folder {out_dir} contains {label} ({path}), which a build would delete"
            )
    for label, path in inputs.items():
        if out.is_relative_to(path.resolve()):
            return f"the output folder {out_dir} is inside {label} ({path})"
    if out.exists() and not out.is_dir():
        return f"the output path {out_dir} exists and is not a folder"
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file():
        return (
            f"the output folder {out_dir} is not empty and does not look like a built "
            "glossary (no index.html), so it is not replaced"
        )
    return ""


def write_site(outputs: Mapping[PurePosixPath, bytes], out_dir: Path) -> int:
    """Write every file into a fresh folder, then swap it in for ``out_dir``.

    Returns the number of files written.
    """
    out_dir = out_dir.absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        _fill(staging, outputs)
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(outputs)


def contained_path(root: Path, dest_path: PurePosixPath) -> Path:
    """``root / dest_path``, refusing any path that would land outside ``root``."""
    if dest_path.is_absolute() or ".." in dest_path.parts or not dest_path.parts:
        raise UnsafeOutputError(f"refusing to write outside the output folder: {dest_path}")
    target = root.joinpath(*dest_path.parts)
    if not target.resolve().is_relative_to(root.resolve()):
        raise UnsafeOutputError(f"refusing to write outside the output folder: {dest_path}")
    return target


def _fill(staging: Path, outputs: Mapping[PurePosixPath, bytes]) -> None:
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; a site must be readable
    for dest_path, data in outputs.items():
        target = contained_path(staging, dest_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _swap(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        staging.rename(out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    retired.rmdir()
    out_dir.rename(retired)
    try:
        staging.rename(out_dir)
    except BaseException:
        retired.rename(out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)
