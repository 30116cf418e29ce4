"""Issue 18 (kiosk): warn before the citizen taps, no ghost ticket, texts that read well.

Each test here failed before the fix it covers.
"""

from __future__ import annotations

import socket
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication
from support.kiosk import ARTIFACTS, all_tickets, device_health, ticket_row

from macturnos.client.ui.app import Translations
from macturnos.client.ui.widgets import save_screenshot
from macturnos.config import DEMO_CENTRE_PATH, load_centre
from macturnos.hardware.printer import EscposPrinter, PrinterSettings
from macturnos.kiosk.__main__ import I18N_DIR
from macturnos.kiosk.contrast import MIN_CONTRAST, contrast_ratio, text_on
from macturnos.kiosk.widgets import TOUCH_FOCUS
from macturnos.messages import message

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _walk_in(qtbot, w, entity: str = "RENIEC", service: str = "DNI-DUP") -> None:
    _click(qtbot, w.home.tiles[entity])
    tile = next(t for t in w.services.tiles if t.property("service") == service)
    _click(qtbot, tile)
    _click(qtbot, w.preferential.general)
    qtbot.waitUntil(lambda: w.current_name() == "ticket", timeout=10_000)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _unreachable_network_printer(_settings: PrinterSettings) -> EscposPrinter:
    """A network printer that is down: nothing listens on its port."""
    return EscposPrinter(
        PrinterSettings(connector="network", host="127.0.0.1", port=_closed_port(), timeout_s=0.5)
    )


# --- the printer, before the citizen starts -------------------------------------------------


def test_an_unreachable_printer_is_announced_before_the_citizen_starts(server, make_kiosk, qtbot):
    k = make_kiosk(server, printer_factory=_unreachable_network_printer)
    w = k.window
    qtbot.waitUntil(lambda: w.home.notice.isVisible(), timeout=5000)
    assert "no responde" in w.home.notice.text()
    assert k.controller.printer_problem() == "unknown"
    qtbot.waitUntil(lambda: (device_health(server) or {}).get("status") == "error", timeout=5000)
    QApplication.processEvents()
    save_screenshot(w, ARTIFACTS / "home-printer-down.png")

    _walk_in(qtbot, w)
    outcome = w.ticket.outcome
    # Not tried (the citizen was told), shown on screen, kept until the citizen confirms.
    assert not outcome.printed
    assert w.ticket.ok.text() == "Anoté mi número"
    assert not w.home_button.isVisible()
    _click(qtbot, w.ticket.ok)
    assert ticket_row(server, outcome.answer["ticket"]["id"]).status == "issued"
    assert k.controller.journal.pending() == []
    assert w.current_name() == "home" and w.home.notice.isVisible()


def test_an_on_screen_ticket_nobody_confirms_is_cancelled(server, make_kiosk, qtbot):
    k = make_kiosk(server, on_screen_timeout_s=0.5)
    k.printer.go_offline()
    k.controller.poll_printer()
    qtbot.waitUntil(lambda: "no funciona" in k.window.home.notice.text(), timeout=5000)
    _walk_in(qtbot, k.window)
    ticket_id = k.window.ticket.outcome.answer["ticket"]["id"]
    assert ticket_row(server, ticket_id).status == "issued"
    qtbot.waitUntil(lambda: k.window.current_name() == "home", timeout=5000)
    qtbot.waitUntil(lambda: ticket_row(server, ticket_id).status == "cancelled", timeout=5000)
    assert ticket_row(server, ticket_id).end_reason == "print_failed"
    qtbot.waitUntil(lambda: k.controller.journal.pending() == [], timeout=5000)


def test_a_ticket_on_screen_survives_a_journal_recovery(server, make_kiosk, qtbot):
    # A link hiccup replays the journal: the ticket a citizen is reading is not an orphan.
    k = make_kiosk(server)
    k.printer.out_of_paper()
    k.controller.poll_printer()
    qtbot.waitUntil(lambda: k.window.home.notice.isVisible(), timeout=5000)
    _walk_in(qtbot, k.window)
    ticket_id = k.window.ticket.outcome.answer["ticket"]["id"]
    k.controller.recover_journal()
    qtbot.wait(300)
    assert ticket_row(server, ticket_id).status == "issued"
    assert k.controller.awaiting_confirmation() == 1
    _click(qtbot, k.window.ticket.ok)
    assert k.controller.awaiting_confirmation() == 0


def test_out_of_service_policy_stops_issuing_while_the_printer_fails(server, make_kiosk, qtbot):
    k = make_kiosk(server, printer_failure="out_of_service")
    w = k.window
    k.printer.go_offline()
    k.controller.poll_printer()
    qtbot.waitUntil(lambda: w.current_name() == "out_of_service", timeout=5000)
    assert "impresora" in w.out_of_service.body.text()
    assert "recepción" in w.out_of_service.body.text()
    assert not k.controller.issue("DNI-DUP")
    assert all_tickets(server) == []
    k.printer.go_online()
    k.controller.poll_printer()
    qtbot.waitUntil(lambda: w.current_name() == "home", timeout=5000)
    assert not w.home.notice.isVisible()
    assert k.controller.issue("DNI-DUP")
    qtbot.waitUntil(lambda: w.current_name() == "ticket", timeout=5000)
    assert w.ticket.outcome.printed


def test_the_printer_failure_policy_is_a_checked_setting(tmp_path):
    import json

    from macturnos.kiosk.settings import SettingsError, load_settings

    assert load_settings(tmp_path).printer_failure == "on_screen"
    (tmp_path / "kiosk-settings.json").write_text(json.dumps({"printer_failure": "out_of_service"}))
    assert load_settings(tmp_path).printer_failure == "out_of_service"
    (tmp_path / "kiosk-settings.json").write_text(json.dumps({"printer_failure": "print_anyway"}))
    with pytest.raises(SettingsError):
        load_settings(tmp_path)


# --- navigation and language ----------------------------------------------------------------


def test_inicio_keeps_the_language_and_the_selected_one_looks_selected(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    w = k.window
    _click(qtbot, w.language_buttons["en"])
    for code, button in w.language_buttons.items():
        assert button.isEnabled(), code  # never greyed: greyed reads as "unavailable"
        assert button.isChecked() is (code == "en")
    assert "✓" in w.language_buttons["en"].text()
    _click(qtbot, w.home.tiles["RENIEC"])
    _click(qtbot, w.home_button)
    assert w.current_name() == "home"
    assert w.language == "en"
    assert w.home.title.text() != "Bienvenida, bienvenido"


def test_volver_after_a_refusal_goes_back_with_the_dni_kept(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    w = k.window
    _click(qtbot, w.home.appointment)
    for d in "12345678":
        _click(qtbot, w.appointment.keypad.keys[d])
    _click(qtbot, w.appointment.submit)
    qtbot.waitUntil(lambda: w.current_name() == "message", timeout=10_000)
    assert w.back_button.isVisible()
    _click(qtbot, w.back_button)
    assert w.current_name() == "appointment"
    assert w.appointment.value == "12345678"
    assert w.appointment.submit.isEnabled()
    _click(qtbot, w.home_button)  # leaving clears it: the DNI lives only on that screen
    assert w.appointment.value == ""


def test_closing_the_kiosk_asks_to_confirm(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    staff = k.window.staff
    staff.quitApp.disconnect()  # the test must not quit the QApplication
    asked: list[bool] = []
    staff.quitApp.connect(lambda: asked.append(True))
    k.window.show_screen(staff, remember=False)
    _click(qtbot, staff.quit_button)
    assert asked == []
    assert staff.confirm_box.isVisible()
    assert "¿Cerrar el quiosco?" in staff.confirm_text.text()
    _click(qtbot, staff.cancel_quit)
    assert not staff.confirm_box.isVisible() and asked == []
    _click(qtbot, staff.quit_button)
    _click(qtbot, staff.confirm_quit)
    assert asked == [True]


def test_a_tap_leaves_no_focus_ring_but_the_keyboard_still_focuses(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    w = k.window
    w.activateWindow()
    tile = w.home.tiles["RENIEC"]
    assert tile.focusPolicy() == TOUCH_FOCUS
    for button in (w.home.search, w.home_button, w.language_buttons["qu"]):
        assert button.focusPolicy() == TOUCH_FOCUS
    _click(qtbot, w.language_buttons["qu"])
    assert w.focusWidget() is not w.language_buttons["qu"]
    # Keyboard (or switch) users keep a visible focus: Tab still reaches the buttons.
    assert TOUCH_FOCUS & Qt.FocusPolicy.TabFocus


# --- contrast ---------------------------------------------------------------------------------


def _entity_colours() -> dict[str, str]:
    colours = {}
    for path in (DEMO_CENTRE_PATH, FIXTURES / "centre.yaml"):
        for e in load_centre(path).entities:
            colours[f"{path.name}:{e.code}"] = e.colour
    return colours


@pytest.mark.parametrize("name", sorted(_entity_colours()))
def test_every_entity_tile_text_reads_at_4_5_to_1(name):
    colour = _entity_colours()[name]
    assert contrast_ratio(text_on(colour), colour) >= MIN_CONTRAST, (name, colour)


def test_the_home_tiles_use_the_computed_text_colour(demo_server, make_kiosk):
    k = make_kiosk(demo_server, code="K-INGRESO-1")
    assert k.window.home.tiles
    for code, tile in k.window.home.tiles.items():
        ink = tile.title.styleSheet().split("color: ")[1].split(";")[0]
        assert contrast_ratio(ink, tile.background) >= MIN_CONTRAST, (code, tile.background, ink)


def test_the_kiosk_s_own_text_colours_read_at_4_5_to_1():
    from macturnos.client.ui import theme
    from macturnos.kiosk.screens.base import GREY, GREY_INK

    page = "#F8FAFC"  # the window's background
    pairs = {
        "notice on warning": (theme.PAPER, theme.WARNING),
        "notice on danger": (theme.PAPER, theme.DANGER),
        "greyed service": (GREY_INK, GREY),
        "greyed reason": (theme.DANGER, GREY),
        "waiting figures": (theme.MUTED, theme.PAPER),
        "hints": (theme.MUTED, page),
        "disabled button": ("#4B5563", "#D1D5DB"),
        "language selected": (theme.PAPER, theme.NAVY),
        "language": (theme.NAVY, theme.PAPER),
    }
    for name, (ink, background) in pairs.items():
        assert contrast_ratio(ink, background) >= MIN_CONTRAST, name
    for background in (theme.NAVY, theme.OK, theme.WARNING, theme.DANGER, theme.MUTED):
        assert contrast_ratio(text_on(background), background) >= MIN_CONTRAST, background


def test_sat_and_sedapal_colours_get_dark_text():
    assert contrast_ratio("#FFFFFF", "#E87722") < MIN_CONTRAST  # SAT Lima: 2.96:1 in white
    assert contrast_ratio("#FFFFFF", "#00A3E0") < MIN_CONTRAST  # SEDAPAL: 2.87:1 in white
    assert text_on("#E87722") != "#FFFFFF"
    assert text_on("#00A3E0") != "#FFFFFF"
    assert text_on("#0B1F3A") == "#FFFFFF"


# --- texts: plural forms and one word for the desk ---------------------------------------------

COUNTED = {
    ("AppointmentScreen", "Faltan %n dígitos"): {
        "es": ("Falta 1 dígito", "Faltan 3 dígitos"),
        "en": ("1 digit missing", "3 digits missing"),
        "qu": ("1 yupaymi pisin", "3 yupaymi pisin"),
    },
    ("Texts", "%n personas en espera"): {
        "es": ("1 persona en espera", "3 personas en espera"),
        "en": ("1 person waiting", "3 people waiting"),
        "qu": ("1 runam suyachkan", "3 runakunam suyachkanku"),
    },
    ("TicketScreen", "%n personas delante de usted"): {
        "es": ("1 persona delante de usted", "3 personas delante de usted"),
        "en": ("1 person ahead of you", "3 people ahead of you"),
        "qu": ("1 runam ñawpaqniykipi", "3 runakunam ñawpaqniykipi"),
    },
    ("SearchScreen", "Trámites encontrados: %n"): {
        "es": ("Trámites encontrados: 1", "Trámites encontrados: 3"),
        "en": ("Procedures found: 1", "Procedures found: 3"),
        "qu": ("Tarisqa trámitekuna: 1", "Tarisqa trámitekuna: 3"),
    },
}


@pytest.mark.parametrize("lang", ["es", "qu", "en"])
def test_counted_texts_use_plural_forms(qapp, lang):
    tr = Translations(qapp, I18N_DIR, "kiosk")
    try:
        assert tr.use(lang)
        for (context, source), expected in COUNTED.items():
            one = QCoreApplication.translate(context, source, "", 1)
            three = QCoreApplication.translate(context, source, "", 3)
            assert (one, three) == expected[lang], (context, source)
    finally:
        tr.use("es")


def test_every_counted_source_text_is_a_plural_form_in_every_language():
    for lang in ("es", "qu", "en"):
        root = ET.parse(I18N_DIR / f"kiosk_{lang}.ts").getroot()
        numerus = {m.find("source").text for m in root.iter("message") if m.get("numerus")}
        assert {source for _, source in COUNTED} <= numerus, lang
        for m in root.iter("message"):
            source = m.find("source").text
            # A count in a source text is %n (numerus), never "{n}" nor a fixed "1 ...".
            assert "{n}" not in source and not source.startswith("1 "), (lang, source)


def test_the_desk_has_one_name_recepcion():
    texts = [
        m.find("source").text for m in ET.parse(I18N_DIR / "kiosk_en.ts").getroot().iter("message")
    ]
    texts.append(message("APPOINTMENT_NOT_FOUND"))  # shown as is on the kiosk in Spanish
    assert any("recepción" in t for t in texts)
    assert not [t for t in texts if "orientación" in t.lower()]
