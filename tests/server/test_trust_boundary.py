"""Devices are not staff, every client hears only its share (issue 15, items 1-8)."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

import httpx
import websockets
from support import device_client, login

from macturnos.server.auth import Role, create_user


def ws_url(server) -> str:
    return server.url.replace("http", "ws") + "/api/v1/events"


def token_of(client) -> str:
    return client.headers["Authorization"].split()[1]


async def recv(ws, timeout=5.0) -> dict:
    return json.loads(await asyncio.wait_for(ws.recv(), timeout))


async def hello(ws, token, since=None) -> None:
    await ws.send(json.dumps({"type": "hello", "token": token, "since": since}))


def issue(client, service="DNI-DUP") -> dict:
    r = client.post("/api/v1/tickets", json={"service": service})
    assert r.status_code == 201, r.text
    return r.json()["ticket"]


def code(r: httpx.Response) -> str:
    return r.json()["error"]["code"]


def test_a_kiosk_cancels_only_its_own_fresh_misprint(server, staff):
    """Item 1: before, a kiosk token cancelled any ticket, even one being called."""
    k1 = device_client(server, "kiosk", "K1")
    k2 = device_client(server, "kiosk", "K2")
    staff("olga", "orientator")
    staff("ana", "advisor")
    olga = login(server, "olga")
    ana = login(server, "ana")
    called = issue(k1)
    other_kiosks = issue(k2)
    reception = issue(olga)
    ana.post("/api/v1/modules/1/session")
    assert ana.post("/api/v1/modules/1/call-next").json()["id"] == called["id"]
    for t in (other_kiosks, reception, called):
        r = k1.post(f"/api/v1/tickets/{t['id']}/cancel", json={"reason": "print_failed"})
        assert r.status_code == 403 and code(r) == "KIOSK_CANCEL_NOT_ALLOWED", r.text
    late = issue(k1)
    server.ctx.clock.advance(timedelta(minutes=3))
    r = k1.post(f"/api/v1/tickets/{late['id']}/cancel", json={"reason": "print_failed"})
    assert code(r) == "KIOSK_CANCEL_NOT_ALLOWED"
    mine = issue(k1)
    r = k1.post(f"/api/v1/tickets/{mine['id']}/cancel", json={"reason": "print_failed"})
    assert r.status_code == 200, r.text
    # Reception still cancels any waiting ticket.
    r = olga.post(f"/api/v1/tickets/{other_kiosks['id']}/cancel", json={"reason": "se retiró"})
    assert r.status_code == 200, r.text


def test_an_advisor_opens_only_modules_of_their_entity(server):
    """Item 3: before, an advisor of SUNAT opened a RENIEC module."""
    with server.ctx.db.write() as s:
        create_user(
            s,
            username="bn1",
            full_name="Asesor BN",
            role=Role.ADVISOR,
            password="clave-segura-1",
            now=server.ctx.clock.now(),
            entity_code="BN",
        )
    bn = login(server, "bn1")
    r = bn.post("/api/v1/modules/1/session")  # RENIEC's
    assert r.status_code == 403 and code(r) == "MODULE_OTHER_ENTITY", r.text
    assert bn.post("/api/v1/modules/3/session").status_code == 200  # BN's


def test_coordinator_issues_tickets_as_the_docs_say(server, staff):
    """Item 5: before, a coordinator got 403 on POST /tickets."""
    staff("coco", "coordinator")
    issue(login(server, "coco"))


def test_revoking_a_device_and_re_registering_it(server, staff):
    """Item 4: before, there was no revocation and re-registering left the old token working."""
    staff("tic", "ict")
    tic = login(server, "tic")
    kiosk = device_client(server, "kiosk", "K1")
    assert kiosk.get("/api/v1/queues").status_code == 200
    r = tic.post("/api/v1/devices", json={"kind": "kiosk", "code": "K1", "name": "K1"})
    assert r.status_code == 201
    assert kiosk.get("/api/v1/queues").status_code == 401
    again = device_client(server, "kiosk", "K1")
    assert again.get("/api/v1/queues").status_code == 200
    r = tic.post("/api/v1/devices/K1/revoke")
    assert r.status_code == 200 and r.json()["active"] is False
    assert again.get("/api/v1/queues").status_code == 401
    assert code(tic.post("/api/v1/devices/NADA/revoke")) == "UNKNOWN_DEVICE"


def test_disabling_a_user_ends_their_sessions(server, staff):
    from macturnos.server import accounts

    staff("ana", "advisor")
    ana = login(server, "ana")
    assert ana.get("/api/v1/auth/me").status_code == 200
    accounts.set_user_active(server.ctx, accounts.CONSOLE, "ana", False)
    assert ana.get("/api/v1/auth/me").status_code == 401
    r = httpx.post(
        f"{server.url}/api/v1/auth/login", json={"username": "ana", "password": "clave-segura-1"}
    )
    assert r.status_code == 401
    accounts.set_user_active(server.ctx, accounts.CONSOLE, "ana", True)
    login(server, "ana")


async def _stream_closes(server, client, end) -> None:
    async with websockets.connect(ws_url(server)) as ws:
        await hello(ws, token_of(client))
        await recv(ws)  # the snapshot
        await asyncio.to_thread(end)
        # Within a second, not at the 30 s re-check: an error, then the close.
        msg = await recv(ws, timeout=3.0)
        while msg.get("type") == "event":
            msg = await recv(ws, timeout=3.0)
        assert msg["type"] == "error" and msg["error"]["code"] == "NOT_AUTHENTICATED"


async def test_logout_revoke_and_disable_close_open_streams(server, staff):
    """Item 7: before, a stream outlived its logout until the 30 s re-check."""
    from macturnos.server import accounts

    staff("ana", "advisor")
    ana = login(server, "ana")
    await _stream_closes(server, ana, lambda: ana.post("/api/v1/auth/logout"))
    staff("eva", "advisor")
    eva = login(server, "eva")
    await _stream_closes(
        server, eva, lambda: accounts.set_user_active(server.ctx, accounts.CONSOLE, "eva", False)
    )
    kiosk = device_client(server, "kiosk", "K1")
    await _stream_closes(
        server, kiosk, lambda: accounts.revoke_device(server.ctx, accounts.CONSOLE, "K1")
    )


async def test_devices_hear_only_their_share(server, staff):
    """Item 6: before, a kiosk's stream carried every event, auth.failed included."""
    kiosk = device_client(server, "kiosk", "K1")
    staff("sara", "supervisor")
    sara = login(server, "sara")
    async with websockets.connect(ws_url(server)) as ws:
        await hello(ws, token_of(kiosk), since=0)
        seen = []
        # A password typed into the username field, then a ticket.
        httpx.post(
            f"{server.url}/api/v1/auth/login",
            json={"username": "MiClaveSecreta99", "password": "x"},
        )
        t = issue(sara)
        while not any(e.get("ticket_id") == t["id"] for e in seen):
            seen.append(await recv(ws))
    kinds = {e["kind"] for e in seen}
    assert "ticket.issued" in kinds
    assert not kinds & {"auth.failed", "auth.login", "device.paired", "user.created"}
    assert all(not e["actor"].startswith("user:") for e in seen)
    text = json.dumps(seen)
    assert "MiClaveSecreta99" not in text and "sara" not in text
    seqs = [e["seq"] for e in seen]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))  # placeholders keep it whole
    # A supervisor hears the failure, without the typed text of an unknown name.
    events = sara.get("/api/v1/events").json()
    failed = [e for e in events if e["kind"] == "auth.failed"]
    assert failed and all(e["actor"] == "user:?" for e in failed)
    assert "MiClaveSecreta99" not in json.dumps(events)


def test_unknown_names_get_the_same_lockout_as_real_ones(server, staff):
    """Item 8: before, a known user got 423 after 5 failures and an unknown name 401 for ever."""
    staff("ana", "advisor")
    answers = {}
    for name in ("ana", "nadie"):
        codes = []
        for _ in range(6):
            r = httpx.post(
                f"{server.url}/api/v1/auth/login", json={"username": name, "password": "mala"}
            )
            codes.append(r.status_code)
        answers[name] = codes
        server.ctx.throttle = type(server.ctx.throttle)()  # only the lockout is tried here
    assert answers["ana"] == answers["nadie"] == [401, 401, 401, 401, 401, 423]


def test_failed_logins_and_pairings_are_throttled_per_address(server, staff):
    """Item 8: before, 232 wrong pairing codes a second were tried without a pause."""
    codes = []
    for i in range(12):
        r = httpx.post(f"{server.url}/api/v1/devices/pair", json={"pairing_code": f"{i:08d}"})
        codes.append(r.status_code)
    assert codes[:10] == [401] * 10 and codes[10:] == [429, 429]
    assert code(r) == "TOO_MANY_ATTEMPTS"
    staff("ana", "advisor")
    r = httpx.post(
        f"{server.url}/api/v1/auth/login", json={"username": "ana", "password": "clave-segura-1"}
    )
    assert r.status_code == 429  # the same address, even with the right password
    server.ctx.clock.advance(timedelta(minutes=2))
    if server.ctx.wall is not server.ctx.clock:  # the throttle counts in real time
        server.ctx.wall.advance(timedelta(minutes=2))
    login(server, "ana")


async def test_a_devices_snapshot_and_reads_hold_only_its_share(server, staff):
    """Item 6, the snapshot: before, a kiosk's snapshot carried staff notes, advisors'
    usernames and the PCM link, though its events did not."""
    staff("sara", "supervisor")
    staff("ana", "advisor")
    sara, ana = login(server, "sara"), login(server, "ana")
    first = issue(sara, "DNI-REN")
    # A staff note travels with a transfer to the new ticket.
    r = sara.post(
        f"/api/v1/tickets/{first['id']}/transfer",
        json={"service": "DNI-DUP", "note": "NotaPrivadaDeMesa"},
    )
    assert r.status_code == 201, r.text
    assert ana.post("/api/v1/modules/2/session").status_code == 200
    called = ana.post("/api/v1/modules/2/call-next")
    assert called.status_code == 200, called.text
    ticket_id = called.json()["id"]
    number = called.json()["number"]
    kiosk = device_client(server, "kiosk", "K1")

    def private(text: str) -> list[str]:
        return [w for w in ("NotaPrivadaDeMesa", '"ana"', "Ana", "advisor_username") if w in text]

    staff_snap = sara.get("/api/v1/snapshot").json()
    assert private(json.dumps(staff_snap)) and staff_snap["sync"] is not None
    assert staff_snap["day_status"] is not None
    snap = kiosk.get("/api/v1/snapshot").json()
    assert private(json.dumps(snap)) == []
    assert snap["sync"] is None and snap["day_status"]["state"] == "open"
    assert [m["ticket"]["number"] for m in snap["modules"] if m["ticket"]] == [number]
    for path in ("/api/v1/modules", f"/api/v1/tickets/{ticket_id}"):
        assert private(kiosk.get(path).text) == [], path
    assert private(kiosk.get("/api/v1/tickets/lookup", params={"number": number}).text) == []
    # The stream's first message is the same share.
    async with websockets.connect(ws_url(server)) as ws:
        await hello(ws, token_of(kiosk))
        first = await recv(ws)
    assert first["type"] == "snapshot" and private(json.dumps(first)) == []
    assert first["sync"] is None
    # An advisor (staff, not an admin) reads notes but not the PCM link.
    assert ana.get("/api/v1/snapshot").json()["sync"] is None
