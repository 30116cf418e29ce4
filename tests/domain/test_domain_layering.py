"""The domain stays plain Python: no frameworks, no database, no clock reads."""

import ast
import subprocess
import sys
from pathlib import Path

import macturnos.domain

DOMAIN_DIR = Path(macturnos.domain.__file__).resolve().parent
MODULES = sorted(p.stem for p in DOMAIN_DIR.glob("*.py") if p.stem != "__init__")
FORBIDDEN_PACKAGES = ("sqlalchemy", "fastapi", "starlette", "PySide6", "httpx", "psycopg")
CLOCK_CALLS = {"now", "utcnow", "today", "time_ns", "monotonic"}


def test_expected_modules_exist():
    assert set(MODULES) >= {
        "errors",
        "numbering",
        "tickets",
        "queue",
        "estimate",
        "hours",
        "issuance",
        "ticket_code",
    }


def test_importing_the_domain_pulls_in_no_framework():
    imports = "; ".join(f"import macturnos.domain.{m}" for m in MODULES)
    script = (
        f"import sys; {imports}; "
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN_PACKAGES!r}]; "
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == ""


def test_no_clock_reads():
    for path in DOMAIN_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                called = node.func.attr
                # time.time() is the only "time" call that reads the clock.
                is_time_time = (
                    called == "time"
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "time"
                )
                assert called not in CLOCK_CALLS and not is_time_time, (
                    f"{path.name}:{node.lineno} reads the clock"
                )
