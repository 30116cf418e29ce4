"""Helpers for tests: a real server in a thread, logged-in clients, contexts."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import uvicorn

from bench.ports import free_port

FIXTURES = Path(__file__).parent / "fixtures"
LIMA = ZoneInfo("America/Lima")
# A Wednesday, 10:00 in Lima: the centre is open.
WEDNESDAY_10 = datetime(2026, 11, 25, 10, 0, tzinfo=LIMA)


def make_context(db_url: str, config, clock, *, opened: bool = True):  # noqa: ANN001, ANN201
    """A server context on `db_url`; the day registered as opened unless told not to."""
    from macturnos.server.auth import SYSTEM
    from macturnos.server.context import ServerContext
    from macturnos.server.db.engine import Database
    from macturnos.server.runtime import CentreRuntime
    from macturnos.server.ticketing import open_day

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

    def __init__(self, ctx) -> None:  # noqa: ANN001
        from macturnos.server.app import create_app

        self.ctx = ctx
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(ctx),
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
