"""Helpers for tests: a real server in a thread, logged-in clients, contexts.

`tests/` is pytest's only `pythonpath` entry, so test modules and conftests import
these as `support` (and `support.kiosk`, `support.day`, ...). No test module imports
another test module or a conftest: what several of them share lives here.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import uvicorn

REPO = Path(__file__).resolve().parents[2]


def _expose_bench() -> None:
    """Make the repository's bench/ importable as `bench`, and nothing else of the root.

    The tests use bench's helpers (free ports, the pair lab, the load generator). Putting
    the repository root on sys.path would do that but also expose domain/, server/, ...
    as top-level packages: second copies of macturnos.domain, macturnos.server with
    their own classes and state. So only the one package is registered, by its path.
    """
    if "bench" in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(
        "bench", REPO / "bench" / "__init__.py", submodule_search_locations=[str(REPO / "bench")]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module
    spec.loader.exec_module(module)


_expose_bench()

from bench.ports import free_port  # noqa: E402 - needs _expose_bench() first

FIXTURES = REPO / "tests" / "fixtures"
LIMA = ZoneInfo("America/Lima")
# A Wednesday, 10:00 in Lima: the centre is open.
WEDNESDAY_10 = datetime(2026, 11, 25, 10, 0, tzinfo=LIMA)


def make_context(db_url: str, config, clock, *, opened: bool = True):  # noqa: ANN001, ANN201
    """A server context on `db_url`; the day registered as opened unless told not to."""
    from macturnos.server.auth import SYSTEM
    from macturnos.server.context import ServerContext
    from macturnos.server.day import open_day
    from macturnos.server.db.engine import Database
    from macturnos.server.runtime import CentreRuntime

    ctx = ServerContext(
        db=Database(db_url),
        runtime=CentreRuntime(config, source=str(FIXTURES / "centre.yaml")),
        clock=clock,
        secret=b"k" * 32,
    )
    if opened:
        open_day(ctx, SYSTEM)
    return ctx


class RunningServer:
    """A real uvicorn server on 127.0.0.1 serving a context, in a thread."""

    def __init__(self, ctx, app=None) -> None:  # noqa: ANN001
        """Serve `app` (default: the turn server's API) for `ctx`."""
        from macturnos.server.app import create_app

        self.ctx = ctx
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app if app is not None else create_app(ctx),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            ws_ping_interval=None,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> RunningServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


class ServerOnPort(RunningServer):
    """The same server started again on the same port (after a stop)."""

    def __init__(self, ctx: Any, port: int) -> None:
        super().__init__(ctx)
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.server.config.port = port


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0, step: float = 0.01) -> None:
    """Poll `predicate` until it holds, or fail the test."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(step)


def login(server: RunningServer, username: str, password: str = "clave-segura-1") -> httpx.Client:
    """An httpx client logged in as `username`."""
    r = httpx.post(
        f"{server.url}/api/v1/auth/login", json={"username": username, "password": password}
    )
    assert r.status_code == 200, r.text
    return httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {r.json()['token']}"}, timeout=30
    )


def device_client(server: RunningServer, kind: str = "kiosk", code: str = "K1") -> httpx.Client:
    """An httpx client of a paired device."""
    from macturnos.server.auth import Role, create_device

    with server.ctx.db.write() as s:
        _device, pairing = create_device(
            s, kind=Role(kind), code=code, name=code, now=server.ctx.clock.now()
        )
    r = httpx.post(f"{server.url}/api/v1/devices/pair", json={"pairing_code": pairing})
    assert r.status_code == 200, r.text
    return httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {r.json()['token']}"}, timeout=30
    )
