"""Bounds on what Python-Markdown is asked to convert, so no input hangs or crashes a build.

Python-Markdown is quadratic or deeply recursive on a few shapes of text: a long
run of ``[`` (10,000 take minutes), emphasis or lists nested hundreds deep
(``RecursionError``). ``find_limit_problem`` rejects those shapes before
conversion with one linear scan; the thresholds are far above anything real
content uses. ``time_budget`` is the safety net for shapes nobody foresaw: a
conversion that takes longer than ``TIME_BUDGET_SECONDS`` is interrupted.
"""

from __future__ import annotations

import gc
import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from ..diagnostics import Diagnostic
from ..schema import Term

# A single line of Markdown longer than this many characters is rejected.
MAX_LINE_CHARS = 100_000
# Lists and block quotes nested deeper than this (an item indented by 4 × this many
# spaces, or this many '>' in front of a line) are rejected. Real text uses 2–5.
MAX_NESTING = 20
# More '[' open at once in one paragraph, or more '](' link targets left unclosed.
MAX_OPEN_BRACKETS = 50
# A run of more consecutive '*' or '_' in a line that also holds other text.
MAX_EMPHASIS_RUN = 100
# Seconds of CPU time one term (definition and body) may take to convert; POSIX main
# thread only.
# A safety net far above real content (the largest allowed file of ordinary Markdown
# converts in about a second), so a slow or busy CI machine never fails a good term.
TIME_BUDGET_SECONDS = 20.0

_FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")
_QUOTES_RE = re.compile(r"^[ \t]{0,3}((?:>[ \t]?)+)")
_LIST_ITEM_RE = re.compile(r"^([ \t]*)(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)")
_EMPHASIS_RUN_RE = re.compile(rf"\*{{{MAX_EMPHASIS_RUN + 1},}}|_{{{MAX_EMPHASIS_RUN + 1},}}")
_STAR_RUN = "*" * (MAX_EMPHASIS_RUN + 1)
_UNDERSCORE_RUN = "_" * (MAX_EMPHASIS_RUN + 1)
_RULE_RE = re.compile(r"^[ \t*_-]*$")
_BRACKET_TOKEN_RE = re.compile(r"\\.|\]\(|[\[\])]")  # an escape, '](', '[', ']' or ')'


@dataclass(frozen=True, slots=True)
class LimitProblem:
    """Why a text is not converted; ``line`` is 0-based within the text."""

    line: int
    message: str
    hint: str


def find_limit_problem(text: str) -> LimitProblem | None:
    """The first shape in ``text`` that Python-Markdown cannot convert in bounded time."""
    fence = ""
    brackets = _BracketCounter()
    for number, line in enumerate(text.split("\n")):
        if len(line) > MAX_LINE_CHARS:
            return LimitProblem(
                number,
                f"this line is {len(line):,} characters long (the limit is {MAX_LINE_CHARS:,})",
                "break it into paragraphs or lines; a line this long is not readable text",
            )
        opening = _FENCE_RE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        problem = (
            _emphasis_problem(number, line)
            or _nesting_problem(number, line)
            or brackets.feed(number, line)
        )
        if problem:
            return problem
    return None


def _emphasis_problem(number: int, line: str) -> LimitProblem | None:
    if _STAR_RUN not in line and _UNDERSCORE_RUN not in line:
        return None  # the same answer as the search below, in a fraction of its time
    run = _EMPHASIS_RUN_RE.search(line)
    if run and not _RULE_RE.match(line):
        return LimitProblem(
            number,
            f"a run of {len(run.group()):,} '{run.group()[0]}' characters "
            f"(the limit is {MAX_EMPHASIS_RUN})",
            "shorten the run, or escape the characters with a backslash (\\*, \\_)",
        )
    return None


def _nesting_problem(number: int, line: str) -> LimitProblem | None:
    quotes = _QUOTES_RE.match(line)
    depth = quotes.group(1).count(">") if quotes else 0
    rest = line[quotes.end() :] if quotes else line
    item = _LIST_ITEM_RE.match(rest)
    if item:
        depth += len(item.group(1).expandtabs(4)) // 4 + 1
    if depth <= MAX_NESTING:
        return None
    return LimitProblem(
        number,
        f"lists and block quotes are nested {depth} levels deep here (the limit is {MAX_NESTING})",
        "flatten the structure; readers cannot follow more than a few levels anyway",
    )


class _BracketCounter:
    """Open '[' and unclosed '](' link targets in the current paragraph."""

    def __init__(self) -> None:
        self.brackets: list[int] = []  # line of each open '['
        self.targets: list[int] = []  # line of each '](' not closed by ')'

    def feed(self, number: int, line: str) -> LimitProblem | None:
        if not line.strip():
            self.brackets.clear()
            self.targets.clear()
            return None
        if "[" not in line and "](" not in line and not self.brackets and not self.targets:
            return None
        for token in _BRACKET_TOKEN_RE.finditer(line):
            char = token.group()
            if char[0] == "\\":
                continue
            if char == "[":
                self.brackets.append(number)
            elif char[0] == "]" and self.brackets:
                self.brackets.pop()
            if char == "](":
                self.targets.append(number)
            elif char == ")" and self.targets:
                self.targets.pop()
            if len(self.brackets) > MAX_OPEN_BRACKETS:
                return _bracket_problem(self.brackets[0], "'['", "close each '[' with ']'")
            if len(self.targets) > MAX_OPEN_BRACKETS:
                return _bracket_problem(self.targets[0], "'](' link targets", "close each ')'")
        return None


def _bracket_problem(line: int, what: str, fix: str) -> LimitProblem:
    return LimitProblem(
        line,
        f"more than {MAX_OPEN_BRACKETS} {what} are left open in this paragraph",
        f"{fix}, or escape a literal bracket with a backslash (\\[)",
    )


class TimeBudgetExceeded(BaseException):
    """Raised inside a conversion (or a page's rendering) that exceeded its time budget.

    A ``BaseException``, so that no ``except Exception`` in a library swallows it.
    """


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Interrupt the ``with`` block with ``TimeBudgetExceeded`` after ``seconds`` of its
    own CPU time.

    CPU time, not wall-clock time, so a busy machine (other jobs, swapping) never fails a
    good term; and only this thread's, less the garbage collections that ran in it: a
    collection visits the whole heap (its cost grows with the glossary, not with the
    block), and another thread's work is not the block's. ``SIGPROF`` (``ITIMER_PROF``,
    the process's CPU time) wakes the block; when the block itself has used less than
    ``seconds``, the timer is set again for the rest. Only in the main thread of a POSIX
    process and only when no one else's profiling timer is running; elsewhere the block
    runs without a budget.
    """
    if not _alarm_available():
        yield
        return
    clock = _OwnTime()
    armed = [True]

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        if not armed[0]:
            return
        left = seconds - clock.spent()
        if left > 0 or _in_collection_callback(frame):  # Python drops what a callback raises
            signal.setitimer(signal.ITIMER_PROF, max(left, _MIN_TIMER_SECONDS))
            return
        armed[0] = False  # raise once: a second interrupt could land in the clean-up
        raise TimeBudgetExceeded

    previous = signal.signal(signal.SIGPROF, on_alarm)
    gc.callbacks.append(clock.on_collection)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        gc.callbacks.remove(clock.on_collection)


# The shortest timer set again: the rest of a budget may be a few microseconds.
_MIN_TIMER_SECONDS = 0.001


def _in_collection_callback(frame: FrameType | None) -> bool:
    """Whether ``frame`` runs inside one of the ``gc.callbacks``."""
    codes = set()
    for callback in gc.callbacks:
        code = getattr(getattr(callback, "__func__", callback), "__code__", None)
        if code is not None:
            codes.add(code)
    while frame is not None:
        if frame.f_code in codes:
            return True
        frame = frame.f_back
    return False


class _OwnTime:
    """CPU time of the thread that made it since then, without its garbage collections."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()
        self.started = time.thread_time()
        self.collecting = 0.0  # CPU time spent in finished collections
        self.collection_started: float | None = None

    def on_collection(self, phase: str, info: dict[str, int]) -> None:
        """A ``gc.callbacks`` entry; collections of other threads are not on our clock."""
        if threading.get_ident() != self.thread:
            return
        now = time.thread_time()
        if phase == "start":
            self.collection_started = now
        elif self.collection_started is not None:
            self.collecting += now - self.collection_started
            self.collection_started = None

    def spent(self) -> float:
        now = time.thread_time()
        collecting = self.collecting
        if self.collection_started is not None:  # interrupted inside a collection
            collecting += now - self.collection_started
        return now - self.started - collecting


def _alarm_available() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_PROF)[0] == 0
    )


def limit_diagnostic(term: Term) -> Diagnostic | None:
    """A ``markdown-limit`` error for the first unconvertible shape in ``term``, if any."""
    texts = ((term.definition, term.definition_line, False), (term.body, term.body_line, True))
    for text, first_line, in_body in texts:
        problem = find_limit_problem(text)
        if problem:
            line = first_line + problem.line if in_body else first_line  # front matter: its key
            return Diagnostic(term.src_path, line, "markdown-limit", problem.message, problem.hint)
    return None


def failure_diagnostic(term: Term, exc: BaseException) -> Diagnostic:
    """The error for a conversion that was interrupted or ran out of recursion depth.

    Neither says where in the text the trouble is: the line is the body's first line.
    """
    stripped = term.body.lstrip("\n")
    line = term.body_line + len(term.body) - len(stripped) if stripped else term.definition_line
    if isinstance(exc, TimeBudgetExceeded):
        return Diagnostic(
            term.src_path,
            line,
            "markdown-timeout",
            f"converting this term's Markdown took longer than {TIME_BUDGET_SECONDS:g} s",
            "look for very long runs of brackets, emphasis or HTML tags and simplify them",
        )
    return Diagnostic(
        term.src_path,
        line,
        "markdown-failed",
        "the Markdown is nested too deeply to convert (emphasis, links, lists or HTML "
        "inside each other hundreds of times)",
        "simplify the nesting; escape literal '*', '_' and '[' with a backslash",
    )
