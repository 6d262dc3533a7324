"""The adversarial review, repeatable: hostile inputs through the real CLI, one process each.

    python bench/hostile.py [-k SUBSTRING] [--timeout 60]

Each case starts from a valid two-term project whose site was built once, breaks one
thing the way a careless CI setup, a hurried editor or an attacker would, runs the
command in a fresh process with a time limit and checks the promise of README.md:
exit 1 with ``file:line``-style diagnostics and a hint (never a traceback, exit 3 or a
hang), the previous site byte-identical, nothing from outside the project published.
Cases marked "ok" must instead build and honour the input. Prints one row per case
and exits non-zero when any case breaks the promise.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CLI = [sys.executable, "-m", "glossary_site"]
SECRET = "CI_TOKEN=hunter2-secret"


def term(title: str, definition: str = "", front: str = "", body: str = "Body text.") -> str:
    definition = definition or f"{title} is a term of the test glossary."
    extra = f"{front}\n" if front else ""
    return f"---\ntitle: {title}\ndefinition: {definition}\n{extra}---\n\n{body}\n"


@dataclass
class Project:
    root: Path

    @property
    def glossary(self) -> Path:
        return self.root / "glossary"

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path


Setup = Callable[[Project], list[str]]  # breaks the project; returns the CLI arguments


@dataclass(frozen=True)
class Case:
    name: str
    setup: Setup
    # "error": exit 1, old site kept; "ok": exit 0 and `honoured` holds; "error-or-ok": a
    # clear error or a correct page; "usage": exit 2 (a bad command line), old site kept.
    expect: str = "error"
    honoured: Callable[[Project], bool] | None = None
    where: str = ""  # for errors: a diagnostic must start with this ("glossary/x.md:4")


def _snapshot(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        )
        for p in sorted(folder.rglob("*"))
        if not p.is_symlink() or p.is_file()
    }


def _build(*extra: str) -> list[str]:
    return ["build", *extra]


def _link_out(target: str, where: str) -> Setup:
    def setup(p: Project) -> list[str]:
        (p.root / where).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, p.root / where)
        return _build()

    return setup


def _secret_file(p: Project) -> str:
    secret = p.root.parent / "environ.md"
    secret.write_text(term("Secret", body=SECRET))
    return str(secret)


def _fifo(where: str) -> Setup:
    def setup(p: Project) -> list[str]:
        (p.root / where).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(p.root / where)
        return _build()

    return setup


def _file(name: str, text: str | bytes, *args: str) -> Setup:
    def setup(p: Project) -> list[str]:
        p.write(name, text)
        return list(args) or _build()

    return setup


def _template(text: str | bytes, name: str = "term.html") -> Setup:
    return _file(f"templates/{name}", text)


def _config(text: str, *args: str) -> Setup:
    return _file("glossary.toml", text, *args)


def _sparse(size: int) -> Setup:
    def setup(p: Project) -> list[str]:
        with (p.glossary / "huge.md").open("wb") as handle:
            handle.write(term("Huge").encode())
            handle.truncate(size)
        return _build()

    return setup


def _home_out(p: Project) -> list[str]:
    home = p.root.parent / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_ed25519").write_text("PRIVATE KEY")
    (home / "index.html").write_text("<p>my page</p>")
    return _build("--out", str(home))


def _gh_pages(p: Project) -> list[str]:
    out = p.root.parent / "pages"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (out / "CNAME").write_text("glossary.example.org\n")
    (out / "index.html").write_text("old")
    return _build("--out", str(out))


def _bomb(p: Project) -> list[str]:
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        levels.append(f"a{i}: &a{i} [{refs}]")
    front = "\n".join(levels) + "\n? *a8\n: boom"
    p.write("glossary/bomb.md", f"---\ntitle: Bomb\ndefinition: x\n{front}\n---\n")
    return _build()


def _new(title: str) -> Setup:
    return lambda p: ["new", title]


def _pair(x_text: str, y_text: str) -> Setup:
    def setup(p: Project) -> list[str]:
        p.write("glossary/x.md", x_text)
        p.write("glossary/y.md", y_text)
        return _build()

    return setup


def _leftovers(p: Project) -> list[str]:
    # What a build killed between writing and swapping leaves: copies of our own output.
    for name in (".site.new-abc123", ".site.old-def456"):
        shutil.copytree(p.root / "site", p.root / name)
    return _build()


CASES = [
    # 1. nothing from outside the project is published
    Case("symlinked term file outside", lambda p: _link_out(_secret_file(p), "glossary/s.md")(p)),
    Case("symlinked static file outside", lambda p: _link_out(_secret_file(p), "static/env")(p)),
    Case("symlinked static folder outside", _link_out("/etc", "static/etc")),
    Case("symlinked template outside", lambda p: _link_out(_secret_file(p), "templates/x.html")(p)),
    Case("FIFO in glossary/", _fifo("glossary/pipe.md")),
    Case("FIFO in static/", _fifo("static/pipe")),
    # 2. a build never destroys what it did not make
    Case("--out a home folder with index.html", _home_out),
    Case("--out a gh-pages worktree", _gh_pages),
    # 3. failure means nothing changed
    Case(
        "--strict with only warnings",
        _file("glossary/x.md", term("X", front="related: [x]"), "build", "--strict"),
    ),
    Case(
        "leftover staging folders are cleaned",
        _leftovers,
        "ok",
        lambda p: not any(p.root.glob(".site.*-*")),
    ),
    # 4. bounded time and memory
    Case("YAML alias bomb as a key", _bomb),
    Case("20 MB term file", _sparse(20 * 2**20)),
    Case("4 GB term file", _sparse(4 * 2**30)),
    Case(
        "4 MB body of links",
        _file("glossary/l.md", term("L", body="[a](beta) x\n" * 350_000)),
        "error-or-ok",
    ),
    Case("10,000 [", _file("glossary/b.md", term("B", body="[" * 10_000)), "error-or-ok"),
    Case("2,000 *", _file("glossary/s.md", term("S", body="*" * 2_000 + "x")), "error-or-ok"),
    Case(
        "300-level list",
        _file("glossary/n.md", term("N", body="".join("  " * i + "- x\n" for i in range(300)))),
        "error-or-ok",
    ),
    # 5. templates and names: exit 1, never exit 3
    Case(
        "template recursion",
        _template("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"),
        where="templates/term.html:1",
    ),
    Case(
        "template includes itself",
        _template('{% include "term.html" %}'),
        where="templates/term.html:1",
    ),
    Case("template divides by zero", _template("{{ 1 // 0 }}"), where="templates/term.html:1"),
    Case(
        "template calls a non-callable",
        _template("{{ term.title() }}"),
        where="templates/term.html:1",
    ),
    Case(
        "template undefined variable", _template("{{ nope.attr }}"), where="templates/term.html:1"
    ),
    Case("template not UTF-8", _template(b"<p>caf\xe9</p>")),
    Case(
        "300-character slug",
        _file("glossary/x.md", term("X", front="slug: " + "a" * 300)),
        where="glossary/x.md:4",
    ),
    Case("new with a 300-character title", _new("T" * 300), "error-or-ok"),
    Case("new with control characters", _new("Evil\x1b]52;c;aGk=\x07")),
    # 6. wrong but silent
    Case("alias equal to another slug", _file("glossary/x.md", term("X", front="aliases: [beta]"))),
    Case("NFD title equal to an NFC title", _pair(term("Caf\u00e9"), term("Cafe\u0301"))),
    Case("zero-width variant of a title", _file("glossary/x.md", term("Al\u200bpha"))),
    Case("invisible-only title", _file("glossary/x.md", term('"\u200b\u00ad"', "Nothing to see."))),
    Case("link to a title", _file("glossary/x.md", term("X", body="[b](Beta)"))),
    Case("link to slug.html", _file("glossary/x.md", term("X", body="[b](nope.html)"))),
    Case("site-absolute link", _file("glossary/x.md", term("X", body="[b](/nope/)"))),
    Case("link up a folder", _file("glossary/x.md", term("X", body="[b](../folder/nope.md)"))),
    Case(
        "replaced_by cycle",
        _pair(
            term("X", front="status: deprecated\nreplaced_by: y"),
            term("Y", front="status: deprecated\nreplaced_by: x"),
        ),
    ),
    Case("ESC in a title", _file("glossary/x.md", term('"X\\e[31m"', "Coloured."))),
    Case("NUL in a body", _file("glossary/x.md", term("X", body="a\x00b"))),
    Case(
        "OSC 52 in a diagnostic",
        _file("glossary/x.md", term("X", front="relatd: \x1b]52;c;aGk=\x07")),
    ),
    Case("missing image", _file("glossary/x.md", term("X", body="![x](img/missing.png)"))),
    Case(
        "image with an unknown scheme",
        _file("glossary/x.md", term("X", body="![x](gopher://a/b.png)")),
    ),
    # 7. configuration
    Case("base_url with a newline", _config('base_url = "https://x.org/\\nDisallow: /"')),
    Case("base_url with credentials", _config('base_url = "https://u:p@x.org/"')),
    Case("base_url with a query", _config('base_url = "https://x.org/?a=1"')),
    Case("base_url with a fragment", _config('base_url = "https://x.org/#f"')),
    Case("base_url with spaces", _config('base_url = "https://x.org/a b/"')),
    Case(
        "--base-url empty",
        _config('base_url = "https://x.org/"', "build", "--base-url", ""),
        "usage",
    ),
    Case('title = ""', _config('title = ""')),
    Case(
        "YAML complex key",
        _file("glossary/x.md", "---\ntitle: X\ndefinition: y\n? [a, b]\n: c\n---\n"),
    ),
    Case(
        ".MD file is built",
        _file("glossary/gamma.MD", term("Gamma")),
        "ok",
        lambda p: (p.root / "site" / "gamma" / "index.html").is_file(),
    ),
    Case(
        ".markdown file is built",
        _file("glossary/delta.markdown", term("Delta")),
        "ok",
        lambda p: (p.root / "site" / "delta" / "index.html").is_file(),
    ),
    Case(
        "static dot files are copied",
        lambda p: (
            p.write("static/.nojekyll", ""),
            p.write("static/.well-known/security.txt", "x"),
            _build(),
        )[-1],
        "ok",
        lambda p: (
            (p.root / "site" / ".nojekyll").is_file()
            and (p.root / "site" / ".well-known" / "security.txt").is_file()
        ),
    ),
]


def run_case(case: Case, timeout: float) -> tuple[str, float, str]:
    """(verdict, seconds, first line of output) for one case in a fresh project."""
    with tempfile.TemporaryDirectory() as tmp:
        p = Project(Path(tmp) / "project")
        p.write("glossary/alpha.md", term("Alpha", body="See [beta](beta)."))
        p.write("glossary/beta.md", term("Beta", body="See [alpha](alpha)."))
        first = subprocess.run([*CLI, "build"], cwd=p.root, capture_output=True, timeout=timeout)
        if first.returncode != 0:
            return "SETUP", 0.0, first.stderr.decode(errors="replace")[:200]
        args = case.setup(p)
        watched = [p.root / "site", p.root.parent / "home", p.root.parent / "pages"]
        before = {str(w): _snapshot(w) for w in watched}
        started = time.perf_counter()
        try:
            done = subprocess.run([*CLI, *args], cwd=p.root, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return "HANG", time.perf_counter() - started, ""
        seconds = time.perf_counter() - started
        out = done.stderr.decode(errors="replace") + done.stdout.decode(errors="replace")
        shown = out.strip().splitlines()[0] if out.strip() else ""
        leaked = any(
            SECRET in f.read_text(errors="ignore")
            for f in (p.root / "site").rglob("*")
            if f.is_file()
        )
        kept = all(_snapshot(Path(w)) == snap for w, snap in before.items())
        raw_escape = any(c in out for c in "\x1b\x07\x00")
        if "Traceback" in out or done.returncode == 3:
            verdict = "CRASH"
        elif leaked:
            verdict = "LEAK"
        elif raw_escape:
            verdict = "ESCAPE"
        elif case.expect == "ok" or (case.expect == "error-or-ok" and done.returncode == 0):
            good = done.returncode == 0 and (case.honoured is None or case.honoured(p))
            verdict = "pass" if good else "FAIL"
        elif case.expect == "usage":
            verdict = "pass" if done.returncode == 2 and kept else f"EXIT {done.returncode}"
        elif done.returncode != 1:
            verdict = f"EXIT {done.returncode}"
        elif not kept:
            verdict = "CHANGED"
        elif "hint:" not in out and case.expect != "error-or-ok":
            verdict = "NO HINT"
        elif "Node(" in out or (case.where and f"\n{case.where}" not in f"\n{out}"):
            verdict = "WHERE?"
        else:
            verdict = "pass"
        return verdict, seconds, shown.encode("unicode_escape").decode()[:110]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="run only cases whose name contains this")
    parser.add_argument("--timeout", type=float, default=60.0)
    options = parser.parse_args()
    failed = 0
    for case in CASES:
        if options.k.casefold() not in case.name.casefold():
            continue
        verdict, seconds, shown = run_case(case, options.timeout)
        failed += verdict != "pass"
        print(f"{verdict:<8} {seconds:6.2f}s  {case.name:<40} {shown}", flush=True)
    print(f"{failed} of the cases break a promise" if failed else "every case keeps its promise")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
