"""The command line ends its process at once after a command (no slow teardown of a big
build's objects), with the exit code and everything printed, and never while another
thread or a profiler or tracer could still want to run."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from glossary_site.cli import _leave_now
from tests.conftest import BUNDLED_CONFIG, BUNDLED_SOURCE


def test_a_build_ends_with_its_output_and_exit_code(tmp_path: Path) -> None:
    args = [sys.executable, "-m", "glossary_site", "build", "--no-cache"]
    paths = ["--source", str(BUNDLED_SOURCE), "--config", str(BUNDLED_CONFIG)]
    done = subprocess.run(
        [*args, *paths, "--out", str(tmp_path / "site")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Built {tmp_path / 'site'}/:")
    wrong = subprocess.run([*args, "--no-such-option"], capture_output=True, text=True)
    assert wrong.returncode == 2
    assert "No such option" in wrong.stderr


def test_it_does_not_end_the_process_while_another_thread_runs() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        _leave_now(0)  # returns: the process would end here otherwise (and so would pytest)
    finally:
        release.set()
        other.join()


def test_it_does_not_end_the_process_under_a_tracer_or_with_a_message() -> None:
    previous = sys.gettrace()
    sys.settrace(lambda *args: None)
    try:
        _leave_now(0)
    finally:
        sys.settrace(previous)
    _leave_now("a message for stderr")  # SystemExit("…") prints it: Python's own exit
