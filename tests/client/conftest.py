"""Fixtures of the client library's tests: API clients, device tokens, server restarts."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from macturnos.client.api import ApiClient
from tests.support import RunningServer

PASSWORD = "clave-segura-1"


class ServerOnPort(RunningServer):
    """A RunningServer on a given port: the same server coming back after a restart."""

    def __init__(self, ctx: Any, port: int) -> None:
        super().__init__(ctx)
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.server.config.port = port


class Recorder:
    """Collects what an EventStream or Connection reports, to wait on it from the test."""

    def __init__(self) -> None:
        self.snapshots: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.statuses: list[tuple[bool, str]] = []
        self.refusals: list[Any] = []
        self.threads: set[str] = set()
        self._cond = threading.Condition()

    def _add(self, items: list[Any], item: Any) -> None:
        with self._cond:
            items.append(item)
            self.threads.add(threading.current_thread().name)
            self._cond.notify_all()

    def on_snapshot(self, snap: dict[str, Any]) -> None:
        self._add(self.snapshots, snap)

    def on_event(self, event: dict[str, Any]) -> None:
        self._add(self.events, event)

    def on_status(self, connected: bool, reason: str) -> None:
        self._add(self.statuses, (connected, reason))

    def on_refused(self, refusal: Any) -> None:
        self._add(self.refusals, refusal)

    def wait(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Wait until `predicate()` holds, or fail the test."""
        with self._cond:
            if not self._cond.wait_for(predicate, timeout):
                raise AssertionError(f"condition not met within {timeout} s")

    def seqs(self) -> list[int]:
        with self._cond:
            return [e["seq"] for e in self.events]


def wait_until(predicate: Callable[[], bool], timeout: float = 10.0, step: float = 0.01) -> None:
    """Poll `predicate` until it holds, or fail the test."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(step)


@pytest.fixture
def recorder() -> Recorder:
    """A fresh Recorder."""
    return Recorder()


@pytest.fixture
def api(server) -> Iterator[Callable[..., ApiClient]]:
    """Factory of ApiClients bound to the test server: api() anonymous, api('ana') logged in."""
    made: list[ApiClient] = []

    def make(username: str | None = None, password: str = PASSWORD, **options: Any) -> ApiClient:
        client = ApiClient(server.url, **options)
        made.append(client)
        if username is not None:
            client.login(username, password)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def device_token(server) -> Callable[..., str]:
    """Pair a device on the test server and return its token: device_token('kiosk', 'K1')."""
    from macturnos.server.auth import Role, create_device

    def pair(kind: str = "kiosk", code: str = "K1") -> str:
        with server.ctx.db.write() as s:
            _device, pairing = create_device(
                s, kind=Role(kind), code=code, name=code, now=server.ctx.clock.now()
            )
        with ApiClient(server.url) as client:
            return client.pair(pairing)["token"]

    return pair


@pytest.fixture
def start_again(server) -> Iterator[Callable[[RunningServer], RunningServer]]:
    """Start a stopped server again on the same database and port."""
    started: list[RunningServer] = []

    def again(old: RunningServer) -> RunningServer:
        new = ServerOnPort(old.ctx, old.port).start()
        started.append(new)
        return new

    yield again
    for srv in started:
        srv.stop()
