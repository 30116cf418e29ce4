"""A ticket's life over the real HTTP API, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from support import LIMA, device_client, login


@pytest.fixture
def kiosk(server):
    return device_client(server)


@pytest.fixture
def ana(server, staff):
    staff("ana", "advisor")
    client = login(server, "ana")
    assert client.post("/api/v1/modules/1/session").status_code == 200
    return client


def issue(kiosk, service="DNI-DUP", **extra):
    r = kiosk.post("/api/v1/tickets", json={"service": service, **extra})
    assert r.status_code == 201, r.text
    return r.json()["ticket"]


def refusal(response, status, code):
    assert response.status_code == status, response.text
    err = response.json()["error"]
    assert err["code"] == code
    assert err["message"] and err["message"][0].isupper()  # a Spanish sentence
    return err


def test_issue_call_serve_finish(server, kiosk, ana):
    r = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["ticket"]["number"] == "R-001"
    assert body["ticket"]["status"] == "issued"
    assert body["people_ahead"] == 0
    assert body["estimated_wait_min"] == 0  # module 1 is staffed and free
    assert body["code"].startswith("MT1.")

    def module_1() -> dict:
        return {m["number"]: m for m in ana.get("/api/v1/modules").json()}[1]

    opened_at = module_1()["since"]
    server.ctx.clock.advance(timedelta(minutes=2))
    called = ana.post("/api/v1/modules/1/call-next")
    assert called.status_code == 200, called.text
    assert called.json()["number"] == "R-001"
    assert called.json()["module"] == 1
    # "since" is when the module entered its present state.
    assert module_1()["state"] == "calling"
    assert module_1()["since"] == called.json()["called_at"] != opened_at
    assert ana.post("/api/v1/modules/1/recall").json()["recall_count"] == 1
    assert module_1()["since"] == called.json()["called_at"]  # still calling the same citizen
    server.ctx.clock.advance(timedelta(minutes=1))
    started = ana.post("/api/v1/modules/1/start").json()
    assert started["status"] == "in_service"
    assert module_1()["since"] == started["started_at"]
    server.ctx.clock.advance(timedelta(minutes=9))
    done = ana.post("/api/v1/modules/1/finish").json()
    assert done["status"] == "finished"

    mods = {m["number"]: m for m in ana.get("/api/v1/modules").json()}
    assert mods[1]["state"] == "free"
    assert mods[1]["since"] == done["ended_at"]
    assert mods[1]["advisor_username"] == "ana"
    assert mods[3]["state"] == "closed"
    # The finished attention now feeds the estimate: 9 minutes of service.
    queue = {q["service"]: q for q in kiosk.get("/api/v1/queues").json()}
    assert queue["DNI-DUP"]["waiting"] == 0


def test_numbers_per_prefix_and_people_ahead(kiosk, ana):
    assert issue(kiosk)["number"] == "R-001"
    assert issue(kiosk, "DNI-REN")["number"] == "R-002"  # same entity prefix
    assert issue(kiosk, "BN-PAGO")["number"] == "B-001"
    r = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"})
    # module 1, the only one open, serves both RENIEC services and calls
    # by arrival (issue 17, R-008: not just the ticket's own service queue).
    assert r.json()["people_ahead"] == 2


def test_preferential_called_first_and_module_services(server, kiosk, ana, staff):
    first = issue(kiosk, "DNI-REN")
    server.ctx.clock.advance(timedelta(minutes=1))
    pref = issue(kiosk, "DNI-REN", preferential="ADULTO_MAYOR")
    assert ana.post("/api/v1/modules/1/call-next").json()["id"] == pref["id"]
    ana.post("/api/v1/modules/1/start")
    ana.post("/api/v1/modules/1/finish")
    # Module 2 serves only DNI-DUP: the waiting DNI-REN ticket is not for it.
    staff("beto", "advisor")
    beto = login(server, "beto")
    beto.post("/api/v1/modules/2/session")
    refusal(beto.post("/api/v1/modules/2/call-next"), 409, "QUEUE_EMPTY")
    refusal(
        beto.post("/api/v1/modules/2/call", json={"ticket_id": first["id"], "reason": "x"}),
        409,
        "SERVICE_NOT_IN_MODULE",
    )
    assert ana.post("/api/v1/modules/1/call-next").json()["id"] == first["id"]


def test_recall_limit_and_no_show(kiosk, ana):
    issue(kiosk)
    ana.post("/api/v1/modules/1/call-next")
    assert ana.post("/api/v1/modules/1/recall").status_code == 200
    assert ana.post("/api/v1/modules/1/recall").status_code == 200
    refusal(ana.post("/api/v1/modules/1/recall"), 409, "MAX_RECALLS_REACHED")
    assert ana.post("/api/v1/modules/1/no-show").json()["status"] == "no_show"
    refusal(ana.post("/api/v1/modules/1/start"), 409, "NO_CURRENT_TICKET")


def test_busy_module_refuses_second_call(kiosk, ana):
    issue(kiosk)
    issue(kiosk)
    ana.post("/api/v1/modules/1/call-next")
    refusal(ana.post("/api/v1/modules/1/call-next"), 409, "MODULE_BUSY")
    refusal(ana.post("/api/v1/modules/1/finish"), 409, "ILLEGAL_TRANSITION")


def test_return_to_queue_keeps_place(server, kiosk, ana):
    a = issue(kiosk)
    server.ctx.clock.advance(timedelta(minutes=1))
    issue(kiosk)
    ana.post("/api/v1/modules/1/call-next")
    back = ana.post("/api/v1/modules/1/return").json()
    assert back["status"] == "issued" and back["module"] is None
    assert ana.post("/api/v1/modules/1/call-next").json()["id"] == a["id"]


def test_out_of_order_call_needs_reason_and_is_logged(server, kiosk, ana, staff):
    issue(kiosk)
    late = issue(kiosk)
    refusal(
        ana.post("/api/v1/modules/1/call", json={"ticket_id": late["id"], "reason": ""}),
        422,
        "INVALID_REQUEST",
    )
    r = ana.post("/api/v1/modules/1/call", json={"ticket_id": late["id"], "reason": "Cita médica"})
    assert r.json()["id"] == late["id"]
    staff("sara", "supervisor")
    events = login(server, "sara").get("/api/v1/events").json()
    called = [e for e in events if e["kind"] == "ticket.called"][-1]
    assert called["data"]["out_of_order_reason"] == "Cita médica"
    assert called["actor"] == "user:ana"


def test_transfer_keeps_arrival_and_links(server, kiosk, ana):
    t = issue(kiosk)
    server.ctx.clock.advance(timedelta(minutes=5))
    ana.post("/api/v1/modules/1/call-next")
    ana.post("/api/v1/modules/1/start")
    r = ana.post(
        "/api/v1/modules/1/transfer",
        json={"ticket_id": t["id"], "service": "BN-PAGO", "note": "Pagar tasa"},
    )
    assert r.status_code == 201, r.text
    new = r.json()
    assert new["number"] == "B-001"
    assert new["origin_ticket_id"] == t["id"]
    assert new["arrival_at"] == t["arrival_at"]
    old = kiosk.get(f"/api/v1/tickets/{t['id']}").json()
    assert old["status"] == "transferred"
    refusal(
        ana.post("/api/v1/modules/1/transfer", json={"ticket_id": t["id"], "service": "BN-PAGO"}),
        409,
        "NO_CURRENT_TICKET",
    )


def test_transferred_ticket_goes_before_later_arrivals(server, kiosk, ana, staff):
    t = issue(kiosk)
    server.ctx.clock.advance(timedelta(minutes=3))
    later = issue(kiosk, "BN-PAGO")
    ana.post("/api/v1/modules/1/call-next")
    moved = ana.post(
        "/api/v1/modules/1/transfer", json={"ticket_id": t["id"], "service": "BN-PAGO"}
    ).json()
    staff("caja", "advisor")
    caja = login(server, "caja")
    caja.post("/api/v1/modules/3/session")
    assert caja.post("/api/v1/modules/3/call-next").json()["id"] == moved["id"]
    caja.post("/api/v1/modules/3/no-show")
    assert caja.post("/api/v1/modules/3/call-next").json()["id"] == later["id"]


def test_cancel_and_reactivate(server, kiosk, staff):
    t = issue(kiosk)
    staff("olga", "orientator")
    olga = login(server, "olga")
    refusal(
        olga.post(f"/api/v1/tickets/{t['id']}/cancel", json={"reason": ""}), 422, "INVALID_REQUEST"
    )
    assert (
        olga.post(f"/api/v1/tickets/{t['id']}/cancel", json={"reason": "desistio"}).json()["status"]
        == "cancelled"
    )
    refusal(olga.post(f"/api/v1/tickets/{t['id']}/reactivate"), 403, "FORBIDDEN_ROLE")
    staff("sara", "supervisor")
    sara = login(server, "sara")
    assert sara.post(f"/api/v1/tickets/{t['id']}/reactivate").json()["status"] == "issued"
    refusal(sara.post(f"/api/v1/tickets/{t['id']}/reactivate"), 409, "ILLEGAL_TRANSITION")


def test_reception_transfers_a_waiting_ticket(server, kiosk, staff):
    t = issue(kiosk)
    staff("olga", "orientator")
    olga = login(server, "olga")
    r = olga.post(f"/api/v1/tickets/{t['id']}/transfer", json={"service": "BN-PAGO"})
    assert r.status_code == 201, r.text
    assert r.json()["arrival_at"] == t["arrival_at"]


def test_pause_and_resume(server, kiosk, ana):
    issue(kiosk)
    refusal(ana.post("/api/v1/modules/1/pause", json={"reason": "siesta"}), 422, "INVALID_REQUEST")
    refusal(ana.post("/api/v1/modules/1/pause", json={"reason": "otro"}), 422, "REASON_REQUIRED")
    m = ana.post("/api/v1/modules/1/pause", json={"reason": "refrigerio"}).json()
    assert m["state"] == "paused" and m["pause_reason"] == "refrigerio"
    refusal(ana.post("/api/v1/modules/1/call-next"), 409, "MODULE_PAUSED")
    # A module at lunch comes back (issue 17): the estimate waits for the pause
    # (refrigerio: 45 min expected) and the one ticket ahead, it does not drop it.
    queue = {q["service"]: q for q in ana.get("/api/v1/queues").json()}
    assert queue["DNI-DUP"]["estimated_wait_min"] >= 45
    assert ana.post("/api/v1/modules/1/resume").json()["state"] == "free"
    assert ana.post("/api/v1/modules/1/call-next").status_code == 200


def test_one_advisor_per_module(server, ana, staff):
    staff("beto", "advisor")
    beto = login(server, "beto")
    refusal(beto.post("/api/v1/modules/1/session"), 409, "MODULE_TAKEN")
    refusal(beto.post("/api/v1/modules/1/call-next"), 403, "MODULE_NOT_YOURS")
    refusal(beto.post("/api/v1/modules/99/session"), 404, "UNKNOWN_MODULE")
    # Ana moves to module 2: module 1 is released.
    assert ana.post("/api/v1/modules/2/session").status_code == 200
    assert beto.post("/api/v1/modules/1/session").status_code == 200


def test_supervisor_closes_module_and_ticket_returns(server, kiosk, ana, staff):
    t = issue(kiosk)
    ana.post("/api/v1/modules/1/call-next")
    staff("sara", "supervisor")
    sara = login(server, "sara")
    m = sara.post("/api/v1/modules/1/close").json()
    assert m["state"] == "closed"
    assert kiosk.get(f"/api/v1/tickets/{t['id']}").json()["status"] == "issued"


def test_capacity_and_last_issue_and_appointments(server, kiosk):
    for _ in range(3):
        issue(kiosk, "DNI-REN")
    err = refusal(
        kiosk.post("/api/v1/tickets", json={"service": "DNI-REN"}), 409, "SERVICE_CAPACITY_REACHED"
    )
    assert "3" in err["message"]
    refusal(
        kiosk.post("/api/v1/tickets", json={"service": "PASAPORTE"}),
        409,
        "SERVICE_APPOINTMENT_ONLY",
    )
    appt = datetime(2026, 11, 25, 10, 15, tzinfo=LIMA).isoformat()
    # An appointment is checked, never declared (issue 15, item 2): a made-up one is refused.
    refusal(
        kiosk.post(
            "/api/v1/tickets",
            json={"service": "PASAPORTE", "appointment": {"at": appt, "ref": "C-12345"}},
        ),
        422,
        "APPOINTMENT_UNVERIFIED",
    )
    from macturnos.server.sync.appointments import apply_appointments

    apply_appointments(
        server.ctx,
        server.ctx.runtime.setup.day_of(server.ctx.clock.now()),
        [{"ref": "C-12345", "dni": "45678912", "service": "PASAPORTE", "at": appt}],
    )
    t = issue(kiosk, "PASAPORTE", appointment={"at": appt, "ref": "C-12345"})
    assert t["appointment_at"] is not None
    queue = {q["service"]: q for q in kiosk.get("/api/v1/queues").json()}
    assert queue["DNI-REN"]["available"] is False
    assert queue["DNI-REN"]["unavailable_code"] == "SERVICE_CAPACITY_REACHED"
    server.ctx.clock.set(datetime(2026, 11, 25, 16, 1, tzinfo=LIMA))
    err = refusal(
        kiosk.post("/api/v1/tickets", json={"service": "BN-PAGO"}), 409, "SERVICE_PAST_LAST_ISSUE"
    )
    assert "16:00" in err["message"]
    refusal(kiosk.post("/api/v1/tickets", json={"service": "NO-EXISTE"}), 404, "UNKNOWN_SERVICE")


def test_outside_hours_and_holidays(server, kiosk):
    server.ctx.clock.set(datetime(2026, 11, 25, 7, 59, tzinfo=LIMA))
    refusal(
        kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}), 409, "OUTSIDE_OPENING_HOURS"
    )
    server.ctx.clock.set(datetime(2026, 11, 29, 10, 0, tzinfo=LIMA))  # Sunday
    refusal(kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}), 409, "CENTRE_CLOSED_TODAY")


def test_centre_not_opened_refuses_tickets(server, kiosk):
    # A new day starts closed until the opening is registered.
    server.ctx.clock.set(datetime(2026, 11, 26, 9, 0, tzinfo=LIMA))
    refusal(kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}), 409, "CENTRE_NOT_OPENED")
    # The opening itself (checklist, blocked days) is tested in test_day.py.
    from macturnos.server.auth import SYSTEM
    from macturnos.server.day import open_day

    open_day(server.ctx, SYSTEM)
    # Numbering starts again on the new day.
    assert issue(kiosk)["number"] == "R-001"


def test_lookup_and_verify(server, kiosk):
    body = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).json()
    assert (
        kiosk.get("/api/v1/tickets/lookup", params={"number": "r1"}).json()["id"]
        == body["ticket"]["id"]
    )
    refusal(kiosk.get("/api/v1/tickets/lookup", params={"number": "R-777"}), 404, "UNKNOWN_TICKET")
    ok = kiosk.post("/api/v1/tickets/verify", json={"code": body["code"]}).json()
    assert ok["valid"] and ok["ticket"]["number"] == "R-001"
    forged = body["code"].replace("R-001", "R-002")
    refusal(kiosk.post("/api/v1/tickets/verify", json={"code": forged}), 422, "TICKET_CODE_INVALID")


def test_snapshot_reflects_state(server, kiosk, ana):
    issue(kiosk)
    issue(kiosk, "BN-PAGO", preferential="GESTANTE")
    ana.post("/api/v1/modules/1/call-next")
    snap = kiosk.get("/api/v1/snapshot").json()
    assert snap["opened"] is True
    assert [t["number"] for t in snap["waiting"]] == ["B-001"]
    assert [t["number"] for t in snap["active"]] == ["R-001"]
    assert snap["recent_calls"][0]["module"] == 1
    assert snap["seq"] > 0
