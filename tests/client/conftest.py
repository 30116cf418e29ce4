"""Fixtures of the client library's tests: API clients, device tokens, server restarts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from support import RunningServer, ServerOnPort
from support.client import Recorder

from macturnos.client.api import ApiClient

PASSWORD = "clave-segura-1"


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
