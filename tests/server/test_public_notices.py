"""The hook for a notification gateway (issue 20): told once when two people or fewer are
ahead and once when called, with the ticket's code and never a contact."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from support import RunningServer, device_client, login, wait_until

from macturnos.domain.ticket_code import verify_ticket_code
from macturnos.server.main import PUBLIC_SHUTDOWN_S
from macturnos.server.public.app import create_public_app
from macturnos.server.public.notices import ENTRY_POINT_GROUP, TurnNotice, installed_notifiers


class Gateway:
    """What a PCM gateway plug-in receives (it would send an SMS; this one keeps them)."""

    def __init__(self) -> None:
        self.told: list[tuple[str, TurnNotice]] = []
        self.lock = threading.Lock()

    def near(self, notice: TurnNotice) -> None:
        with self.lock:
            self.told.append(("near", notice))

    def called(self, notice: TurnNotice) -> None:
        with self.lock:
            self.told.append(("called", notice))

    def of(self, number: str) -> list[str]:
        with self.lock:
            return [kind for kind, n in self.told if n.number == number]


class Broken:
    """A gateway that fails: the centre goes on and the other gateways still hear."""

    def near(self, notice: TurnNotice) -> None:
        raise RuntimeError("gateway down")

    called = near


@pytest.fixture
def gateway(ctx) -> Iterator[Gateway]:  # noqa: ANN001
    told = Gateway()
    srv = RunningServer(ctx, create_public_app(ctx, notifiers=[Broken(), told]))
    srv.server.config.timeout_graceful_shutdown = PUBLIC_SHUTDOWN_S
    srv.start()
    yield told
    srv.stop()


def test_a_gateway_is_told_near_and_called_once_each(server, gateway, staff, ctx):
    kiosk = device_client(server, "kiosk", "K1")
    numbers = [
        kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).json()["ticket"]["number"]
        for _ in range(5)
    ]
    staff("ana", "advisor")
    ana = login(server, "ana")
    ana.post("/api/v1/modules/2/session").raise_for_status()
    # Staffed now: the first three have two people or fewer ahead.
    wait_until(lambda: all(gateway.of(n) == ["near"] for n in numbers[:3]))
    assert gateway.of(numbers[3]) == [] and gateway.of(numbers[4]) == []
    ana.post("/api/v1/modules/2/call-next").raise_for_status()
    wait_until(lambda: gateway.of(numbers[0]) == ["near", "called"])
    wait_until(lambda: gateway.of(numbers[3]) == ["near"])
    notice = next(n for kind, n in gateway.told if kind == "called")
    assert notice.module == 2 and notice.service_name == "Duplicado de DNI"
    # The code is the ticket's own (what the citizen gave the gateway); no contact in it.
    assert verify_ticket_code(ctx.secret, notice.code).number == numbers[0]
    assert set(vars(notice)) == {
        "code",
        "number",
        "entity_name",
        "service_name",
        "people_ahead",
        "module",
        "location",
    }
    # A recall changes nothing: each notice once.
    ana.post("/api/v1/modules/2/recall").raise_for_status()
    ana.post("/api/v1/modules/2/start").raise_for_status()
    wait_until(lambda: gateway.of(numbers[0]) == ["near", "called"])


def test_no_gateway_is_installed_by_default():
    from importlib.metadata import entry_points

    assert list(entry_points(group=ENTRY_POINT_GROUP)) == []
    assert installed_notifiers() == []
