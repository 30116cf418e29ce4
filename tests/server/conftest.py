"""Fixtures of the server's tests of the centre's day (test_day*.py)."""

from __future__ import annotations

import httpx
import pytest
from support import RunningServer, login
from support.day import THURSDAY_8


@pytest.fixture
def thursday(server: RunningServer) -> None:
    """The clock at 08:00 of the day after the fixture's opened Wednesday (set before logins)."""
    server.ctx.clock.set(THURSDAY_8)


@pytest.fixture
def sara(server: RunningServer, staff) -> httpx.Client:
    """A supervisor, logged in."""
    staff("sara", "supervisor")
    return login(server, "sara")
