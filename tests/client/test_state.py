"""CentreState follows the live events and ends equal to a fresh snapshot."""

from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

import pytest
from support.client import Recorder

from macturnos.client.events import EventStream
from macturnos.client.state import WAIT_FIELDS, CentreState


def comparable(snap: dict[str, Any], estimates: bool = True) -> dict[str, Any]:
    """A snapshot without what legitimately differs (the order of active tickets).

    The day's status and the sync figures are read as of the snapshot (the apps
    ask GET /day/status and /sync/status for fresh ones), not kept by events.
    """
    out = copy.deepcopy(snap)
    out.pop("type", None)
    out.pop("day_status", None)
    out.pop("sync", None)
    out["active"] = sorted(out["active"], key=lambda t: t["id"])
    if not estimates:
        for q in out["queues"]:
            for key in WAIT_FIELDS:
                q.pop(key, None)
    return out


@pytest.fixture
def live_state(server, device_token):
    """A CentreState fed by a display's event stream; yields (state, recorder)."""
    state = CentreState()
    recorder = Recorder()

    def snapshot(snap: dict[str, Any]) -> None:
        state.apply_snapshot(snap)
        recorder.on_snapshot(snap)

    def event(ev: dict[str, Any]) -> None:
        state.apply_event(ev)
        recorder.on_event(ev)

    stream = EventStream(
        server.url, device_token("display", "TV-A"), on_snapshot=snapshot, on_event=event
    )
    stream.start()
    recorder.wait(lambda: recorder.snapshots)
    yield state, recorder
    stream.stop()


def test_state_follows_a_morning_and_matches_a_fresh_snapshot(
    server, staff, api, device_token, live_state
):
    state, recorder = live_state
    staff("ana", "advisor")
    staff("beto", "advisor")
    kiosk = api(token=device_token())
    ana, beto = api("ana"), api("beto")

    first = kiosk.issue("DNI-DUP")["ticket"]
    for _ in range(3):  # DNI-REN gives 3 tickets a day: the last one closes it
        kiosk.issue("DNI-REN")
    server.ctx.clock.advance(timedelta(minutes=2))
    kiosk.issue("BN-PAGO")
    preferential = kiosk.issue("BN-PAGO", preferential="ADULTO_MAYOR")["ticket"]
    misprinted = kiosk.issue("BN-PAGO")["ticket"]
    kiosk.cancel(misprinted["id"], "print_failed")
    server.ctx.clock.advance(timedelta(minutes=3))

    ana.open_module(1)
    assert ana.call_next(1)["id"] == first["id"]
    ana.start(1)
    server.ctx.clock.advance(timedelta(minutes=7))
    ana.finish(1)
    ana.pause(1, "refrigerio")

    beto.open_module(3)
    assert beto.call_next(3)["id"] == preferential["id"]  # preferential attention first
    beto.return_to_queue(3)
    beto.call_next(3)
    beto.recall(3)
    beto.no_show(3)
    server.ctx.clock.advance(timedelta(minutes=1))
    called = beto.call_next(3)
    beto.start(3)
    beto.module_transfer(3, called["id"], "DNI-DUP", "Falta su duplicado")
    server.ctx.clock.advance(timedelta(minutes=1))
    ana.resume(1)
    ana.call_next(1)

    # The state follows a display's stream, so it matches a display's snapshot
    # (a device's share: no staff notes or advisors, like its events).
    fresh = api(token=device_token("display", "TV-B")).snapshot()
    recorder.wait(lambda: state.seq == fresh["seq"])
    # Estimates also move with staffing, which module events do not carry;
    # everything else follows from the events alone.
    assert comparable(state.to_snapshot(), estimates=False) == comparable(fresh, estimates=False)
    state.apply_queue_summaries(ana.queues())  # what Connection's refresher does
    assert comparable(state.to_snapshot()) == comparable(fresh)
    # What the apps read from it.
    assert state.queue("DNI-REN")["available"] is False
    assert state.queue("DNI-REN")["unavailable_code"] == "SERVICE_CAPACITY_REACHED"
    assert state.queue("BN-PAGO")["issued_today"] == 2  # the misprint does not count
    assert state.module(1)["state"] == "calling"
    assert state.module(3)["state"] == "free"
    assert [t["number"] for t in state.recent_calls(modules=[3])][:1] == [called["number"]]
    assert state.recent_calls(zone="ZB") == []
    waiting = state.waiting()
    assert [state.people_ahead(t["id"]) for t in state.waiting(service="DNI-REN")] == [0, 1]
    assert {t["service"] for t in waiting} == {"DNI-REN", "DNI-DUP"}


def test_events_already_in_the_state_are_ignored(server, device_token, api, live_state):
    state, recorder = live_state
    kiosk = api(token=device_token())
    kiosk.issue("DNI-DUP")
    recorder.wait(lambda: any(e["kind"] == "ticket.issued" for e in recorder.events))
    before = state.to_snapshot()
    assert state.apply_event(recorder.events[-1]) is False
    assert state.to_snapshot() == before
    assert state.queue("DNI-DUP")["waiting"] == 1


def test_a_new_day_clears_the_day_and_asks_for_a_snapshot(server, device_token, api, live_state):
    state, recorder = live_state
    kiosk = api(token=device_token())
    kiosk.issue("DNI-DUP")
    recorder.wait(lambda: any(e["kind"] == "ticket.issued" for e in recorder.events))
    tomorrow = dict(
        recorder.events[-1],
        seq=recorder.events[-1]["seq"] + 1,
        day="2026-11-26",
        kind="day.opened",
        data={},
        at="2026-11-26T07:55:00-05:00",
    )
    assert state.apply_event(tomorrow)
    assert state.day == "2026-11-26"
    assert state.waiting() == [] and state.recent_calls() == []
    assert state.queue("DNI-DUP")["waiting"] == 0
    assert state.opened is True
    assert state.stale is True
