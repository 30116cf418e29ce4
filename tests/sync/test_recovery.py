"""Recovery after an outage: the sync resumes as soon as the PCM answers (issue 16, item 11)."""

from __future__ import annotations

import logging
import time

import httpx
from support import RunningServer, free_port
from support.sync import ReceiverThread, ScriptedPcm, wait_for

from macturnos.client.api import ApiClient
from macturnos.server.sync.state import DOWNLOAD, UPLOAD, sync_status

SLOW_BACKOFF = {
    "backoff_base_s": 300.0,
    "backoff_cap_s": 600.0,
    "interval_s": 3600.0,
    "upload_interval_s": 3600.0,
}
"""A backoff so long that only the link probe or a wake can bring the sync back in a test."""


def status(ctx) -> dict:
    with ctx.db.read() as s:
        return sync_status(s, enabled=True)


def lines(caplog, word: str) -> int:
    return sum(f" {word}" in r.getMessage() for r in caplog.records if r.name == "macturnos.sync")


def test_the_backlog_starts_as_soon_as_the_pcm_answers_again(
    ctx, receiver_store, token, make_sync, add_events, caplog
):
    caplog.set_level(logging.INFO, logger="macturnos.sync")
    port = free_port()
    sync = make_sync(
        f"http://127.0.0.1:{port}/api/mac/v1", token, probe_interval_s=0.05, **SLOW_BACKOFF
    )
    add_events(40)
    sync.start()
    wait_for(lambda: status(ctx)["upload"]["failing_since"] is not None)
    wait_for(lambda: status(ctx)["download"]["failing_since"] is not None)
    last = add_events(25)  # attention goes on during the outage
    assert status(ctx)["backlog"] == last

    # The PCM comes back. Without the probe the next try would be minutes away.
    with ReceiverThread(receiver_store, port=port):
        wait_for(lambda: status(ctx)["backlog"] == 0, timeout=30)
        # Both directions are right again, not only the one that had work to do.
        wait_for(lambda: status(ctx)["download"]["last_error"] is None, timeout=30)
    st = status(ctx)
    assert st["last_error"] is None and st["upload"]["failing_since"] is None
    assert [e.seq for e in receiver_store.events("TEST-MAC")] == list(range(1, last + 1))
    assert sync.failures(UPLOAD) == sync.failures(DOWNLOAD) == 0
    assert any("answers again" in r.getMessage() for r in caplog.records)
    assert lines(caplog, "failing") == lines(caplog, "recovered") == 2


def test_a_health_route_that_answers_does_not_turn_the_backoff_into_a_loop(
    ctx, make_sync, add_events
):
    add_events(5)
    with ScriptedPcm() as pcm:
        pcm.event_answers = [503] * 50
        sync = make_sync(pcm.base, "secreto", probe_interval_s=0.01, **SLOW_BACKOFF)
        sync.start()
        wait_for(lambda: status(ctx)["upload"]["failing_since"] is not None)
        time.sleep(0.5)  # fifty probe intervals: each one answered by the health route
        # The first answer calls the sync back once; after that the probe, never seeing
        # the link down, calls nothing back: the backoff (minutes here) decides.
        assert len(pcm.event_answers) == 48
        assert sync.failures(UPLOAD) == 2


def test_a_delivered_batch_resets_the_backoff_and_the_log_lines_pair_up(
    ctx, make_sync, add_events, caplog
):
    caplog.set_level(logging.INFO, logger="macturnos.sync")
    last = add_events(30)
    with ScriptedPcm() as pcm:
        sync = make_sync(pcm.base, "secreto", batch_size=10)
        pcm.event_answers = [503, 503, 503]
        for _ in range(3):
            assert sync.run_round(UPLOAD) is False
        assert sync.failures(UPLOAD) == 3
        # The link comes back for one batch, then drops again in the middle of the backlog.
        pcm.event_answers = [200, 503]
        assert sync.run_round(UPLOAD) is False
        assert pcm.delivered == list(range(1, 11))
        # The backoff restarts from one failure, not from four.
        assert sync.failures(UPLOAD) == 1
        assert sync.run_round(UPLOAD) is True
        assert pcm.delivered == list(range(1, last + 1))
    assert sync.failures(UPLOAD) == 0
    assert lines(caplog, "failing") == lines(caplog, "recovered") == 2


def test_sync_now_runs_both_directions_at_once(ctx, receiver, token, make_sync, add_events, staff):
    staff("sara", "supervisor")
    staff("tito", "ict")
    staff("olga", "advisor")
    sync = make_sync(receiver.base, token, **SLOW_BACKOFF)
    ctx.services.append(sync)  # the server starts and stops it, as `attach` arranges
    srv = RunningServer(ctx).start()
    try:
        wait_for(lambda: status(ctx)["backlog"] == 0)
        add_events(12)
        assert status(ctx)["backlog"] > 0  # the next round is an hour away
        sara = ApiClient(srv.url)
        sara.login("sara", "clave-segura-1")
        assert sara.sync_now() == {"requested": True}
        wait_for(lambda: status(ctx)["backlog"] == 0)
        tito = ApiClient(srv.url)
        tito.login("tito", "clave-segura-1")
        assert tito.sync_now() == {"requested": True}
        olga = httpx.post(
            f"{srv.url}/api/v1/sync/now",
            headers={"Authorization": f"Bearer {login_token(srv, 'olga')}"},
        )
        assert olga.status_code == 403 and olga.json()["error"]["code"]
        # A centre without a sync says so instead of pretending.
        ctx.services.remove(sync)
        refused = httpx.post(
            f"{srv.url}/api/v1/sync/now",
            headers={"Authorization": f"Bearer {login_token(srv, 'sara')}"},
        )
        assert refused.status_code == 409
        assert refused.json()["error"] == {
            "code": "SYNC_NOT_CONFIGURED",
            "message": "Este centro no tiene configurada la sincronización con la PCM.",
        }
        sara.close()
        tito.close()
    finally:
        srv.stop()


def login_token(srv: RunningServer, username: str) -> str:
    r = httpx.post(
        f"{srv.url}/api/v1/auth/login",
        json={"username": username, "password": "clave-segura-1"},
    )
    return r.json()["token"]
