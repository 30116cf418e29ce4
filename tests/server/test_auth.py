"""Log-in, lockout, roles, device pairing and the audit trail."""

from __future__ import annotations

from datetime import timedelta

import httpx
from support import device_client, login

from macturnos.server.auth import Actor


def post(server, path, **kw):
    return httpx.post(f"{server.url}{path}", **kw)


def test_login_refusals_and_lockout(server, staff):
    staff("ana", "advisor")
    r = post(server, "/api/v1/auth/login", json={"username": "ana", "password": "mala"})
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "INVALID_CREDENTIALS"
    r = post(server, "/api/v1/auth/login", json={"username": "nadie", "password": "x"})
    assert r.json()["error"]["code"] == "INVALID_CREDENTIALS"  # no account enumeration
    for _ in range(4):
        post(server, "/api/v1/auth/login", json={"username": "ana", "password": "mala"})
    r = post(server, "/api/v1/auth/login", json={"username": "ana", "password": "clave-segura-1"})
    assert r.status_code == 423
    assert r.json()["error"]["code"] == "ACCOUNT_LOCKED"
    server.ctx.clock.advance(timedelta(minutes=16))
    login(server, "ana")  # the lock lifts by itself


def test_unauthenticated_and_logout(server, staff):
    assert httpx.get(f"{server.url}/api/v1/queues").status_code == 401
    bad = httpx.get(f"{server.url}/api/v1/queues", headers={"Authorization": "Bearer nope"})
    assert bad.json()["error"]["code"] == "NOT_AUTHENTICATED"
    staff("ana", "advisor")
    ana = login(server, "ana")
    assert ana.get("/api/v1/auth/me").json()["role"] == "advisor"
    assert ana.post("/api/v1/auth/logout").status_code == 200
    assert ana.get("/api/v1/auth/me").status_code == 401


def test_roles_are_enforced(server, staff):
    kiosk = device_client(server, "kiosk", "K1")
    tv = device_client(server, "display", "TV-A")
    staff("ana", "advisor")
    ana = login(server, "ana")
    # A kiosk cannot call tickets, a display cannot issue, an advisor cannot issue.
    assert kiosk.post("/api/v1/modules/1/call-next").json()["error"]["code"] == "FORBIDDEN_ROLE"
    assert tv.post("/api/v1/tickets", json={"service": "DNI-DUP"}).status_code == 403
    assert ana.post("/api/v1/tickets", json={"service": "DNI-DUP"}).status_code == 403
    assert ana.get("/api/v1/events").status_code == 403
    assert tv.get("/api/v1/snapshot").status_code == 200


def test_pairing_code_is_single_use(server, staff):
    staff("tic", "ict")
    tic = login(server, "tic")
    r = tic.post("/api/v1/devices", json={"kind": "display", "code": "TV-B", "name": "TV"})
    assert r.status_code == 201
    code = r.json()["pairing_code"]
    first = post(server, "/api/v1/devices/pair", json={"pairing_code": code})
    assert first.status_code == 200 and first.json()["role"] == "display"
    again = post(server, "/api/v1/devices/pair", json={"pairing_code": code})
    assert again.status_code == 401
    assert again.json()["error"]["code"] == "INVALID_PAIRING_CODE"
    staff("ana", "advisor")
    assert (
        login(server, "ana")
        .post("/api/v1/devices", json={"kind": "kiosk", "code": "K9", "name": "K"})
        .status_code
        == 403
    )


def test_supervisor_ends_a_session(server, staff):
    staff("ana", "advisor")
    staff("sara", "supervisor")
    ana = login(server, "ana")
    sara = login(server, "sara")
    assert sara.post("/api/v1/users/ana/end-session").status_code == 200
    assert ana.get("/api/v1/auth/me").status_code == 401
    assert sara.post("/api/v1/users/nadie/end-session").status_code == 404


def test_audit_log_records_who_did_what(server, staff):
    kiosk = device_client(server)
    staff("ana", "advisor")
    staff("sara", "supervisor")
    ana = login(server, "ana")
    kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"})
    ana.post("/api/v1/modules/1/session")
    ana.post("/api/v1/modules/1/call-next")
    events = login(server, "sara").get("/api/v1/events").json()
    by_kind = {e["kind"]: e for e in events}
    assert by_kind["ticket.issued"]["actor"] == "kiosk:K1"
    assert by_kind["ticket.called"]["actor"] == "user:ana"
    logins = [e["actor"] for e in events if e["kind"] == "auth.login"]
    assert logins == ["user:ana", "user:sara"]
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert "password" not in str(events)


def test_device_health_is_logged_on_change(server, staff):
    tv = device_client(server, "display", "TV-A")
    staff("sara", "supervisor")
    sara = login(server, "sara")
    for _ in range(3):
        assert (
            tv.post(
                "/api/v1/devices/me/health", json={"status": "ok", "detail": {"audio": True}}
            ).status_code
            == 200
        )
    tv.post("/api/v1/devices/me/health", json={"status": "warning", "detail": {"audio": False}})
    health = [e for e in sara.get("/api/v1/events").json() if e["kind"] == "device.health"]
    assert [e["data"]["status"] for e in health] == ["ok", "warning"]


def test_account_changes_are_logged_without_secrets(ctx):
    import json

    from macturnos.domain.errors import DomainError
    from macturnos.server import accounts
    from macturnos.server.auth import Role
    from macturnos.server.events import events_after

    sara = accounts.create_user(
        ctx,
        accounts.CONSOLE,
        username="sara",
        full_name="Sara Quispe",
        role=Role.SUPERVISOR,
        password="clave-secreta-1",
    )
    assert sara["username"] == "sara" and "password_hash" not in sara
    accounts.set_password(ctx, accounts.CONSOLE, "sara", "clave-secreta-2")
    device = accounts.register_device(
        ctx, accounts.CONSOLE, kind=Role.DISPLAY, code="TV-B", name="TV"
    )
    paired = accounts.pair_device(ctx, device["pairing_code"])
    try:
        accounts.login(ctx, "sara", "clave-secreta-1")  # the old password
    except DomainError as err:
        assert err.code == "INVALID_CREDENTIALS"
    session = accounts.login(ctx, "sara", "clave-secreta-2")
    actor = Actor(role=Role.SUPERVISOR, label="user:sara", user_id=session.user.id, name="Sara")
    accounts.logout(ctx, actor, session.token)
    with ctx.db.read() as s:
        events = events_after(s, 0)
    kinds = [e["kind"] for e in events]
    for kind in (
        "user.created",
        "user.password_set",
        "device.registered",
        "device.paired",
        "auth.failed",
        "auth.login",
        "auth.logout",
    ):
        assert kind in kinds
    assert next(e for e in events if e["kind"] == "user.created")["actor"] == "system:cli"
    text = json.dumps(events)
    for secret in (
        "clave-secreta-1",
        "clave-secreta-2",
        device["pairing_code"],
        paired["token"],
        session.token,
    ):
        assert secret not in text
