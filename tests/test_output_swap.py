"""The swap cannot lose the site: atomic exchange, recovery after a kill, symlinks, the lock."""

from __future__ import annotations

import ctypes
import errno
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from glossary_site.write import MANIFEST_NAME, real_output, swap
from glossary_site.write import lock as lock_module
from glossary_site.write.errors import write_failure
from glossary_site.write.lock import output_lock
from tests.conftest import term_file
from tests.test_output_safety import fill, project, run, tree

__all__ = ["project"]  # the fixture, shared


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site"))


def test_a_new_site_exchanges_the_folders_without_any_rename(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (a rebuild of a previous build updates it in place: see test_output_update.py)
    fill(project / "site", {".DS_Store": ""})  # not a build yet, and nothing to carry over

    def no_rename(self: Path, target: Path) -> None:
        raise AssertionError("the exchange should need no rename")

    monkeypatch.setattr(Path, "rename", no_rename)
    (project / "glossary" / "kanban.md").unlink()
    assert run("build").exit_code == 0
    assert not (project / "site" / "kanban").exists()
    assert leftovers(project) == []


def unsupported(*args: object) -> int:
    ctypes.set_errno(errno.EINVAL)  # what a filesystem without RENAME_EXCHANGE answers
    return -1


@pytest.mark.parametrize(
    "without", [lambda: None, lambda: unsupported], ids=["no-renameat2", "einval"]
)
def test_without_the_exchange_two_renames_replace_the_site(
    project: Path, monkeypatch: pytest.MonkeyPatch, without: Callable[[], object]
) -> None:
    monkeypatch.setattr(swap, "_renameat2", without)
    fill(project / "site" / ".git", {"HEAD": "ref: refs/heads/gh-pages\n"})  # not a build yet
    (project / "glossary" / "kanban.md").unlink()
    assert run("build").exit_code == 0
    assert (project / "site" / "sprint" / "index.html").is_file()
    assert not (project / "site" / "kanban").exists()
    assert leftovers(project) == []


def test_a_failed_second_rename_puts_the_old_site_back(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(project / "site" / ".git", {"HEAD": "ref: refs/heads/gh-pages\n"})  # not a build yet
    (project / "glossary" / "kanban.md").unlink()
    before = tree(project)
    monkeypatch.setattr(swap, "_renameat2", lambda: None)
    real_rename = Path.rename

    def failing(self: Path, target: Path) -> Path:
        if self.name.startswith(".site.new-") and Path(target).name == "site":
            raise OSError(errno.EIO, "Input/output error")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", failing)
    result = run("build")
    assert result.exit_code == 1
    assert "[write-failed]" in result.stderr and "Input/output error" in result.stderr
    assert "disk" not in result.stderr
    assert tree(project) == before


KILLED_BUILD = """
    import os, sys
    from pathlib import Path
    from glossary_site.write import swap
    swap._renameat2 = lambda: None  # the fallback: two renames
    real_rename = Path.rename
    def rename(self, target):
        if self.name.startswith(".site.new-") and Path(target).name == "site":
            os._exit(137)  # killed between the renames: no site/ at all
        return real_rename(self, target)
    Path.rename = rename
    from glossary_site.cli import main
    sys.argv = ["glossary-site", "build"]
    main()
"""


def test_a_build_killed_between_the_renames_is_recovered_by_the_next(project: Path) -> None:
    fill(project / "site" / ".git", {"HEAD": "ref: refs/heads/gh-pages\n"})  # not a build yet
    (project / "glossary" / "kanban.md").unlink()
    killed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED_BUILD)],
        cwd=project,
        capture_output=True,
        check=False,
    )
    assert killed.returncode == 137, killed.stderr
    assert not (project / "site").exists()
    # (and the spool of the files it made, removed by the next build: see write/spool.py)
    expected = [".site.lock", ".site.new-", ".site.old-", ".site.spoo"]
    assert [name[:10] for name in leftovers(project)] == expected

    assert run("build", "--source", "glossary", "--lock-timeout", "0").exit_code == 0
    assert leftovers(project) == []
    assert (project / "site" / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert not (project / "site" / "kanban").exists()


def test_leftovers_of_ours_are_removed_and_others_kept(project: Path) -> None:
    assert run("build").exit_code == 0
    manifest = (project / "site" / MANIFEST_NAME).read_text()
    fill(project / ".site.new-abc", {MANIFEST_NAME: manifest, "sprint/index.html": "partial"})
    (project / ".site.old-def").mkdir()  # emptied, not yet removed
    fill(project / ".site.new-ghi", {"thesis.tex": "not ours"})
    fill(project / ".site.old-jkl", {MANIFEST_NAME: manifest, "mine.txt": "not in the manifest"})
    assert run("build").exit_code == 0
    assert leftovers(project) == [".site.new-ghi", ".site.old-jkl"]
    assert (project / ".site.new-ghi" / "thesis.tex").read_text() == "not ours"


def test_a_symlinked_output_is_built_beside_its_target_and_stays_a_link(project: Path) -> None:
    (project / "www").mkdir()
    (project / "site").symlink_to(project / "www" / "glossary")  # dangling at first
    assert run("build").exit_code == 0
    assert run("build").exit_code == 0
    assert (project / "site").is_symlink()
    assert os.readlink(project / "site") == str(project / "www" / "glossary")
    assert (project / "www" / "glossary" / "sprint" / "index.html").is_file()
    assert sorted(p.name for p in (project / "www").iterdir()) == ["glossary"]
    assert leftovers(project) == []


def test_a_second_build_waits_then_fails_clearly_while_the_lock_is_held(project: Path) -> None:
    assert run("build").exit_code == 0
    lock = project / ".site.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(lock)!r}, os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        before = tree(project)
        result = run("build", "--lock-timeout", "0.3")
    finally:
        holder.kill()
        holder.communicate()
    assert result.exit_code == 1
    assert result.stderr.count("Waiting for another build of site/ to finish") == 1
    assert "another build of site is still running" in result.stderr
    assert "[output-locked]" in result.stderr and "--lock-timeout" in result.stderr
    assert "disk" not in result.stderr.lower()
    assert tree(project) == before
    assert run("build", "--lock-timeout", "0").exit_code == 0  # a dead holder frees the lock
    assert not lock.exists()


def test_a_waiting_build_goes_ahead_when_the_other_one_finishes(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("build").exit_code == 0
    (project / "glossary" / "kanban.md").unlink()
    held, release = threading.Event(), threading.Event()
    acquire = lock_module._acquire

    def acquire_then_release_the_other(
        path: Path, deadline: float, on_wait: Callable[[], None] | None, out_dir: Path
    ) -> int:
        def waiting() -> None:  # the other build ends once this one waits, however slow
            if on_wait is not None:
                on_wait()
            release.set()

        return acquire(path, deadline, waiting, out_dir)

    monkeypatch.setattr(lock_module, "_acquire", acquire_then_release_the_other)

    def other_build() -> None:
        with output_lock(real_output(project / "site"), 0):
            held.set()
            release.wait(10)

    other = threading.Thread(target=other_build)
    other.start()
    held.wait(10)
    result = run("build", "--lock-timeout", "20")
    other.join()
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("Waiting for another build") == 1
    assert not (project / "site" / "kanban").exists()
    assert not (project / ".site.lock").exists()


def test_a_full_disk_is_reported_as_such_and_a_permission_problem_is_not(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("build").exit_code == 0
    (project / "glossary" / "kanban.md").write_text(term_file("Kanban", body="Edited."))
    before = tree(project)
    for number, words in ((errno.ENOSPC, "disk"), (errno.EACCES, "permissions")):

        def fail(path: Path, data: bytes, number: int = number) -> None:
            raise OSError(number, os.strerror(number), str(path))

        monkeypatch.setattr(Path, "write_bytes", fail)
        result = run("build", "--no-cache")  # with the cache, unchanged inputs write nothing
        monkeypatch.undo()
        assert result.exit_code == 1 and "[write-failed]" in result.stderr
        hint = result.stderr.split("[write-failed]")[1].split("hint:")[1]
        assert words in hint
        assert ("disk" in hint) == (number == errno.ENOSPC)
        assert tree(project) == before


def test_a_git_moved_into_the_new_folder_before_a_kill_is_returned(project: Path) -> None:
    assert run("build").exit_code == 0
    manifest = (project / "site" / MANIFEST_NAME).read_text()
    staging = fill(project / ".site.new-x", {MANIFEST_NAME: manifest, "404.html": "new"})
    fill(staging / ".git", {"HEAD": "ref: refs/heads/gh-pages\n"})  # carried, not yet swapped
    assert run("build").exit_code == 0
    assert (project / "site" / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert leftovers(project) == []


def test_a_forced_build_killed_between_the_renames_loses_neither_git_nor_files(
    project: Path,
) -> None:
    """The replaced folder had no manifest: it is not restored, and not deleted either."""
    fill(project / ".site.old-x", {"CNAME": "example.org\n"})  # the forced folder, moved away
    new = fill(project / ".site.new-y", {".git": "gitdir: /srv/repo\n", "404.html": "new"})
    (new / MANIFEST_NAME).write_text("{}")
    assert run("build").exit_code == 0  # only .git is left in site/: a fresh worktree
    assert (project / "site" / ".git").read_text() == "gitdir: /srv/repo\n"
    assert (project / ".site.old-x" / "CNAME").read_text() == "example.org\n"
    assert (project / ".site.new-y" / "404.html").is_file()  # not ours: an invalid manifest


def test_a_folder_holding_only_git_is_built_into_without_force(project: Path) -> None:
    fill(project / "site", {".git": "gitdir: /srv/repo/.git/worktrees/site\n", ".DS_Store": ""})
    assert run("build").exit_code == 0
    assert (project / "site" / ".git").read_text() == "gitdir: /srv/repo/.git/worktrees/site\n"


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (errno.ENOSPC, "disk"),
        (errno.EDQUOT, "quota"),
        (errno.EROFS, "permissions"),
        (errno.EBUSY, "mount point"),
        (errno.EIO, "fix the cause"),
    ],
)
def test_each_write_failure_gets_the_hint_of_its_cause(number: int, words: str) -> None:
    failure = write_failure(OSError(number, os.strerror(number), "site/a\x1b[2J.html"))
    assert failure.code == "write-failed" and words in failure.hint
    assert ("disk" in failure.hint) == (number == errno.ENOSPC)
    assert "\x1b" not in failure.message  # a file name cannot forge terminal output


def test_two_builds_started_together_both_succeed_one_after_the_other(project: Path) -> None:
    command = [sys.executable, "-m", "glossary_site", "build"]
    builds = [
        subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    results = [build.communicate(timeout=60) for build in builds]
    assert [build.returncode for build in builds] == [0, 0], results
    hidden = [p.name for p in project.iterdir() if p.name.startswith(".")]
    assert sorted(hidden) == [".glossary-cache"]  # the cache, but no leftovers
    assert run("build", "--lock-timeout", "0").exit_code == 0  # a valid previous build
