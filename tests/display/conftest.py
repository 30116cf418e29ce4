"""Fixtures of the call screen's tests: a recording speaker, a centre driver, running displays."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from support import RunningServer, device_client, login
from support.display import RecordingSpeaker

from macturnos.client.connection import Connection
from macturnos.client.credentials import CredentialStore, DeviceCredentials
from macturnos.display.app import DisplayApp


@pytest.fixture
def db_url(sqlite_db_url: str) -> str:
    """The call screen's tests run on SQLite only: the server's own tests cover PostgreSQL."""
    return sqlite_db_url


class Centre:
    """Drives the test centre over HTTP as kiosks and advisors do."""

    def __init__(self, server: RunningServer, staff: Callable[..., None]) -> None:
        self.server = server
        self._staff = staff
        self.kiosk = device_client(server, "kiosk", "K1")
        self.advisors: dict[int, httpx.Client] = {}
        self.url = server.url

    def use(self, server: RunningServer) -> None:
        """Send later requests to another server process on the same database."""
        self.url = server.url
        for client in [self.kiosk, *self.advisors.values()]:
            client.base_url = httpx.URL(server.url)

    def open_module(self, number: int) -> None:
        name = f"asesor{number}"
        self._staff(name, "advisor")
        client = login(self.server, name)
        client.base_url = httpx.URL(self.url)
        r = client.post(f"/api/v1/modules/{number}/session")
        assert r.status_code == 200, r.text
        self.advisors[number] = client

    def issue(self, service: str = "DNI-DUP", count: int = 1) -> list[dict[str, Any]]:
        out = []
        for _ in range(count):
            body: dict[str, Any] = {"service": service}
            if service == "PASAPORTE":
                # Appointment-only: a real booking, checked in by its code (issue 15, item 2).
                from macturnos.server.sync.appointments import apply_appointments

                ctx = self.server.ctx
                self._bookings = getattr(self, "_bookings", 0) + 1
                ref, at = f"DEMO-{self._bookings}", ctx.clock.now().isoformat()
                row = {"ref": ref, "dni": f"{self._bookings:08d}", "service": service, "at": at}
                apply_appointments(ctx, ctx.runtime.setup.day_of(ctx.clock.now()), [row])
                body["appointment"] = {"at": at, "ref": ref}
            r = self.kiosk.post("/api/v1/tickets", json=body)
            assert r.status_code == 201, r.text
            out.append(r.json()["ticket"])
        return out

    def act(self, module: int, action: str) -> dict[str, Any]:
        r = self.advisors[module].post(f"/api/v1/modules/{module}/{action}")
        assert r.status_code == 200, r.text
        return r.json()

    def call_next(self, module: int) -> str:
        """Call the next citizen to `module` (finishing the current one first); the number."""
        current = self.advisors[module].get("/api/v1/modules").json()
        mine = next(m for m in current if m["number"] == module)
        if mine["ticket"] is not None:
            if mine["ticket"]["status"] == "called":
                self.act(module, "start")
            self.act(module, "finish")
        answer = self.act(module, "call-next")
        return answer["number"] if "number" in answer else answer["ticket"]["number"]

    def close(self) -> None:
        for client in [self.kiosk, *self.advisors.values()]:
            client.close()


@pytest.fixture
def centre(server: RunningServer, staff: Callable[..., None]) -> Iterator[Centre]:
    """The test centre with a kiosk; open modules with centre.open_module(n)."""
    c = Centre(server, staff)
    yield c
    c.close()


@pytest.fixture
def display_token(server: RunningServer) -> str:
    """A paired token for display TV-A (zone ZA of the test centre)."""
    client = device_client(server, "display", "TV-A")
    token = client.headers["Authorization"].removeprefix("Bearer ")
    client.close()
    return token


@pytest.fixture
def make_display(
    qtbot: Any, server: RunningServer, display_token: str, tmp_path: Path
) -> Iterator[Callable[..., DisplayApp]]:
    """Start a real call screen on the test server: make_display(speaker=..., min_highlight=...)."""
    made: list[DisplayApp] = []

    def make(
        speaker: RecordingSpeaker | None = None,
        *,
        min_highlight: float = 0.05,
        device: str = "TV-A",
        no_sound: bool = False,
        notices: tuple[str, ...] = (),
        size: tuple[int, int] = (1920, 1080),
        url: str | None = None,
        wait: bool = True,
    ) -> DisplayApp:
        url = url or server.url
        args = argparse.Namespace(
            server=url,
            centre=None,
            device=device,
            token=display_token,
            pairing_code=None,
            data_dir=str(tmp_path / f"data-{len(made)}"),
            min_highlight=min_highlight,
            notice=list(notices),
            no_sound=no_sound,
        )
        store = CredentialStore(Path(args.data_dir), name=f"display-{device}")
        store.save(
            DeviceCredentials(
                token=display_token, role="display", device_code=device, centre=None, server_url=url
            )
        )
        # Quick retries so reconnection tests take a second, not ten.
        conn = Connection(
            url, credentials=store, stream_options={"backoff_min_s": 0.05, "backoff_max_s": 0.3}
        )
        app = DisplayApp(conn, args, speaker=speaker or RecordingSpeaker())
        made.append(app)
        qtbot.addWidget(app.screen)
        app.screen.resize(*size)
        app.screen.show()
        app.start()
        if wait:
            qtbot.waitUntil(lambda: app.presenter.seeded, timeout=10_000)
        return app

    yield make
    for app in made:
        app.close()
