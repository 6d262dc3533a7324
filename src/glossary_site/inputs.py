"""Reading input files safely: only regular files inside the project, of bounded size.

Every file the build reads (term files, static files, templates, the config) goes
through here. A path is resolved (symbolic links followed) and must lie inside an
allowed root (``InputRoots``): the project folder, plus each input folder that was
named outside it. FIFOs, sockets and devices are never opened; files are read
with a bounded read after their size is checked.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .diagnostics import Diagnostic

KIB = 1024
MIB = 1024 * KIB
# Upper limits per file, checked before a byte is read (documented in README.md).
MAX_TERM_BYTES = 1 * MIB
MAX_CONFIG_BYTES = 1 * MIB
MAX_STATIC_BYTES = 50 * MIB
MAX_TEMPLATE_BYTES = 1 * MIB


@dataclass(frozen=True, slots=True)
class InputRoots:
    """Resolved folders that input files may lie in; ``project`` is shown in messages."""

    project: Path
    roots: tuple[Path, ...]

    @classmethod
    def for_project(cls, project_dir: Path, *input_dirs: Path | None) -> InputRoots:
        """The project folder, plus each input folder that was named outside it.

        A folder named inside the project (``static/``) must also resolve inside it,
        so a committed ``static -> /etc`` link is refused; a folder named elsewhere
        (``--source ../shared/glossary``) is an explicit choice and becomes a root.
        """
        project = project_dir.resolve()
        lexical_project = Path(os.path.abspath(project_dir))
        roots = [project]
        for folder in input_dirs:
            if folder is None:
                continue
            lexical = Path(os.path.abspath(folder))
            if not lexical.is_relative_to(lexical_project) and not lexical.is_relative_to(project):
                roots.append(folder.resolve())
        return cls(project, tuple(dict.fromkeys(roots)))

    def contains(self, resolved: Path) -> bool:
        return any(resolved.is_relative_to(root) for root in self.roots)

    def check(self, path: Path) -> Path | Diagnostic:
        """``path`` resolved, or why it may not be read (outside, broken link, loop)."""
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return _broken_link(path)
        if self.contains(resolved):
            return resolved
        if path.is_symlink():
            target = Path(os.readlink(path))
            where = f"a symbolic link to {target.as_posix()}"
            if target != resolved:
                where += f" (which is {resolved.as_posix()})"
        else:
            where = f"reached through a linked folder: it is {resolved.as_posix()}"
        return Diagnostic(
            path,
            0,
            "outside-project",
            f"{path.as_posix()} is {where}, outside the project ({self.project.as_posix()})",
            "only files inside the project folder are read: copy the file into the project "
            "instead of linking to it, or remove the link (a term folder elsewhere can be "
            "named with --source)",
        )


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file found below an input folder: ``path`` as the user names it, ``name`` within."""

    path: Path
    name: PurePosixPath
    resolved: Path


def safe_input_files(
    folder: Path,
    roots: InputRoots,
    select: Callable[[PurePosixPath], bool] = lambda name: True,
    skip: Callable[[str, bool], bool] = lambda part, is_dir: part.startswith("."),
) -> tuple[tuple[InputFile, ...], tuple[Diagnostic, ...]]:
    """Every regular file below ``folder`` whose relative name ``select`` accepts, sorted.

    ``skip(name, is_dir)`` leaves out files and folders by name. Links are resolved and
    must stay inside ``roots``; linked folders are walked once each (a loop ends);
    special files and links that lead outside or nowhere are diagnostics.
    """
    found: list[InputFile] = []
    problems: list[Diagnostic] = []
    checked = roots.check(folder)
    if isinstance(checked, Diagnostic):
        return (), (checked,)
    visited = {checked}
    pending = [(folder, PurePosixPath(), checked)]
    while pending:
        current, prefix, current_resolved = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            problems.append(_unreadable(current, exc))
            continue
        for entry in entries:
            path, name = Path(entry.path), prefix / entry.name
            is_dir = _is_dir(entry)
            if skip(entry.name, is_dir) or (not is_dir and not select(name)):
                continue
            resolved = _resolve_entry(entry, current_resolved, roots)
            if isinstance(resolved, Diagnostic):
                problems.append(resolved)
            elif is_dir:
                if resolved not in visited:
                    visited.add(resolved)
                    pending.append((path, name, resolved))
            elif not _is_regular_entry(entry, resolved):
                problems.append(_not_regular(path))
            else:
                found.append(InputFile(path, name, resolved))
    return tuple(sorted(found, key=lambda f: f.name.as_posix())), tuple(problems)


def check_input(path: Path, roots: InputRoots, limit: int) -> Path | Diagnostic:
    """``path`` resolved, if it is a regular file inside ``roots`` of at most ``limit`` bytes."""
    resolved = roots.check(path)
    if isinstance(resolved, Diagnostic):
        return resolved
    return _check_resolved(path, resolved, limit)


def read_input(path: Path, roots: InputRoots, limit: int) -> bytes | Diagnostic:
    """The bytes of ``path``, checked by ``check_input`` first and read with a bounded read."""
    resolved = roots.check(path)
    if isinstance(resolved, Diagnostic):
        return resolved
    return read_found(InputFile(path, PurePosixPath(path.name), resolved), limit)


def read_found(file: InputFile, limit: int) -> bytes | Diagnostic:
    """The bytes of a file ``safe_input_files`` found (so inside the roots), bounded.

    The size is checked before reading; the file is opened without blocking or
    following a link, and checked again once open, so a file swapped for a FIFO
    or a link in between is never read.
    """
    checked = _check_resolved(file.path, file.resolved, limit)
    if isinstance(checked, Diagnostic):
        return checked
    try:
        fd = os.open(file.resolved, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return _not_regular(file.path)
            data = handle.read(limit + 1)
    except OSError as exc:
        return _unreadable(file.path, exc)
    if len(data) > limit:  # grew since the check
        return _too_large(file.path, len(data), limit)
    return data


def read_input_files(
    files: Iterable[InputFile], limit: int
) -> tuple[dict[PurePosixPath, bytes], list[Diagnostic]]:
    """Read every file of ``files`` (found by ``safe_input_files``); problems become diagnostics."""
    contents: dict[PurePosixPath, bytes] = {}
    problems: list[Diagnostic] = []
    for file in files:
        data = read_found(file, limit)
        if isinstance(data, Diagnostic):
            problems.append(data)
        else:
            contents[file.name] = data
    return contents, problems


def _check_resolved(path: Path, resolved: Path, limit: int) -> Path | Diagnostic:
    try:
        info = os.stat(resolved)
    except OSError as exc:
        return _unreadable(path, exc)
    if not stat.S_ISREG(info.st_mode):
        return _not_regular(path)
    if info.st_size > limit:
        return _too_large(path, info.st_size, limit)
    return resolved


def _resolve_entry(entry: os.DirEntry[str], folder: Path, roots: InputRoots) -> Path | Diagnostic:
    """Where ``entry`` of the resolved ``folder`` really is; only links need resolving."""
    try:
        is_link = entry.is_symlink()
    except OSError:
        is_link = True
    return roots.check(Path(entry.path)) if is_link else folder / entry.name


def _is_regular_entry(entry: os.DirEntry[str], resolved: Path) -> bool:
    try:
        if not entry.is_symlink():
            return entry.is_file(follow_symlinks=False)
    except OSError:
        return False
    return _is_regular(resolved)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether ``entry`` is a folder or a link to one; False for broken or looping links."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _broken_link(path: Path) -> Diagnostic:
    target = os.readlink(path) if path.is_symlink() else "nothing"
    return Diagnostic(
        path,
        0,
        "broken-link",
        f"{path.as_posix()} is a symbolic link to {Path(target).as_posix()}, which does not "
        "exist or loops",
        "fix the link's target or remove the link",
    )


def _not_regular(path: Path) -> Diagnostic:
    return Diagnostic(
        path,
        0,
        "not-a-regular-file",
        f"{path.as_posix()} is not a regular file (a FIFO, socket or device); it is not read",
        "remove it from the folder, or replace it with a normal file",
    )


def _too_large(path: Path, size: int, limit: int) -> Diagnostic:
    return Diagnostic(
        path,
        0,
        "file-too-large",
        f"the file is {_size(size)} ({size:,} bytes); the limit for this kind of file is "
        f"{_size(limit)} ({limit:,} bytes)",
        "split it into smaller files, or shrink it (README.md lists the limits)",
    )


def _unreadable(path: Path, exc: OSError) -> Diagnostic:
    return Diagnostic(
        path,
        0,
        "unreadable",
        f"cannot read the file: {exc.strerror or exc}",
        "check the file's permissions",
    )


def _size(count: int) -> str:
    if count >= 1024 * MIB:
        return f"{count / (1024 * MIB):.1f} GiB"
    return f"{count / MIB:.1f} MiB" if count >= MIB else f"{count} bytes"


# ---------------------------------------------------------------------------
# Characters that must not be in any text input
# ---------------------------------------------------------------------------

# C0 controls but TAB, LF and CR; DEL; C1 controls; the Unicode line and paragraph
# separators (YAML counts them as line breaks, editors mostly do not); U+FFFE/U+FFFF.
_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BS",
    0x0B: "VT",
    0x0C: "FF",
    0x1B: "ESC",
    0x7F: "DEL",
    0x85: "NEL",
    0x2028: "LINE SEPARATOR",
    0x2029: "PARAGRAPH SEPARATOR",
}


@dataclass(frozen=True, slots=True)
class ForbiddenCharacter:
    """A character no input may contain, at 1-based ``line`` and ``column``."""

    char: str
    line: int
    column: int

    @property
    def shown(self) -> str:
        """``U+001B (ESC)``: the character named, never printed raw."""
        code = ord(self.char)
        name = _CONTROL_NAMES.get(code) or unicodedata.name(self.char, "")
        return f"U+{code:04X}" + (f" ({name})" if name else " (control character)")


def find_forbidden_character(text: str) -> ForbiddenCharacter | None:
    """The first control character (other than TAB, LF, CR) in ``text``, if any.

    Lines are counted at LF only, as editors do.
    """
    match = _FORBIDDEN_RE.search(text)
    if match is None:
        return None
    start = match.start()
    line_start = text.rfind("\n", 0, start) + 1
    return ForbiddenCharacter(match.group(), text.count("\n", 0, start) + 1, start - line_start + 1)


FORBIDDEN_HINT = (
    "delete the invisible character (it often comes from pasting out of a terminal, a PDF or "
    "a word processor); to show such a character on a page, write its HTML entity, e.g. &#x1B;"
)
