"""Pausing Python's cyclic garbage collector while a build makes many lasting objects.

Decoding 10,000 cached terms and building the graph from them allocates millions of
small objects that all stay alive; each allocation burst makes the collector walk the
whole growing heap again (a quarter of the reading stage's CPU at 10,000 terms) and
frees nothing, since these objects hold no reference cycles. ``paused`` turns the
collector off for such a stretch and restores it afterwards; reference counting still
frees everything as usual. It is not used around Markdown conversion, whose work (in
worker processes, which inherit the setting) is not measured to be cycle-free.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The cyclic collector off within the block (as it was, after it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
