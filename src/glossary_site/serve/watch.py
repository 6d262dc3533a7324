"""The watcher: waits for changes to the project's inputs and rebuilds after each burst.

``watchfiles`` reports changes below the term folder, ``templates/`` and ``static/``
(each watched only while it exists) and groups a burst of them (an editor's save, a
``git checkout``) into one batch. The config file and the folders' existence are
checked between batches, so a folder created or deleted while serving, or a config
saved by renaming, is noticed too. Each batch is handed on at once (``changed``); changes
made meanwhile make the next batch.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import watchfiles

# Milliseconds of quiet that end a burst of changes, and the longest a burst is grouped.
QUIET_MS = 20
MAX_BURST_MS = 1600
# Milliseconds between checks of the config file and of the folders' existence.
CHECK_MS = 500


def _stamp(path: Path | None) -> tuple[int, int, int] | None:
    if path is None:
        return None
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_ino, found.st_mtime_ns, found.st_size)


class Watcher:
    """Calls ``changed`` after each batch of changes until ``stop`` is set, with the
    changed paths (None when anything may have changed)."""

    def __init__(
        self,
        folders: tuple[Path, ...],
        config_path: Path | None,
        changed: Callable[[set[Path] | None], None],
        stop: threading.Event,
    ) -> None:
        self.folders = folders
        self.config_path = config_path
        self.changed = changed
        self.stop = stop
        self.ready = threading.Event()  # set once changes are being watched

    def run(self) -> None:
        """Watch until stopped (the body of the watcher thread)."""
        config = _stamp(self.config_path)
        while not self.stop.is_set():
            watched = self._existing()
            try:
                for batch in self._batches(watched):
                    if self.stop.is_set():
                        return
                    self.ready.set()  # the first batch comes once the watch is set up
                    now, moved = _stamp(self.config_path), watched != self._existing()
                    if moved or now != config:
                        config = now
                        self.changed(None)
                    elif batch:
                        self.changed({Path(path) for _, path in batch})
                    if moved:
                        break  # a folder came or went: watch the new set
            except OSError:  # a watched folder vanished mid-way: watch again
                self.stop.wait(CHECK_MS / 1000)

    def _existing(self) -> tuple[Path, ...]:
        return tuple(folder for folder in self.folders if folder.is_dir())

    def _batches(self, watched: tuple[Path, ...]) -> Iterator[set[tuple[watchfiles.Change, str]]]:
        """Batches of changes below ``watched``; empty ones every ``CHECK_MS``."""
        if not watched:
            while not self.stop.wait(CHECK_MS / 1000):
                yield set()
            return
        yield from watchfiles.watch(
            *watched,
            debounce=MAX_BURST_MS,
            step=QUIET_MS,
            stop_event=self.stop,
            rust_timeout=CHECK_MS,
            yield_on_timeout=True,
            raise_interrupt=False,
        )
