"""One digest of everything a build reads, for the whole-build short cut (``record``).

The digest covers the package (versions of it and its libraries, its own sources and
default templates), the config as validated with the command line's overrides, the
paths as given and the current folder (messages show paths relative to it), today's
date (lint compares dates with it), and the name and bytes of every file in the
source, static and templates folders, hidden ones included.

Anything this module cannot vouch for gives None, which means "build for real": a
symbolic link or a special file in an input folder (its target may change without a
byte of the folder changing), a file larger than any input may be, an unreadable one,
and a config that reads git history (``updated_from_git``: dates from commits).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from ..config import SiteConfig
from ..inputs import MAX_STATIC_BYTES
from .input_stats import InputStats
from .keys import environment_digest

# Each input file as (role, name below its folder, SHA-256); the config's name is "".
Listing = list[tuple[str, str, bytes]]

# Bump when what the digest covers changes.
INPUTS_FORMAT = "inputs 1"


class Unhashable(Exception):
    """An input this digest cannot vouch for: the build must run for real."""


def inputs_digest(
    config: SiteConfig,
    config_path: Path | None,
    folders: Iterable[tuple[str, Path | None]],
    today: dt.date,
    stats: InputStats | None = None,
    listing: Listing | None = None,
) -> str | None:
    """The SHA-256 (hex) of every input of a build, or None when one cannot be vouched for.

    ``folders`` are the input folders by role (``source``, ``static``, ``templates``);
    a missing folder counts as empty, but where it is counts. With ``stats``, files whose
    status is remembered there are not read (see ``input_stats``). ``listing`` is filled
    with each file's role, name and SHA-256 (what a patch build compares, ``patch/``).
    """
    if config.updated_from_git:
        return None
    digest = hashlib.sha256(INPUTS_FORMAT.encode() + b"\0")
    digest.update(environment_digest(config, Path("."), None).encode() + b"\0")
    digest.update(
        f"{os.getcwd()}\0{config_path}\0{today.isoformat()}\0".encode(errors="surrogateescape")
    )
    try:
        if config_path is not None:
            sha256 = _add_file(digest, "config", config_path, stats, os.lstat(config_path))
            if listing is not None:
                listing.append(("config", "", sha256))
        for role, folder in folders:
            digest.update(f"folder\0{role}\0{folder}\0".encode(errors="surrogateescape"))
            if folder is not None:
                found = _add_folder(digest, folder, stats)
                if listing is not None:
                    listing += ((role, name, sha256) for name, sha256 in found)
    except (Unhashable, OSError):
        return None
    return digest.hexdigest()


def frame_digest(
    config: SiteConfig,
    config_path: Path | None,
    folders: Iterable[tuple[str, Path | None]],
    today: dt.date,
) -> str:
    """The SHA-256 of what ``inputs_digest`` covers besides the files' bytes: the package,
    the config, the paths and folders, the current folder and today's date."""
    digest = hashlib.sha256(f"{INPUTS_FORMAT}\0frame\0".encode())
    digest.update(environment_digest(config, Path("."), None).encode() + b"\0")
    digest.update(
        f"{os.getcwd()}\0{config_path}\0{today.isoformat()}\0".encode(errors="surrogateescape")
    )
    for role, folder in folders:
        digest.update(f"folder\0{role}\0{folder}\0".encode(errors="surrogateescape"))
    return digest.hexdigest()


def _add_folder(
    digest: hashlib._Hash, folder: Path, stats: InputStats | None
) -> list[tuple[str, bytes]]:
    """Every file below ``folder`` in a fixed order: its relative name, then its bytes;
    the names (relative, starting with "/") and SHA-256s of the files."""
    found: list[tuple[str, bytes]] = []
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        digest.update(b"absent\0")
        return found
    if not stat.S_ISDIR(info.st_mode):
        raise Unhashable(folder)
    pending = [(str(folder), "")]
    while pending:
        path, relative = pending.pop()
        with os.scandir(path) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        digest.update(f"dir\0{relative}\0{len(entries)}\0".encode(errors="surrogateescape"))
        folders = []
        for entry in entries:  # (plain strings, no pathlib: a folder may hold 100,000 terms)
            name = f"{relative}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, name))
            elif entry.is_file(follow_symlinks=False):
                seen = entry.stat(follow_symlinks=False)
                found.append((name, _add_file(digest, name, entry.path, stats, seen)))
            else:  # a symbolic link, a FIFO, a socket, a device
                raise Unhashable(entry.path)
        pending += reversed(folders)
    return found


def _add_file(
    digest: hashlib._Hash,
    name: str,
    path: str | Path,
    stats: InputStats | None,
    seen: os.stat_result,
) -> bytes:
    """The file's name, size and SHA-256; from ``stats`` when its status is remembered.
    Returns the SHA-256."""
    if stats is not None and stat.S_ISREG(seen.st_mode) and seen.st_size <= MAX_STATIC_BYTES:
        known = stats.digest_of(str(path), seen)
        if known is not None:
            head = f"file\0{name}\0{seen.st_size}\0".encode(errors="surrogateescape")
            digest.update(head + known)
            return known
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_STATIC_BYTES:
            raise Unhashable(path)
        data = handle.read(MAX_STATIC_BYTES + 1)
    sha256 = hashlib.sha256(data).digest()
    if stats is not None and len(data) == info.st_size:
        stats.note(str(path), info, sha256)
    digest.update(f"file\0{name}\0{len(data)}\0".encode(errors="surrogateescape"))
    digest.update(sha256)
    return sha256
