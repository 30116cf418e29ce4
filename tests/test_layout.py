"""The package layout: one `macturnos` tree that static tools see, no second import path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import grimp

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "macturnos"
NOT_PARTS = {"tests", "bench", "docs", "scripts", "src"}


def _parts() -> list[str]:
    """The repository's top-level folders that are parts of the package."""
    return sorted(
        p.name
        for p in REPO.iterdir()
        if p.is_dir() and p.name not in NOT_PARTS and (p / "__init__.py").is_file()
    )


def test_every_part_folder_is_linked_into_the_package():
    parts = _parts()
    assert {"domain", "config", "server", "client", "hardware", "kiosk"} <= set(parts)
    for name in parts:
        link = PACKAGE / name
        assert link.is_symlink(), f"src/macturnos/{name} must link to ../../{name}"
        # Relative, so a clone anywhere (and the wheel build) resolves it.
        assert os.readlink(link) == f"../../{name}"


def test_static_tools_see_every_module():
    seen = set(grimp.build_graph("macturnos", cache_dir=None).modules)
    expected = set()
    for name in _parts():
        for path in (REPO / name).rglob("*.py"):
            rel = path.relative_to(REPO).with_suffix("")
            if not all(
                (REPO.joinpath(*rel.parts[:i]) / "__init__.py").is_file()
                for i in range(1, len(rel.parts))
            ):
                continue  # migration scripts and the like are files, not modules
            parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
            expected.add(".".join(("macturnos", *parts)))
    missing = expected - seen
    assert not missing, f"invisible to grimp/import-linter: {sorted(missing)}"
    assert len(expected) > 100


def test_part_folders_are_not_import_names(tmp_path):
    # Only `macturnos.domain` exists: `import domain` would load a second copy.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    code = "import macturnos.domain.tickets, importlib.util as u; print(u.find_spec('domain'))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "None"


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run(
        [str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stdout + out.stderr
