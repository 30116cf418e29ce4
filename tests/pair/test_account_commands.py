"""The account commands say where they write and refuse a database no server uses
(issue 16, item 5): on a pair machine without MACTURNOS_PAIR, `macturnos user add`
used to create ./var/macturnos.db silently and the account was never seen.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import FIXTURES


def macturnos(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MACTURNOS_")}
    return subprocess.run(
        [sys.executable, "-m", "macturnos", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env=env,
    )


def test_user_add_without_a_database_refuses_and_says_where_it_looked(tmp_path: Path) -> None:
    config = ["--config", str(FIXTURES / "centre.yaml")]
    add = ["user", "add", "sara", "--role", "supervisor", "--password-stdin", *config]
    done = macturnos(*add, cwd=tmp_path, stdin="clave-segura-1\n")
    assert done.returncode == 2
    where = tmp_path / "var" / "macturnos.db"
    assert str(where) in done.stderr and "MACTURNOS_PAIR" in done.stderr
    assert not where.exists() and not (tmp_path / "var").exists()
    # Once the server's database is there, the account goes to it, and it says so.
    assert macturnos("db", "upgrade", *config, cwd=tmp_path).returncode == 0
    done = macturnos(*add, cwd=tmp_path, stdin="clave-segura-1\n")
    assert done.returncode == 0, done.stderr
    assert f"en {where}" in done.stdout
