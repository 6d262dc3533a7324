"""The reload channel: open pages long-poll it and learn when the site or its problems change.

This is MkDocs' livereload approach (a ``threading.Condition`` and long-polling, no
WebSocket): a page asks ``/__glossary-site__/poll?seen=N`` and the request waits until
the state's number moves past ``N``, or ``POLL_SECONDS`` pass, or the server stops.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic

# How long a poll waits for news before it answers "nothing new" (the page asks again).
POLL_SECONDS = 25.0


@dataclass(frozen=True, slots=True)
class LiveState:
    """What open pages are told: ``number`` moves on every rebuild, ``site`` only when the
    site served changed (pages then reload); ``problems`` are the last rebuild's errors."""

    number: int = 0
    site: int = 0
    problems: tuple[Diagnostic, ...] = field(default_factory=tuple)


class ReloadChannel:
    """Holds the current ``LiveState`` and wakes the pages waiting for a newer one."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._state = LiveState()
        self.closed = False

    @property
    def state(self) -> LiveState:
        with self._changed:
            return self._state

    def publish(self, site_changed: bool, problems: tuple[Diagnostic, ...]) -> LiveState:
        """A rebuild finished: move the number on (and the site's when it changed)."""
        with self._changed:
            old = self._state
            self._state = LiveState(old.number + 1, old.site + site_changed, problems)
            self._changed.notify_all()
            return self._state

    def wait(self, seen: int, timeout: float = POLL_SECONDS) -> LiveState:
        """The state once its number differs from ``seen`` (or after ``timeout``)."""
        with self._changed:
            self._changed.wait_for(lambda: self._state.number != seen or self.closed, timeout)
            return self._state

    def close(self) -> None:
        """Answer every waiting page now (the server is stopping)."""
        with self._changed:
            self.closed = True
            self._changed.notify_all()
