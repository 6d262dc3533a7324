"""The whole-build short cut: nothing changed since the last build of this folder.

When every input hashes as it did for the last build of the output folder (see
``cache.inputs``) and the folder is still exactly what that build left (see
``write.stamps``), the build reports what that build reported and writes nothing.
Any change of any input, or of the folder, means a real build. Only builds with a
cache folder use it (the record lives there).

The stamps of the folder are kept in an entry of their own (``STAMPS_KIND``, the
record names it by its SHA-256), read whatever the inputs: a real build hands them to
the writer, which then trusts the manifest for every file they show unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .cache import Store
from .cache.input_stats import InputStats, load_stats, save_stats, stats_key
from .cache.inputs import Listing, inputs_digest
from .cache.record import BuildRecord, load_record, record_key, save_record
from .config import load_config
from .diagnostics import Diagnostic
from .inputs import InputRoots
from .write import KnownSite, real_output, site_is_unchanged, take_stamps, updated_stamps

STAMPS_KIND = "sitestamps"


class Shortcut:
    """The inputs of one build into one output folder, and the record of its last build."""

    def __init__(
        self,
        cache_dir: Path,
        out_dir: Path,
        read_inputs: Callable[[InputStats, Listing | None], str | None],
    ) -> None:
        self.store = Store(cache_dir)
        self.given = out_dir
        self.out_dir = real_output(out_dir)
        self.read_inputs = read_inputs
        self.stats_key = stats_key(str(self.out_dir))
        self.loaded = load_stats(self.store, self.stats_key)
        self.stats = InputStats(dict(self.loaded.known))
        self.listing: Listing = []  # each input file's role, name and SHA-256 (``patch``)
        self.inputs = read_inputs(self.stats, self.listing)
        found = self.store.get(STAMPS_KIND, record_key(self.out_dir))
        self._stamps_data, self.known_sha256 = found or (b"", "")
        self._known: tuple[KnownSite | None] | None = None
        self.checked: tuple[InputStats | None] | None = None  # (``check_inputs``)

    @property
    def known(self) -> KnownSite | None:
        """The stamps the last build of the folder took (their entry's SHA-256 is
        ``known_sha256``), decoded when first asked for: 70,000 names at 10,000 terms,
        which a patch build needs only once Pagefind runs."""
        if self._known is None:
            data = self._stamps_data
            self._known, self._stamps_data = (KnownSite.decode(data) if data else None,), b""
        return self._known[0]

    @property
    def has_stamps(self) -> bool:
        """Whether there are stamps to decode (``known`` may still be None: broken)."""
        return bool(self._stamps_data) or self.known is not None

    def unchanged(
        self, lock_timeout: float, on_wait: Callable[[], None] | None
    ) -> BuildRecord | None:
        """The last build's record when nothing changed since; None means build."""
        if self.inputs is None or not self.has_stamps or not self.out_dir.is_dir():
            return None
        record = load_record(self.store, self.out_dir, self.inputs)  # (first: a quick miss)
        known = self.known if record is not None else None
        if record is None or known is None:
            return None
        if (record.stamps, record.taken_ns, record.manifest) != (
            self.known_sha256,
            known.taken_ns,
            known.manifest,
        ):
            return None

        def refresh(known: KnownSite) -> None:
            stamps = self.store.put(STAMPS_KIND, record_key(self.out_dir), known.encode())
            moved = dataclasses.replace(record, stamps=stamps, taken_ns=known.taken_ns)
            save_record(self.store, self.out_dir, moved)

        if not site_is_unchanged(self.out_dir, known, lock_timeout, on_wait, self.given, refresh):
            return None
        save_stats(self.store, self.stats_key, self.stats, self.loaded)
        return record

    def recorder(
        self,
        counts: tuple[int, int],
        base_url: str,
        diagnostics: tuple[Diagnostic, ...],
        then: Callable[[BuildRecord], None] | None = None,
    ) -> Callable[[Path, list[str], list[str] | None], None]:
        """What to call with the site's folder, its files and the files an update of a
        known folder changed, once it is in place (under its lock); ``then`` is called
        with the record saved (not when none is: inputs changed during the build)."""

        def remember(site: Path, names: list[str], changed: list[str] | None) -> None:
            # The inputs first: the stamps are then taken a little later after the last
            # write, so fewer entries are too recent for their times (``stamps``).
            again = self.checked[0] if self.checked is not None else self.inputs_again()
            if again is not None:
                save_stats(self.store, self.stats_key, again, self.loaded)
            known = self._stamps(site, names, changed)
            if known is None:
                return
            stamps = self.store.put(STAMPS_KIND, record_key(site), known.encode())
            if again is None or self.inputs is None:  # (``inputs_again`` needs inputs)
                return
            record = BuildRecord(
                self.inputs,
                stamps,
                known.taken_ns,
                known.manifest,
                *counts,
                base_url,
                diagnostics,
            )
            save_record(self.store, site, record)
            if then is not None:
                then(record)

        return remember

    def inputs_again(self) -> InputStats | None:
        """Whether the inputs are still the ones the build read: the table of their status
        then (only files whose status changed are read again), or None when they changed
        while the build read them (its site is then not theirs: no record is saved).

        ``recorder`` checks this once the site is in place, unless the build checked it
        after its last read of an input (``check_inputs``)."""
        again = self.stats.again()
        if self.inputs is None or self.read_inputs(again, None) != self.inputs:
            return None
        return again

    def check_inputs(self) -> None:
        """Check the inputs now, after the build's last read of them and before it waits
        for something else (a patch build, for Pagefind); ``recorder`` uses the result.
        An input changed after this check is one the build did not read: the next build
        sees it (its status changed) and builds again. A build that reads inputs after
        this check (a full build after a patch build gave up) sets ``checked`` to None."""
        self.checked = (self.inputs_again(),)

    def _stamps(self, site: Path, names: list[str], changed: list[str] | None) -> KnownSite | None:
        """The stamps of the site just written: taken again only where it changed when it
        was updated in place from the stamps this build found to hold (see ``write``)."""
        if changed is not None and self.known is not None:
            return updated_stamps(site, self.known, names, changed)
        return take_stamps(site, names)


def project_inputs(
    config_path: Path | None,
    overrides: Mapping[str, Any],
    roots: InputRoots,
    folders: Iterable[tuple[str, Path | None]],
) -> Callable[[InputStats, Listing | None], str | None]:
    """A function giving the digest of a project's inputs now (None: cannot vouch),
    reading only the files whose status the table it is given does not know, and
    filling the listing it is given (``inputs_digest``)."""
    listed = tuple(folders)

    def read(stats: InputStats, listing: Listing | None) -> str | None:
        config, problems = load_config(config_path, dict(overrides), roots)
        if problems:
            return None
        return inputs_digest(config, config_path, listed, _today(), stats, listing)

    return read


def _today() -> dt.date:
    """Lint compares dates with today's, so the date is an input too."""
    return dt.date.today()
