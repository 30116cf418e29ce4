"""The centre's day over the real HTTP API: checklist and gate, closing, seal and summary.

The probes are the hardware layer's, against local fakes: a local HTTPS server as
the PCM endpoint (trusted through SSL_CERT_FILE) and a fake `upsc` for the UPS.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from support import LIMA, device_client, login
from support.day import (
    NUT_ON_BATTERY,
    NUT_ONLINE,
    THURSDAY_8,
    VIGILANCIA_OK,
    centre_with_fakes,
    run,
)


@pytest.fixture
def centre_config(pcm, ups):
    """The test centre with its PCM endpoint and UPS pointing at the local fakes."""
    return centre_with_fakes(pcm[0], ups)


# --- helpers ---------------------------------------------------------------------------


@pytest.fixture
def kiosk(server):
    return device_client(server)


def refusal(response, status, code):
    assert response.status_code == status, response.text
    err = response.json()["error"]
    assert err["code"] == code
    assert err["message"] and err["message"][0].isupper()
    return err


def events(sara, kind):
    return [e for e in sara.get("/api/v1/events").json() if e["kind"] == kind]


# --- the gate --------------------------------------------------------------------------


def test_probes_feed_the_checklist(server, thursday, sara, kiosk):
    kiosk.post(
        "/api/v1/devices/me/health", json={"status": "warning", "detail": {"papel": "por acabarse"}}
    )
    r = sara.get("/api/v1/day/checklist")
    assert r.status_code == 200, r.text
    body = r.json()
    items = {i["code"]: i for i in body["items"]}
    assert body["day"] == "2026-11-26"
    assert [i["zone"] for i in body["items"]][0] == "RECEPCION"
    assert items["GEN-VIGILANCIA"] | {"prefill": None} == items["GEN-VIGILANCIA"]
    assert items["GEN-VIGILANCIA"]["blocking"] and not items["GEN-VIGILANCIA"]["automatic"]

    internet = items["TIC-INTERNET"]["prefill"]
    assert internet["result"] == "ok" and internet["probe_state"] == "ok"
    assert "localhost" in internet["note"] and internet["result_name"] == "Conforme"
    power = items["TIC-ENERGIA"]["prefill"]
    assert power["result"] == "ok" and power["detail"]["status"] == "OL"
    printers = items["ATE-IMPRESORAS"]["prefill"]
    assert printers["probe_state"] == "warning" and printers["result"] == "ok"
    assert "K1" in printers["note"] and "por acabarse" in printers["note"]
    screens = items["ATE-PANTALLAS"]["prefill"]
    assert screens["result"] == "fail" and "TV-A" in screens["note"]
    assert "no está vinculado" in screens["note"]
    assert items["ATE-LED"]["prefill"]["result"] == "not_applicable"  # no module has one
    turn = items["TIC-TURNOS"]["prefill"]
    assert turn["result"] == "ok" and turn["detail"]["free_bytes"] > 0
    from macturnos.server.db import sync_models

    citas = items["TIC-CITAS"]["prefill"]
    # Until the PCM sync brings appointments the item does not apply; then none are loaded.
    expected = "unknown" if hasattr(sync_models, "Appointment") else "not_applicable"
    assert citas["result"] == expected

    # A call screen that reports an error fails; once fine, the item is fine.
    screen = device_client(server, "display", "TV-A")
    screen.post(
        "/api/v1/devices/me/health", json={"status": "error", "detail": {"hdmi": "sin señal"}}
    )
    items = {i["code"]: i for i in sara.get("/api/v1/day/checklist").json()["items"]}
    assert "sin señal" in items["ATE-PANTALLAS"]["prefill"]["note"]
    screen.post("/api/v1/devices/me/health", json={"status": "ok", "detail": {}})
    items = {i["code"]: i for i in sara.get("/api/v1/day/checklist").json()["items"]}
    assert items["ATE-PANTALLAS"]["prefill"]["result"] == "ok"

    # A report from yesterday is stale: unverified, not fine.
    server.ctx.clock.advance(timedelta(days=1))
    sara = login(server, "sara")
    items = {i["code"]: i for i in sara.get("/api/v1/day/checklist").json()["items"]}
    assert items["ATE-PANTALLAS"]["prefill"]["result"] == "unknown"


def test_no_ticket_before_opening_a_blocked_day_and_reopening(
    server, thursday, sara, kiosk, pcm, ups
):
    refusal(
        kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}), 409, "OUTSIDE_OPENING_HOURS"
    )
    server.ctx.clock.set(THURSDAY_8 + timedelta(minutes=35))
    refusal(kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}), 409, "CENTRE_NOT_OPENED")
    assert kiosk.get("/api/v1/day/status").json()["state"] == "not_verified"

    # No internet (a captive portal) and the UPS on battery; the guards not confirmed.
    pcm[1].portal = True
    ups.write_text(NUT_ON_BATTERY)
    blocked = run(sara, note="Se informó al coordinador")
    assert blocked.status_code == 200, blocked.text
    body = blocked.json()
    assert body["opened"] is False and body["decision"] == "blocked"
    reasons = body["blocking_reasons"]
    assert len(reasons) == 3
    assert reasons[0].startswith("Personal de vigilancia en el centro: Sin verificar")
    assert reasons[1].startswith("Conexión a internet: No conforme") and "portal" in reasons[1]
    assert reasons[2].startswith("Energía eléctrica: No conforme") and "batería" in reasons[2]
    assert body["run_by"] == "user:sara" and body["note"] == "Se informó al coordinador"

    # Nothing can be issued anywhere, and kiosks can say why.
    err = refusal(kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}), 409, "CENTRE_BLOCKED")
    assert "Conexión a internet" in err["message"]
    reception = login(server, "sara")
    refusal(reception.post("/api/v1/tickets", json={"service": "BN-PAGO"}), 409, "CENTRE_BLOCKED")
    queues = {q["service"]: q for q in kiosk.get("/api/v1/queues").json()}
    assert queues["DNI-DUP"]["unavailable_code"] == "CENTRE_BLOCKED"
    assert kiosk.get("/api/v1/snapshot").json()["day_status"]["state"] == "blocked"
    status = kiosk.get("/api/v1/day/status").json()
    assert status["state"] == "blocked" and status["opened"] is False
    assert status["message"].startswith("El centro no abre hoy: Personal de vigilancia")
    assert status["blocking_reasons"] == reasons
    assert kiosk.get("/api/v1/snapshot").json()["opened"] is False
    # The result and its reasons are queued for the PCM in the event log.
    (ev,) = events(sara, "day.blocked")
    assert ev["data"]["reasons"] == reasons and ev["actor"] == "user:sara"
    assert len(ev["data"]["run"]["items"]) == len(body["items"])

    # Power is back, the guards arrived; internet still down: still closed.
    ups.write_text(NUT_ONLINE)
    again = run(sara, VIGILANCIA_OK).json()
    assert again["opened"] is False and len(again["blocking_reasons"]) == 1

    # Solved: running the checklist again opens the centre, with the incidents recorded.
    pcm[1].portal = False
    server.ctx.clock.advance(timedelta(minutes=5))
    opened = run(sara, VIGILANCIA_OK, {"code": "GEN-AIRE", "result": "fail", "note": "no enfría"})
    body = opened.json()
    assert opened.status_code == 200 and body["opened"] is True
    assert body["decision"] == "open_with_incidents"
    assert any(
        i.startswith("Aire acondicionado: No conforme (no enfría)") for i in body["incidents"]
    )
    assert any(i.startswith("Televisores y pantallas de llamado") for i in body["incidents"])
    ticket = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"})
    assert ticket.status_code == 201 and ticket.json()["ticket"]["number"] == "R-001"

    status = kiosk.get("/api/v1/day/status").json()
    assert status["state"] == "open_with_incidents" and status["blocking_reasons"] == []
    assert status["opened_by"] == "user:sara"
    assert {i["item"] for i in status["incidents"]} >= {"GEN-AIRE", "ATE-PANTALLAS"}
    assert [r["decision"] for r in status["runs"]] == ["blocked", "blocked", "open_with_incidents"]
    assert len(events(sara, "day.incident")) == len(status["incidents"])
    (opened_ev,) = [e for e in events(sara, "day.opened") if e["day"] == "2026-11-26"]
    assert opened_ev["data"]["checklist"] is True

    err = refusal(run(sara, VIGILANCIA_OK), 409, "DAY_ALREADY_OPENED")
    assert "08:40" in err["message"]


def test_overruling_a_failed_probe_needs_a_note(server, thursday, sara, pcm, staff, kiosk):
    pcm[1].portal = True
    internet_ok = {"code": "TIC-INTERNET", "result": "ok"}
    refusal(run(sara, VIGILANCIA_OK, internet_ok), 422, "CHECKLIST_NOTE_REQUIRED")
    refusal(run(sara, {"code": "NO-EXISTE", "result": "ok"}), 422, "CHECKLIST_UNKNOWN_ITEM")
    refusal(run(sara, VIGILANCIA_OK, VIGILANCIA_OK), 422, "CHECKLIST_REPEATED_ITEM")
    refusal(
        sara.post("/api/v1/day/checklist", json={"items": [{"code": "X", "result": "bien"}]}),
        422,
        "INVALID_REQUEST",
    )
    staff("ana", "advisor")
    refusal(run(login(server, "ana"), VIGILANCIA_OK), 403, "FORBIDDEN_ROLE")
    refusal(kiosk.get("/api/v1/day/checklist"), 403, "FORBIDDEN_ROLE")
    # Opening without the checklist is for the server itself only: no such route.
    assert sara.post("/api/v1/day/open").status_code == 404

    # No internet, no opening: the person's "ok" is kept, but it does not open (item 8).
    note = {**internet_ok, "note": "x"}
    body = run(sara, VIGILANCIA_OK, note).json()
    assert body["opened"] is False and body["decision"] == "blocked"
    item = next(i for i in body["items"] if i["code"] == "TIC-INTERNET")
    assert item["probe_state"] == "fail" and item["result"] == "ok"
    assert item["confirmed_by_person"] and item["note"] == "x"
    assert "portal" in item["probe_reason"]
    (reason,) = body["blocking_reasons"]
    assert reason.startswith("Conexión a internet: la comprobación automática falló")
    assert sara.get("/api/v1/day/status").json()["state"] == "blocked"

    # A non-blocking item's failed probe can be overruled, with a note: an incident.
    pcm[1].portal = False
    pantallas = {"code": "ATE-PANTALLAS", "result": "ok", "note": "TV-A reconectada"}
    body = run(sara, VIGILANCIA_OK, pantallas).json()
    assert body["opened"] is True and body["decision"] == "open_with_incidents"
    assert any("TV-A reconectada" in r and "comprobación" in r for r in body["incidents"])
    status = sara.get("/api/v1/day/status").json()
    (incident,) = [i for i in status["incidents"] if i["item"] == "ATE-PANTALLAS"]
    assert incident["result"] == "ok" and incident["note"].startswith("TV-A reconectada")
    assert "comprobación automática" in incident["note"] and "TV-A" in incident["note"]
    summary = sara.get("/api/v1/day/summary").json()
    assert any(i["item"] == "ATE-PANTALLAS" for i in summary["incidents"])


def test_a_closed_day_cannot_be_opened(server, staff):
    server.ctx.clock.set(datetime(2026, 11, 29, 9, 0, tzinfo=LIMA))  # Sunday
    staff("sara", "supervisor")
    sara = login(server, "sara")
    refusal(run(sara, VIGILANCIA_OK), 409, "CENTRE_CLOSED_TODAY")
    status = sara.get("/api/v1/day/status").json()
    assert status["state"] == "closed_today" and status["hours"] is None
    assert status["phase"] == "closed"


def test_holiday_hours(server, staff, kiosk):
    server.ctx.clock.set(datetime(2026, 12, 8, 8, 50, tzinfo=LIMA))  # Inmaculada Concepción
    staff("sara", "supervisor")
    sara = login(server, "sara")
    status = kiosk.get("/api/v1/day/status").json()
    assert status["holiday"] == "Inmaculada Concepción"
    assert status["hours"] == {"opens": "09:00", "closes": "13:30"}
    assert status["closing_warning_at"] == "13:00"
    assert run(sara, VIGILANCIA_OK).json()["opened"] is True
    err = refusal(
        kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}), 409, "OUTSIDE_OPENING_HOURS"
    )
    assert "09:00 a 13:30" in err["message"]
    server.ctx.clock.set(datetime(2026, 12, 8, 12, 59, tzinfo=LIMA))
    assert kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).status_code == 201
    assert sara.get("/api/v1/day/closing").json()["phase"] == "open"
    server.ctx.clock.set(datetime(2026, 12, 8, 13, 0, tzinfo=LIMA))
    closing = sara.get("/api/v1/day/closing").json()
    assert closing["phase"] == "closing" and closing["closes"] == "13:30"
    assert [t["number"] for t in closing["waiting"]] == ["R-001"]
    server.ctx.clock.set(datetime(2026, 12, 8, 13, 30, tzinfo=LIMA))
    refusal(
        kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}), 409, "OUTSIDE_OPENING_HOURS"
    )


# --- closing -----------------------------------------------------------------------------

WED = datetime(2026, 11, 25, 10, 0, tzinfo=LIMA)


@pytest.fixture
def ana(server, staff):
    staff("ana", "advisor")
    client = login(server, "ana")
    assert client.post("/api/v1/modules/1/session").status_code == 200
    return client


def issue(kiosk, service="DNI-DUP"):
    r = kiosk.post("/api/v1/tickets", json={"service": service})
    assert r.status_code == 201, r.text
    return r.json()["ticket"]


def test_closing_with_tickets_pending(server, sara, kiosk, ana):
    r1, r2, r3, b1 = issue(kiosk), issue(kiosk), issue(kiosk), issue(kiosk, "BN-PAGO")
    ana.post("/api/v1/modules/1/call-next")
    ana.post("/api/v1/modules/1/start")

    server.ctx.clock.set(WED.replace(hour=17))
    assert sara.get("/api/v1/day/closing").json()["phase"] == "open"
    err = refusal(sara.post("/api/v1/day/closing/close-remaining", json={}), 409, "DAY_NOT_CLOSING")
    assert "18:00" in err["message"]
    refusal(sara.post("/api/v1/day/seal", json={}), 409, "DAY_NOT_CLOSING")

    server.ctx.clock.set(WED.replace(hour=18, minute=5))
    closing = sara.get("/api/v1/day/closing").json()
    assert closing["phase"] == "closing" and closing["can_seal"] is False
    assert [t["number"] for t in closing["waiting"]] == ["R-002", "R-003", "B-001"]
    assert [t["number"] for t in closing["in_service"]] == [r1["number"]]
    assert closing["pending"] == 4
    refusal(sara.post("/api/v1/day/seal", json={}), 409, "DAY_IN_SERVICE_TICKETS")

    ana.post("/api/v1/modules/1/finish")
    assert ana.post("/api/v1/modules/1/call-next").json()["number"] == r2["number"]
    one = sara.post("/api/v1/day/closing/close-remaining", json={"ticket_ids": [r3["id"]]})
    assert one.status_code == 200 and [t["number"] for t in one.json()["closed"]] == ["R-003"]
    refusal(
        sara.post("/api/v1/day/closing/close-remaining", json={"ticket_ids": [r1["id"]]}),
        404,
        "UNKNOWN_TICKET",
    )  # finished: nothing to close
    err = refusal(sara.post("/api/v1/day/seal", json={}), 409, "DAY_HAS_PENDING_TICKETS")
    assert "2 turnos" in err["message"]

    rest = sara.post("/api/v1/day/closing/close-remaining", json={}).json()
    assert sorted(t["number"] for t in rest["closed"]) == ["B-001", "R-002"]
    assert all(t["status"] == "cancelled" and t["end_reason"] == "cierre" for t in rest["closed"])
    modules = {m["number"]: m for m in ana.get("/api/v1/modules").json()}
    assert modules[1]["state"] == "free"  # the called ticket left the module
    assert len(events(sara, "ticket.closed_at_end_of_day")) == 3
    assert sara.get("/api/v1/day/closing").json()["can_seal"] is True

    sealed = sara.post("/api/v1/day/seal", json={})
    assert sealed.status_code == 200, sealed.text
    summary = sealed.json()
    assert summary["provisional"] is False and summary["sealed_at"]
    assert summary["totals"]["issued"] == 4 and summary["totals"]["attentions"] == 1
    assert summary["totals"]["closed_at_end"] == 3
    assert b1["number"] == "B-001"

    # Sealed: no more tickets today, modules closed, the summary kept and sent.
    refusal(kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}), 409, "CENTRE_NOT_OPENED")
    assert kiosk.get("/api/v1/day/status").json()["state"] == "sealed"
    assert {m["state"] for m in ana.get("/api/v1/modules").json()} == {"closed"}
    refusal(sara.post("/api/v1/day/seal", json={}), 409, "DAY_SEALED")
    refusal(sara.post("/api/v1/day/closing/close-remaining", json={}), 409, "DAY_SEALED")
    (ev,) = events(sara, "day.summary")
    assert ev["data"] == summary
    assert sara.get("/api/v1/day/summary", params={"day": "2026-11-25"}).json() == summary


# --- the day summary -------------------------------------------------------------------


def test_day_summary_figures_of_a_known_day(server, sara, kiosk, ana, staff):
    clock = server.ctx.clock
    staff("beto", "advisor")
    beto = login(server, "beto")
    beto.post("/api/v1/modules/3/session")

    def at(hh, mm):
        clock.set(WED.replace(hour=hh, minute=mm))

    issue(kiosk), issue(kiosk), issue(kiosk, "BN-PAGO")  # 10:00, B-001
    at(10, 5), ana.post("/api/v1/modules/1/call-next")  # R-001 waited 5 min
    at(10, 6), ana.post("/api/v1/modules/1/start")
    at(10, 25), ana.post("/api/v1/modules/1/finish")  # served 19 min
    ana.post("/api/v1/modules/1/call-next")  # R-002 waited 25 min
    at(10, 26), ana.post("/api/v1/modules/1/start")
    at(10, 30), beto.post("/api/v1/modules/3/call-next")  # B-001 waited 30 min
    beto.post("/api/v1/modules/3/no-show")
    at(10, 36), ana.post("/api/v1/modules/1/finish")  # served 10 min
    at(10, 40), issue(kiosk)
    at(10, 42), ana.post("/api/v1/modules/1/call-next")  # waited 2 min
    at(10, 43), ana.post("/api/v1/modules/1/start")
    at(10, 49), ana.post("/api/v1/modules/1/finish")  # served 6 min

    provisional = sara.get("/api/v1/day/summary").json()
    assert provisional["provisional"] is True

    at(18, 0)
    summary = sara.post("/api/v1/day/seal", json={}).json()
    t = summary["totals"]
    assert (t["issued"], t["attentions"], t["no_shows"]) == (4, 3, 1)
    # Waits 5, 25, 2 min; services 19, 10, 6 min (worked out by hand).
    assert t["avg_wait_s"] == pytest.approx(640.0)  # 32 / 3 min
    assert t["p90_wait_s"] == 1500.0  # nearest rank ceil(2.7) = 3rd: 25 min
    assert t["avg_service_s"] == pytest.approx(700.0)  # 35 / 3 min
    assert t["p90_service_s"] == 1140.0  # 19 min
    assert t["within_target"] == 2  # RENIEC's target is 20 min
    assert t["within_target_share"] == pytest.approx(0.6667)

    entities = {e["entity"]: e for e in summary["entities"]}
    reniec, bn = entities["RENIEC"], entities["BN"]
    assert reniec["entity_name"] == "Registro Nacional de Identificación y Estado Civil"
    assert (reniec["attentions"], reniec["no_shows"]) == (3, 0)
    (dni,) = reniec["services"]
    assert dni["service"] == "DNI-DUP" and dni["target_wait_min"] == 20
    assert dni["avg_wait_s"] == pytest.approx(640.0) and dni["p90_service_s"] == 1140.0
    assert (bn["issued"], bn["attentions"], bn["no_shows"]) == (1, 0, 1)
    assert bn["avg_wait_s"] is None and bn["within_target_share"] is None

    # The provisional figures of the morning were the same as those kept at the seal.
    for key in ("totals", "entities"):
        assert provisional[key] == summary[key]


# --- the PCM link's trust and a lab's plain-HTTP endpoint (issue 16, items 6 and 7) ---


class TestPrivateCa:
    """A PCM certified by a private CA, named in `pcm.ca_file` and trusted nowhere else."""

    @pytest.fixture
    def centre_config(self, pcm, pcm_cert, ups, monkeypatch):
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)
        return centre_text(pcm[0], ups, f"  ca_file: {pcm_cert[0]}\n")

    def test_the_probe_trusts_what_the_sync_trusts(self, server, thursday, sara):
        from macturnos.server.sync.service import SyncSettings

        items = {i["code"]: i for i in sara.get("/api/v1/day/checklist").json()["items"]}
        internet = items["TIC-INTERNET"]["prefill"]
        assert internet["probe_state"] == "ok", internet
        assert "portal" not in internet["reason"]
        # The sync builds its trust with the same helper, from the same setting.
        verify = SyncSettings.from_config(server.ctx.runtime.setup.config).verify
        assert not isinstance(verify, bool) and verify.get_ca_certs()


def centre_text(endpoint: str, ups, pcm_extra: str = ""):
    """The test centre with this PCM endpoint (plus `pcm_extra` lines) and the fake UPS."""
    from support import FIXTURES

    from macturnos.config import parse_centre

    text = (FIXTURES / "centre.yaml").read_text(encoding="utf-8")
    line = "  endpoint: https://pcm.example.gob.pe/api/mac/v1\n"
    text = text.replace(line, f"  endpoint: {endpoint}\n{pcm_extra}")
    text += f"power:\n  ups:\n    name: ups@localhost\n    upsc_path: {ups.parent / 'upsc'}\n"
    return parse_centre(text)


@pytest.fixture
def plain_pcm() -> Iterator[str]:
    """A lab's PCM receiver: plain HTTP on 127.0.0.1; yields its API URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/api/mac/v1"
    srv.shutdown()
    srv.server_close()
    thread.join(timeout=5)


class TestLabEndpoint:
    """`http://127.0.0.1` is accepted by check-config for a lab: the checklist answers."""

    @pytest.fixture
    def centre_config(self, plain_pcm, ups, monkeypatch):
        for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        return centre_text(plain_pcm, ups)

    def test_a_lab_opens_and_is_told_the_link_is_not_encrypted(self, server, thursday, sara):
        r = sara.get("/api/v1/day/checklist")
        assert r.status_code == 200, r.text
        items = {i["code"]: i for i in r.json()["items"]}
        internet = items["TIC-INTERNET"]["prefill"]
        assert internet["probe_state"] == "warning" and internet["result"] == "ok"
        assert "sin cifrar" in internet["reason"] and internet["detail"]["plain_http"] is True
        r = run(sara, VIGILANCIA_OK)
        assert r.status_code == 200, r.text
        item = next(i for i in r.json()["items"] if i["code"] == "TIC-INTERNET")
        assert item["result"] == "ok" and "sin cifrar" in item["note"]


def test_plain_http_off_this_machine_fails_the_item_and_never_raises():
    from macturnos.server.day.internet import probe_pcm

    result = probe_pcm("http://pcm.example.gob.pe/api", None, 1.0)
    assert result.state == "fail" and "https://" in result.reason


def test_a_probe_that_breaks_is_a_failed_item(server, thursday, sara, monkeypatch):
    from macturnos.server.day import probes as day_probes

    def broken(ctx, probes, day):
        raise ValueError("algo raro")

    monkeypatch.setitem(day_probes.PROBES, "internet", broken)
    r = sara.get("/api/v1/day/checklist")
    assert r.status_code == 200, r.text
    items = {i["code"]: i for i in r.json()["items"]}
    assert items["TIC-INTERNET"]["prefill"]["result"] == "fail"
    assert "algo raro" in items["TIC-INTERNET"]["prefill"]["reason"]
