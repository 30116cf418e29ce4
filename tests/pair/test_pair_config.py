"""The pair file's default for PostgreSQL's binaries: the newest version installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from macturnos.server.pair.config import installed_pg_bin


def test_the_newest_installed_version_is_chosen(tmp_path: Path) -> None:
    for version in ("9", "13", "15", "common"):
        (tmp_path / version / "bin").mkdir(parents=True)
    # Numerically: 15 is newer than 9 (as text it would not be).
    assert installed_pg_bin(tmp_path) == tmp_path / "15" / "bin"


def test_without_the_debian_layout_initdb_on_the_path_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = tmp_path / "pgsql" / "bin"
    tools.mkdir(parents=True)
    (tools / "initdb").write_text("#!/bin/sh\n")
    (tools / "initdb").chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))
    assert installed_pg_bin(tmp_path / "none") == tools
