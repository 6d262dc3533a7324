"""The sandbox reads known-safe attributes on a fast path; what it refuses stays refused."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jinja2.exceptions import SecurityError

from glossary_site.render import make_environment


@dataclass(frozen=True)
class Holder:
    name: str
    method: Any


def render_twice(source: str, **context: Any) -> list[str]:
    template = make_environment(None).from_string(source)
    return [template.render(**context) for _ in range(2)]


def test_a_safe_attribute_reads_the_same_on_the_fast_path() -> None:
    holder = Holder("Kanban", None)
    assert render_twice("{{ h.name }}", h=holder) == ["Kanban", "Kanban"]


def test_a_str_format_held_by_an_attribute_stays_sandboxed_every_time() -> None:
    holder = Holder("x", "{0.__class__.__mro__}".format)
    template = make_environment(None).from_string("{{ h.name }}{{ h.method(h) }}")
    for _ in range(2):
        with pytest.raises(SecurityError):
            template.render(h=holder)


def test_a_path_shows_its_name_but_never_its_parent_however_often_read() -> None:
    template = make_environment(None).from_string("{{ p.name }}{{ p.parent }}")
    for _ in range(2):
        with pytest.raises(SecurityError):
            template.render(p=Path("/etc/passwd"))
