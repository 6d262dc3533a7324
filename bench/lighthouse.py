"""Lighthouse 12 on one page of each kind, mobile and desktop, on the bundled and DevOps sites.

Usage: .venv/bin/python bench/lighthouse.py [--no-devops] [--keep DIR]

Builds the bundled glossary (and ../shared/corpora/devops-glossary, imported with
``glossary-site import devops``, when it is there), serves each site over HTTP, and runs
Lighthouse (installed with npm into bench/.tools/ on first use; Debian's Chromium through
CHROME_PATH) on the index, a term, a tag, a category, the concept map, the 404 page and a
redirect page. The four category scores of each page go to bench/results-lighthouse.md; the
exit status is 1 when any score is below 100, and the audits that failed are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from quality_sites import (
    build,
    build_sites,
    free_port,
    npm_tool,
    sample_pages,
    serving,
    write_section,
)

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MODES = ("mobile", "desktop")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
# Audits that fail by design on a page kind: they are reported, but not as failures.
EXPECTED = {"404": {"is-crawlable": "404.html is noindex by design"}}


def chrome_path() -> str:
    found = os.environ.get("CHROME_PATH") or shutil.which("chromium") or ""
    if not found:
        sys.exit("Chromium is missing: apt-get install chromium (or set CHROME_PATH).")
    return found


def lighthouse(cli_js: Path, url: str, mode: str, report: Path) -> dict[str, object]:
    command = [
        "node",
        str(cli_js),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if mode == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": chrome_path()}
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    data: dict[str, object] = json.loads(report.read_text())
    return data


def scores_and_failures(
    data: dict[str, object], expected: dict[str, str]
) -> tuple[dict[str, int], list[str], list[str]]:
    """Each category's score (0–100), the audits that pulled a category below 100, and
    those of them that are ``expected`` (audit id → why)."""
    categories: dict[str, dict[str, object]] = data["categories"]  # type: ignore[assignment]
    audits: dict[str, dict[str, object]] = data["audits"]  # type: ignore[assignment]
    scores: dict[str, int] = {}
    failed: list[str] = []
    excused: list[str] = []
    for key in CATEGORIES:
        category = categories[key]
        score = category.get("score")
        scores[key] = round(float(score) * 100) if isinstance(score, int | float) else 0
        if scores[key] == 100:
            continue
        before = len(failed)
        for ref in category["auditRefs"]:  # type: ignore[attr-defined]
            audit = audits[ref["id"]]
            weight = ref.get("weight", 0)
            value = audit.get("score")
            if not (weight and isinstance(value, int | float) and value < 1):
                continue
            text = f"{key}: {ref['id']} ({audit.get('title')}) score {value}"
            if ref["id"] in expected:
                excused.append(f"{text}: {expected[ref['id']]}")
            else:
                failed.append(text)
        if len(failed) == before and not excused:
            failed.append(f"{key}: score {scores[key]}")
    return scores, failed, excused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-devops", action="store_true", help="Only the bundled glossary.")
    args = parser.parse_args()
    cli_js = npm_tool("lighthouse/cli/index.js")
    rows: list[str] = []
    problems: list[str] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="glossary-lighthouse-") as tmp:
        work = Path(tmp)
        for name, project in build_sites(work, with_devops=not args.no_devops):
            port = free_port()
            site = build(name, project, work / f"site-{name}", f"http://127.0.0.1:{port}/")
            with serving(site.root, port):
                for kind, path in sample_pages(site.root).items():
                    for mode in MODES:
                        url = site.base_url + path
                        data = lighthouse(cli_js, url, mode, work / "report.json")
                        scores, failed, excused = scores_and_failures(data, EXPECTED.get(kind, {}))
                        notes += [f"{name} {kind} /{path} {mode}: {e}" for e in excused]
                        cells = " | ".join(str(scores[c]) for c in CATEGORIES)
                        rows.append(f"| {name} | {kind} | `/{path}` | {mode} | {cells} |")
                        print(rows[-1], flush=True)
                        problems += [f"{name} {kind} /{path} {mode}: {f}" for f in failed]
    header = (
        "## Lighthouse 12\n\n"
        "`.venv/bin/python bench/lighthouse.py` (headless Chromium, mobile and desktop).\n\n"
        "| site | page | path | mode | performance | accessibility | best practices | SEO |\n"
        "|---|---|---|---|---|---|---|---|\n"
    )
    failures = "\n".join(f"- {p}" for p in problems) or "- none"
    expected = "\n".join(f"- {n}" for n in notes) or "- none"
    table = "\n".join(rows)
    body = f"{header}{table}\n\nAudits below 100:\n\n{failures}\n"
    body += f"\nBelow 100 by design (not failures):\n\n{expected}\n"
    body += (
        "\nA redirect page's meta refresh is followed by Chromium, so its row scores the"
        " page it leads to, after the redirect page itself was loaded.\n"
    )
    write_section("lighthouse", body)
    for problem in problems:
        print(problem, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
