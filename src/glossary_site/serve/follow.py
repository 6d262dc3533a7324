"""The follow-up work after a change: what the quick path left, done once it is quiet.

After a quick update the browser reloads the edited page first; then, in this worker's
thread, the pages that show the edited terms' cards are rendered again (``cards``),
and then the whole site is rebuilt (``full``: the checks across terms, the index, the
sitemaps). It starts only once nothing changed and no page was asked for during
``IDLE_SECONDS`` (so the reload is served by an idle process), and while it runs it
pauses whenever a page is being served. A change cancels it: the rebuild stops at its
next checkpoint (between stages, terms and pages) and starts again once it is quiet;
a save never waits for it. A change the quick path cannot show starts it at once.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator

from .site import Cancelled, Rebuilt, SiteState

# Seconds without changes and page requests before the follow-up work starts.
IDLE_SECONDS = 0.5
# Longest the work waits for pages being served, in all, per run (seconds): a client
# that never finishes its request does not hold it up for longer.
MAX_PAUSE_SECONDS = 2.0
_PAUSE_STEP_SECONDS = 0.002


class Activity:
    """Page requests (not polls) being served, and when the last one ended."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.serving = 0
        self._last = 0.0

    @contextlib.contextmanager
    def request(self) -> Iterator[None]:
        with self._lock:
            self.serving += 1
        try:
            yield
        finally:
            with self._lock:
                self.serving -= 1
                self._last = time.monotonic()

    def quiet_for(self) -> float:
        """Seconds since the last page was served (0 while one is)."""
        with self._lock:
            return 0.0 if self.serving else time.monotonic() - self._last


class FollowUp:
    """The worker: ``changed`` says the inputs changed (cancelling what runs),
    ``schedule`` what is due; ``run`` is the thread's body."""

    def __init__(
        self,
        site: SiteState,
        activity: Activity,
        publish: Callable[[Rebuilt], None],
        stopping: threading.Event,
    ) -> None:
        self.site = site
        self.activity = activity
        self.publish = publish
        self.stopping = stopping
        self._due = threading.Condition()
        self._cards: set[str] = set()
        self._full = False
        self._urgent = False
        self._changed_at = time.monotonic()
        self.events: list[str] = []  # what it did, in order (for tests and the benchmark)

    def changed(self) -> None:
        """The inputs changed: whatever runs stops at its next checkpoint."""
        with self._due:
            self.site.generation += 1
            self._changed_at = time.monotonic()

    def schedule(self, cards: Iterable[str] = (), *, urgent: bool = False) -> None:
        """A full rebuild is due (and before it, the pages ``cards``); ``urgent``: the
        site served does not show the change yet, so do not wait for quiet."""
        with self._due:
            self._cards.update(cards)
            self._full = True
            self._urgent = self._urgent or urgent
            self._due.notify_all()

    def stop(self) -> None:
        with self._due:
            self._due.notify_all()

    def run(self) -> None:
        self.site.prepare()
        while not self.stopping.is_set():
            with self._due:
                self._due.wait_for(lambda: self._full or self.stopping.is_set())
                urgent = self._urgent
            if self.stopping.is_set():
                return
            if not urgent:
                self._wait_quiet()
            with self._due:
                generation, cards = self.site.generation, set(self._cards)
                self._urgent = False
            if not self._work(generation, cards):
                with self._due:  # what the site does not show yet is still urgent
                    self._urgent = self._urgent or urgent

    def _work(self, generation: int, cards: set[str]) -> bool:
        """The pages showing ``cards``, then the full rebuild; False when cancelled."""
        checkpoint = self._checkpoint(generation)
        try:
            if cards:
                self._note("cards-started")
                rebuilt = self.site.cards(sorted(cards), checkpoint)
                with self._due:
                    self._cards -= cards
                if rebuilt is not None:
                    self.publish(rebuilt)
                self._note("cards-done")
            self._note("full-started")
            rebuilt = self.site.full(checkpoint)
        except Cancelled:
            self._note("cancelled")
            return False
        with self._due:
            if self.site.generation == generation:
                self._full = False
                self._cards.clear()
        self.publish(rebuilt)
        self._note("full-done")
        self.site.prepare()  # for the next edit
        return True

    def _checkpoint(self, generation: int) -> Callable[[], None]:
        paused = [0.0]  # seconds paused so far in this run

        def checkpoint() -> None:
            self.at_checkpoint()
            if self.site.generation != generation or self.stopping.is_set():
                raise Cancelled
            while self.activity.serving and paused[0] < MAX_PAUSE_SECONDS:
                time.sleep(_PAUSE_STEP_SECONDS)  # the page being served has the CPU
                paused[0] += _PAUSE_STEP_SECONDS

        return checkpoint

    def at_checkpoint(self) -> None:
        """Called at every checkpoint (tests hold a rebuild here)."""

    def _wait_quiet(self) -> None:
        """Until nothing changed and no page was served for ``IDLE_SECONDS`` (pages count
        for ``MAX_PAUSE_SECONDS`` at most)."""
        started = time.monotonic()
        while not self.stopping.is_set():
            with self._due:
                since_change = time.monotonic() - self._changed_at
            quiet = since_change
            if time.monotonic() - started < MAX_PAUSE_SECONDS:
                quiet = min(quiet, self.activity.quiet_for())
            if quiet >= IDLE_SECONDS:
                return
            self.stopping.wait(IDLE_SECONDS - quiet)

    def _note(self, event: str) -> None:
        self.events.append(event)
