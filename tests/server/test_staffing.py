"""When an entity or a person cannot serve (issue 18): suspended issuing, assistance needs,
advisors seated at another entity's module (issue 15, item 3), the transferred citizen's number.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from support import FIXTURES, device_client, login

from macturnos.config import load_centre
from macturnos.server.auth import Role, create_user
from macturnos.server.events import events_after


@pytest.fixture
def kiosk(server):
    return device_client(server)


@pytest.fixture
def sara(server, staff):
    staff("sara", "supervisor")
    return login(server, "sara")


def _events(server, kind):
    with server.ctx.db.read() as s:
        return [e for e in events_after(s, 0, 10_000) if e["kind"] == kind]


def _advisor(server, username, entity=None):
    with server.ctx.db.write() as s:
        create_user(
            s,
            username=username,
            full_name=username.title(),
            role=Role.ADVISOR,
            password="clave-segura-1",
            now=server.ctx.clock.now(),
            entity_code=entity,
        )
    return login(server, username)


def _queue(client, service):
    return {q["service"]: q for q in client.get("/api/v1/queues").json()}[service]


# --- suspended issuing ---------------------------------------------------------------


def test_a_supervisor_suspends_and_resumes_an_entity(server, kiosk, sara, staff):
    reason = "Sistema de RENIEC sin conexión"
    r = sara.post(
        "/api/v1/suspensions", json={"scope": "entity", "code": "RENIEC", "reason": reason}
    )
    assert r.status_code == 201, r.text
    assert r.json()["name"] == "RENIEC"
    # Issuing refuses with the supervisor's reason, for every service of the entity ...
    for service in ("DNI-DUP", "DNI-REN"):
        refused = kiosk.post("/api/v1/tickets", json={"service": service})
        assert refused.status_code == 409
        assert refused.json()["error"]["code"] == "ISSUING_SUSPENDED"
        assert reason in refused.json()["error"]["message"]
        # ... the kiosk's tiles read it in the queues ...
        q = _queue(kiosk, service)
        assert q["available"] is False
        assert q["unavailable_code"] == "ISSUING_SUSPENDED"
        assert reason in q["unavailable_reason"]
    # ... and other entities go on.
    assert kiosk.post("/api/v1/tickets", json={"service": "BN-PAGO"}).status_code == 201
    # Reception and the monitor list it.
    staff("olga", "orientator")
    olga = login(server, "olga")
    (listed,) = olga.get("/api/v1/suspensions").json()
    assert listed["code"] == "RENIEC" and listed["reason"] == reason
    assert listed["suspended_by"] == "user:sara"
    assert kiosk.get("/api/v1/suspensions").status_code == 403
    # The monitor's snapshot lists it; a device's snapshot does not carry the staff's list.
    (in_snapshot,) = olga.get("/api/v1/snapshot").json()["suspensions"]
    assert in_snapshot == listed
    assert kiosk.get("/api/v1/snapshot").json()["suspensions"] is None
    # The event is an incident of the day (the log the summary and the PCM read), and
    # carries the new availability for the clients' tiles.
    (event,) = _events(server, "issuing.suspended")
    assert event["data"]["reason"] == reason
    assert {q["service"] for q in event["data"]["queues"]} == {"DNI-DUP", "DNI-REN"}
    assert all(q["available"] is False for q in event["data"]["queues"])

    server.ctx.clock.advance(timedelta(minutes=25))
    resumed = sara.post("/api/v1/suspensions/entity/RENIEC/resume")
    assert resumed.status_code == 200, resumed.text
    assert resumed.json()["minutes"] == 25
    assert kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).status_code == 201
    assert _queue(kiosk, "DNI-DUP")["available"] is True
    assert olga.get("/api/v1/suspensions").json() == []
    (event,) = _events(server, "issuing.resumed")
    assert event["data"]["reason"] == reason and event["data"]["minutes"] == 25
    # Both are incidents of the day in its summary.
    summary = sara.get("/api/v1/day/summary").json()
    assert [(i["kind"], i["code"], i["reason"]) for i in summary["issuing_suspensions"]] == [
        ("issuing.suspended", "RENIEC", reason),
        ("issuing.resumed", "RENIEC", reason),
    ]
    assert summary["issuing_suspensions"][1]["minutes"] == 25
    again = sara.post("/api/v1/suspensions/entity/RENIEC/resume")
    assert again.status_code == 409 and again.json()["error"]["code"] == "NOT_SUSPENDED"


def test_a_service_alone_can_be_suspended_and_bad_requests_are_refused(server, kiosk, sara):
    r = sara.post(
        "/api/v1/suspensions",
        json={"scope": "service", "code": "DNI-REN", "reason": "Sin formatos de DNI"},
    )
    assert r.status_code == 201, r.text
    assert kiosk.post("/api/v1/tickets", json={"service": "DNI-REN"}).status_code == 409
    assert kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).status_code == 201
    for body, status in (
        ({"scope": "service", "code": "NO-EXISTE", "reason": "x"}, 422),
        ({"scope": "module", "code": "DNI-DUP", "reason": "x"}, 422),
        ({"scope": "service", "code": "DNI-DUP", "reason": "   "}, 422),
    ):
        refused = sara.post("/api/v1/suspensions", json=body)
        assert refused.status_code == status, refused.text
        assert "error" in refused.json()
    # Only managers suspend.
    assert (
        kiosk.post(
            "/api/v1/suspensions", json={"scope": "service", "code": "DNI-DUP", "reason": "x"}
        ).status_code
        == 403
    )


# --- assistance: sign language --------------------------------------------------------


@pytest.fixture
def signing_centre(tmp_path):
    """The test centre with module 2 (RENIEC, DNI-DUP) offering sign language."""
    text = (FIXTURES / "centre.yaml").read_text()
    text = text.replace(
        "  - {number: 2, entity: RENIEC, zone: ZA, services: [DNI-DUP]}",
        "  - {number: 2, entity: RENIEC, zone: ZA, services: [DNI-DUP], assistance: [LSP]}",
    )
    path = tmp_path / "centre.yaml"
    path.write_text(text)
    return path


def _reload(server, path):
    from macturnos.server.auth import SYSTEM
    from macturnos.server.reload import reload_centre

    server.ctx.runtime.source = str(path)
    reload_centre(server.ctx, SYSTEM)


def test_a_sign_language_ticket_is_called_only_where_it_is_offered(
    server, kiosk, staff, signing_centre
):
    _reload(server, signing_centre)
    deaf = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP", "assistance": "LSP"})
    assert deaf.status_code == 201, deaf.text
    ticket = deaf.json()["ticket"]
    assert ticket["assistance"] == "LSP"
    assert ticket["assistance_name"] == "Intérprete de lengua de señas peruana"
    later = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).json()["ticket"]
    ana = _advisor(server, "ana")
    assert ana.post("/api/v1/modules/1/session").status_code == 200
    # Module 1 offers no sign language: it skips the deaf citizen, who is not lost.
    assert ana.post("/api/v1/modules/1/call-next").json()["number"] == later["number"]
    assert ana.post("/api/v1/modules/1/no-show").status_code == 200
    out_of_order = ana.post(
        "/api/v1/modules/1/call", json={"ticket_id": ticket["id"], "reason": "prueba"}
    )
    assert out_of_order.json()["error"]["code"] == "ASSISTANCE_NOT_AT_MODULE"
    beto = _advisor(server, "beto")
    assert beto.post("/api/v1/modules/2/session").status_code == 200
    called = beto.post("/api/v1/modules/2/call-next").json()
    # The advisor sees the need when calling.
    assert called["number"] == ticket["number"]
    assert called["assistance_name"] == "Intérprete de lengua de señas peruana"
    # A service no module offers it for is refused at issue, and unknown codes too.
    refused = kiosk.post("/api/v1/tickets", json={"service": "BN-PAGO", "assistance": "LSP"})
    assert refused.json()["error"]["code"] == "ASSISTANCE_NOT_OFFERED"
    unknown = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP", "assistance": "XX"})
    assert unknown.status_code == 422


def test_a_module_offering_an_undeclared_assistance_is_refused(tmp_path):
    text = (FIXTURES / "centre.yaml").read_text()
    text = text.replace(
        "  - {number: 1, entity: RENIEC, zone: ZA}",
        "  - {number: 1, entity: RENIEC, zone: ZA, assistance: [BRAILLE]}",
    )
    path = tmp_path / "centre.yaml"
    path.write_text(text)
    with pytest.raises(Exception, match="BRAILLE"):
        load_centre(path)


# --- advisors serve their own entity unless a manager seats them elsewhere -------------


def test_a_manager_seats_an_advisor_at_another_entitys_module(server, kiosk, sara):
    sunat = _advisor(server, "sol", entity="BN")
    refused = sunat.post("/api/v1/modules/1/session")
    assert refused.json()["error"]["code"] == "MODULE_OTHER_ENTITY"
    r = sara.post("/api/v1/modules/1/assign", json={"username": "sol"})
    assert r.status_code == 200, r.text
    assert r.json()["advisor_username"] == "sol"
    (assigned,) = _events(server, "module.assigned")
    assert assigned["actor"] == "user:sara"
    assert assigned["data"]["advisor_entity"] == "BN"
    assert assigned["data"]["module_entity"] == "RENIEC"
    # Seated, the advisor works the module (opening it again is harmless).
    assert sunat.post("/api/v1/modules/1/session").status_code == 200
    kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"})
    assert sunat.post("/api/v1/modules/1/call-next").status_code == 200
    # Only advisors are seated, and only by managers.
    assert (
        sara.post("/api/v1/modules/2/assign", json={"username": "sara"}).json()["error"]["code"]
        == "NOT_AN_ADVISOR"
    )
    assert sunat.post("/api/v1/modules/2/assign", json={"username": "sol"}).status_code == 403


# --- a transferred citizen is called by the number they hold ---------------------------


def test_a_transferred_ticket_carries_the_number_on_the_citizens_paper(server, kiosk):
    ana = _advisor(server, "ana")
    assert ana.post("/api/v1/modules/1/session").status_code == 200
    first = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).json()["ticket"]
    ana.post("/api/v1/modules/1/call-next")
    moved = ana.post(
        "/api/v1/modules/1/transfer", json={"ticket_id": first["id"], "service": "BN-PAGO"}
    )
    assert moved.status_code == 201, moved.text
    assert moved.json()["origin_number"] == first["number"]
    bea = _advisor(server, "bea")
    assert bea.post("/api/v1/modules/3/session").status_code == 200
    called = bea.post("/api/v1/modules/3/call-next").json()
    # The call (and its event, which the call screen shows) names both numbers.
    assert called["number"] == moved.json()["number"]
    assert called["origin_number"] == first["number"]
    event = _events(server, "ticket.called")[-1]
    assert event["data"]["ticket"]["origin_number"] == first["number"]
