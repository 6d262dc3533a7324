"""Wall time, CPU time and peak memory of one command, its child processes included."""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.05
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and the children it waited for
    peak_mib: float  # largest resident memory of the process tree at any sample


def measure(
    command: Sequence[str], cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> Run:
    """Run ``command`` to completion (it must succeed) and measure it.

    CPU time comes from ``wait4`` (it includes worker processes the command waited for).
    Memory is the larger of the process's own peak (``ru_maxrss``) and the peak of the
    resident memory of the whole process tree, sampled every 50 ms, so that a pool of
    workers counts with all of its processes.
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        cwd=cwd,
        env=dict(env) if env is not None else None,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    sampler = _TreeSampler(process.pid)
    sampler.start()
    assert process.stderr is not None
    errors = process.stderr.read()  # until the process closes it, so it cannot block
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    sampler.stop()
    if process.returncode != 0:
        text = errors.decode(errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{text}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, cpu, max(usage.ru_maxrss / 1024, sampler.peak / 2**20))


def median_run(runs: Sequence[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        statistics.median(r.peak_mib for r in runs),
    )


class _TreeSampler(threading.Thread):
    """Samples the resident memory of a process and all its descendants (Linux /proc)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(SAMPLE_SECONDS):
            self.peak = max(self.peak, _tree_rss(self.pid))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and its descendants (0 where /proc cannot tell).

    A child that has the very memory of its parent (the same size, resident size and
    stack: a child between ``vfork`` and ``exec``, as ``subprocess`` starts Pagefind,
    which shares its parent's memory and reports it as its own) is not counted twice."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    layout: dict[int, tuple[bytes, bytes, bytes]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as file:
                fields = file.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])  # ppid; fields[0] is the state
        rss[pid] = int(fields[21]) * PAGE_BYTES  # rss in pages
        layout[pid] = (fields[20], fields[21], fields[25])  # vsize, rss, start of stack
    total = 0
    for pid, size in rss.items():
        if pid != root and layout[pid] == layout.get(parents[pid]):
            continue  # its parent's memory, counted there
        ancestor = pid
        while ancestor not in (root, 0, 1) and ancestor in parents:
            ancestor = parents[ancestor]
        if ancestor == root:
            total += size
    return total
