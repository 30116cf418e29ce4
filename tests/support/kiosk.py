"""Helpers of the kiosk's tests: sizes, the staff PIN, pairing, the server's tickets."""

from __future__ import annotations

from typing import Any

from support import RunningServer, device_client
from support.screenshots import ARTIFACTS as ALL_ARTIFACTS

ARTIFACTS = ALL_ARTIFACTS / "kiosk"
PIN = "2468"
PORTRAIT = (1080, 1920)
LANDSCAPE = (1920, 1080)


def kiosk_token(server: RunningServer, code: str = "K1") -> str:
    """Pair a kiosk device on the server and return its token."""
    with device_client(server, "kiosk", code) as client:
        return client.headers["Authorization"].removeprefix("Bearer ")


def qtbot_app() -> Any:
    """The QApplication pytest-qt created."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    return app


def ticket_row(server: RunningServer, ticket_id: int) -> Any:
    """The ticket as the server's database holds it."""
    from macturnos.server.db.models import Ticket

    with server.ctx.db.read() as s:
        t = s.get(Ticket, ticket_id)
        assert t is not None
        s.expunge(t)
        return t


def all_tickets(server: RunningServer) -> list[Any]:
    """Every ticket in the server's database."""
    from sqlalchemy import select

    from macturnos.server.db.models import Ticket

    with server.ctx.db.read() as s:
        rows = list(s.scalars(select(Ticket).order_by(Ticket.id)))
        for r in rows:
            s.expunge(r)
        return rows


def device_health(server: RunningServer, code: str = "K1") -> dict[str, Any] | None:
    """The last health report a device sent."""
    from sqlalchemy import select

    from macturnos.server.db.models import Device

    with server.ctx.db.read() as s:
        d = s.scalar(select(Device).where(Device.code == code))
        return dict(d.health) if d is not None and d.health else None
