"""The Jinja environment of the templates: the project's first, then the package's defaults.

Templates are looked up in the site's own ``templates/`` folder first, then in the defaults
shipped with the package; a site template can extend the default it replaces as
``default/<name>``. They run in a sandbox (``_Sandbox``).
"""

from __future__ import annotations

import types
from pathlib import Path, PurePath
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .inputs import InputRoots
from .template_files import CheckedLoader

PACKAGE_DIR = Path(__file__).parent
DEFAULT_TEMPLATES = PACKAGE_DIR / "templates"


class _Sandbox(ImmutableSandboxedEnvironment):
    """Templates may read what they are given, never the file system or the process.

    Jinja's sandbox already refuses private attributes and mutating built-in values;
    on top of that, paths handed to templates (``term.src_path``) only show their
    name: ``read_text()``, ``open()``, ``parent`` and the like are refused, so a
    template in a pull request cannot publish a file from outside the project.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        # Whether an attribute is safe depends only on the object's type and the name
        # (Jinja's rules and ours), so each is decided once: a term page reads 600.
        self._safe_attributes: dict[tuple[type, str], bool] = {}
        # (type, name) known safe and never a ``str.format`` (which Jinja wraps): read
        # without the sandbox's checks.
        self._plain_attributes: set[tuple[type, str]] = set()

    def getattr(self, obj: Any, attribute: str) -> Any:
        if (type(obj), attribute) in self._plain_attributes:
            try:
                value = getattr(obj, attribute)
            except AttributeError:
                pass  # an item of a mapping, say: as the sandbox does it
            else:
                if type(value) not in _METHOD_TYPES:  # a method may be a str.format
                    return value
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        safe = self._safe_attributes.get(key)
        if safe is None:
            safe = self._safe_attributes[key] = self._decide(obj, attr, value)
            if safe and attr not in _FORMAT_METHODS:
                self._plain_attributes.add(key)
        return safe

    def _decide(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, PurePath) and attr not in _PATH_ATTRIBUTES:
            return False
        return bool(super().is_safe_attribute(obj, attr, value))


_PATH_ATTRIBUTES = frozenset({"name", "stem", "suffix", "as_posix"})
_FORMAT_METHODS = frozenset({"format", "format_map"})
_METHOD_TYPES = (types.BuiltinMethodType, types.MethodType)


def make_environment(
    templates_dir: Path | None, roots: InputRoots | None = None
) -> jinja2.Environment:
    """Jinja for the project's templates (read only inside ``roots``), then the defaults.

    A project template that may not be read (outside the project, not a regular file,
    too large, not UTF-8) raises ``UnsafeTemplateError`` with its diagnostic.
    """
    default = jinja2.FileSystemLoader(DEFAULT_TEMPLATES)
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None and templates_dir.is_dir():
        roots = roots or InputRoots.for_project(templates_dir.parent)
        loaders.append(CheckedLoader(templates_dir, roots))
    loaders += [jinja2.PrefixLoader({"default": default}), default]
    env = _Sandbox(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
        # One environment per build (serve makes a new one when a template changes): no
        # file-system check of every template at every include.
        auto_reload=False,
    )
    env.globals["asset_root"] = ""  # from the site's root to the assets (multisite: "../")
    return env


def is_default_template(env: jinja2.Environment, name: str) -> bool:
    """Whether ``name`` is the package's template (not a project's override of it); the
    template is found, not compiled."""
    if env.loader is None:
        return False
    try:
        filename = env.loader.get_source(env, name)[1]
    except Exception:  # an override that may not be read: rendering reports it
        return False
    return filename is not None and Path(filename) == DEFAULT_TEMPLATES / name


def _autoescape(name: str | None) -> bool:
    """Escape HTML and XML, and templates given as strings; not plain-text files."""
    return not (name or "").endswith(".txt")


def uses_project_templates(env: jinja2.Environment) -> bool:
    """Whether any page is rendered with a template of the project (not a default)."""
    names = (path.name for path in DEFAULT_TEMPLATES.iterdir() if path.is_file())
    return not all(is_default_template(env, name) for name in names)
