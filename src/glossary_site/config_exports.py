"""The ``[exports]`` table of glossary.toml and the settings of the exports.

``config`` hands each table entry here with the place it came from; this module knows
the export names (``export_names``) but none of the exporters.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, did_you_mean
from .export_names import EXPORT_NAMES

# Where a key of the config was written: (file or option, 1-based line or 0).
Locate = Callable[[str], tuple[Path, int]]


def exports_table(
    locate: Locate, table: dict[str, Any], shown: Callable[[str], str]
) -> tuple[tuple[tuple[str, bool], ...], list[Diagnostic]]:
    """The ``[exports]`` table as sorted (name, on) pairs; unknown names and values reported.

    ``shown`` makes user text safe to print in a message.
    """
    switches: list[tuple[str, bool]] = []
    problems = []
    for name, value in table.items():
        path, line = locate(name)
        if name not in EXPORT_NAMES:
            problems.append(
                Diagnostic(
                    path,
                    line,
                    "config-unknown-key",
                    f"unknown export '{shown(name)}' in [exports]",
                    did_you_mean(name, EXPORT_NAMES)
                    or "known exports: " + ", ".join(sorted(EXPORT_NAMES)),
                )
            )
        elif type(value) is not bool:
            problems.append(
                Diagnostic(
                    path,
                    line,
                    "config-type",
                    f"[exports] {name} must be true or false, not {shown(repr(value))}",
                    f"write for example {name} = false",
                )
            )
        else:
            switches.append((name, value))
    return tuple(sorted(switches)), problems


def feed_entries_problem(locate: Locate, entries: int) -> Diagnostic | None:
    """``feed_entries`` must be at least 1 (``[exports] feed = false`` switches the feed off)."""
    if entries >= 1:
        return None
    return Diagnostic(
        *locate("feed_entries"),
        "config-feed-entries",
        f"feed_entries is {entries}: the feed needs at least one entry",
        "write a number such as feed_entries = 20; to leave the feed out, "
        "write feed = false under [exports]",
    )
