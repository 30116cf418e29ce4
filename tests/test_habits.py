"""The test suite's own habits: checked here so that they stay.

- A test run rewrites no tracked file: the README's screenshots go to a temporary
  folder unless scripts/screenshots.sh asks for docs/screenshots.
- No wall-clock limits in assertions: a loaded machine makes them fail; bench/ times.
- No test module imports another test module or a conftest: shared code is in support/.
- Only tests/ is on the path: the repository root would give second copies of the
  product's folders (domain/, server/, ...) beside macturnos.*.
- PostgreSQL's binaries are found, not named by version.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
import tomllib
from pathlib import Path

import pytest
from support import REPO, screenshots

TESTS = REPO / "tests"
CLOCKS = {"monotonic", "monotonic_ns", "perf_counter", "perf_counter_ns"}


def _sources() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "__pycache__" not in p.parts)


def _label(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(REPO)}:{getattr(node, 'lineno', '?')}"


def _reads_clock(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute):
            func = sub.func
            if func.attr in CLOCKS:
                return True
            if func.attr == "time" and isinstance(func.value, ast.Name) and func.value.id == "time":
                return True
        if isinstance(sub, ast.Name) and sub.id in {"elapsed", "took"}:
            return True
    return False


def _is_deadline(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and "deadline" in node.id


def _clock_limits(tree: ast.AST) -> list[ast.AST]:
    """Asserts that bound a clock reading from above (a lower bound cannot fail on load)."""
    found: list[ast.AST] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assert):
            continue
        for compare in (n for n in ast.walk(node.test) if isinstance(n, ast.Compare)):
            operands = [compare.left, *compare.comparators]
            for op, left, right in zip(compare.ops, operands, operands[1:], strict=False):
                upper_on_left = isinstance(op, ast.Lt | ast.LtE) and _reads_clock(left)
                upper_on_right = isinstance(op, ast.Gt | ast.GtE) and _reads_clock(right)
                # A polling loop's `assert time.monotonic() < deadline` guards against a
                # hang (seconds of slack); it does not time the code under test.
                guard = any(_is_deadline(side) for side in (left, right))
                if (upper_on_left or upper_on_right) and not guard:
                    found.append(node)
    return found


def test_no_wall_clock_limit_in_an_assertion() -> None:
    offenders = [
        _label(path, node)
        for path in _sources()
        for node in _clock_limits(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == [], "time limits belong in bench/, not in tests"


def test_the_clock_limit_check_sees_limits_and_lets_lower_bounds_be() -> None:
    limit = ast.parse("assert time.monotonic() - started < 0.2")
    chained = ast.parse("assert 0.1 <= time.perf_counter() - t0 < 0.4")
    reversed_ = ast.parse("assert 0.5 > time.time() - t0")
    named = ast.parse("assert elapsed < 0.3")
    lower = ast.parse("assert time.monotonic() - started >= 0.1")
    poll = ast.parse("assert time.monotonic() < deadline")
    trees = (limit, chained, reversed_, named, lower, poll)
    assert [len(_clock_limits(t)) for t in trees] == [1, 1, 1, 1, 0, 0]


def test_no_test_module_imports_another_test_module() -> None:
    offenders = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
                if node.level:
                    offenders.append(_label(path, node))
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] == "tests" or any(
                    p == "conftest" or p.startswith("test_") for p in parts
                ):
                    offenders.append(f"{_label(path, node)} {name}")
    assert offenders == []


def test_only_tests_is_on_the_path() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["pytest"]["ini_options"]["pythonpath"] == ["tests"]
    if any(Path(entry or ".").resolve() == REPO for entry in sys.path):
        pytest.skip(
            "`python -m pytest` from the root puts the root on sys.path: use .venv/bin/pytest"
        )
    rooms = ("domain", "config", "server", "client", "kiosk", "display", "counter", "hardware")
    for folder in (*rooms, "led", "pcm", "reports"):
        # `import server` may only find tests/server (a namespace of test modules).
        spec = importlib.util.find_spec(folder)
        places = [] if spec is None else [Path(p) for p in spec.submodule_search_locations or []]
        assert REPO / folder not in places, f"{folder}/ importable a second time"
    # bench/ is importable on its own (support registers it), from the repository.
    bench = sys.modules["bench"]
    assert Path(bench.__file__).parent == REPO / "bench"


def test_readme_screenshots_go_to_a_temporary_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(screenshots.ENV, raising=False)
    folder = screenshots.docs_dir()
    assert not folder.is_relative_to(REPO)
    monkeypatch.setenv(screenshots.ENV, str(REPO / "docs" / "screenshots"))
    assert screenshots.docs_dir() == REPO / "docs" / "screenshots"


def test_screenshots_script_runs_every_test_that_takes_readme_pictures() -> None:
    script = (REPO / "scripts" / "screenshots.sh").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\s*(tests/\S+\.py)\s*$", script, re.MULTILINE))
    taking = {
        str(path.relative_to(REPO))
        for path in _sources()
        if path.name.startswith("test_")
        and path != Path(__file__)
        and re.search(r"docs=True|docs_dir\(\)", path.read_text(encoding="utf-8"))
    }
    # The kiosk's conftest takes them through Kiosk.shot(docs=True); none calls it today.
    assert taking <= listed
    assert all((REPO / name).exists() for name in listed)


def test_postgresql_binaries_are_not_named_by_version() -> None:
    pinned = re.compile(r"/usr/lib/postgresql/\d+")
    offenders = [
        str(path.relative_to(REPO))
        for folder in ("tests", "bench")
        for path in sorted((REPO / folder).rglob("*.py"))
        if path != Path(__file__) and pinned.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
