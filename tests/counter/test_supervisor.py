"""The supervisor's monitor and actions against a real server with a known scenario."""

from __future__ import annotations

from datetime import timedelta

import pytest
from support import device_client
from support.counter import TIMEOUT_MS, api_login, log_in, shot

from macturnos.client.ui import theme


@pytest.fixture
def people(staff_account):
    """A supervisor and two RENIEC advisors."""
    staff_account("sara", "supervisor")
    staff_account("ana", "advisor", entity="RENIEC")
    staff_account("beto", "advisor", entity="RENIEC")


@pytest.fixture
def kiosk(server):
    """A paired kiosk."""
    client = device_client(server, "kiosk", "K1")
    yield client
    client.close()


def issue(kiosk, service: str) -> dict:
    r = kiosk.post("/api/v1/tickets", json={"service": service})
    assert r.status_code == 201, r.text
    return r.json()["ticket"]


class ServiceRow:
    """A service's line of the monitor's services table, read by column."""

    def __init__(self, view, service: str) -> None:
        self.table, self.service = view.services_table, service

    def text(self, column: int) -> str:
        return self.table.text(self.service, column)

    def colour(self, column: int) -> str:
        return self.table.background(self.service, column).name().upper()


def service_row(view, service: str) -> ServiceRow:
    return ServiceRow(view, service)


def alert_texts(view) -> list[str]:
    return [view.alerts_list.item(i).text() for i in range(view.alerts_list.count())]


def supervisor_window(qtbot, open_window):
    window = open_window()
    log_in(qtbot, window, "sara")
    qtbot.waitUntil(lambda: window.supervisor.log_day is not None, timeout=TIMEOUT_MS)
    return window


def test_monitor_figures_and_colours_match_the_scenario(
    qtbot, open_window, people, kiosk, server, clock
):
    ana = api_login(server, "ana")
    assert ana.post("/api/v1/modules/1/session").status_code == 200
    # 10:00 two tickets; one is called at 10:10 (10 min), the other at 10:25 (25 min).
    issue(kiosk, "DNI-DUP")
    issue(kiosk, "DNI-DUP")
    clock.advance(timedelta(minutes=10))
    assert ana.post("/api/v1/modules/1/call-next").status_code == 200
    assert ana.post("/api/v1/modules/1/start").status_code == 200
    assert ana.post("/api/v1/modules/1/finish").status_code == 200
    clock.advance(timedelta(minutes=15))
    assert ana.post("/api/v1/modules/1/call-next").status_code == 200
    assert ana.post("/api/v1/modules/1/start").status_code == 200
    # A third ticket waits 16 min of the 20 min target: at risk.
    issue(kiosk, "DNI-DUP")
    clock.advance(timedelta(minutes=16))

    window = supervisor_window(qtbot, open_window)
    view = window.supervisor_view
    # Served within target counts finished attentions only, as the day summary does.
    qtbot.waitUntil(lambda: "100 %" in service_row(view, "DNI-DUP").text(4), timeout=TIMEOUT_MS)
    row = service_row(view, "DNI-DUP")
    assert row.text(1) == "1"
    assert row.text(4) == "100 % (1/1)"
    assert row.text(3) == "20 min"
    assert row.text(2).startswith("16:")
    assert row.colour(2) == theme.WARNING.upper()
    assert any("cerca de la meta de 20 min" in t for t in alert_texts(view))
    # The module shows its advisor and the citizen being served.
    assert view.modules_table.text(1, 2) == "Ana"
    assert view.modules_table.text(1, 3) == "Atendiendo"
    assert view.modules_table.text(1, 4).startswith("R-002")
    assert view.modules_table.text(1, 5) == "16:00"  # serving R-002 since 10:25
    shot(window, "supervisor-monitor", docs=True)

    clock.advance(timedelta(minutes=5))  # 21 min: the target is missed
    issue(kiosk, "BN-PAGO")  # any event carries the server's new time
    qtbot.waitUntil(
        lambda: service_row(view, "DNI-DUP").colour(2) == theme.DANGER.upper(),
        timeout=TIMEOUT_MS,
    )
    assert any("supera la meta de 20 min" in t for t in alert_texts(view))
    # R-002, called after 25 min, finishes: one of two attentions within the target.
    assert ana.post("/api/v1/modules/1/finish").status_code == 200
    qtbot.waitUntil(
        lambda: service_row(view, "DNI-DUP").text(4) == "50 % (1/2)", timeout=TIMEOUT_MS
    )
    ana.close()


def test_alerts_for_a_long_pause_and_a_printer_without_paper(
    qtbot, open_window, people, kiosk, server, clock
):
    kiosk.post(
        "/api/v1/devices/me/health",
        json={"status": "error", "detail": {"reason": "Impresora sin papel"}},
    )
    beto = api_login(server, "beto")
    assert beto.post("/api/v1/modules/2/session").status_code == 200
    assert beto.post("/api/v1/modules/2/pause", json={"reason": "refrigerio"}).status_code == 200
    window = supervisor_window(qtbot, open_window)
    view = window.supervisor_view
    # Reported before the supervisor logged in: read from GET /devices.
    qtbot.waitUntil(
        lambda: "Kiosco K1: con falla — Impresora sin papel" in alert_texts(view),
        timeout=TIMEOUT_MS,
    )
    assert not any("pausa" in t for t in alert_texts(view))
    clock.advance(timedelta(minutes=31))
    issue(kiosk, "BN-PAGO")
    qtbot.waitUntil(
        lambda: any(
            t.startswith("Módulo 2 en pausa (Refrigerio) desde hace 31") for t in alert_texts(view)
        ),
        timeout=TIMEOUT_MS,
    )
    shot(window, "supervisor-alerts", docs=True)
    kiosk.post("/api/v1/devices/me/health", json={"status": "ok", "detail": {}})
    qtbot.waitUntil(
        lambda: not any("Impresora sin papel" in t for t in alert_texts(view)), timeout=TIMEOUT_MS
    )
    # This test's kiosk talks HTTP only, without a live stream: it shows as disconnected.
    assert any(t.startswith("Kiosco K1: sin conexión desde") for t in alert_texts(view))
    beto.close()


def test_capacity_alert(qtbot, open_window, people, kiosk):
    for _ in range(3):
        issue(kiosk, "DNI-REN")
    window = supervisor_window(qtbot, open_window)
    view = window.supervisor_view
    qtbot.waitUntil(
        lambda: "Renovación de DNI: 3 de 3 turnos del día emitidos" in alert_texts(view),
        timeout=TIMEOUT_MS,
    )


def test_cancel_reactivate_close_module_and_end_session(qtbot, open_window, people, kiosk, server):
    t = issue(kiosk, "DNI-DUP")
    ana = api_login(server, "ana")
    assert ana.post("/api/v1/modules/1/session").status_code == 200
    window = supervisor_window(qtbot, open_window)
    view = window.supervisor_view
    desk = view.reception_view
    view.tabs.setCurrentWidget(view.reception_tab)
    desk.number_edit.setText(t["number"])
    desk.lookup_button.click()
    qtbot.waitUntil(lambda: desk.cancel_button.isEnabled(), timeout=TIMEOUT_MS)
    assert desk.reactivate_button.isVisible() and not desk.reactivate_button.isEnabled()
    desk.cancel_button.click()
    desk.dialog.reason.setText("Ciudadano desistió")
    desk.dialog.ok_button.click()
    qtbot.waitUntil(lambda: "Anulado" in desk.found_label.text(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: desk.reactivate_button.isEnabled(), timeout=TIMEOUT_MS)
    shot(window, "supervisor-tickets", docs=True)
    desk.reactivate_button.click()
    qtbot.waitUntil(lambda: "En espera" in desk.found_label.text(), timeout=TIMEOUT_MS)

    view.tabs.setCurrentWidget(view.monitor_tab)
    view.select_module(1)
    qtbot.waitUntil(lambda: view.close_button.isEnabled(), timeout=TIMEOUT_MS)
    view.close_button.click()
    qtbot.waitUntil(lambda: view.modules_table.text(1, 3) == "Cerrado", timeout=TIMEOUT_MS)
    assert ana.post("/api/v1/modules/1/call-next").status_code == 403

    assert ana.post("/api/v1/modules/2/session").status_code == 200
    qtbot.waitUntil(lambda: view.modules_table.text(2, 2) == "Ana", timeout=TIMEOUT_MS)
    view.select_module(2)
    qtbot.waitUntil(lambda: view.end_button.isEnabled(), timeout=TIMEOUT_MS)
    view.end_button.click()
    qtbot.waitUntil(lambda: "Se cerró la sesión de ana" in view.messages.text(), timeout=TIMEOUT_MS)
    assert ana.get("/api/v1/auth/me").status_code == 401
    view.tabs.setCurrentWidget(view.day_tab)
    assert view.day_line.text() == "Centro abierto"
    qtbot.waitUntil(lambda: "ya está registrada" in view.day_view.run_result.text())
    shot(window, "supervisor-day")
    ana.close()


def test_the_monitor_has_the_supervisors_actions_and_sincronizar_ahora(
    qtbot, open_window, people, server
):
    """Issues 15, 16, 18: the controls (free a module, suspend issuing, revoke a device)
    are a tab of the monitor, and "Sincronizar ahora" asks the server to sync now."""
    from macturnos.counter.supervisor.controls import SupervisorControls

    window = supervisor_window(qtbot, open_window)
    view = window.supervisor_view
    tabs = [view.details.tabText(i) for i in range(view.details.count())]
    assert tabs[-1] == "Acciones" and isinstance(view.controls, SupervisorControls)
    view.details.setCurrentWidget(view.controls_area)
    # The test centre has no PCM section: the server's Spanish refusal is shown.
    view.sync_now.click()
    qtbot.waitUntil(lambda: view.messages.is_error, timeout=TIMEOUT_MS)
    assert "no tiene configurada la sincronización" in view.messages.text()


def test_the_coordinator_answers_the_book_and_a_supervisor_reads_no_identity(
    qtbot, open_window, people, server, staff_account
):
    """Issue 20: the book's entries on screen, followed to their answer by the coordinator."""
    staff_account("coco", "coordinator")
    olga = api_login(server, "sara")
    r = olga.post(
        "/api/v1/complaints",
        json={
            "kind": "reclamo",
            "text": "Demora en ventanilla.",
            "complainant": {
                "name": "Juana Quispe",
                "document_type": "DNI",
                "document_number": "45678912",
                "contact": "987654321",
            },
        },
    )
    assert r.status_code == 201, r.text
    number = r.json()["number"]
    # A supervisor sees the entry, not who filed it, and has no answer to give.
    window = supervisor_window(qtbot, open_window)
    book = window.supervisor_view.book_tab
    window.supervisor_view.tabs.setCurrentWidget(book)
    qtbot.waitUntil(lambda: book.table.rowCount() == 1, timeout=TIMEOUT_MS)
    book.table.selectRow(0)
    assert number in book.detail.text() and "45678912" not in book.detail.text()
    assert not book.answer_button.isVisible()
    # The coordinator reads it all, takes it and answers it.
    keeper = open_window()
    log_in(qtbot, keeper, "coco")
    book = keeper.supervisor_view.book_tab
    keeper.supervisor_view.tabs.setCurrentWidget(book)
    qtbot.waitUntil(lambda: book.table.rowCount() == 1, timeout=TIMEOUT_MS)
    book.table.selectRow(0)
    assert "45678912" in book.detail.text() and "Demora en ventanilla." in book.detail.text()
    book.take_button.click()
    qtbot.waitUntil(lambda: book.entries[0]["state"] == "in_progress", timeout=TIMEOUT_MS)
    book.table.selectRow(0)
    book.answer_button.click()
    book.dialog.answer.setPlainText("Se reforzó la atención en ventanilla.")
    book.dialog.ok_button.click()
    qtbot.waitUntil(lambda: book.entries[0]["state"] == "answered", timeout=TIMEOUT_MS)
    shot(keeper, "supervisor-book")


def test_an_entry_past_its_deadline_is_an_alert_on_the_monitor(
    qtbot, open_window, people, server, clock
):
    """Issue 20: the monitor shows the book's entries still open past their deadline."""
    from datetime import timedelta

    sara = api_login(server, "sara")
    number = sara.post(
        "/api/v1/complaints", json={"kind": "sugerencia", "text": "Más sillas."}
    ).json()["number"]
    clock.advance(timedelta(days=60))
    window = supervisor_window(qtbot, open_window)
    view = window.supervisor_view
    qtbot.waitUntil(
        lambda: any("Libro de reclamaciones" in a and number in a for a in alert_texts(view)),
        timeout=TIMEOUT_MS,
    )
