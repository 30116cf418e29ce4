"""EventStream against the real server: snapshot, live order, resume after a restart."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from support import free_port, wait_until
from websockets.asyncio.server import serve

from macturnos.client.events import EventStream
from macturnos.server import ticketing
from macturnos.server.auth import SYSTEM
from macturnos.server.events import events_after

FAST = {"backoff_min_s": 0.05, "backoff_max_s": 0.3, "open_timeout_s": 2.0}


def make_stream(url: str, token: str, recorder: Any, **options: Any) -> EventStream:
    return EventStream(
        url,
        token,
        on_snapshot=recorder.on_snapshot,
        on_event=recorder.on_event,
        on_status=recorder.on_status,
        on_refused=recorder.on_refused,
        **(FAST | options),
    )


@pytest.fixture
def streams() -> Iterator[list[EventStream]]:
    """Streams a test starts, stopped at its end whatever happens."""
    made: list[EventStream] = []
    yield made
    for stream in made:
        stream.stop()


def all_events(server) -> list[dict[str, Any]]:
    with server.ctx.db.read() as s:
        return events_after(s, 0)


def test_snapshot_then_live_events_in_order(server, device_token, api, recorder, streams):
    token = device_token("display", "TV-A")
    stream = make_stream(server.url, token, recorder)
    streams.append(stream)
    stream.start()
    recorder.wait(lambda: recorder.snapshots and stream.connected)
    snap = recorder.snapshots[0]
    assert snap["centre"]["code"] == "TEST-MAC"
    assert recorder.statuses[-1] == (True, "Conectado al servidor de turnos")
    start = snap["seq"]

    kiosk = api(token=device_token("kiosk", "K1"))
    numbers = [kiosk.issue("DNI-DUP")["ticket"]["number"] for _ in range(3)]
    recorder.wait(lambda: len([e for e in recorder.events if e["kind"] == "ticket.issued"]) == 3)
    issued = [e for e in recorder.events if e["kind"] == "ticket.issued"]
    assert [e["data"]["ticket"]["number"] for e in issued] == numbers
    assert recorder.seqs() == list(range(start + 1, start + 1 + len(recorder.events)))
    assert stream.last_seq == recorder.seqs()[-1]
    assert recorder.threads == {"macturnos-events"}


def test_resume_from_a_known_seq_sends_only_the_missed_events(
    server, device_token, api, recorder, streams
):
    kiosk = api(token=device_token())
    for _ in range(4):
        kiosk.issue("BN-PAGO")
    log = all_events(server)
    since = log[-3]["seq"]
    stream = make_stream(server.url, kiosk.token, recorder, since=since)
    streams.append(stream)
    stream.start()
    recorder.wait(lambda: stream.connected and len(recorder.events) >= 2)
    assert recorder.snapshots == []
    # The missed events first, in order; then the stream's own arrival (device.connected,
    # staff-only: a kiosk gets its placeholder, issue 15 item 6).
    assert recorder.seqs()[:2] == [log[-2]["seq"], log[-1]["seq"]]
    assert all(e["kind"] == "hidden" for e in recorder.events[2:])


def test_restart_loses_and_repeats_nothing(
    server, device_token, api, recorder, streams, start_again
):
    kiosk_token = device_token()
    stream = make_stream(server.url, device_token("display", "TV-A"), recorder)
    streams.append(stream)
    stream.start()
    recorder.wait(lambda: stream.connected)
    first = recorder.snapshots[0]["seq"]
    kiosk = api(token=kiosk_token)

    def tickets() -> int:  # the screen's own device.* comings and goings are logged too
        return len([e for e in recorder.events if e["kind"].startswith("ticket.")])

    kiosk.issue("DNI-DUP")
    recorder.wait(lambda: tickets() == 1)

    server.stop()
    recorder.wait(lambda: not stream.connected)
    assert recorder.statuses[-1][0] is False
    # The centre keeps working while this screen is cut off (another server
    # process on the same database): these events must reach it later.
    for _ in range(3):
        ticketing.issue_ticket(server.ctx, SYSTEM, service="BN-PAGO", channel="reception")

    back = start_again(server)
    recorder.wait(lambda: stream.connected and tickets() == 4)
    kiosk.issue("DNI-DUP")  # live again, through the restarted server
    recorder.wait(lambda: tickets() == 5)

    expected = [e["seq"] for e in all_events(back) if e["seq"] > first]
    recorder.wait(lambda: recorder.seqs()[-1:] == expected[-1:])
    assert recorder.seqs() == expected
    assert len(recorder.snapshots) == 1  # resumed, not restarted from a snapshot
    assert stream.reconnections >= 1


def test_refused_token_is_reported_in_spanish(server, recorder, streams):
    stream = make_stream(server.url, "not-a-token", recorder)
    streams.append(stream)
    stream.start()
    recorder.wait(lambda: recorder.refusals)
    refusal = recorder.refusals[0]
    assert refusal.code == "NOT_AUTHENTICATED"
    assert refusal.message == "Inicie sesión para continuar."
    recorder.wait(lambda: recorder.statuses)
    assert recorder.statuses[0] == (
        False,
        "El servidor rechazó la conexión: Inicie sesión para continuar.",
    )
    assert not stream.connected


def test_resolver_finds_the_server_after_failures(server, device_token, recorder, streams):
    calls: list[int] = []

    def resolver() -> str:
        calls.append(1)
        return server.url

    dead = f"http://127.0.0.1:{free_port()}"
    stream = make_stream(
        dead, device_token(), recorder, resolver=resolver, resolve_after_failures=2
    )
    streams.append(stream)
    stream.start()
    recorder.wait(lambda: stream.connected)
    assert calls == [1]
    assert stream.address.port == server.port
    assert recorder.statuses[0] == (
        False,
        "Se perdió la conexión con el servidor de turnos; reintentando…",
    )


class SilentServer:
    """A WebSocket peer that accepts and then never answers: a hung server or a dead link."""

    def __init__(self) -> None:
        self.port = free_port()
        self.connections = 0
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._loop.run_until_complete, args=(self._run(),))

    async def _handler(self, ws: Any) -> None:
        self.connections += 1
        async for _ in ws:  # read and ignore everything, including pings
            pass

    async def _run(self) -> None:
        self._stop = asyncio.Event()
        async with serve(self._handler, "127.0.0.1", self.port, ping_interval=None):
            self._ready.set()
            await self._stop.wait()

    def __enter__(self) -> SilentServer:
        self._thread.start()
        self._ready.wait(5)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._stop is not None
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(5)
        self._loop.close()


def test_silent_link_is_detected_and_retried(recorder, streams):
    with SilentServer() as silent:
        stream = make_stream(
            f"http://127.0.0.1:{silent.port}", "t", recorder, ping_interval_s=0.1, dead_after_s=0.3
        )
        streams.append(stream)
        stream.start()
        recorder.wait(lambda: recorder.statuses)
        assert recorder.statuses[0] == (False, "El servidor de turnos no responde; reintentando…")
        wait_until(lambda: silent.connections >= 2, timeout=5)
        stream.stop()


def test_stop_leaves_no_thread(server, device_token, recorder):
    stream = make_stream(server.url, device_token(), recorder)
    stream.start()
    recorder.wait(lambda: stream.connected)
    stream.stop()
    assert not stream.connected
    assert recorder.statuses[-1] == (False, "Desconectado")
    assert "macturnos-events" not in {t.name for t in threading.enumerate()}


def test_stop_before_connecting_is_prompt(recorder):
    stream = make_stream(
        f"http://127.0.0.1:{free_port()}", "t", recorder, backoff_min_s=5.0, backoff_max_s=5.0
    )
    stream.start()
    recorder.wait(lambda: recorder.statuses)
    stream.stop(timeout_s=3)
    assert "macturnos-events" not in {t.name for t in threading.enumerate()}
