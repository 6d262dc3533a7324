"""glossary-site: a static glossary website generator."""

from .build import Glossary, Project, Report, build, check, read_glossary
from .diagnostics import Diagnostic, Severity

__all__ = [
    "Diagnostic",
    "Glossary",
    "Project",
    "Report",
    "Severity",
    "build",
    "check",
    "read_glossary",
]
