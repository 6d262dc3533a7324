"""Whether an output folder is still exactly what a build left in it, without reading it.

Right after a build puts its site in place (under the output lock) it takes the
*stamps* of the folder: for the root, every folder and every file it wrote, its
relative path, whether it is a folder, inode, size, modification and status-change
time (``ctime``, which no program can set back: ``utime`` moves it to now). A later
build compares them with the folder as it is (one ``lstat`` per entry); any difference
(a file edited, replaced or removed, or an entry added or removed, which changes its
folder's times) means the folder is not known any more. A known folder needs no walk
for foreign files and no reading of its files: its manifest tells what they hold.

Times have the resolution of the kernel's clock tick, so an entry changed within a
tick of its stamp could keep its times: entries whose ``ctime`` is within
``FINE_RACY_SECONDS`` of when the stamps were taken (``RACY_SECONDS`` for a time in
whole seconds: such file systems keep one or two seconds) are checked by content instead
(a file against its SHA-256 in the manifest, a folder by its list of names), as git does
for its index.

Stamps come from the cache, which may come from elsewhere: ``KnownSite.decode`` checks
every field, and a forged record can only match a folder whose inodes and ``ctime``s
it knows, which only this machine can know.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import stat
import sys
import time
from array import array
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .lock import output_lock
from .manifest import KEPT_AT_ROOT, MANIFEST_NAME, folders_of, read_digests
from .swap import retired_prefix, staging_prefix

# Entries changed this close to the stamps are checked by their contents: a time with a
# sub-second part comes from a file system that keeps them, whose times then have the
# tick of the clock the kernel stamps files with (Linux: 1–10 ms, HZ 1000–100; Windows'
# default timer: 15.6 ms; exFAT keeps 10 ms), so a change after the stamps has a time at
# most one tick before them; a time in whole seconds may be as coarse as FAT's 2 s.
# (0.1 s before: the files a patch build just wrote, 55 MB at 10,000 terms, were always
# within it, so the next build read them all again.)
FINE_RACY_SECONDS = 0.025
RACY_SECONDS = 2.0
SECOND_NS = 1_000_000_000
FORMAT = 2
# Numbers per entry: is a folder (0/1), inode, size, mtime_ns, ctime_ns.
WIDTH = 5
_INODE_BITS = (1 << 63) - 1  # inodes are unsigned 64-bit; the table holds signed ones


@dataclass(frozen=True, slots=True)
class KnownSite:
    """The stamps of a site as a build left it: ``names`` ("" for the root), WIDTH
    numbers per name in ``numbers``, when they were taken (ns) and the manifest's SHA-256."""

    names: tuple[str, ...]
    numbers: array[int]
    taken_ns: int
    manifest: str

    def encode(self) -> bytes:
        header = {
            "format": FORMAT,
            "taken_ns": self.taken_ns,
            "manifest": self.manifest,
            "count": len(self.names),
            "byteorder": sys.byteorder,
        }
        names = "\0".join(self.names).encode("utf-8", "surrogateescape")
        head = json.dumps(header, separators=(",", ":")).encode()
        return b"%s\n%d\n%s%s" % (head, len(names), names, self.numbers.tobytes())

    @staticmethod
    def decode(data: bytes) -> KnownSite | None:
        """The stamps in ``data``, or None when anything does not fit."""
        with contextlib.suppress(ValueError, TypeError, KeyError, RecursionError):
            head, size, rest = data.split(b"\n", 2)
            header = json.loads(head)
            count, taken_ns, manifest = header["count"], header["taken_ns"], header["manifest"]
            if not (
                header.get("format") == FORMAT
                and header.get("byteorder") == sys.byteorder
                and type(count) is int
                and type(taken_ns) is int
                and type(manifest) is str
            ):
                return None
            length = int(size)
            text = rest[:length].decode("utf-8", "surrogateescape")
            names = tuple(text.split("\0"))
            numbers = array("q")
            numbers.frombytes(rest[length:])
            if len(names) != count or len(numbers) != WIDTH * count or not _all_safe(text):
                return None
            return KnownSite(names, numbers, taken_ns, manifest)
        return None


def _all_safe(joined: str) -> bool:
    """Whether every name of ``joined`` (names joined by NULs) is relative and stays
    inside the site: none starts with ``/``, no ``/{name}/`` holds ``/../``. (One pass
    over the text, not one call per name: a site has 70,000 names.)"""
    if "\0/" in f"\0{joined}":
        return False
    return "/../" not in "/" + joined.replace("\0", "/\0/") + "/"


def take_stamps(site: Path, listed: Iterable[str]) -> KnownSite | None:
    """The stamps of ``site``, which holds the files ``listed`` (its manifest) and their
    folders; None when one of them is not what it must be (a file, or a folder)."""
    files = sorted(listed)
    names = ("", *sorted(folders_of(frozenset(files))), *files, MANIFEST_NAME)
    try:
        numbers = _numbers(site, names)
        manifest = _file_digest(site / MANIFEST_NAME)
    except (OSError, OverflowError):
        return None
    return _checked(names, len(files), numbers, manifest)


def _checked(
    names: tuple[str, ...], files: int, numbers: array[int], manifest: str
) -> KnownSite | None:
    """The stamps, unless a folder is where a file belongs, or the reverse."""
    kinds = numbers[0::WIDTH]
    folders = len(names) - files - 1  # the root and the folders come first
    if kinds[:folders] != array("q", [1]) * folders or any(kinds[folders:]):
        return None
    return KnownSite(names, numbers, time.time_ns(), manifest)


def updated_stamps(
    site: Path, known: KnownSite, listed: Iterable[str], changed: Iterable[str]
) -> KnownSite | None:
    """The stamps of ``site`` after an update in place that wrote or removed only the
    files ``changed``: taken again for those, their folders, new entries, the root and
    the manifest; the other entries keep the numbers ``known`` gave them, which the
    writer found to hold under the lock it still holds (an entry changed behind its back
    since then no longer matches them, so the next build reads the folder)."""
    listed = listed if isinstance(listed, (set, frozenset, dict)) else set(listed)
    stale = {"", MANIFEST_NAME}
    for name in changed:
        stale.add(name)
        end = name.rfind("/")
        while end > 0:
            stale.add(name[:end])
            end = name.rfind("/", 0, end)
    edited = edited_names(known, listed, stale)
    if edited is not None:
        names, numbers, again = edited
    else:  # (never for a site the update kept as ``known`` says: checked all the same)
        files = sorted(listed)
        names = ("", *sorted(folders_of(frozenset(files))), *files, MANIFEST_NAME)
        numbers, again = _kept_numbers(known, names, stale)
    try:
        fresh = _numbers(site, tuple(names[number] for number in again))
        manifest = _file_digest(site / MANIFEST_NAME)
    except (OSError, OverflowError):
        return None
    for order, number in enumerate(again):
        numbers[number * WIDTH : (number + 1) * WIDTH] = fresh[order * WIDTH : (order + 1) * WIDTH]
    return _checked(names, len(listed), numbers, manifest)


def edited_names(
    known: KnownSite, listed: Collection[str], stale: set[str]
) -> tuple[tuple[str, ...], array[int], list[int]] | None:
    """``known``'s names and numbers with the files of ``listed`` (the site now) added and
    those it lacks removed, among the ``stale`` names, with their folders; and the
    positions of the ``stale`` names now there (to stamp again, zeros till then). In
    sorted place, by bisection: a patch build changes a few of 70,000 entries. None when
    ``listed`` is not ``known``'s files so edited (then ``_kept_numbers`` matches them)."""
    if not known.names or known.names[0] != "" or known.names[-1] != MANIFEST_NAME:
        return None
    try:  # (the root and the folders come first, then the files: ``_checked``)
        folders_end = known.numbers[0::WIDTH].index(0)
    except ValueError:
        return None
    root, manifest = known.numbers[:WIDTH], known.numbers[-WIDTH:]
    folders, files = list(known.names[1:folders_end]), list(known.names[folders_end:-1])
    folder_numbers = known.numbers[WIDTH : folders_end * WIDTH]
    file_numbers = known.numbers[folders_end * WIDTH : -WIDTH]
    blank = array("q", bytes(8 * WIDTH))
    for name in sorted(stale - {"", MANIFEST_NAME}):  # the files first: then their folders
        at = bisect_left(files, name)
        there = at < len(files) and files[at] == name
        if name in listed and not there:
            files.insert(at, name)
            file_numbers[at * WIDTH : at * WIDTH] = blank
        elif there and name not in listed:
            del files[at], file_numbers[at * WIDTH : (at + 1) * WIDTH]
    for name in sorted(stale - {"", MANIFEST_NAME}):
        inside = bisect_left(files, name + "/")
        needed = inside < len(files) and files[inside].startswith(name + "/")
        at = bisect_left(folders, name)
        there = at < len(folders) and folders[at] == name
        if needed and not there:
            folders.insert(at, name)
            folder_numbers[at * WIDTH : at * WIDTH] = blank
        elif there and not needed:
            del folders[at], folder_numbers[at * WIDTH : (at + 1) * WIDTH]
    if len(files) != len(listed) or not all(map(listed.__contains__, files)):
        return None
    names = ("", *folders, *files, MANIFEST_NAME)
    numbers = root + folder_numbers + file_numbers + manifest
    again = [0]
    for name in sorted(stale - {"", MANIFEST_NAME}):
        at = bisect_left(folders, name)
        if at < len(folders) and folders[at] == name:
            again.append(1 + at)
        at = bisect_left(files, name)
        if at < len(files) and files[at] == name:
            again.append(1 + len(folders) + at)
    again.append(len(names) - 1)
    return names, numbers, sorted(again)


def _kept_numbers(
    known: KnownSite, names: tuple[str, ...], stale: set[str]
) -> tuple[array[int], list[int]]:
    """The numbers of ``names`` as ``known`` has them (zeros for the others), and the
    positions of the names to stamp again: ``stale`` ones and those ``known`` lacks."""
    if names == known.names:
        return array("q", known.numbers), [n for n, name in enumerate(names) if name in stale]
    where = {name: number for number, name in enumerate(known.names)}
    old, blank = known.numbers, array("q", bytes(8 * WIDTH))
    numbers, again = array("q"), []
    for position, name in enumerate(names):
        number = where.get(name)
        if number is None or name in stale:
            again.append(position)
            numbers.extend(blank)
        else:
            numbers.extend(old[number * WIDTH : (number + 1) * WIDTH])
    return numbers, again


def _numbers(site: Path, names: tuple[str, ...]) -> array[int]:
    """WIDTH numbers for each of ``names`` as it is now; raises OSError if one is missing."""
    prefix = os.path.join(site, "")
    lstat, is_folder = os.lstat, stat.S_ISDIR
    numbers = array("q")
    extend = numbers.extend
    for name in names:
        info = lstat(prefix + name)
        extend(
            (
                is_folder(info.st_mode),
                info.st_ino & _INODE_BITS,
                info.st_size,
                info.st_mtime_ns,
                info.st_ctime_ns,
            )
        )
    return numbers


def site_is_unchanged(
    out_dir: Path,
    known: KnownSite,
    lock_timeout: float,
    on_wait: Callable[[], None] | None = None,
    given: Path | None = None,
    on_refresh: Callable[[KnownSite], None] | None = None,
) -> bool:
    """Whether ``out_dir`` (resolved) is exactly as ``known`` describes it, checked under
    its lock. Raises the ``output-locked`` OutputError as ``write_site`` does (naming the
    folder as ``given`` by the user).

    When entries too recent for their times were checked by content, ``on_refresh`` gets
    the same stamps taken as of this check (still under the lock), as git rewrites its
    index: an entry changed after the check changes its ``ctime`` to later than that, so
    only entries changed within a tick of the check stay racy, and the next
    build does not read again the files the last build wrote in its final seconds."""
    with output_lock(out_dir, lock_timeout, on_wait, given):
        checked_ns = time.time_ns()
        if _has_leftovers(out_dir):  # a killed build: the next real build tidies up
            return False
        if not site_is_known(out_dir, known, lambda: read_digests(out_dir)):
            return False
        if on_refresh is not None and _racy(known):
            on_refresh(dataclasses.replace(known, taken_ns=checked_ns))
        return True


def _racy(known: KnownSite) -> bool:
    """Whether some entry of ``known`` is too recent for its times to prove anything."""
    return bool(racy_entries(known))


def racy_entries(known: KnownSite) -> list[int]:
    """The numbers of the entries of ``known`` too recent for their times to prove
    anything (see the module's text)."""
    ctimes = known.numbers[WIDTH - 1 :: WIDTH]
    coarse_from = known.taken_ns - int(RACY_SECONDS * SECOND_NS)
    if not ctimes or max(ctimes) < coarse_from:
        return []
    fine_from = known.taken_ns - int(min(FINE_RACY_SECONDS, RACY_SECONDS) * SECOND_NS)
    return [
        number
        for number, ctime in enumerate(ctimes)
        if ctime >= fine_from or (ctime >= coarse_from and ctime % SECOND_NS == 0)
    ]


def site_is_known(
    site: Path, known: KnownSite, digests: Callable[[], Mapping[str, str] | None]
) -> bool:
    """Whether ``site`` is, entry for entry, what ``known`` says a build left there.

    The caller holds the output lock. ``digests`` gives the manifest's SHA-256 of each
    file, asked only for files stamped within a clock tick of the stamps.
    """
    with contextlib.suppress(OSError, OverflowError):
        if _file_digest(site / MANIFEST_NAME) != known.manifest:
            return False
        if _numbers(site, known.names) != known.numbers:
            return False
        racy = racy_entries(known)
        return not racy or _racy_entries_match(site, known, racy, digests)
    return False


def _racy_entries_match(
    site: Path,
    known: KnownSite,
    racy: list[int],
    digests: Callable[[], Mapping[str, str] | None],
) -> bool:
    """Entries too recent for their times to prove anything, compared by content."""
    listed = digests()
    if listed is None:
        return False
    children: dict[str, set[str]] = {}
    for name in known.names:
        if name:
            parent, _, child = name.rpartition("/")
            children.setdefault(parent, set()).add(child)
    for number in racy:
        name = known.names[number]
        path = site / name if name else site
        if known.numbers[number * WIDTH]:
            found = set(os.listdir(path)) - (KEPT_AT_ROOT if not name else set())
            if found != children.get(name, set()):
                return False
        elif name != MANIFEST_NAME and _file_digest(path) != listed.get(name):
            return False  # (the manifest's bytes were checked against the record)
    return True


def _has_leftovers(out_dir: Path) -> bool:
    prefixes = (staging_prefix(out_dir), retired_prefix(out_dir))
    with os.scandir(out_dir.parent) as listing:
        return any(entry.name.startswith(prefixes) for entry in listing)


def _file_digest(path: Path) -> str:
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return ""
        return hashlib.sha256(handle.read()).hexdigest()
