"""Siblings of the hardening cases: inputs that were silently skipped or would leak."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import WriteGlossary, term_file
from tests.test_bad_input import build, check, expect, snapshot


@pytest.fixture
def glossary(
    write_glossary: WriteGlossary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> WriteGlossary:
    monkeypatch.chdir(tmp_path)
    return write_glossary


def test_a_config_that_is_a_fifo_is_an_error_not_silently_skipped(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary({"sprint.md": term_file("Sprint")})
    os.mkfifo(tmp_path / "glossary.toml")
    for result in (check(), build()):
        assert result.exit_code == 1, result.output
        expect(result, "glossary.toml", "not-a-regular-file", "not a regular file")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "name", [".env", ".env.production", ".npmrc", "id_ed25519", ".ssh/config", "a/.aws/credentials"]
)
def test_a_credentials_file_in_static_is_an_error_and_never_published(
    glossary: WriteGlossary, tmp_path: Path, name: str
) -> None:
    glossary({"sprint.md": term_file("Sprint")})
    assert build().exit_code == 0
    before = snapshot(tmp_path / "site")
    secret = tmp_path / "static" / name
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text("TOKEN=hunter2\n", encoding="utf-8")
    for result in (check(), build()):
        assert result.exit_code == 1, result.output
        expect(result, f"static/{name}", "static-secret", "credentials")
    assert snapshot(tmp_path / "site") == before


def test_public_dot_files_in_static_are_still_published(
    glossary: WriteGlossary, tmp_path: Path
) -> None:
    glossary({"sprint.md": term_file("Sprint")})
    (tmp_path / "static" / ".well-known").mkdir(parents=True)
    (tmp_path / "static" / ".well-known" / "security.txt").write_text("Contact: x\n")
    (tmp_path / "static" / "id_ed25519.pub").write_text("ssh-ed25519 AAAA public\n")
    assert build().exit_code == 0
    assert (tmp_path / "site" / ".well-known" / "security.txt").is_file()
    assert (tmp_path / "site" / "id_ed25519.pub").is_file()
