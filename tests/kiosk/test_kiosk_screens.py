"""Availability, search, appointments, outages, idle timeout, staff menu, languages."""

from __future__ import annotations

import logging
from datetime import timedelta

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from support import WEDNESDAY_10, ServerOnPort
from support.kiosk import PIN, all_tickets, kiosk_token, ticket_row

from macturnos.client.api import ApiClient
from macturnos.server.auth import SYSTEM
from macturnos.server.day import open_day
from macturnos.server.sync.appointments import apply_appointments


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _tile(tiles, service: str):
    return next(t for t in tiles if t.property("service") == service)


def test_unavailable_services_are_greyed_with_their_reason(server, make_kiosk, qtbot):
    token = kiosk_token(server, "K2")
    with ApiClient(server.url, token=token) as other_kiosk:
        for _ in range(3):  # DNI-REN gives 3 tickets a day
            other_kiosk.issue("DNI-REN")
    k = make_kiosk(server)
    w = k.window
    _click(qtbot, w.home.tiles["RENIEC"])
    full = _tile(w.services.tiles, "DNI-REN")
    assert full.property("available") is False
    assert "3 turnos" in full.detail.text()
    k.shot("services-unavailable")
    _click(qtbot, full)
    assert w.current_name() == "message"
    assert "3 turnos" in w.message.body.text()
    assert not w.message.appointment.isVisible()

    _click(qtbot, w.home_button)
    _click(qtbot, w.home.tiles["MIGRA"])
    appointment_only = _tile(w.services.tiles, "PASAPORTE")
    assert appointment_only.property("available") is False
    assert "cita" in appointment_only.detail.text()
    _click(qtbot, appointment_only)
    assert w.message.appointment.isVisible()
    k.shot("message-appointment-only")
    _click(qtbot, w.message.appointment)
    assert w.current_name() == "appointment"


def test_live_availability_follows_the_server(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    w = k.window
    _click(qtbot, w.home.tiles["RENIEC"])
    assert _tile(w.services.tiles, "DNI-REN").property("available") is True
    with ApiClient(server.url, token=kiosk_token(server, "K2")) as other_kiosk:
        for _ in range(3):
            other_kiosk.issue("DNI-REN")
    qtbot.waitUntil(
        lambda: _tile(w.services.tiles, "DNI-REN").property("available") is False, timeout=5000
    )


def test_before_opening_the_home_screen_says_so(closed_server, make_kiosk, qtbot):
    k = make_kiosk(closed_server)
    w = k.window
    qtbot.waitUntil(lambda: "aún no está abierto" in w.home.notice.text(), timeout=5000)
    k.shot("home-not-open")
    _click(qtbot, w.home.tiles["RENIEC"])
    tile = _tile(w.services.tiles, "DNI-DUP")
    assert tile.property("available") is False
    assert "verificación de apertura" in tile.detail.text()
    _click(qtbot, w.home_button)
    open_day(closed_server.ctx, SYSTEM)
    qtbot.waitUntil(lambda: not w.home.notice.isVisible(), timeout=10_000)


def test_search_among_many_services(demo_server, make_kiosk, qtbot):
    k = make_kiosk(demo_server, code="K-INGRESO-1")
    w = k.window
    assert len(w.home.tiles) >= 12
    _click(qtbot, w.home.search)
    assert w.current_name() == "search"
    for key in "RENOVACION":
        _click(qtbot, w.search.keyboard.keys[key])
    names = [t.title.text() for t in w.search.tiles]
    assert names and all("renovación" in n.lower() or "renovacion" in n.lower() for n in names)
    assert any(n.startswith("RENIEC") for n in names)
    w.search.reset()
    w.search.type_text("DNI")
    found = w.search.tiles
    assert len(found) >= 5
    assert all("DNI" in t.title.text().upper() for t in found[:5])
    k.shot("search")
    _click(qtbot, w.search.keyboard.erase)
    assert w.search.query == "DN"
    w.search.type_text("I ZZZ")
    assert w.search.tiles == []
    assert "No encontramos" in w.search.count.text()
    w.search.reset()
    w.search.type_text("DNI")
    _click(qtbot, found[0] if found[0].property("available") else found[1])


def test_server_down_then_back(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    w = k.window
    _click(qtbot, w.home.tiles["RENIEC"])
    server.stop()
    qtbot.waitUntil(lambda: w.current_name() == "out_of_service", timeout=10_000)
    assert "Fuera de servicio" in w.out_of_service.heading.text()
    k.shot("out-of-service")
    again = ServerOnPort(server.ctx, server.port).start()
    try:
        qtbot.waitUntil(lambda: w.current_name() == "home", timeout=15_000)
        assert k.controller.issue("DNI-DUP")
        qtbot.waitUntil(lambda: w.current_name() == "ticket", timeout=10_000)
    finally:
        again.stop()


def test_idle_timeout_returns_home(server, make_kiosk, qtbot):
    k = make_kiosk(server, idle_timeout_s=0.4, confirmation_timeout_s=0.3)
    w = k.window
    _click(qtbot, w.home.tiles["RENIEC"])
    w.set_language("en")
    assert w.current_name() == "services"
    qtbot.waitUntil(lambda: w.current_name() == "home", timeout=3000)
    assert w.language == "es"  # the next citizen starts in the kiosk's language
    k.controller.issue("DNI-DUP")
    qtbot.waitUntil(lambda: w.current_name() == "ticket", timeout=5000)
    qtbot.waitUntil(lambda: w.current_name() == "home", timeout=3000)


def test_staff_menu_needs_the_pin(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    w = k.window
    for _ in range(4):
        w.clock_tapped()
    assert w.current_name() == "home"
    w.clock_tapped()
    assert w.current_name() == "pin"
    k.shot("pin")
    for d in "1111":
        _click(qtbot, w.pin.keypad.keys[d])
    assert w.pin.field.text() == "●●●●"
    _click(qtbot, w.pin.enter)
    assert w.current_name() == "pin"
    assert "incorrecto" in w.pin.message.text()
    for d in PIN:
        _click(qtbot, w.pin.keypad.keys[d])
    _click(qtbot, w.pin.enter)
    assert w.current_name() == "staff"
    qtbot.waitUntil(lambda: "Con papel" in w.staff.rows["paper"][1].text(), timeout=5000)
    assert "Conectado" in w.staff.rows["server"][1].text()
    k.shot("staff")
    _click(qtbot, w.staff.reprint_button)
    qtbot.waitUntil(lambda: "Todavía no" in w.staff.message.text(), timeout=5000)
    _click(qtbot, w.staff.back_button)
    assert w.current_name() == "home"


def test_pin_locks_after_repeated_failures(server, make_kiosk):
    k = make_kiosk(server)
    for _ in range(5):
        assert not k.controller.check_pin("0000")
    assert k.controller.pin_locked_for() > 0
    assert not k.controller.check_pin(PIN)  # even the right one, while locked


def test_no_pin_configured_means_no_staff_menu(server, make_kiosk):
    k = make_kiosk(server, staff_pin=None)
    for _ in range(6):
        k.window.clock_tapped()
    assert k.window.current_name() == "home"


def test_full_screen_kiosk_cannot_be_closed_without_staff(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    w = k.window
    w._may_close = False  # as in production (the test fixture opens it windowed)
    close = QCloseEvent()
    w.closeEvent(close)
    assert not close.isAccepted()
    esc = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    w.keyPressEvent(esc)
    assert w.isVisible()
    w.leave_full_screen()
    close = QCloseEvent()
    w.closeEvent(close)
    assert close.isAccepted()


def test_language_switch_to_quechua_and_english(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    w = k.window
    _click(qtbot, w.language_buttons["qu"])
    assert w.home.title.text() == "Allillanchu, yaykumuy"
    assert w.home_button.isVisible() is False
    k.shot("home-quechua")
    _click(qtbot, w.home.tiles["RENIEC"])
    assert w.services.hint.text() != "Toque su trámite"
    _click(qtbot, w.language_buttons["en"])
    assert w.services.hint.text() == "Tap your procedure"
    assert w.home_button.text() == "Home"
    _click(qtbot, _tile(w.services.tiles, "DNI-DUP"))
    assert w.preferential.general.text() == "No, general attention"
    k.shot("preferential-english")
    _click(qtbot, w.preferential.general)
    qtbot.waitUntil(lambda: w.current_name() == "ticket", timeout=5000)
    assert w.ticket.heading.text() == "Take your ticket"
    _click(qtbot, w.ticket.ok)
    assert w.language == "es"
    assert w.home.title.text() == "Bienvenida, bienvenido"


def _printed(k) -> list[str]:
    """The text lines of the last ticket the kiosk's (simulated) printer drew."""
    return [line.text.strip() for line in k.printer.last_ticket.lines]


def test_ticket_speaks_the_citizens_language_on_screen_and_paper(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    w = k.window
    for language, ahead, place in (
        ("qu", "Manam pipas ñawpaqniykipichu", "Maypi atiendesunki: Zona A"),
        ("en", "1 person ahead of you", "Where to go: Zona A"),
        ("es", "2 personas delante de usted", "Lugar de atención: Zona A"),
    ):
        _click(qtbot, w.language_buttons[language])
        _click(qtbot, w.home.tiles["RENIEC"])
        _click(qtbot, _tile(w.services.tiles, "DNI-DUP"))
        _click(qtbot, w.preferential.general)
        qtbot.waitUntil(lambda: w.current_name() == "ticket", timeout=5000)
        assert w.ticket.outcome.printed and w.ticket.outcome.ticket.language == language
        # Where to go, and the same sentences on the screen as on the paper.
        assert (w.ticket.ahead.text(), w.ticket.location.text()) == (ahead, place)
        paper = "\n".join(_printed(k))
        for label in (w.ticket.ahead, w.ticket.wait, w.ticket.location, w.ticket.advice):
            assert label.text() in paper, (language, label.text(), paper)
        # Spanish beside the citizen's language: the kiosk's 80 mm paper has room.
        assert "Lugar de atención: Zona A" in paper
        assert "Espere su llamado en la pantalla" in paper
        if language == "qu":
            k.shot("ticket-quechua")
        _click(qtbot, w.ticket.ok)


def test_appointment_check_in_by_dni(server, make_kiosk, qtbot, caplog, tmp_path):
    dni = "45678912"
    at = (WEDNESDAY_10 + timedelta(minutes=10)).isoformat()
    apply_appointments(
        server.ctx,
        WEDNESDAY_10.date(),
        [{"ref": "RES-77", "dni": dni, "service": "PASAPORTE", "at": at}],
    )
    caplog.set_level(logging.DEBUG)
    k = make_kiosk(server)
    w = k.window
    _click(qtbot, w.home.appointment)
    assert w.current_name() == "appointment"
    for d in dni[:7]:
        _click(qtbot, w.appointment.keypad.keys[d])
    assert not w.appointment.submit.isEnabled()
    assert "Falta" in w.appointment.check.text()
    k.shot("appointment")
    _click(qtbot, w.appointment.keypad.keys[dni[7]])
    assert w.appointment.submit.isEnabled()
    _click(qtbot, w.appointment.keypad.keys["1"])  # a ninth digit is not taken
    assert w.appointment.value == dni
    _click(qtbot, w.appointment.submit)
    qtbot.waitUntil(lambda: w.current_name() == "ticket", timeout=10_000)
    outcome = w.ticket.outcome
    assert outcome.printed
    assert outcome.ticket.appointment == "10:10"
    assert "10:10" in w.ticket.preferential.text()
    assert ticket_row(server, outcome.answer["ticket"]["id"]).service_code == "PASAPORTE"
    assert w.appointment.value == ""
    # The DNI is never logged nor kept by the kiosk.
    assert dni not in caplog.text
    for path in k.data_dir.rglob("*"):
        if path.is_file() and path.suffix != ".png":
            assert dni.encode() not in path.read_bytes()

    # A second check-in of the same appointment says which ticket it already has.
    _click(qtbot, w.ticket.ok)
    _click(qtbot, w.home.appointment)
    _click(qtbot, w.appointment.by_code)
    for ch in "RES-77":
        _click(qtbot, w.appointment.keyboard.keys[ch])
    _click(qtbot, w.appointment.submit)
    qtbot.waitUntil(lambda: w.current_name() == "message", timeout=10_000)
    assert outcome.ticket.number in w.message.body.text()
    assert len(all_tickets(server)) == 1


def test_unknown_appointment_is_explained(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    w = k.window
    _click(qtbot, w.home.appointment)
    for d in "12345678":
        _click(qtbot, w.appointment.keypad.keys[d])
    _click(qtbot, w.appointment.submit)
    qtbot.waitUntil(lambda: w.current_name() == "message", timeout=10_000)
    assert "No encontramos su cita" in w.message.heading.text()
    k.shot("message-no-appointment")
