"""bench/results.md: median times and memory, and ratios of ours against each peer."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from measure import Run

OURS = "glossary-site"
PEER_NAMES = {"hugo": "Hugo 0.168.0", "mkdocs": "MkDocs 1.6.1", "material": "MkDocs + Material"}


@dataclass(frozen=True)
class Row:
    terms: int
    tool: str
    build: str  # "cold", "warm", "one edit", "one summary", "cold, --no-cache"…
    run: Run
    note: str = ""


def write_results(
    path: Path,
    rows: list[Row],
    machine: str,
    repeats: dict[int, int],
    peers: list[str],
    note: str = "",
) -> None:
    lines = [
        "# Benchmark: glossary-site against its peers",
        "",
        f"Written by `python bench/compare.py` on {datetime.date.today().isoformat()} "
        f"({machine}); median of "
        + ", ".join(f"{r} run(s) at {n:,} terms" for n, r in repeats.items())
        + " per cell. The machine is shared and "
        "noisy: read the ratios, not the seconds. Peak memory is that of the whole "
        "process tree. Warm: built again with nothing changed; one edit: one term's "
        "body changed (a patch build); one summary: then that term's summary, which "
        "other pages show (a patch build that makes those pages again); all into the same "
        "output folder. "
        "Cold, --no-cache: a cold build that reads and writes no cache; cache, new folder: "
        "a build with the cache the builds above left into a new output folder (what a CI "
        "run that restores its cache does).",
        "",
        *([note, ""] if note else []),
        "| terms | tool | build | wall s | CPU s | peak MiB | output |",
        "|---:|---|---|---:|---:|---:|---|",
    ]
    for row in rows:
        name = PEER_NAMES.get(row.tool, row.tool)
        run = row.run
        lines.append(
            f"| {row.terms:,} | {name} | {row.build} | {run.wall:.2f} | {run.cpu:.2f} "
            f"| {run.peak_mib:.0f} | {row.note} |"
        )
    if peers:
        lines += ["", *_ratios(rows, peers)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _ratios(rows: list[Row], peers: list[str]) -> list[str]:
    """Ours ÷ peer's cold build (below 1: ours is faster or smaller)."""
    lines = [
        "Ratios, ours ÷ the peer's cold build (wall / CPU / memory; below 1 means ours is "
        "faster or smaller):",
        "",
        "| terms | our build | " + " | ".join(f"vs {PEER_NAMES[p]}" for p in peers) + " |",
        "|---:|---|" + "---|" * len(peers),
    ]
    for row in rows:
        if row.tool != OURS:
            continue
        cells = []
        for peer in peers:
            theirs = next(
                (
                    r.run
                    for r in rows
                    if r.terms == row.terms and r.tool == peer and r.build == "cold"
                ),
                None,
            )
            cells.append(_ratio(row.run, theirs))
        lines.append(f"| {row.terms:,} | {row.build} | " + " | ".join(cells) + " |")
    return lines


def _ratio(ours: Run, theirs: Run | None) -> str:
    if theirs is None:
        return "–"
    parts = (
        ours.wall / theirs.wall if theirs.wall else 0.0,
        ours.cpu / theirs.cpu if theirs.cpu else 0.0,
        ours.peak_mib / theirs.peak_mib if theirs.peak_mib else 0.0,
    )
    return " / ".join(f"{p:.2f}×" for p in parts)
