"""The commands of ``glossary-site``, grouped by what they do; ``cli`` puts them together.

``common`` holds what they share (project options, printing, exit codes of a report).
"""

from __future__ import annotations

import click

from .editors import init_command, new_command, schema_command
from .importing import import_command
from .site import build_command, check_command, serve_command

COMMANDS: tuple[click.Command, ...] = (
    build_command,
    check_command,
    serve_command,
    new_command,
    import_command,
    init_command,
    schema_command,
)

__all__ = ["COMMANDS"]
