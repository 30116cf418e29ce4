"""A repeated click or a retried request never acts twice."""

from __future__ import annotations

from support import device_client, login


def test_same_key_issues_once(server):
    kiosk = device_client(server)
    headers = {"Idempotency-Key": "tap-0001"}
    first = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}, headers=headers)
    again = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again.headers["Idempotent-Replay"] == "true"
    nxt = kiosk.post(
        "/api/v1/tickets", json={"service": "DNI-DUP"}, headers={"Idempotency-Key": "tap-0002"}
    )
    assert nxt.json()["ticket"]["number"] == "R-002"


def test_same_key_on_another_request_conflicts(server, staff):
    kiosk = device_client(server)
    staff("ana", "advisor")
    ana = login(server, "ana")
    ana.post("/api/v1/modules/1/session")
    kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"})
    kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"})
    h = {"Idempotency-Key": "click-1"}
    a = ana.post("/api/v1/modules/1/call-next", headers=h).json()
    ana.post("/api/v1/modules/1/no-show")
    # The double click is answered with the first call, not a second call.
    b = ana.post("/api/v1/modules/1/call-next", headers=h).json()
    assert a["id"] == b["id"]
    r = ana.post("/api/v1/modules/1/recall", headers=h)
    assert r.status_code == 409 and r.json()["error"]["code"] == "IDEMPOTENCY_CONFLICT"


def test_keys_belong_to_their_actor(server):
    k1 = device_client(server, "kiosk", "K1")
    k2 = device_client(server, "kiosk", "K2")
    h = {"Idempotency-Key": "same"}
    a = k1.post("/api/v1/tickets", json={"service": "DNI-DUP"}, headers=h).json()
    b = k2.post("/api/v1/tickets", json={"service": "DNI-DUP"}, headers=h).json()
    assert a["ticket"]["number"] != b["ticket"]["number"]
