"""Discovery with real zeroconf announcements on 127.0.0.1."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from macturnos.client.connection import Connection
from macturnos.client.discovery import ServerAddress, address_from_url, browse, resolve
from macturnos.client.errors import ClientError, ServerUnreachable
from macturnos.server.discovery import Advertiser, service_info

LOOPBACK = ["127.0.0.1"]


@contextmanager
def announced(*infos) -> Iterator[None]:  # noqa: ANN002
    """Announce ServiceInfos on 127.0.0.1 from a background loop, as the server does."""
    ready = threading.Event()
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()

    async def run() -> None:
        advertisers = [Advertiser(info, LOOPBACK) for info in infos]
        # Registering probes the name for about a second: do them together.
        await asyncio.gather(*(adv.__aenter__() for adv in advertisers))
        ready.set()
        await stop.wait()
        await asyncio.gather(*(adv.__aexit__(None, None, None) for adv in advertisers))

    thread = threading.Thread(target=loop.run_until_complete, args=(run(),))
    thread.start()
    try:
        assert ready.wait(10)
        yield
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(10)
        loop.close()


def test_configured_url_wins_without_the_network():
    address = resolve("http://10.1.2.3:8470/", "TEST-MAC")
    assert address == ServerAddress("10.1.2.3", 8470, "TEST-MAC", role="configured")
    assert address.base_url == "http://10.1.2.3:8470"
    assert address.events_url == "ws://10.1.2.3:8470/api/v1/events"
    assert ServerAddress("fe80::1", 80).base_url == "http://[fe80::1]:80"
    with pytest.raises(ClientError):
        address_from_url("10.1.2.3:8470")


@pytest.mark.slow
def test_browse_finds_the_centres_server_primaries_first():
    standby = service_info("TEST-MAC", 8472, LOOPBACK, role="standby", instance="test-standby")
    primary = service_info("TEST-MAC", 8471, LOOPBACK, instance="test-primary")
    other = service_info("OTRO-MAC", 8473, LOOPBACK, instance="test-other")
    with announced(standby, primary, other):
        found = browse("TEST-MAC", timeout_s=3.0, interfaces=LOOPBACK)
        everyone = browse(None, timeout_s=1.5, interfaces=LOOPBACK)
    assert [(a.port, a.role) for a in found] == [(8471, "primary"), (8472, "standby")]
    assert found[0].centre == "TEST-MAC" and found[0].host == "127.0.0.1"
    assert {"TEST-MAC", "OTRO-MAC"} <= {a.centre for a in everyone}  # a demo may run too


@pytest.mark.slow
def test_nothing_announced_is_server_unreachable_in_spanish():
    with pytest.raises(ServerUnreachable) as none:
        resolve(None, "NADIE-MAC", timeout_s=0.5, interfaces=LOOPBACK)
    assert none.value.message.startswith(
        "No se encontró el servidor de turnos del centro NADIE-MAC en la red"
    )


@pytest.mark.slow
def test_connection_discovers_and_logs_in(server, staff):
    staff("ana", "advisor")
    info = service_info("TEST-MAC", server.port, LOOPBACK, instance="test-live")
    with announced(info), Connection(centre="TEST-MAC", interfaces=LOOPBACK) as conn:
        address = conn.open()
        assert address.port == server.port
        conn.login("ana", "clave-segura-1")
        assert conn.api.me()["role"] == "advisor"
