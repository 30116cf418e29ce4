"""Bad input gets a 4xx with a stable code and a Spanish reason, never a 500."""

from __future__ import annotations

import pytest
from support import device_client, login


@pytest.fixture
def kiosk(server):
    return device_client(server)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "service"),
        ({"service": ""}, "service"),
        ({"service": 12}, "service"),
        ({"service": "DNI-DUP", "extra": 1}, "extra"),
        ({"service": "DNI-DUP", "appointment": {"at": "mañana"}}, "appointment.at"),
        ({"service": "DNI-DUP", "preferential": "VIP"}, None),
    ],
)
def test_bad_issue_bodies(kiosk, body, field):
    r = kiosk.post("/api/v1/tickets", json=body)
    assert r.status_code == 422, r.text
    err = r.json()["error"]
    assert err["code"] == "INVALID_REQUEST"
    assert err["message"].startswith(("Solicitud", "Dato", "El ", "La ", "Los "))
    if field:
        assert field in err["details"]["fields"]


def test_malformed_json_and_wrong_types(server, kiosk, staff):
    r = kiosk.post(
        "/api/v1/tickets", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "INVALID_REQUEST"
    staff("ana", "advisor")
    ana = login(server, "ana")
    assert ana.post("/api/v1/modules/abc/session").status_code == 422
    assert (
        ana.post("/api/v1/modules/1/call", json={"ticket_id": -1, "reason": "x"}).status_code == 422
    )
    assert kiosk.get("/api/v1/tickets/99999").json()["error"]["code"] == "UNKNOWN_TICKET"
    assert kiosk.get("/api/v1/tickets/lookup", params={"number": "???"}).status_code == 422


def test_refused_change_writes_nothing(server, kiosk, staff):
    staff("sara", "supervisor")
    sara = login(server, "sara")
    before = sara.get("/api/v1/events").json()
    kiosk.post("/api/v1/tickets", json={"service": "PASAPORTE"})  # appointment only
    kiosk.post("/api/v1/tickets", json={"service": "NOPE"})
    after = sara.get("/api/v1/events").json()
    assert [e for e in after if e["kind"].startswith("ticket.")] == [
        e for e in before if e["kind"].startswith("ticket.")
    ]
    # And the number was not consumed.
    assert (
        kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).json()["ticket"]["number"]
        == "R-001"
    )


def test_every_raised_code_has_a_message():
    import re
    from pathlib import Path

    from macturnos.messages import is_known_code

    root = Path(__file__).resolve().parents[2] / "server"
    codes = set()
    for path in root.rglob("*.py"):
        codes |= set(re.findall(r'(?:ApiError|DomainError)\("([A-Z_]+)"', path.read_text()))
    assert codes
    assert sorted(c for c in codes if not is_known_code(c)) == []


def test_openapi_document(server):
    import httpx

    doc = httpx.get(f"{server.url}/api/v1/openapi.json").json()
    assert doc["info"]["title"] == "MAC Turnos"
    assert "/api/v1/tickets" in doc["paths"]
    assert "/api/v1/modules/{number}/call-next" in doc["paths"]
