"""The output path checks give the diagnostics they always gave, over plain strings: a
clean site of any size costs one set lookup per path, never a walk of its parents."""

from __future__ import annotations

import random
from pathlib import Path, PurePosixPath

import pytest

from glossary_site import output_paths
from glossary_site.diagnostics import Diagnostic
from glossary_site.output_paths import output_path_problems

STATIC = Path("static")


def reference(
    pages: dict[PurePosixPath, bytes], assets: dict[PurePosixPath, bytes]
) -> list[tuple[str, str]]:
    """What the checks must find, computed the plain way: every path against every parent."""
    files = {*pages, *assets}
    found = []
    for dest in sorted(files):
        longest = max(len(part.encode()) for part in dest.parts)
        if longest > output_paths.MAX_NAME_BYTES or len(str(dest).encode()) > 1024:
            found.append(("output-path-too-long", str(dest)))
    found += [("static-clash", str(dest)) for dest in sorted(set(assets) & set(pages))]
    reported = set()
    for dest in sorted(files):
        for folder in dest.parents:
            if folder in files and (folder in assets) != (dest in assets):
                static = folder if folder in assets else dest
                if (static, folder) not in reported:
                    reported.add((static, folder))
                    found.append(("static-clash", str(static)))
    return found


def shown(problems: tuple[Diagnostic, ...]) -> list[tuple[str, str]]:
    return [
        (d.code, d.path.relative_to(STATIC).as_posix() if d.path.is_relative_to(STATIC) else "")
        for d in problems
    ]


@pytest.mark.parametrize("seed", range(40))
def test_random_sites_get_the_diagnostics_of_the_plain_check(seed: int) -> None:
    rng = random.Random(seed)
    words = ["a", "b", "sprint", "index.html", "x" * 130, "é" * 70, "y" * 256, "c.css"]
    paths = {
        PurePosixPath(*rng.choices(words, k=rng.randint(1, 4))) for _ in range(rng.randint(1, 30))
    }
    pages: dict[PurePosixPath, bytes] = {}
    assets: dict[PurePosixPath, bytes] = {}
    for path in paths:
        roll = rng.random()
        if roll < 0.7:
            pages[path] = b""
        if roll > 0.6:
            assets[path] = b""
    problems = output_path_problems(pages, assets, {}, STATIC)
    assert shown(problems) == reference(pages, assets)


def test_a_clean_site_never_walks_the_parents_of_its_paths(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pages = {PurePosixPath(f"term-{n}", "index.html"): b"" for n in range(2000)}
    assets = {PurePosixPath("style.css"): b"", PurePosixPath("term-1", "x.png"): b""}

    def walked(*args: object) -> list[Diagnostic]:
        raise AssertionError("a clean site needs no walk of every parent")

    monkeypatch.setattr(output_paths, "_folder_clashes", walked)
    assert output_path_problems(pages, assets, {}, STATIC) == ()


def test_a_static_file_where_a_page_needs_a_folder_is_still_found() -> None:
    pages = {PurePosixPath(f"term-{n}", "index.html"): b"" for n in range(2000)}
    assets = {PurePosixPath("term-7"): b""}
    (problem,) = output_path_problems(pages, assets, {}, STATIC)
    assert problem.code == "static-clash" and problem.path == STATIC / "term-7"
    assert "term-7/index.html" in problem.message
