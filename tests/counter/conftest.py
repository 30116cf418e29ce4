"""Fixtures of the counter app's tests: a real server (SQLite), app windows, screenshots."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from support import RunningServer, ServerOnPort
from support.counter import FAST, PASSWORD

from macturnos.client.connection import Connection
from macturnos.counter.app import CounterWindow
from macturnos.counter.session import CounterSession


@pytest.fixture
def db_url(sqlite_db_url: str) -> str:
    """The counter's tests run on SQLite only: the server's own tests cover PostgreSQL."""
    return sqlite_db_url


@pytest.fixture
def restart() -> Iterator[Callable[[RunningServer], RunningServer]]:
    """Start a stopped server again on the same database and port."""
    started: list[RunningServer] = []

    def again(old: RunningServer) -> RunningServer:
        new = ServerOnPort(old.ctx, old.port).start()
        started.append(new)
        return new

    yield again
    for srv in started:
        srv.stop()


@pytest.fixture
def staff_account(staff, ctx) -> Callable[..., None]:  # noqa: ANN001
    """staff_account('ana', 'advisor', entity='RENIEC'): create a staff member."""
    from macturnos.server.auth import Role, create_user

    def add(username: str, role: str, entity: str | None = None) -> None:
        if entity is None:
            staff(username, role)
            return
        with ctx.db.write() as s:
            create_user(
                s,
                username=username,
                full_name=username.title(),
                role=Role(role),
                password=PASSWORD,
                now=ctx.clock.now(),
                entity_code=entity,
            )

    return add


@pytest.fixture
def open_window(qtbot, server) -> Iterator[Callable[..., CounterWindow]]:
    """Open counter windows on the test server: open_window(printer=None)."""
    made: list[CounterWindow] = []

    def make(printer: Any = None, url: str | None = None) -> CounterWindow:
        session = CounterSession(Connection(url or server.url, stream_options=FAST))
        window = CounterWindow(session, printer)
        qtbot.addWidget(window)
        window.resize(1920, 1080)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.session.close()
