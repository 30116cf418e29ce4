"""Ending a module's session never orphans a ticket (issue 18, "never lose a citizen").

Each way a session ends (leaving, logging out, a disabled account, a changed
role, a supervisor ending the sessions, an expired token, a supervisor freeing
the module) leaves the ticket in hand finished or back at the front of its queue,
never `called`/`in_service` at a module nobody holds.
"""

from __future__ import annotations

import pytest
from sqlalchemy import update
from support import device_client, login

from macturnos.server import accounts
from macturnos.server.abandoned import release_abandoned
from macturnos.server.auth import Role
from macturnos.server.db.models import AuthToken, User
from macturnos.server.events import events_after


@pytest.fixture
def kiosk(server):
    return device_client(server)


@pytest.fixture
def ana(server, staff):
    staff("ana", "advisor")
    client = login(server, "ana")
    assert client.post("/api/v1/modules/1/session").status_code == 200
    return client


@pytest.fixture
def sara(server, staff):
    staff("sara", "supervisor")
    return login(server, "sara")


def _issue(kiosk, n=2, service="DNI-DUP"):
    out = []
    for _ in range(n):
        r = kiosk.post("/api/v1/tickets", json={"service": service})
        assert r.status_code == 201, r.text
        out.append(r.json()["ticket"])
    return out


def _serving(ana):
    called = ana.post("/api/v1/modules/1/call-next")
    assert called.status_code == 200, called.text
    started = ana.post("/api/v1/modules/1/start")
    assert started.json()["status"] == "in_service"
    return started.json()


def _ticket(client, ticket_id):
    return client.get(f"/api/v1/tickets/{ticket_id}").json()


def _module(client, number=1):
    return {m["number"]: m for m in client.get("/api/v1/modules").json()}[number]


def _events(server, kind):
    with server.ctx.db.read() as s:
        return [e for e in events_after(s, 0, 10_000) if e["kind"] == kind]


def _next_is(server, staff, ticket):
    """Another advisor of the service calls next: the released citizen comes first."""
    staff("beto", "advisor")
    beto = login(server, "beto")
    assert beto.post("/api/v1/modules/2/session").status_code == 200
    called = beto.post("/api/v1/modules/2/call-next")
    assert called.status_code == 200, called.text
    assert called.json()["number"] == ticket["number"]


def test_logging_out_while_serving_puts_the_citizen_back_first(server, staff, kiosk, ana):
    # The issue's case: "Cerrar sesión" while serving left R-001 in service at a module
    # held by a logged-out advisor.
    first, _second = _issue(kiosk)
    serving = _serving(ana)
    assert serving["number"] == first["number"]
    assert ana.post("/api/v1/auth/logout").status_code == 200
    back = _ticket(kiosk, first["id"])
    assert back["status"] == "issued"
    assert back["module"] is None
    assert back["started_at"] is None
    assert _module(kiosk)["state"] == "closed"
    returned = _events(server, "ticket.returned")[-1]
    assert returned["data"]["why"] == "logout"
    assert returned["data"]["released"] is True
    assert _events(server, "module.closed")[-1]["module"] == 1
    _next_is(server, staff, first)


def test_a_second_live_session_keeps_the_module(server, staff, kiosk, ana):
    (first,) = _issue(kiosk, 1)
    _serving(ana)
    other_pc = login(server, "ana")  # the same advisor on another screen
    assert other_pc.post("/api/v1/auth/logout").status_code == 200
    assert _ticket(kiosk, first["id"])["status"] == "in_service"
    assert _module(ana)["advisor_username"] == "ana"


def test_leaving_with_a_ticket_in_service_needs_a_choice(server, kiosk, ana):
    first, second = _issue(kiosk)
    _serving(ana)
    r = ana.delete("/api/v1/modules/1/session")
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "MODULE_LEAVE_IN_SERVICE"
    assert first["number"] in r.json()["error"]["message"]
    assert ana.delete("/api/v1/modules/1/session?ticket=later").status_code == 422
    r = ana.delete("/api/v1/modules/1/session?ticket=finish")
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "closed"
    assert _ticket(kiosk, first["id"])["status"] == "finished"
    # Back at the module, the next citizen is called and the advisor leaves again,
    # this time sending them back to the queue.
    assert ana.post("/api/v1/modules/1/session").status_code == 200
    _serving(ana)
    assert ana.delete("/api/v1/modules/1/session?ticket=return").status_code == 200
    assert _ticket(kiosk, second["id"])["status"] == "issued"


def test_leaving_with_a_called_ticket_returns_it(server, kiosk, ana):
    (first,) = _issue(kiosk, 1)
    assert ana.post("/api/v1/modules/1/call-next").status_code == 200
    # "finish" cannot finish an attention that never began: the citizen is returned.
    assert ana.delete("/api/v1/modules/1/session?ticket=finish").status_code == 200
    assert _ticket(kiosk, first["id"])["status"] == "issued"


def test_a_disabled_account_leaves_no_citizen_behind(server, staff, kiosk, ana):
    (first,) = _issue(kiosk, 1)
    _serving(ana)
    accounts.set_user_active(server.ctx, accounts.CONSOLE, "ana", False)
    assert _ticket(kiosk, first["id"])["status"] == "issued"
    assert _module(kiosk)["state"] == "closed"
    assert _events(server, "ticket.returned")[-1]["data"]["why"] == "user_disabled"
    _next_is(server, staff, first)


def test_a_changed_role_leaves_no_citizen_behind(server, kiosk, ana):
    (first,) = _issue(kiosk, 1)
    _serving(ana)
    accounts.set_user_role(server.ctx, accounts.CONSOLE, "ana", Role.ORIENTATOR)
    assert _ticket(kiosk, first["id"])["status"] == "issued"
    assert _module(kiosk)["state"] == "closed"


def test_a_supervisor_ending_the_sessions_frees_the_module(server, kiosk, ana, sara):
    (first,) = _issue(kiosk, 1)
    assert ana.post("/api/v1/modules/1/call-next").status_code == 200
    assert sara.post("/api/v1/users/ana/end-session").status_code == 200
    assert _ticket(kiosk, first["id"])["status"] == "issued"
    assert _module(kiosk)["state"] == "closed"


def test_an_expired_session_is_swept(server, staff, kiosk, ana):
    (first,) = _issue(kiosk, 1)
    _serving(ana)
    # While the session lives, the sweep leaves the module alone.
    assert release_abandoned(server.ctx) == []
    assert _ticket(kiosk, first["id"])["status"] == "in_service"
    with server.ctx.db.write() as s:
        ana_id = s.query(User.id).filter(User.username == "ana").scalar()
        s.execute(
            update(AuthToken)
            .where(AuthToken.user_id == ana_id)
            .values(expires_at=server.ctx.wall_now())
        )
    assert release_abandoned(server.ctx) == [1]
    assert _ticket(kiosk, first["id"])["status"] == "issued"
    assert _module(kiosk)["state"] == "closed"
    assert _events(server, "ticket.returned")[-1]["data"]["why"] == "session_expired"
    assert release_abandoned(server.ctx) == []  # nothing left to do
    _next_is(server, staff, first)


@pytest.mark.parametrize(("choice", "status"), [("finish", "finished"), ("return", "issued")])
def test_a_supervisor_frees_a_module_held_by_someone_who_left(
    server, kiosk, ana, sara, choice, status
):
    (first,) = _issue(kiosk, 1)
    _serving(ana)
    # The advisor walked away still logged in; only a manager may free the module.
    refused = ana.post("/api/v1/modules/1/free", json={"ticket": choice})
    assert refused.status_code == 403
    r = sara.post("/api/v1/modules/1/free", json={"ticket": choice, "note": "se retiró"})
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "closed"
    assert _ticket(kiosk, first["id"])["status"] == status
    freed = _events(server, "module.freed")[-1]
    assert freed["actor"] == "user:sara"
    assert freed["data"]["username"] == "ana"
    assert freed["data"]["ticket_number"] == first["number"]
    assert freed["data"]["ticket_outcome"] == choice
    # Freed, the module is anyone's; the advisor who left is no longer at it.
    refusal = ana.post("/api/v1/modules/1/call-next")
    assert refusal.json()["error"]["code"] == "MODULE_NOT_YOURS"
    # Freeing a module nobody holds changes nothing.
    again = sara.post("/api/v1/modules/1/free", json={"ticket": choice})
    assert again.status_code == 200
    assert len(_events(server, "module.freed")) == 1


def test_the_supervisor_close_still_refuses_a_ticket_in_service(server, kiosk, ana, sara):
    _issue(kiosk, 1)
    _serving(ana)
    r = sara.post("/api/v1/modules/1/close")
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "MODULE_LEAVE_IN_SERVICE"
