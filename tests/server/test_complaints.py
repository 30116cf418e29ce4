"""The complaints and compliments book: recorded with a receipt, followed to its answer by
the coordinator, the complainant's identity kept out of events and other eyes (issue 20, §3)."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
from alembic import command
from sqlalchemy import create_engine, inspect, select
from support import device_client, login

from macturnos.domain.complaints import answer_deadline
from macturnos.server import migrate
from macturnos.server.db.engine import sqlite_url
from macturnos.server.db.models import Event

JUANA = {
    "name": "Juana Quispe Mamani",
    "document_type": "DNI",
    "document_number": "45678912",
    "contact": "987654321",
}


def served_ticket(server, staff) -> dict:  # noqa: ANN001
    staff("ana", "advisor")
    ana = login(server, "ana")
    kiosk = device_client(server, "kiosk", "K1")
    ticket = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).json()["ticket"]
    ana.post("/api/v1/modules/2/session").raise_for_status()
    ana.post("/api/v1/modules/2/call-next").raise_for_status()
    return ticket


def test_answer_deadline_counts_thirty_working_days():
    # Wednesday 2026-11-25: 30 working days, weekends skipped, then a holiday too.
    assert answer_deadline(date(2026, 11, 25)) == date(2027, 1, 6)
    assert answer_deadline(date(2026, 11, 25), {date(2026, 12, 8), date(2026, 12, 25)}) == date(
        2027, 1, 8
    )


def test_reception_records_a_complaint_and_gets_its_receipt(server, staff, ctx):
    ticket = served_ticket(server, staff)
    staff("olga", "orientator")
    olga = login(server, "olga")
    r = olga.post(
        "/api/v1/complaints",
        json={
            "kind": "reclamo",
            "text": "Me hicieron esperar y el asesor no me explicó el trámite.",
            "complainant": JUANA,
            "ticket_id": ticket["id"],
        },
    )
    assert r.status_code == 201, r.text
    receipt = r.json()
    assert receipt["number"] == "LR-2026-000001"
    assert receipt["kind_name"] == "Reclamo" and receipt["entity"] == "RENIEC"
    holidays = {h.date for h in ctx.runtime.setup.config.holidays}
    assert receipt["deadline"] == answer_deadline(date(2026, 11, 25), holidays).isoformat()
    assert holidays and receipt["deadline"] > "2027-01-06"  # the centre's holiday skipped
    assert "45678912" not in r.text  # the receipt holds no identity
    second = olga.post("/api/v1/complaints", json={"kind": "felicitacion", "text": "¡Muy bien!"})
    assert second.json()["number"] == "LR-2026-000002"
    # The events say a complaint about RENIEC module 2 was filed, not who or what.
    with ctx.db.read() as s:
        events = s.scalars(select(Event).where(Event.kind.like("complaint.%"))).all()
    assert [e.kind for e in events] == ["complaint.registered"] * 2
    assert events[0].data["entity"] == "RENIEC" and events[0].module_number == 2
    text = str([e.data for e in events])
    for private in ("45678912", "Juana", "987654321", "esperar"):
        assert private not in text


def test_a_complaint_says_who_files_it_and_bad_entries_are_refused(server, staff):
    staff("olga", "orientator")
    olga = login(server, "olga")
    r = olga.post("/api/v1/complaints", json={"kind": "reclamo", "text": "Mal servicio."})
    assert r.status_code == 422 and "«complainant»" in r.json()["error"]["message"]
    for bad in ({"document_number": "4567891A"}, {"name": " "}, {"contact": " "}):
        body = {"kind": "reclamo", "text": "x", "complainant": JUANA | bad}
        assert olga.post("/api/v1/complaints", json=body).status_code == 422, bad
    r = olga.post("/api/v1/complaints", json={"kind": "sugerencia", "text": "x", "module": 999})
    assert r.status_code == 422 and "«module»" in r.json()["error"]["message"]
    # A device is never staff: a kiosk records nothing in the book.
    kiosk = device_client(server, "kiosk", "K1")
    assert (
        kiosk.post("/api/v1/complaints", json={"kind": "sugerencia", "text": "x"}).status_code
        == 403
    )


def test_the_coordinator_follows_it_to_its_answer_and_others_never_read_who(server, staff, ctx):
    staff("olga", "orientator")
    staff("sara", "supervisor")
    staff("coco", "coordinator")
    olga, sara, coco = login(server, "olga"), login(server, "sara"), login(server, "coco")
    number = olga.post(
        "/api/v1/complaints",
        json={"kind": "reclamo", "text": "Demora.", "complainant": JUANA, "module": 3},
    ).json()["number"]
    seen = sara.get("/api/v1/complaints").json()
    assert [e["number"] for e in seen] == [number] and seen[0]["entity"] == "BN"
    assert "complainant" not in seen[0] and "text" not in seen[0]
    assert "45678912" not in sara.get(f"/api/v1/complaints/{number}").text
    full = coco.get(f"/api/v1/complaints/{number}").json()
    assert full["complainant"]["document_number"] == "45678912" and full["text"] == "Demora."
    # Past its deadline it is flagged (the monitor lists it).
    ctx.clock.advance(timedelta(days=50))
    assert sara.get("/api/v1/complaints", params={"state": "registered"}).json()[0]["overdue"]
    # Only the coordinator moves it, in order, with an answer at the end.
    progress = f"/api/v1/complaints/{number}/progress"
    assert sara.post(progress, json={"state": "in_progress"}).status_code == 403
    assert coco.post(progress, json={"state": "in_progress"}).status_code == 200
    r = coco.post(progress, json={"state": "answered"})
    assert r.status_code == 422 and "«answer»" in r.json()["error"]["message"]
    r = coco.post(progress, json={"state": "answered", "answer": "Se capacitó al asesor."})
    assert r.status_code == 200 and r.json()["state"] == "answered"
    r = coco.post(progress, json={"state": "in_progress"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "COMPLAINT_STATE"
    assert not sara.get("/api/v1/complaints").json()[0]["overdue"]
    assert coco.get("/api/v1/complaints/LR-2026-000099").status_code == 404
    assert httpx.get(f"{server.url}/api/v1/complaints").status_code == 401


def test_migration_0008_both_ways(tmp_path):
    url = sqlite_url(tmp_path / "x.db")
    migrate.upgrade(url)
    command.downgrade(migrate.alembic_config(url), "0007")
    engine = create_engine(url)
    assert "complaints" not in inspect(engine).get_table_names()
    migrate.upgrade(url)
    assert "complaints" in inspect(create_engine(url)).get_table_names()
    engine.dispose()
