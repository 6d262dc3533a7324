"""Paths of the site's files: each must be writable on any common file system and unique.

Checked on the rendered ``{path: bytes}`` before anything is written, so ``check``
finds them too: a name over 255 bytes (the limit of ext4, APFS, NTFS …), a path over
``MAX_PATH_BYTES``, a static file that would replace a generated page, and a static
file where a page needs a folder (``static/sprint`` against ``sprint/index.html``)
or the reverse.

The checks run over plain strings, once per path, and cost no more than a set lookup for
the paths that pass (a site has 50,000 of them at 10,000 terms); only a path that fails
is looked at again, in path order, to say why.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path, PurePosixPath

from .diagnostics import Diagnostic

MAX_NAME_BYTES = 255  # one file or folder name, UTF-8
MAX_PATH_BYTES = 1024  # a file's path inside the site, UTF-8

# No name or path of at most this many characters can reach the limits (4 bytes a character).
_SAFE_CHARS = min(MAX_NAME_BYTES, MAX_PATH_BYTES) // 4

# Where each output comes from: the file (and line) an editor changes to fix it.
Origins = Mapping[PurePosixPath, tuple[Path, int]]


def output_path_problems(
    pages: Collection[PurePosixPath],
    assets: Collection[PurePosixPath],
    origins: Origins,
    static_dir: Path,
) -> tuple[Diagnostic, ...]:
    """Every output path that cannot be written, or that collides with another
    (``pages``: the generated files' paths, ``assets``: the static files')."""
    long_paths = [dest for dest in {*pages, *assets} if len(str(dest)) > _SAFE_CHARS]
    problems = [
        _too_long(dest, origins.get(dest) or (static_dir / dest, 0))
        for dest in sorted(long_paths)
        if _length_problem(dest)
    ]
    problems += [
        Diagnostic(
            static_dir / dest,
            0,
            "static-clash",
            f"the static file {dest} would replace a page the build generates",
            "rename or remove it; to change a page, override its template instead",
        )
        for dest in sorted(dest for dest in assets if dest in pages)
    ]
    if _may_clash(pages, assets):
        problems += _folder_clashes(pages, assets, static_dir)
    return tuple(problems)


def _may_clash(pages: Collection[PurePosixPath], assets: Collection[PurePosixPath]) -> bool:
    """Whether a static file is where a page needs a folder, or the reverse (strings only)."""
    page_names = {str(dest) for dest in pages}
    asset_names = {str(dest) for dest in assets}
    return not asset_names.isdisjoint(_folders(page_names)) or not page_names.isdisjoint(
        _folders(asset_names)
    )


def _folders(names: set[str]) -> set[str]:
    """Every folder that holds one of ``names`` (``a`` and ``a/b`` for ``a/b/c.html``)."""
    folders: set[str] = set()
    for name in names:
        end = name.rfind("/")
        while end > 0 and name[:end] not in folders:
            folders.add(name[:end])
            end = name.rfind("/", 0, end)
    return folders


def _length_problem(dest: PurePosixPath) -> str:
    longest = max(dest.parts, key=lambda part: len(part.encode()))
    if len(longest.encode()) > MAX_NAME_BYTES:
        return f"a name of {len(longest.encode())} bytes (the limit is {MAX_NAME_BYTES})"
    if len(dest.as_posix().encode()) > MAX_PATH_BYTES:
        return f"a path of {len(dest.as_posix().encode())} bytes (the limit is {MAX_PATH_BYTES})"
    return ""


def _too_long(dest: PurePosixPath, origin: tuple[Path, int]) -> Diagnostic:
    shown = dest.as_posix()
    shown = shown if len(shown) <= 80 else f"{shown[:60]}…{shown[-16:]}"
    return Diagnostic(
        origin[0],
        origin[1],
        "output-path-too-long",
        f"the site file {shown} has {_length_problem(dest)}; file systems cannot store it",
        "shorten the slug or the file name",
    )


def _folder_clashes(
    pages: Collection[PurePosixPath], assets: Collection[PurePosixPath], static_dir: Path
) -> list[Diagnostic]:
    """A file of the site at a path another file of the site needs as a folder (run only
    when ``_may_clash``: it walks every parent of every path)."""
    files = {*pages, *assets}
    problems = []
    reported = set()  # a folder's clash once, though it holds a page and its Markdown twin
    for dest in sorted(files):
        for folder in dest.parents:
            if folder in files and (folder in assets) != (dest in assets):
                static, page = (folder, dest) if folder in assets else (dest, folder)
                if (static, folder) in reported:
                    continue
                reported.add((static, folder))
                where = static_dir / static
                problems.append(
                    Diagnostic(
                        where,
                        0,
                        "static-clash",
                        f"the static file {static} and the generated page {page} need "
                        f"{folder} to be both a file and a folder",
                        "rename or move the static file; a term's slug names its folder",
                    )
                )
    return problems
