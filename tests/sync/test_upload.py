"""Uploading the event log to the real receiver: offline days, crashes, duplicates, errors."""

from __future__ import annotations

import socket
import time
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from sqlalchemy import select
from support import free_port
from support.sync import CENTRE, AppThread, ReceiverProcess, ReceiverThread, wait_for

from macturnos.server.auth import Actor, Role
from macturnos.server.db.sync_models import SyncState
from macturnos.server.events import events_after
from macturnos.server.sync.state import UPLOAD, sync_status
from macturnos.server.ticketing import issue_ticket

KIOSK = Actor(role=Role.KIOSK, label="kiosk:K1")


def held_seqs(store) -> list[int]:
    return [e.seq for e in store.events(CENTRE)]


def status(ctx) -> dict:
    with ctx.db.read() as s:
        return sync_status(s, enabled=True)


def test_offline_day_then_reconnection_delivers_every_event_once(
    ctx, receiver_store, token, make_sync
):
    port = free_port()
    sync = make_sync(f"http://127.0.0.1:{port}/api/mac/v1", token, batch_size=50)
    # A day of attention with no internet: tickets are issued, the sync keeps failing.
    for i in range(60):
        issue_ticket(ctx, KIOSK, service="DNI-DUP" if i % 2 else "BN-PAGO")
        ctx.clock.advance(timedelta(minutes=2))
        if i % 20 == 0:
            assert sync.run_round(UPLOAD) is False
    st = status(ctx)
    assert st["last_success_at"] is None
    assert st["last_error"] == "No se pudo conectar con la plataforma de la PCM."
    assert st["backlog"] == st["upload"]["last_seq"] > 60

    srv = ReceiverThread(receiver_store, port=port).start()
    try:
        assert sync.run_round(UPLOAD) is True
    finally:
        srv.stop()
    st = status(ctx)
    assert st["backlog"] == 0 and st["last_error"] is None
    assert st["last_success_at"] == ctx.clock.now().isoformat()
    with ctx.db.read() as s:
        mine = events_after(s, 0, 100_000)
    stored = receiver_store.events(CENTRE)
    assert [e.seq for e in stored] == [e["seq"] for e in mine]
    assert [e.kind for e in stored] == [e["kind"] for e in mine]
    assert stored[5].data == mine[5]["data"]


def test_duplicates_are_ignored_and_a_reset_cursor_resends_harmlessly(
    ctx, receiver, token, make_sync, add_events
):
    last = add_events(300)
    sync = make_sync(receiver.base, token, batch_size=100)
    assert sync.upload_all() == last
    # The same batch delivered twice (an answer lost after the commit).
    with ctx.db.read() as s:
        batch = events_after(s, 100, 100)
    r = httpx.post(
        f"{receiver.base}/centres/{CENTRE}/events",
        json={"centre": CENTRE, "after": 100, "events": batch},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 200, r.text
    assert r.json() == {"centre": CENTRE, "acknowledged_seq": last, "stored": 0, "duplicates": 100}
    # A centre that lost its cursor resends from the start: one batch, answered with the
    # receiver's true position, brings it back; nothing is stored twice.
    with ctx.db.write() as s:
        s.get(SyncState, UPLOAD).cursor = 0
    assert sync.upload_all() == 100
    assert status(ctx)["upload"]["cursor"] == last
    assert held_seqs(receiver.store) == list(range(1, last + 1))
    assert status(ctx)["backlog"] == 0


def test_resumes_from_the_acknowledged_cursor_after_a_restart(
    ctx, receiver, token, make_sync, add_events
):
    last = add_events(250)
    first = make_sync(receiver.base, token, batch_size=100)
    assert first.upload_once() == 100
    assert first.upload_once() == 100
    first.stop()
    # A new process (server restart) reads the cursor from the database.
    second = make_sync(receiver.base, token, batch_size=100)
    assert status(ctx)["backlog"] == last - 200
    assert second.upload_all() == last - 200
    assert held_seqs(receiver.store) == list(range(1, last + 1))


@pytest.mark.slow
def test_receiver_killed_mid_batch_then_restarted(sqlite_db_url, centre_config, clock, tmp_path):
    from support import make_context

    from macturnos.pcm.store import ReceiverStore
    from macturnos.server.events import append_event
    from macturnos.server.sync.service import PcmSync, SyncSettings

    ctx = make_context(sqlite_db_url, centre_config, clock)
    with ctx.db.write() as s:
        for i in range(3000):
            append_event(
                s,
                kind="test.load",
                actor="system",
                at=clock.now(),
                day=clock.now().date(),
                data={"i": i, "pad": "x" * 200},
            )
    db_url = f"sqlite+pysqlite:///{tmp_path / 'pcm.db'}"
    store = ReceiverStore(db_url)
    token = store.add_centre(CENTRE)
    proc = ReceiverProcess(db_url, free_port()).start()
    sync = PcmSync(
        ctx,
        SyncSettings(
            endpoint=proc.base,
            centre=CENTRE,
            token=token,
            interval_s=0.2,
            batch_size=100,
            timeout_s=3,
            backoff_base_s=0.02,
            backoff_cap_s=0.1,
        ),
    )
    try:
        sync.start()
        wait_for(lambda: 0 < status(ctx)["upload"]["cursor"])
        proc.kill()  # the uploader is streaming batches: the kill lands inside one
        wait_for(lambda: status(ctx)["last_error"] is not None)
        assert status(ctx)["upload"]["cursor"] < status(ctx)["upload"]["last_seq"]
        proc.start()
        wait_for(lambda: status(ctx)["backlog"] == 0, timeout=60)
    finally:
        sync.stop()
        proc.kill()
    seqs = held_seqs(store)
    assert seqs == sorted(set(seqs))
    assert len(seqs) == status(ctx)["upload"]["last_seq"] >= 3000
    assert status(ctx)["last_error"] is None
    store.dispose()
    ctx.db.dispose()


class Scripted(AppThread):
    """A faulty PCM: answers each request with the next scripted response."""

    def __init__(self, answers: list[Response]) -> None:
        self.answers = answers
        self.requests = 0
        app = FastAPI()

        @app.api_route("/{path:path}", methods=["GET", "POST"])
        async def any_route(request: Request, path: str) -> Response:
            await request.body()
            self.requests += 1
            return self.answers.pop(0) if self.answers else JSONResponse({}, 500)

        super().__init__(app)


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (
            JSONResponse({"error": "boom"}, 500),
            "La plataforma de la PCM respondió con un error (500).",
        ),
        (
            JSONResponse({"error": "x"}, 503),
            "La plataforma de la PCM respondió con un error (503).",
        ),
        (
            PlainTextResponse("<html>proxy</html>", 200),
            "La respuesta de la plataforma de la PCM no es válida.",
        ),
        (
            JSONResponse({"acknowledged_seq": "many"}, 200),
            "La respuesta de la plataforma de la PCM no es válida.",
        ),
        (JSONResponse({"error": "bad"}, 422), "La PCM rechazó el envío de eventos (422)."),
    ],
)
def test_error_answers_keep_the_cursor_and_report_in_spanish(
    ctx, make_sync, add_events, answer, reason, caplog
):
    add_events(20)
    with Scripted([answer, answer, answer]) as pcm:
        sync = make_sync(pcm.base, "secreto")
        for _ in range(3):
            assert sync.run_round(UPLOAD) is False
        assert pcm.requests == 3
    st = status(ctx)
    assert st["upload"]["cursor"] == 0 and st["backlog"] == st["upload"]["last_seq"]
    assert st["last_error"] == reason
    # Logged once when the failure started, not at every retry.
    assert sum("failing" in r.getMessage() for r in caplog.records) == 1


def test_wrong_credentials_are_refused_by_the_real_receiver(ctx, receiver, make_sync, add_events):
    add_events(5)
    sync = make_sync(receiver.base, "no-es-la-clave")
    assert sync.run_round(UPLOAD) is False
    assert status(ctx)["last_error"] == (
        "La PCM rechazó las credenciales del centro; avise al personal TIC."
    )
    assert held_seqs(receiver.store) == []
    missing = make_sync(receiver.base, None)
    assert missing.run_round(UPLOAD) is False
    assert "credenciales" in status(ctx)["last_error"]


def test_too_large_batches_are_split(ctx, receiver_store, token, make_sync, add_events):
    last = add_events(400)
    srv = ReceiverThread(receiver_store, max_body=20_000).start()
    try:
        sync = make_sync(srv.base, token, batch_size=400)
        assert sync.run_round(UPLOAD) is True
    finally:
        srv.stop()
    assert held_seqs(receiver_store) == list(range(1, last + 1))


def test_malformed_batches_are_refused_by_the_receiver(receiver, token):
    url = f"{receiver.base}/centres/{CENTRE}/events"
    auth = {"Authorization": f"Bearer {token}"}
    ev = {
        "seq": 3,
        "at": "2026-11-25T15:00:00+00:00",
        "day": "2026-11-25",
        "kind": "x",
        "actor": "system",
        "data": {},
    }
    cases = [
        b"{not json",
        b'{"centre": "TEST-MAC", "after": 0, "events": []}',
        httpx.Request("POST", url, json={"centre": CENTRE, "after": 5, "events": [ev]}).read(),
        httpx.Request("POST", url, json={"centre": "OTRO", "after": 0, "events": [ev]}).read(),
    ]
    for body in cases:
        r = httpx.post(url, content=body, headers={**auth, "Content-Type": "application/json"})
        assert r.status_code == 422, r.text
        assert r.json()["error"]["message"]
    assert httpx.post(url, content=b"{}").status_code == 401
    assert held_seqs(receiver.store) == []


def test_a_hanging_receiver_times_out_and_never_slows_attention(ctx, make_sync, add_events):
    add_events(10)
    with socket.socket() as hang:
        # Listening but never answering: connections are accepted by the kernel and wait.
        hang.bind(("127.0.0.1", 0))
        hang.listen(16)
        port = hang.getsockname()[1]
        sync = make_sync(
            f"http://127.0.0.1:{port}/api/mac/v1", "secreto", timeout_s=0.5, backoff_base_s=0.05
        )
        sync.start()
        time.sleep(0.2)  # the sync thread is now waiting on the silent receiver
        # Attention goes on while the sync thread waits on the silent receiver.
        for _ in range(5):
            issue_ticket(ctx, KIOSK, service="DNI-DUP")
        deadline = time.monotonic() + 10
        while status(ctx)["last_error"] is None and time.monotonic() < deadline:
            time.sleep(0.05)
        sync.stop()
    assert status(ctx)["last_error"] == "La plataforma de la PCM no respondió a tiempo."
    assert status(ctx)["upload"]["cursor"] == 0


def test_clock_skew_is_irrelevant_to_both_sides(ctx, receiver, token, make_sync):
    # The centre's clock is years away from the receiver's.
    ctx.clock.set(datetime(2031, 3, 4, 15, 0, tzinfo=UTC))
    issue_ticket_at = ctx.clock.now()
    with ctx.db.write() as s:
        from macturnos.server.events import append_event

        append_event(
            s,
            kind="test.skew",
            actor="system",
            at=issue_ticket_at,
            day=issue_ticket_at.date(),
            data={},
        )
    sync = make_sync(receiver.base, token)
    assert sync.run_round(UPLOAD) is True
    stored = receiver.store.events(CENTRE)[-1]
    assert stored.kind == "test.skew"
    assert stored.at == issue_ticket_at.isoformat()  # the centre's time, kept verbatim
    # The receiver stamps arrival with its own clock.
    assert abs(stored.received_at - datetime.now(UTC)) < timedelta(minutes=5)
    # The centre records its success in its own time, not the receiver's.
    assert status(ctx)["last_success_at"] == issue_ticket_at.isoformat()
    ctx.clock.set(datetime(2001, 1, 1, 15, 0, tzinfo=UTC))
    with ctx.db.write() as s:
        s.add(SyncState(channel="scratch", cursor=0))
    assert sync.run_round(UPLOAD) is True


def test_the_service_thread_uploads_new_events_as_they_happen(
    ctx, receiver, token, make_sync, add_events, wait
):
    sync = make_sync(receiver.base, token, interval_s=0.1)
    sync.start()
    assert sync.running
    first = add_events(30)
    wait(lambda: status(ctx)["upload"]["cursor"] == first)
    second = add_events(30)
    sync.wake()
    wait(lambda: status(ctx)["upload"]["cursor"] == second)
    sync.stop()
    assert not sync.running
    assert held_seqs(receiver.store) == list(range(1, second + 1))


def test_a_receiver_ahead_of_the_centre_is_reported_not_trusted(
    ctx, receiver, token, make_sync, add_events
):
    last = add_events(10)
    # The receiver already holds more of this centre than exists here (a database
    # restored from an old backup): the same first events, then later ones.
    with ctx.db.read() as s:
        mine = [{**e, "day": date.fromisoformat(e["day"])} for e in events_after(s, 0, last)]
    later = [
        {
            "seq": n,
            "at": "2026-11-25T15:00:00+00:00",
            "day": date(2026, 11, 25),
            "kind": "x",
            "actor": "a",
        }
        for n in range(last + 1, last + 50)
    ]
    receiver.store.ingest(1, 0, mine + later)
    sync = make_sync(receiver.base, token)
    assert sync.run_round(UPLOAD) is False
    assert status(ctx)["upload"]["cursor"] == 0
    assert "más eventos" in status(ctx)["last_error"]
    with ctx.db.read() as s:
        assert s.scalar(select(SyncState.cursor).where(SyncState.channel == UPLOAD)) == 0
