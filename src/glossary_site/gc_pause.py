"""Python's cyclic garbage collector paused while a stage makes many small, acyclic objects.

A large glossary holds millions of objects (terms, documents, the graph); each full
collection walks all of them, and a stage that allocates tens of thousands of lists,
tuples and dicts (the names index, every term's export parts) triggers several: at
10,000 terms one such pause cost seconds of a one-edit build. What these stages make is
freed by reference counting, so pausing the collector for them changes nothing else.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The collector off inside the block, and on again after it if it was on before."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
