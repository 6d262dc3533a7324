"""The Nu HTML Checker (vnu-jar from npm) on every HTML file of the bundled and DevOps sites.

Usage: .venv/bin/python bench/vnu.py [--no-devops]

Builds the sites as bench/lighthouse.py does and runs ``java -jar vnu.jar --errors-only`` on
every HTML file. Needs Java 11 or newer on PATH (Debian: ``apt-get install
default-jre-headless``). Writes the error count per site, and each error, to
bench/results-lighthouse.md; the exit status is 1 when there is any error.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from quality_sites import build, build_sites, npm_tool, write_section


def java() -> str:
    found = shutil.which("java")
    if found is None:
        sys.exit(
            "Java is missing: the checker needs Java 11 or newer. Install it with\n"
            "  sudo apt-get install default-jre-headless\nand rerun."
        )
    return found


def check(jar: Path, root: Path) -> tuple[int, list[str]]:
    """The number of HTML files under ``root`` and vnu's errors, as ``path:line: message``."""
    pages = sorted(root.rglob("*.html"))
    command = [java(), "-jar", str(jar), "--errors-only", "--format", "json"]
    done = subprocess.run([*command, *map(str, pages)], capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1) or not done.stderr.strip().startswith("{"):
        sys.exit(f"vnu failed (exit {done.returncode}):\n{done.stderr}")
    messages = json.loads(done.stderr)["messages"]
    errors = []
    for message in messages:
        where = Path(message.get("url", "").removeprefix("file:")).relative_to(root)
        errors.append(f"{where}:{message.get('lastLine', 0)}: {message['message']}")
    return len(pages), errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-devops", action="store_true", help="Only the bundled glossary.")
    args = parser.parse_args()
    java()
    jar = npm_tool("vnu-jar/build/dist/vnu.jar")
    lines = ["## vnu (Nu HTML Checker, vnu-jar from npm, `--errors-only`)", ""]
    lines += ["`.venv/bin/python bench/vnu.py`", ""]
    total = 0
    with tempfile.TemporaryDirectory(prefix="glossary-vnu-") as tmp:
        work = Path(tmp)
        for name, project in build_sites(work, with_devops=not args.no_devops):
            site = build(name, project, work / f"site-{name}", "https://glossary.example/")
            count, errors = check(jar, site.root)
            total += len(errors)
            lines.append(f"- {name}: {count} HTML files, {len(errors)} errors")
            lines += [f"  - `{error}`" for error in errors]
            print(lines[-1 - len(errors)], flush=True)
            for error in errors:
                print(f"{name}/{error}", file=sys.stderr)
    write_section("vnu", "\n".join(lines))
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    main()
