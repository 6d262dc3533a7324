"""Why the writer refused or failed, as data the build turns into a diagnostic."""

from __future__ import annotations

import errno
from collections.abc import Iterable

# Names shown in a message before "and N more".
SHOWN_NAMES = 5


class OutputError(Exception):
    """The site was not written; ``code``, ``message`` and ``hint`` become a Diagnostic."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


class UnsafeOutputError(OutputError):
    """An output path or folder that would put a write where it does not belong."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__("unsafe-output", message, hint or "choose another folder with --out")


def printable(text: str) -> str:
    """``text`` with control characters escaped, so a file name cannot forge terminal output."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def name_list(names: Iterable[str]) -> str:
    """``a, b, c and 3 more``: the first few names of a sorted list, printable."""
    ordered = sorted(names)
    shown = ", ".join(printable(name) for name in ordered[:SHOWN_NAMES])
    rest = len(ordered) - SHOWN_NAMES
    return f"{shown} and {rest} more" if rest > 0 else shown


def write_failure(exc: OSError) -> OutputError:
    """A failed write, with a hint that matches its cause (``errno``), never a guess."""
    what = printable(str(exc))
    if exc.errno == errno.ENOSPC:
        hint = "the disk is full: free some space and build again"
    elif exc.errno == errno.EDQUOT:
        hint = "your quota is used up: free some of your space or ask for a larger quota"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        hint = (
            "you may not write there: fix the permissions of the output folder and the "
            "folder that holds it, or choose another folder with --out"
        )
    elif exc.errno == errno.EBUSY:
        hint = (
            "the output folder is in use, or is a mount point, which cannot be swapped: "
            "build into a folder inside it (for example --out <mount point>/site)"
        )
    else:
        hint = "fix the cause above and build again"
    return OutputError("write-failed", f"could not write the site: {what}", hint)
