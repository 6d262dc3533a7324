"""``glossary-site serve``: build into memory, serve on 127.0.0.1, rebuild on change.

Four threads: the caller's (waits for Ctrl-C), the HTTP server's (a thread per request,
long polls included), the watcher's (the quick path: the edited pages, at once) and the
follow-up worker's (the pages showing the edit, then the full rebuild, once it is quiet;
see ``follow``). ``Preview`` starts and stops them.
"""

from __future__ import annotations

import errno
import threading
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path

from ..build import Project
from ..diagnostics import Severity
from ..i18n import translations_dir
from .follow import Activity, FollowUp
from .handler import LiveServer
from .reload import ReloadChannel
from .site import Rebuilt, SiteState
from .watch import Watcher

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# Warnings printed per rebuild at most (``check`` lists them all).
MAX_WARNINGS_PRINTED = 20
# Seconds ``stop`` waits for a rebuild under way to finish.
STOP_WAIT_SECONDS = 30.0

Echo = Callable[[str], None]


class Preview:
    """A running preview: the site in memory, its HTTP server and its watcher."""

    def __init__(self, project: Project, port: int, echo: Echo, root: Path | None = None) -> None:
        self.project = project
        self.port = port
        self.echo = echo
        self.root = root or Path.cwd()
        self.site = SiteState(project)
        self.channel = ReloadChannel()
        self.stopping = threading.Event()
        self.last: Rebuilt | None = None
        self.activity = Activity()
        self.follow = FollowUp(self.site, self.activity, self.publish, self.stopping)
        self._publishing = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._server: LiveServer | None = None
        self.watching = threading.Event()  # set once the watcher sees changes

    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://{HOST}:{self._server.server_address[1]}{self.site.base_path}"

    def start(self) -> str:
        """Build, then serve and watch in threads; the URL the site is served at."""
        self.publish(self.site.full())
        self._server = self._bind()
        folders = (self.project.source_dir, *_optional(self.project.templates_dir))
        folders += _optional(self.project.static_dir)
        translations = translations_dir(self.project.config_path)
        folders += (translations,) if translations and translations.is_dir() else ()
        watcher = Watcher(folders, self.project.config_path, self.changed, self.stopping)
        self.watching = watcher.ready
        self._threads = [
            threading.Thread(target=self._server.serve_forever, name="serve-http"),
            threading.Thread(target=watcher.run, name="serve-watch", daemon=True),
            threading.Thread(target=self.follow.run, name="serve-follow", daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        return self.url

    def stop(self) -> None:
        """Stop watching and serving; answer open polls; join the threads."""
        self.stopping.set()
        self.follow.stop()
        self.channel.close()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        for thread in self._threads:
            thread.join(STOP_WAIT_SECONDS)

    def changed(self, paths: set[Path] | None) -> None:
        """The files ``paths`` changed (None: anything may have): the edited pages at
        once by the quick path, and open pages told; the rest follows (``follow``)."""
        self.follow.changed()  # cancels the follow-up work under way
        rebuilt = self.site.quick(paths) if paths else None
        if rebuilt is None:
            self.follow.schedule(urgent=True)
            return
        self.publish(rebuilt)
        self.follow.schedule(rebuilt.cards)

    def publish(self, rebuilt: Rebuilt) -> None:
        """Tell open pages (first: they are waiting), then report in the terminal."""
        errors = tuple(d for d in rebuilt.diagnostics if d.is_error)
        with self._publishing:
            before, self.last = self.last, rebuilt
            self.channel.publish(rebuilt.changed, errors)
            self._report(rebuilt, before)

    def _bind(self) -> LiveServer:
        """The server on ``port``, or on a free port when that one is taken (said so)."""
        try:
            return LiveServer((HOST, self.port), self.site, self.channel, self.root, self.activity)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
        server = LiveServer((HOST, 0), self.site, self.channel, self.root, self.activity)
        self.echo(f"Port {self.port} is in use; serving on port {server.server_address[1]}.")
        return server

    def _report(self, rebuilt: Rebuilt, last: Rebuilt | None) -> None:
        before = set(last.diagnostics) if last else set()
        warnings = [d for d in rebuilt.diagnostics if d.severity is Severity.WARNING]
        new_warnings = [d for d in warnings if d not in before]
        errors = [d for d in rebuilt.diagnostics if d.is_error]
        for diagnostic in (*errors, *new_warnings[:MAX_WARNINGS_PRINTED]):
            self.echo(diagnostic.format(self.root))
        if len(new_warnings) > MAX_WARNINGS_PRINTED:
            more = len(new_warnings) - MAX_WARNINGS_PRINTED
            self.echo(f"… and {more} more warnings (glossary-site check lists them all)")
        self.echo(_summary(rebuilt, len(warnings)))


def _summary(rebuilt: Rebuilt, warnings: int) -> str:
    errors = sum(d.is_error for d in rebuilt.diagnostics)
    took = f"{rebuilt.seconds:.2f} s, CPU {rebuilt.cpu_seconds:.2f} s"
    noted = f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
    if errors:
        return (
            f"{time.strftime('%H:%M:%S')} {errors} error{'s' * (errors != 1)}{noted} ({took}): "
            "still serving the last good site."
        )
    done = "site updated" if rebuilt.changed else "nothing changed"
    if rebuilt.quick:
        done = "edited pages updated; the rest follows"
    return f"{time.strftime('%H:%M:%S')} Rebuilt ({took}{noted}): {done}."


def _optional(folder: Path | None) -> tuple[Path, ...]:
    return (folder,) if folder is not None else ()


def serve(project: Project, port: int, open_browser: bool, echo: Echo) -> None:
    """Serve until Ctrl-C, then stop cleanly."""
    preview = Preview(project, port, echo)
    try:
        url = preview.start()
        echo(f"Serving on {url} (Ctrl-C to stop).")
        if open_browser:
            webbrowser.open(url)
        while not preview.stopping.wait(3600):
            pass
    except KeyboardInterrupt:
        echo("Stopping.")
    finally:
        preview.stop()
