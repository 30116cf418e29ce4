"""A ticket's whole life over the real HTTP API, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from tests.support import device_client, login


def test_issue_call_serve_finish(server, staff):
    staff("ana", "advisor")
    kiosk = device_client(server)
    ana = login(server, "ana")

    r = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["ticket"]["number"] == "R-001"
    assert body["ticket"]["status"] == "issued"
    assert body["people_ahead"] == 0
    assert body["code"].startswith("MT1.")

    assert ana.post("/api/v1/modules/1/session").status_code == 200
    called = ana.post("/api/v1/modules/1/call-next")
    assert called.status_code == 200, called.text
    assert called.json()["number"] == "R-001"
    assert called.json()["module"] == 1
    assert ana.post("/api/v1/modules/1/recall").json()["recall_count"] == 1
    server.ctx.clock.advance(timedelta(minutes=1))
    assert ana.post("/api/v1/modules/1/start").json()["status"] == "in_service"
    server.ctx.clock.advance(timedelta(minutes=9))
    done = ana.post("/api/v1/modules/1/finish").json()
    assert done["status"] == "finished"

    mods = {m["number"]: m for m in ana.get("/api/v1/modules").json()}
    assert mods[1]["state"] == "free"
    assert mods[1]["advisor_username"] == "ana"
    assert mods[3]["state"] == "closed"
