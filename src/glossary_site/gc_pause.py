"""Python's cyclic garbage collector paused while a stage makes many small, acyclic objects.

A large glossary holds millions of objects (terms, documents, the graph). Decoding
10,000 cached terms, building the graph, the names index or every term's export parts
allocates tens of thousands of lists, tuples and dicts in bursts, and each burst makes the
collector walk the whole growing heap again, freeing nothing, since these objects hold no
reference cycles (a quarter of the reading stage's CPU at 10,000 terms; seconds of a
one-edit build). Reference counting still frees everything as usual, so pausing the
collector for such a stage changes nothing else. It is not used around Markdown
conversion, whose work (in forked workers, which inherit the setting) is not measured to
be cycle-free.
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
