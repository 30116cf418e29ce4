"""Printer faults: warned before, on-screen ticket during, no ghost ticket ever."""

from __future__ import annotations

import httpx
from PySide6.QtCore import Qt
from support.kiosk import all_tickets, device_health, kiosk_token, ticket_row

from macturnos.client.api import ApiClient
from macturnos.kiosk.journal import PendingJournal


def _walk_in(qtbot, w, entity: str = "RENIEC", service: str = "DNI-DUP") -> None:
    qtbot.mouseClick(w.home.tiles[entity], Qt.MouseButton.LeftButton)
    tile = next(t for t in w.services.tiles if t.property("service") == service)
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.preferential.general, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.current_name() == "ticket", timeout=10_000)


def test_out_of_paper_is_told_before_and_the_ticket_shown_on_screen(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    w = k.window
    qtbot.waitUntil(lambda: (device_health(server) or {}).get("status") == "ok", timeout=5000)
    k.printer.out_of_paper()
    k.controller.poll_printer()
    qtbot.waitUntil(lambda: w.home.notice.isVisible(), timeout=5000)
    assert "no tiene papel" in w.home.notice.text()
    k.shot("home-paper-out")
    # The supervisor is alerted through the device's health.
    qtbot.waitUntil(lambda: device_health(server)["status"] == "error", timeout=5000)
    assert device_health(server)["detail"]["paper"] == "out"

    _walk_in(qtbot, w)
    outcome = w.ticket.outcome
    assert not outcome.printed and outcome.paper_out
    assert w.ticket.alert.isVisible()
    assert "sin papel" in w.ticket.alert.text()
    assert "Anote su número" in w.ticket.advice.text()
    k.shot("ticket-on-screen")
    assert k.printer.printed == []
    # Shown on screen as designed: the citizen has the number, the ticket stays once
    # the citizen confirms noting it ("Anoté mi número"); until then the journal keeps it.
    assert ticket_row(server, outcome.answer["ticket"]["id"]).status == "issued"
    assert len(k.controller.journal.pending()) == 1
    assert w.ticket.idle == "on_screen"

    k.printer.refill()
    k.controller.poll_printer()
    qtbot.mouseClick(w.ticket.ok, Qt.MouseButton.LeftButton)
    assert k.controller.journal.pending() == []
    assert ticket_row(server, outcome.answer["ticket"]["id"]).status == "issued"
    qtbot.waitUntil(lambda: not w.home.notice.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: device_health(server)["status"] == "ok", timeout=5000)


def test_paper_running_out_during_printing_shows_the_ticket(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    k.printer.refill(paper_mm=20)  # a few centimetres: the ticket tears
    k.controller.poll_printer()
    qtbot.waitUntil(lambda: k.controller.printer_status.paper.value == "near_end", timeout=5000)
    _walk_in(qtbot, k.window)
    outcome = k.window.ticket.outcome
    assert not outcome.printed
    assert "papel" in outcome.printer_reason
    assert k.window.ticket.number.text() == outcome.ticket.number
    assert ticket_row(server, outcome.answer["ticket"]["id"]).status == "issued"


def test_offline_printer_shows_the_ticket_on_screen(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    k.printer.go_offline()
    k.controller.poll_printer()
    qtbot.waitUntil(lambda: "no funciona" in k.window.home.notice.text(), timeout=5000)
    _walk_in(qtbot, k.window)
    assert not k.window.ticket.outcome.printed
    assert "No pudimos imprimir" in k.window.ticket.alert.text()


def test_kiosk_closing_during_a_failed_print_cancels_the_ticket(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    # The printer dies after the last status reading: the kiosk only learns it by printing.
    k.printer.go_offline()
    k.printer.set_delay(0.3)
    assert k.controller.issue("DNI-DUP")
    k.controller.shutdown(wait_ms=5000)  # the app closes before the citizen sees anything
    (ticket,) = all_tickets(server)
    assert (ticket.status, ticket.end_reason) == ("cancelled", "print_failed")
    assert k.controller.journal.pending() == []


def test_restart_cancels_tickets_left_in_the_journal(server, make_kiosk, qtbot, tmp_path):
    token = kiosk_token(server)
    folder = tmp_path / "crashed-kiosk"
    journal = PendingJournal(folder / "kiosk-pending.json")
    with ApiClient(server.url, token=token) as api:
        # Crash after the answer: the journal knows the ticket.
        journal.begin("tap-answered", service="DNI-DUP")
        known = api.issue("DNI-DUP", idempotency_key="tap-answered")
        journal.issued("tap-answered", known["ticket"]["id"], known["ticket"]["number"])
        # Crash before the answer arrived: only the key is known.
        journal.begin("tap-lost", service="BN-PAGO", preferential="GESTANTE")
        lost = api.issue("BN-PAGO", "GESTANTE", idempotency_key="tap-lost")

    k = make_kiosk(server, token=token, data_dir=folder)
    qtbot.waitUntil(lambda: k.controller.journal.pending() == [], timeout=10_000)
    for answer in (known, lost):
        row = ticket_row(server, answer["ticket"]["id"])
        assert (row.status, row.end_reason) == ("cancelled", "print_failed")
    assert len(all_tickets(server)) == 2  # the replay found the lost ticket, issued none


def test_reprint_from_the_staff_menu(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    _walk_in(qtbot, k.window)
    k.controller.reprint()
    qtbot.waitUntil(lambda: len(k.printer.printed) == 2, timeout=5000)
    assert len(all_tickets(server)) == 1


def test_health_reports_reach_the_server(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    qtbot.waitUntil(lambda: device_health(server) is not None, timeout=5000)
    health = device_health(server)
    assert health["status"] == "ok"
    assert health["detail"]["printer"] == "ok"
    # The supervisor's live state hears about it too.
    with httpx.Client(base_url=server.url) as anon:
        assert anon.get("/api/v1/health").status_code == 200
    assert k.controller.printer_status.ready
