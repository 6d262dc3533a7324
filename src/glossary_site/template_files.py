"""Template files of a project's ``templates/`` folder, read as safely as every other input.

``CheckedLoader`` is a Jinja loader for that folder that reads each file through
``inputs.read_input``: inside the project, a regular file, at most
``MAX_TEMPLATE_BYTES``, UTF-8. ``check_template_files`` finds the same problems for
every file of the folder up front, so ``check`` reports them as ``build`` would.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from .diagnostics import Diagnostic
from .inputs import MAX_TEMPLATE_BYTES, InputRoots, check_input, read_input, safe_input_files


class UnsafeTemplateError(jinja2.TemplateError):
    """A template file that may not be read; ``diagnostic`` says why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.filename = str(diagnostic.path)
        self.lineno = diagnostic.line


class CheckedLoader(jinja2.BaseLoader):
    """``jinja2.FileSystemLoader`` for one folder, with the checks of ``inputs``."""

    def __init__(self, folder: Path, roots: InputRoots) -> None:
        self.folder = folder
        self.roots = roots

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*split_template_path(template))
        if not os.path.lexists(path) or path.is_dir():
            raise jinja2.TemplateNotFound(template)
        data = read_input(path, self.roots, MAX_TEMPLATE_BYTES)
        if isinstance(data, Diagnostic):
            raise UnsafeTemplateError(data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise UnsafeTemplateError(
                Diagnostic(
                    path,
                    line,
                    "template-encoding",
                    f"the template is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                    "save it with UTF-8 encoding",
                )
            ) from None
        return text, str(path), lambda: True  # templates do not change during a build

    def list_templates(self) -> list[str]:
        files, _ = safe_input_files(self.folder, self.roots)
        return [file.name.as_posix() for file in files]


def check_template_files(templates_dir: Path | None, roots: InputRoots) -> tuple[Diagnostic, ...]:
    """Links out of the project, special files and oversized files in ``templates_dir``."""
    if templates_dir is None or not templates_dir.is_dir():
        return ()
    files, problems = safe_input_files(templates_dir, roots)
    checked = (check_input(file.path, roots, MAX_TEMPLATE_BYTES) for file in files)
    return (*problems, *(found for found in checked if isinstance(found, Diagnostic)))
