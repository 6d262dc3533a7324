"""Python's cyclic garbage collector paused while a stage makes many small, acyclic objects,
and kept from walking the heap a build has read again and again (``frozen_heap``).

A large glossary holds millions of objects (terms, documents, the graph). Decoding
10,000 cached terms, building the graph, the names index or every term's export parts
allocates tens of thousands of lists, tuples and dicts in bursts, and each burst makes the
collector walk the whole growing heap again, freeing nothing, since these objects hold no
reference cycles (a quarter of the reading stage's CPU at 10,000 terms; seconds of a
one-edit build). Reference counting still frees everything as usual, so pausing the
collector for such a stage changes nothing else. It is not used around Markdown
conversion, whose work (in forked workers, which inherit the setting) is not measured to
be cycle-free.

Once the glossary is read, its millions of objects live until the site is written. Every
full collection after that walked all of them again, freeing none: at 10,000 terms a
build with the cache made five, 0.3 s each. ``frozen_heap`` moves what exists out of the
collector's sight (``gc.freeze``) for a block, so its collections walk only what the
block makes, and cycles made there are still collected.
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


@contextlib.contextmanager
def frozen_heap() -> Iterator[None]:
    """Every object that exists now out of the collector's sight inside the block, and back
    after it; when objects were frozen already (an enclosing block, ``memory.spare``) they
    all stay so: ``gc.freeze`` does not nest, and the outermost freezer thaws them."""
    outermost = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        yield
    finally:
        if outermost:
            gc.unfreeze()
