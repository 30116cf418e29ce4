"""The supervisor's day against a real server: checklist and gate, closing, seal, summary.

The checklist's probes are the server's own, against the local fakes of
tests/conftest.py: a local HTTPS PCM endpoint and a fake `upsc`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from support import LIMA, device_client
from support.counter import TIMEOUT_MS, api_login, log_in, shot
from support.day import NUT_ON_BATTERY, NUT_ONLINE, THURSDAY_8, centre_with_fakes

from macturnos.client.events import EventStream
from macturnos.client.ui import theme


@pytest.fixture
def centre_config(pcm, ups):
    """The test centre with its PCM endpoint and UPS pointing at the local fakes."""
    return centre_with_fakes(pcm[0], ups)


@pytest.fixture
def people(staff_account):
    """A supervisor and a RENIEC advisor."""
    staff_account("sara", "supervisor")
    staff_account("ana", "advisor", entity="RENIEC")


@pytest.fixture
def kiosk(server):
    """A paired kiosk (it talks HTTP only: no live stream)."""
    client = device_client(server, "kiosk", "K1")
    yield client
    client.close()


def supervisor(qtbot, open_window):
    window = open_window()
    log_in(qtbot, window, "sara")
    view = window.supervisor_view
    qtbot.waitUntil(lambda: window.supervisor.day.status is not None, timeout=TIMEOUT_MS)
    return window, view, view.day_view


def issue(kiosk, service: str):
    return kiosk.post("/api/v1/tickets", json={"service": service})


def alert_texts(view) -> list[str]:
    return [view.alerts_list.item(i).text() for i in range(view.alerts_list.count())]


# --- opening -----------------------------------------------------------------------------


def test_blocked_opening_then_opened_once_solved(
    qtbot,
    open_window,
    people,
    kiosk,
    server,
    clock,
    pcm,
    ups,
):
    clock.set(THURSDAY_8 + timedelta(minutes=35))  # before logging in: tokens follow it
    pcm[1].portal = True  # no internet: a captive portal answers
    ups.write_text(NUT_ON_BATTERY)
    window, view, day = supervisor(qtbot, open_window)
    view.tabs.setCurrentWidget(view.day_tab)
    qtbot.waitUntil(lambda: bool(day.rows), timeout=TIMEOUT_MS)
    assert "Sin verificar" in view.day_line.text()
    internet = day.row("TIC-INTERNET")
    assert internet.prefill_result == "fail" and internet.result.currentData() == "fail"
    assert internet.probe.text().startswith("No conforme")
    assert day.row("GEN-VIGILANCIA").result.currentData() == "unknown"

    # What blocks the opening is said before anything is sent, and follows the answers.
    blockers = day.blockers_line
    assert blockers.isVisible() and blockers.text().startswith("El centro no puede abrir")
    guards = day.row("GEN-VIGILANCIA").item["label"]
    for what in ("Conexión a internet: No conforme", "Energía eléctrica", guards):
        assert what in blockers.text()
    assert theme.DANGER in blockers.styleSheet()

    day.mark_pending_ok()
    # Blocking manual items are confirmed one by one, never in bulk.
    assert day.row("GEN-VIGILANCIA").result.currentData() == "unknown"
    assert day.row("GEN-AGUA").result.currentData() == "ok"
    day.answer("GEN-VIGILANCIA", "ok")
    assert guards not in blockers.text() and "Conexión a internet" in blockers.text()
    qtbot.waitUntil(day.open_button.isEnabled, timeout=TIMEOUT_MS)
    day.open_button.click()
    qtbot.waitUntil(lambda: "El centro no abre hoy" in day.run_result.text(), timeout=TIMEOUT_MS)
    text = day.run_result.text()
    assert "Conexión a internet: No conforme" in text and "Energía eléctrica" in text
    assert "en cola para informarse a la PCM" in text and day.run_result.is_error
    # The window's message line does not turn green over a centre that stays shut.
    qtbot.waitUntil(lambda: bool(view.messages.text()), timeout=TIMEOUT_MS)
    assert view.messages.is_error and "no abre" in view.messages.text()
    qtbot.waitUntil(lambda: view.day_line.text().startswith("Bloqueado: "), timeout=TIMEOUT_MS)
    assert "Conexión a internet" in view.day_line.text()
    refused = issue(kiosk, "DNI-DUP")
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "CENTRE_BLOCKED"
    assert day.runs_tree.topLevelItemCount() == 1
    assert day.runs_tree.topLevelItem(0).text(1) == "Centro bloqueado"
    shot(window, "day-blocked", docs=True)

    # Overruling the failed internet probe needs a note: the server's reason is shown.
    day.answer("TIC-INTERNET", "ok")
    assert internet.needs_note
    day.open_button.click()
    qtbot.waitUntil(lambda: "escriba una observación" in day.run_result.text(), timeout=TIMEOUT_MS)
    assert day.run_result.is_error

    # Solved: internet and power are back; checked again, the centre opens.
    pcm[1].portal = False
    ups.write_text(NUT_ONLINE)
    day.recheck_button.click()
    qtbot.waitUntil(
        lambda: bool(day.rows) and day.row("TIC-INTERNET").prefill_result == "ok",
        timeout=TIMEOUT_MS,
    )
    assert day.row("GEN-VIGILANCIA").result.currentData() == "ok"  # answers are kept
    day.answer("GEN-AIRE", "fail", "No enfría")
    qtbot.waitUntil(day.open_button.isEnabled, timeout=TIMEOUT_MS)
    day.open_button.click()
    qtbot.waitUntil(lambda: "Apertura registrada" in day.run_result.text(), timeout=TIMEOUT_MS)
    assert "Aire acondicionado: No conforme (No enfría)" in day.run_result.text()
    qtbot.waitUntil(
        lambda: view.day_line.text().startswith("Abierto con incidencias ("), timeout=TIMEOUT_MS
    )
    qtbot.waitUntil(lambda: day.runs_tree.topLevelItemCount() == 2, timeout=TIMEOUT_MS)
    latest = day.runs_tree.topLevelItem(0)
    assert latest.text(0) == "08:35 · Sara" and latest.text(1) == "Abrió con incidencias"
    notes = {latest.child(i).text(0): latest.child(i).text(2) for i in range(latest.childCount())}
    assert notes["Aire acondicionado"] == "No enfría"
    assert not day.open_button.isEnabled()
    assert issue(kiosk, "DNI-DUP").status_code == 201
    shot(window, "day-opened", docs=True)
    view.tabs.setCurrentWidget(view.monitor_tab)
    shot(window, "day-monitor-incidents")


def test_non_blocking_failure_opens_with_incidents_on_the_monitor(
    qtbot, open_window, people, server, clock
):
    clock.set(THURSDAY_8 + timedelta(minutes=35))
    window, view, day = supervisor(qtbot, open_window)
    qtbot.waitUntil(lambda: bool(day.rows), timeout=TIMEOUT_MS)
    day.mark_pending_ok()
    day.answer("GEN-VIGILANCIA", "ok")
    day.answer("GEN-AGUA", "fail", "Sin bidones")
    qtbot.waitUntil(day.open_button.isEnabled, timeout=TIMEOUT_MS)
    day.open_button.click()
    qtbot.waitUntil(lambda: "Apertura registrada" in day.run_result.text(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: view.day_line.text().startswith("Abierto con incidencias"), timeout=TIMEOUT_MS
    )
    status = window.supervisor.day.status
    assert status["state"] == "open_with_incidents"
    assert f"({len(status['incidents'])})" in view.day_line.text()
    assert any(i["item"] == "GEN-AGUA" for i in status["incidents"])
    assert "Agua potable: No conforme (Sin bidones)" in day.run_result.text()


# --- closing, seal, summary ------------------------------------------------------------------


def test_closing_seal_and_summary(qtbot, open_window, people, kiosk, server, clock):
    ana = api_login(server, "ana")
    assert ana.post("/api/v1/modules/1/session").status_code == 200
    for service in ("DNI-DUP", "DNI-DUP", "DNI-DUP", "DNI-DUP", "BN-PAGO"):
        assert issue(kiosk, service).status_code == 201  # all at 10:00

    def attend(at_min: int, minutes: int) -> None:
        clock.set(datetime(2026, 11, 25, 10, 0, tzinfo=LIMA) + timedelta(minutes=at_min))
        assert ana.post("/api/v1/modules/1/call-next").status_code == 200
        assert ana.post("/api/v1/modules/1/start").status_code == 200
        if minutes:
            clock.advance(timedelta(minutes=minutes))
            assert ana.post("/api/v1/modules/1/finish").status_code == 200

    attend(10, 10)  # R-001 waited 10 min, served 10
    attend(30, 10)  # R-002 waited 30 min, served 10
    attend(470, 0)  # R-003 called at 17:50 and still in service at closing
    clock.set(datetime(2026, 11, 25, 18, 0, tzinfo=LIMA))  # the closing warning

    window, view, day = supervisor(qtbot, open_window)
    view.tabs.setCurrentWidget(view.day_tab)
    day.sections.setCurrentWidget(day.closing_page)
    qtbot.waitUntil(lambda: day.pending_table.rowCount() == 2, timeout=TIMEOUT_MS)
    numbers = {day.pending_table.item(r, 0).text() for r in range(2)}
    assert numbers == {"R-004", "B-001"}
    assert day.in_service_table.rowCount() == 1
    assert day.in_service_table.item(0, 0).text() == "R-003"
    assert not day.seal_button.isEnabled()
    shot(window, "day-closing", docs=True)

    # Close the chosen one, then all the rest.
    day.pending_table.selectRow(
        next(r for r in range(2) if day.pending_table.item(r, 0).text() == "B-001")
    )
    qtbot.waitUntil(day.close_selected_button.isEnabled, timeout=TIMEOUT_MS)
    day.close_selected_button.click()
    day.dialog.ok_button.click()
    qtbot.waitUntil(lambda: day.pending_table.rowCount() == 1, timeout=TIMEOUT_MS)
    assert "1 turno(s) cerrado(s)" in view.messages.text()
    qtbot.waitUntil(day.close_all_button.isEnabled, timeout=TIMEOUT_MS)
    day.close_all_button.click()
    day.dialog.ok_button.click()
    qtbot.waitUntil(lambda: day.pending_table.rowCount() == 0, timeout=TIMEOUT_MS)
    closed = ana.get("/api/v1/tickets/lookup", params={"number": "R-004"}).json()
    assert closed["status"] == "cancelled" and closed["end_reason"] == "cierre"
    assert not day.seal_button.isEnabled()  # R-003 is still in service

    clock.advance(timedelta(minutes=5))
    assert ana.post("/api/v1/modules/1/finish").status_code == 200
    qtbot.waitUntil(day.seal_button.isEnabled, timeout=TIMEOUT_MS)
    assert day.in_service_table.rowCount() == 0
    day.seal_button.click()
    day.dialog.ok_button.click()
    qtbot.waitUntil(lambda: view.day_line.text() == "Día sellado", timeout=TIMEOUT_MS)
    assert "Día sellado" in view.messages.text()
    refused = issue(kiosk, "DNI-DUP")
    assert refused.status_code == 409

    day.sections.setCurrentWidget(day.summary_page)
    qtbot.waitUntil(lambda: "definitivo" in day.summary_title.text(), timeout=TIMEOUT_MS)
    assert day.summary_title.text().startswith("Resumen del 25/11/2026")
    tree = day.summary_tree
    total = tree.topLevelItem(0)
    assert total.text(0) == "Total del centro"
    assert [total.text(c) for c in range(1, 7)] == ["5", "3", "0", "2", "0", "0"]
    reniec = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).data(0, 0x0100) == "RENIEC"
    )
    dup = reniec.child(0)
    assert dup.text(0) == "Duplicado de DNI"
    # Waits 10, 30 and 470 min; attentions 10, 10 and 15 min; 1 of 3 within 20 min.
    assert [dup.text(c) for c in range(1, 12)] == [
        "4", "3", "0", "1", "0", "0", "2:50:00", "7:50:00", "11:40", "15:00", "33 % (1/3)",
    ]  # fmt: skip
    shot(window, "day-summary", docs=True)

    # A past day: nothing was issued on Tuesday.
    day.summary_date.setDate(day.summary_date.date().addDays(-1))
    day.summary_button.click()
    qtbot.waitUntil(lambda: "24/11/2026" in day.summary_title.text(), timeout=TIMEOUT_MS)
    assert tree.topLevelItem(0).text(1) == "0" and tree.topLevelItemCount() == 1
    ana.close()


# --- monitor: devices and the PCM sync ------------------------------------------------------


def test_disconnected_call_screen_alert(qtbot, open_window, people, server, clock):
    screen = device_client(server, "display", "TV-A")
    token = screen.headers["Authorization"].removeprefix("Bearer ")
    screen.close()
    window, view, _day = supervisor(qtbot, open_window)
    qtbot.waitUntil(
        lambda: any(t.startswith("Pantalla TV-A: ") for t in alert_texts(view)),
        timeout=TIMEOUT_MS,
    )
    seen: list[dict] = []
    stream = EventStream(
        server.url,
        token,
        on_snapshot=seen.append,
        on_event=lambda _e: None,
        backoff_min_s=0.05,
        backoff_max_s=0.3,
    )
    stream.start()
    try:
        qtbot.waitUntil(lambda: not any("TV-A" in t for t in alert_texts(view)), timeout=TIMEOUT_MS)
    finally:
        stream.stop()
    qtbot.waitUntil(
        lambda: "Pantalla TV-A: sin conexión desde 10:00" in alert_texts(view),
        timeout=TIMEOUT_MS,
    )
    shot(window, "day-device-alert", docs=True)


def test_sync_line_shows_backlog_and_last_error(qtbot, open_window, people, server, clock):
    from macturnos.server.sync.state import UPLOAD, record_failure

    window, view, _day = supervisor(qtbot, open_window)
    qtbot.waitUntil(lambda: "eventos pendientes" in view.sync_line.text(), timeout=TIMEOUT_MS)
    assert view.sync_line.text().startswith("Envío a la PCM: último envío correcto nunca · ")
    with server.ctx.db.write() as s:
        record_failure(s, UPLOAD, clock.now(), "La PCM no respondió (tiempo agotado)")
    window.supervisor.load_sync()  # what its 30-second timer does
    qtbot.waitUntil(
        lambda: "Último error: La PCM no respondió" in view.sync_line.text(), timeout=TIMEOUT_MS
    )
