"""Updating a previous build in place: only changed files are written, guarded by a journal.

When the output folder is a clean build of ours (a valid manifest and nothing else in
it, checked under the output lock), a new build does not copy the site: its cost
grows with what changed, not with the size of the site.

1. Each file whose bytes differ from the old site's (or that is new) is written to
   ``.glossary-site.incoming/<n>`` at the output root, after a ``put`` line naming it
   is appended to the journal ``.glossary-site.update``. Unchanged files are not
   touched: they keep their inode and mtime.
2. The new manifest is written there too, then one ``remove`` line per file the new
   site no longer has, then a ``commit`` line: the point of no return.
3. Each incoming file is renamed into its place, removed files are deleted (and the
   folders left empty), the manifest is renamed into place last, and the journal and
   the incoming folder are removed.

A failure before the commit line (a render error, a full disk) removes the incoming
files: the old site is exactly as it was. A build killed before the commit is rolled
back, one killed after it is completed, by the next build, under the lock, before it
looks at the folder (``recover_update``). Every step of the completion may be done
twice. Reading is cheaper than writing: a file is kept only when its bytes are equal
to the new bytes, compared in full (``stage.same_bytes``), unless the site is *known*:
its stamps, checked under the lock, show it is entry for entry what the last build
left (``stamps.site_is_known``). Then a file is kept when the SHA-256 of its new bytes
is the one the manifest lists, without reading it, and an update costs what changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path, PurePosixPath

from .errors import UnsafeOutputError, write_failure
from .manifest import (
    INCOMING_NAME,
    MANIFEST_NAME,
    OS_LITTER,
    RESERVED_AT_ROOT,
    UPDATE_NAME,
    folders_of,
    manifest_from_digests,
    valid_path,
)
from .stage import checked_name, file_digest, move_file, relative_parts, same_bytes

_MANIFEST_INCOMING = "manifest"
_MAX_JOURNAL_BYTES = 64 * 1024 * 1024


class Update:
    """A new site made from the previous build at ``site`` by writing only what changed.

    The same interface as ``Staging``: ``add`` each file, then ``finish``; ``close``
    and ``discard`` when the build fails before ``finish``.
    """

    def __init__(self, site: Path, previous: Mapping[str, str], known: bool = False) -> None:
        self.folder = site
        self.previous = previous  # path → SHA-256 in the old manifest
        self.known = known  # the files are what the manifest says (stamps checked)
        # The files of the new site so far: path (as the manifest writes it) → SHA-256.
        self.digests: dict[str, str] = {}
        self.reused = 0
        self.written = 0
        self.committed = False
        self.changed: list[str] = []  # the paths written or removed (once finished)
        self._incoming = site / INCOMING_NAME
        self._journal: int | None = None

    def add(self, dest_path: PurePosixPath, data: bytes) -> None:
        """Keep the old file if its bytes are ``data``; else write ``data`` aside."""
        self.add_pieces(dest_path, (data,))

    def add_pieces(self, dest_path: PurePosixPath, pieces: Sequence[bytes | memoryview]) -> None:
        """As ``add``, for the bytes of ``pieces`` one after the other (a joined export
        file spliced, never copied whole: ``exports.spans.spliced``)."""
        name = checked_name(dest_path)
        if name in self.digests:
            raise UnsafeOutputError(f"refusing to write {dest_path} twice")
        hashed = hashlib.sha256()
        for piece in pieces:
            hashed.update(piece)
        sha256 = self.digests[name] = hashed.hexdigest()
        if self.previous.get(name) == sha256 and (
            self.known or same_bytes(self.folder / name, b"".join(pieces))
        ):
            self.reused += 1
            return
        number = str(self.written)
        try:
            self._log(["put", name, number])
            with (self._incoming / number).open("wb") as file:
                for piece in pieces:
                    file.write(piece)
        except OSError as exc:
            raise write_failure(exc) from exc
        self.written += 1
        self.changed.append(name)

    def keep(self, dest_path: PurePosixPath, sha256: str) -> bool:
        """Keep the old file if it holds bytes with the SHA-256 ``sha256`` (trusted when
        the site is known, else read); False, and nothing noted, when it does not."""
        name = checked_name(dest_path)
        if name in self.digests:
            raise UnsafeOutputError(f"refusing to write {dest_path} twice")
        if self.previous.get(name) != sha256:
            return False
        if not self.known and file_digest(self.folder / name) != sha256:
            return False
        self.digests[name] = sha256
        self.reused += 1
        return True

    def keep_unchanged(self, skip: Collection[str] = ()) -> None:
        """Keep every file of the old site not added yet and not named in ``skip``, as
        its manifest lists it (whose names were checked when it was read): one call for
        the 50,000 files a patch build does not touch. Only for a known site."""
        if not self.known:
            raise UnsafeOutputError("refusing to keep files unread in a site not known")
        digests = self.digests
        for name, sha256 in self.previous.items():
            if name in digests or name in skip:
                continue
            if name.partition("/")[0] in RESERVED_AT_ROOT:
                raise UnsafeOutputError(f"refusing to write {name}: the build keeps that name")
            digests[name] = sha256
            self.reused += 1

    def add_file(self, dest_path: PurePosixPath, source: Path, sha256: str) -> None:
        """As ``add``, for bytes in the file ``source`` (a ``Spool``'s, moved, not copied)."""
        name = checked_name(dest_path)
        if name in self.digests:
            raise UnsafeOutputError(f"refusing to write {dest_path} twice")
        self.digests[name] = sha256
        if self.previous.get(name) == sha256 and (
            self.known or same_bytes(self.folder / name, source.read_bytes())
        ):
            self.reused += 1
            return
        number = str(self.written)
        try:
            self._log(["put", name, number])
            move_file(source, self._incoming / number)
        except OSError as exc:
            raise write_failure(exc) from exc
        self.written += 1
        self.changed.append(name)

    def names(self) -> list[str]:
        """The paths of the files added so far."""
        return list(self.digests)

    def finish(self) -> None:
        """Commit the journal and put every new file in place, the manifest last."""
        digests = self.digests
        removed = sorted([name for name in self.previous if name not in digests])
        manifest = manifest_from_digests(self.digests)
        if not self.written and not removed and _read(self.folder / MANIFEST_NAME) == manifest:
            return  # nothing changed at all
        self._log(["manifest", _MANIFEST_INCOMING])
        (self._incoming / _MANIFEST_INCOMING).write_bytes(manifest)
        for name in removed:
            self._log(["remove", name])
        self.changed += removed
        self._log(["commit"])
        self.committed = True
        self.close()
        complete(self.folder, _entries(self.folder))

    def close(self) -> None:
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None

    def discard(self) -> None:
        """Undo an update that was not committed: the old site is left as it was."""
        self.close()
        roll_back(self.folder)

    def _log(self, entry: list[str]) -> None:
        if self._journal is None:
            self._incoming.mkdir()
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND | os.O_CLOEXEC
            self._journal = os.open(self.folder / UPDATE_NAME, flags, 0o644)
        os.write(self._journal, (json.dumps(entry, ensure_ascii=False) + "\n").encode())


def recover_update(site: Path) -> None:
    """Finish or undo the in-place update a killed build left in ``site`` (under the lock)."""
    if not os.path.lexists(site / UPDATE_NAME):
        if os.path.isdir(site / INCOMING_NAME) and not os.path.islink(site / INCOMING_NAME):
            roll_back(site)  # killed before its first journal line was written
        return
    entries = _entries(site)
    if entries and entries[-1] == ["commit"]:
        complete(site, entries)
    else:
        roll_back(site)


def pending_paths(site: Path) -> frozenset[str]:
    """The paths an unfinished update of ``site`` may already have put in place."""
    return frozenset(entry[1] for entry in _entries(site) if entry[0] == "put")


def complete(site: Path, entries: list[list[str]]) -> None:
    """Carry out a committed journal; each step may already have been done."""
    incoming = site / INCOMING_NAME
    removed = [entry[1] for entry in entries if entry[0] == "remove"]
    for entry in entries:
        if entry[0] == "put":
            source = incoming / entry[2]
            if os.path.lexists(source):
                target = _target(site, entry[1])
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
    for name in removed:
        _target(site, name).unlink(missing_ok=True)
    _remove_empty_folders(site, removed)
    manifest = incoming / _MANIFEST_INCOMING
    if os.path.lexists(manifest):
        os.replace(manifest, site / MANIFEST_NAME)
    _drop_journal(site)


def roll_back(site: Path) -> None:
    """Remove what an uncommitted update wrote aside; the site itself was not touched."""
    incoming = site / INCOMING_NAME
    if os.path.isdir(incoming) and not os.path.islink(incoming):
        for entry in os.scandir(incoming):
            if entry.is_file(follow_symlinks=False) and _is_incoming_name(entry.name):
                os.unlink(entry.path)
    _drop_journal(site)


def _drop_journal(site: Path) -> None:
    with contextlib.suppress(FileNotFoundError, OSError):
        (site / INCOMING_NAME).rmdir()  # left when it holds something not ours
    (site / UPDATE_NAME).unlink(missing_ok=True)


def _is_incoming_name(name: str) -> bool:
    return name == _MANIFEST_INCOMING or name.isdigit()


def _target(site: Path, name: str) -> Path:
    """Where ``name`` goes in ``site``: never through a symbolic link, never outside."""
    parts = relative_parts(PurePosixPath(name))
    folder = site
    for part in parts[:-1]:
        folder = folder / part
        if os.path.islink(folder):
            raise UnsafeOutputError(f"refusing to write through a symbolic link: {name}")
    return folder / parts[-1]


def _remove_empty_folders(site: Path, removed: list[str]) -> None:
    """Delete the folders of removed files that hold nothing else now but OS litter
    (looked at on disk, where the new site's files are in place: a patch build removes
    a few files of a site of 50,000)."""
    candidates = sorted(folders_of(frozenset(removed)), key=lambda f: f.count("/"), reverse=True)
    for folder in candidates:
        path = _target(site, folder)
        with contextlib.suppress(OSError):
            if not set(os.listdir(path)) <= OS_LITTER:
                continue  # (still holds files)
            for litter in OS_LITTER:
                (path / litter).unlink(missing_ok=True)
            path.rmdir()  # fails, as it should, while it holds anything


def _entries(site: Path) -> list[list[str]]:
    """The whole lines of the journal (a torn last line ignored); [] when unreadable."""
    data = _read(site / UPDATE_NAME)
    entries: list[list[str]] = []
    for line in data.split(b"\n")[:-1]:
        try:
            entry = json.loads(line)
        except ValueError:
            return entries
        if not _valid(entry):
            return entries
        entries.append(entry)
    return entries


def _valid(entry: object) -> bool:
    if not isinstance(entry, list) or not entry or not all(isinstance(e, str) for e in entry):
        return False
    kind, *rest = entry
    if kind == "put":
        return len(rest) == 2 and valid_path(rest[0]) and rest[1].isdigit()
    if kind == "remove":
        return len(rest) == 1 and valid_path(rest[0])
    if kind == "manifest":
        return rest == [_MANIFEST_INCOMING]
    return kind == "commit" and not rest


def _read(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return b""
    with open(fd, "rb") as file:
        return file.read(_MAX_JOURNAL_BYTES)
