"""Handing freed memory back to the system, and not freeing what the process ends with.

A build frees a lot between stages (the rows of 10,000 cached terms, the pages once they
are spooled), but glibc's allocator keeps the freed pages resident. That memory is then
counted again in every worker forked from this process, and it is what a Pagefind run
started beside it competes with. ``malloc_trim(0)`` returns the free pages at once (about
150 MB at 10,000 terms, in 25 ms). Elsewhere (macOS, musl) this does nothing.

A ``build`` on the command line ends its process right after its builds without freeing
anything (``cli._leave_now``): freeing a finished build's largest structures one object
at a time first (the patch build's light glossary: half a million objects, 0.09 s at
10,000 terms) is time for nothing. ``spare`` hands them to the process's end then.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
from collections.abc import Callable, Iterator

# The last build's structures ``spare`` keeps, and whether the process ends after its builds.
_SPARED: list[object] = []
_ENDING: list[bool] = [False]


def release_free_memory() -> None:
    """Return the allocator's free pages to the system, where the C library can."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:  # the symbols this process has loaded: the C library's among them
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc (or no dlopen)
        return None
    return trim


@contextlib.contextmanager
def ending_after_builds() -> Iterator[None]:
    """Inside: the process ends once these builds are done (``build`` on the command
    line), so ``spare`` keeps what it is given till then."""
    _ENDING[0] = True
    try:
        yield
    finally:
        _ENDING[0] = False
        gc.unfreeze()  # (what ``spare`` keeps is the collector's again: in the oldest age)


def spare(objects: list[object]) -> None:
    """Let ``objects`` (a finished build's largest structures) be freed when the process
    ends when it ends after its builds (``ending_after_builds``); otherwise they are freed
    as usual, once the caller drops them. Only the last build's are kept."""
    if _ENDING[0]:
        _SPARED[:] = objects
        # Out of the collector's sight too: a build with the collector paused (gc_pause)
        # leaves them all in its youngest generation, which it would walk whole at its
        # first collection (0.1 s at 10,000 terms).
        gc.freeze()
