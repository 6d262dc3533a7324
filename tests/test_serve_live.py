"""``serve`` while files change: reload events, errors as overlay data, never a crash."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath

import pytest

from tests.conftest import term_file
from tests.serve_helpers import (
    ALPHA,
    after_full_rebuild,
    get,
    next_state,
    poll,
    running,
    token_of,
    write_project,
)


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(root)): (path.stat().st_mtime_ns, path.stat().st_size)
        for path in root.rglob("*")
    }


def test_an_edit_moves_the_site_on_and_serves_the_new_text(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    with running(project, tmp_path) as (_, url, printed):
        before = poll(url, -1)
        token = token_of(get(url, "/alpha/").body)
        assert poll(url, -1, "/alpha/", token)["reload"] is False
        (tmp_path / "glossary" / "alpha.md").write_text(ALPHA + "\nA freshly saved sentence.\n")
        after = next_state(url, before, "/alpha/", token)
        assert after["reload"] is True
        assert after["problems"] == []
        assert "A freshly saved sentence." in get(url, "/alpha/").text
        assert any("updated" in line for line in printed)


def test_a_bad_edit_shows_its_problem_and_the_fix_clears_it(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    with running(project, tmp_path) as (_, url, printed):
        before = poll(url, -1)
        good = get(url, "/alpha/").body
        broken = ALPHA.replace("title: Alpha", "title: [Alpha")
        (tmp_path / "glossary" / "alpha.md").write_text(broken)
        failed = next_state(url, before, "/alpha/", token_of(good))
        assert failed["reload"] is False, "the page must not reload into nothing"
        [problem, *_] = [p for p in failed["problems"] if p["path"] == "glossary/alpha.md"]
        assert problem["path"] == "glossary/alpha.md"
        assert problem["line"] == 2
        assert problem["message"] and problem["hint"] and problem["code"]
        assert any(line.startswith("glossary/alpha.md:2: error:") for line in printed)
        assert get(url, "/alpha/").body == good, "the last good site is still served"
        (tmp_path / "glossary" / "alpha.md").write_text(ALPHA + "\nFixed.\n")
        fixed = next_state(url, failed, "/alpha/", token_of(good))
        assert fixed["problems"] == []
        assert fixed["reload"] is True
        assert "Fixed." in get(url, "/alpha/").text


def test_a_deleted_term_folder_is_an_error_and_its_return_a_site(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    with running(project, tmp_path) as (preview, url, _):
        before = poll(url, -1)
        shutil.move(tmp_path / "glossary", tmp_path / "moved-away")
        failed = next_state(url, before)
        while not failed["problems"]:  # the deletion may come in more than one batch
            failed = next_state(url, failed)
        assert get(url, "/alpha/").status == 200, "the last good site is still served"
        shutil.move(tmp_path / "moved-away", tmp_path / "glossary")
        state = failed
        while state["problems"]:
            state = next_state(url, state)
        assert get(url, "/gamma/").status == 200
        assert preview.channel.state.problems == ()


def test_a_broken_template_is_an_error_with_its_line_and_the_server_goes_on(
    tmp_path: Path,
) -> None:
    project = write_project(tmp_path)
    with running(project, tmp_path) as (_, url, _):
        before = poll(url, -1)
        (tmp_path / "templates").mkdir()
        (tmp_path / "templates" / "term.html").write_text(
            '{% extends "default/term.html" %}\n{% block main %}\n{{ term.title \n{% endblock %}\n'
        )
        state = next_state(url, before)
        while not state["problems"]:
            state = next_state(url, state)
        assert any(p["path"] == "templates/term.html" and p["line"] for p in state["problems"])
        assert get(url, "/alpha/").status == 200
        (tmp_path / "templates" / "term.html").unlink()
        while state["problems"]:
            state = next_state(url, state)
        assert get(url, "/alpha/").status == 200


def test_an_invalid_config_is_an_error_and_the_last_good_site_stays(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    with running(project, tmp_path) as (_, url, _):
        before = poll(url, -1)
        (tmp_path / "glossary.toml").write_text('title = "Words\n')
        state = next_state(url, before)
        assert [p["path"] for p in state["problems"]] == ["glossary.toml"]
        assert get(url, "/alpha/").status == 200
        (tmp_path / "glossary.toml").write_text('title = "Other words"\n')
        fixed = next_state(url, state)
        assert fixed["problems"] == []
        assert "Other words" in get(url, "/").text


def test_a_new_term_appears_and_a_deleted_one_goes(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    with running(project, tmp_path) as (_, url, _):
        state = poll(url, -1)
        (tmp_path / "glossary" / "delta.md").write_text(term_file("Delta"))
        state = next_state(url, state)
        assert get(url, "/delta/").status == 200
        (tmp_path / "glossary" / "gamma.md").unlink()
        state = next_state(url, state)
        assert get(url, "/gamma/").status == 404


def test_an_edit_renders_only_the_pages_it_shows_on(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    with running(project, tmp_path) as (preview, url, _):
        before = dict(preview.site.files)
        state = poll(url, -1)
        (tmp_path / "glossary" / "gamma.md").write_text(term_file("Gamma", "Gamma changed."))
        alpha, gamma = PurePosixPath("alpha/index.html"), PurePosixPath("gamma/index.html")
        state = next_state(url, state)
        assert preview.last is not None and preview.last.quick
        assert preview.site.files[alpha] is before[alpha]
        quick = preview.site.files[gamma]
        assert b"Gamma changed." in quick
        next_state(url, state)  # the full rebuild that follows
        assert preview.last is not None and not preview.last.quick
        after = preview.site.files
        assert after[alpha] is before[alpha], "a page that does not show gamma is reused"
        assert after[gamma] == quick, "the quick path renders what the full rebuild does"


def test_an_edit_to_a_term_that_names_another_takes_the_quick_path(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    gamma_file = tmp_path / "glossary" / "gamma.md"
    gamma_file.write_text(term_file("Gamma", "Gamma comes after Alpha."))
    with running(project, tmp_path) as (preview, url, _):
        state = poll(url, -1)
        gamma_file.write_text(term_file("Gamma", "Gamma comes after Alpha, and changed."))
        gamma = PurePosixPath("gamma/index.html")
        state = next_state(url, state)
        assert preview.last is not None and preview.last.quick  # the mention is linked again
        quick = preview.site.files[gamma]
        assert b'class="mention"' in quick and b"and changed." in quick
        after_full_rebuild(url, state, preview)  # alpha's page shows gamma's card first
        assert preview.last is not None and not preview.last.quick
        assert preview.site.files[gamma] == quick, "the quick path renders what the full one does"


def test_serving_writes_nothing_in_the_project(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("old site")
    before = _snapshot(tmp_path)
    with running(project, tmp_path) as (_, url, _):
        state = poll(url, -1)
        (tmp_path / "glossary" / "gamma.md").write_text(term_file("Gamma", "Gamma changed."))
        before["glossary/gamma.md"] = _snapshot(tmp_path)["glossary/gamma.md"]
        next_state(url, state)
        assert get(url, "/gamma/").status == 200
    assert _snapshot(tmp_path) == before


@pytest.mark.slow
def test_open_shows_the_site_in_a_browser_and_ctrl_c_stops_with_exit_0(tmp_path: Path) -> None:
    write_project(tmp_path)
    command = [sys.executable, "-m", "glossary_site", "serve", "--port", "0", "--open"]
    # The browser command writes the URL to a temporary name, then renames it: the file
    # appears whole (a plain redirection creates it empty before echo writes).
    opened, writing = tmp_path / "opened.txt", tmp_path / "opened.tmp"
    browser = f"/bin/sh -c 'echo %s > {writing} && mv {writing} {opened}'"
    process = subprocess.Popen(
        command,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "BROWSER": browser},
    )
    try:
        assert process.stdout is not None
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            lines.append(line)
            if line.startswith("Serving on http://127.0.0.1:"):
                break
        url = lines[-1].split()[2]
        assert get(url, "/alpha/").status == 200
        for _ in range(300):
            if opened.exists():
                break
            time.sleep(0.1)
        assert opened.read_text().strip() == url
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:  # a failed assertion must not leave the server running into the next test
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "Traceback" not in out + err
    assert "Stopping." in out


def test_a_save_by_rename_updates_the_edited_page_by_the_quick_path(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    with running(project, tmp_path) as (preview, url, _):
        state = poll(url, -1)
        temporary = tmp_path / "glossary" / ".alpha.md.tmp"
        temporary.write_text(ALPHA + "\nSaved the way many editors save.\n")
        os.replace(temporary, tmp_path / "glossary" / "alpha.md")
        state = next_state(url, state)
        assert preview.last is not None and preview.last.quick
        assert "Saved the way many editors save." in get(url, "/alpha/").text
