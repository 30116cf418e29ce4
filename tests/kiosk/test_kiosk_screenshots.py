"""Every screen of the kiosk on the demo centre, portrait and landscape, saved as pictures.

artifacts/kiosk/<orientation>/<screen>.png for review; the main ones also go to
kiosk-<screen>.png (portrait, the kiosk's natural size) for the README: in a temporary
folder, or docs/screenshots with scripts/screenshots.sh.
"""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from support.kiosk import ARTIFACTS, LANDSCAPE, PIN, PORTRAIT
from support.screenshots import docs_dir

from macturnos.client.ui.widgets import save_screenshot

DOCS = {
    "home",
    "services",
    "search",
    "preferential",
    "ticket",
    "ticket-on-screen",
    "ticket-quechua",
    "appointment",
    "out-of-service",
    "staff",
    "home-quechua",
    "home-paper-out",
    "message",
}


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
def test_every_screen(demo_server, make_kiosk, qtbot, size):
    k = make_kiosk(demo_server, code="K-INGRESO-1", size=size)
    w = k.window
    tag = "portrait" if size == PORTRAIT else "landscape"

    def shot(name: str) -> None:
        QApplication.processEvents()
        save_screenshot(w, ARTIFACTS / tag / f"{name}.png")
        if name in DOCS and size == PORTRAIT:
            save_screenshot(w, docs_dir() / f"kiosk-{name}.png")
        elif name in ("home", "services") and size == LANDSCAPE:
            save_screenshot(w, docs_dir() / f"kiosk-{name}-landscape.png")

    def click(button) -> None:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def printed(name: str) -> None:
        """The simulated printer's PNG of the last ticket: the paper the citizen holds."""
        (ARTIFACTS / tag).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(k.printer.printed[-1], ARTIFACTS / tag / f"{name}.png")
        if size == PORTRAIT:
            docs_dir().mkdir(parents=True, exist_ok=True)
            shutil.copyfile(k.printer.printed[-1], docs_dir() / f"{name}.png")

    shot("home")
    click(w.home.tiles["RENIEC"])
    shot("services")
    tile = next(t for t in w.services.tiles if t.property("available"))
    service = tile.property("service")
    click(tile)
    shot("preferential")
    click(w.preferential.tiles["ADULTO_MAYOR"])
    qtbot.waitUntil(lambda: w.current_name() == "ticket", timeout=10_000)
    shot("ticket")
    printed("ticket-printed")
    assert w.ticket.location.text() == "Lugar de atención: Planta 1 - Ala A"
    click(w.ticket.ok)

    click(w.home.tiles["MIGRACIONES"])
    shot("services-appointment-only")
    closed = next(t for t in w.services.tiles if not t.property("available"))
    click(closed)
    shot("message")
    click(w.home_button)

    click(w.home.search)
    w.search.type_text("DNI")
    shot("search")
    click(w.home_button)

    click(w.home.appointment)
    for d in "4567":
        click(w.appointment.keypad.keys[d])
    shot("appointment")
    click(w.appointment.by_code)
    w.appointment.keyboard.typed.emit("A")
    shot("appointment-code")
    click(w.home_button)

    k.printer.out_of_paper()
    k.controller.poll_printer()
    qtbot.waitUntil(lambda: w.home.notice.isVisible(), timeout=5000)
    shot("home-paper-out")
    assert k.controller.issue(service)
    qtbot.waitUntil(lambda: w.current_name() == "ticket", timeout=10_000)
    shot("ticket-on-screen")
    k.printer.refill()
    k.controller.poll_printer()
    click(w.ticket.ok)
    k.printer.go_offline()
    k.controller.poll_printer()
    qtbot.waitUntil(lambda: "no funciona" in w.home.notice.text(), timeout=5000)
    shot("home-printer-down")
    k.printer.go_online()
    k.controller.poll_printer()
    qtbot.waitUntil(lambda: not w.home.notice.isVisible(), timeout=5000)

    click(w.language_buttons["qu"])
    shot("home-quechua")
    click(w.home.tiles["RENIEC"])
    shot("services-quechua")
    click(w.language_buttons["en"])
    shot("services-english")
    click(w.home_button)

    # A citizen in Quechua: the screen and the paper speak Quechua (Spanish beside it).
    click(w.language_buttons["qu"])
    click(w.home.tiles["RENIEC"])
    click(next(t for t in w.services.tiles if t.property("available")))
    click(w.preferential.general)
    qtbot.waitUntil(lambda: w.current_name() == "ticket", timeout=10_000)
    assert w.ticket.location.text() == "Maypi atiendesunki: Planta 1 - Ala A"
    shot("ticket-quechua")
    printed("ticket-printed-quechua")
    click(w.ticket.ok)

    for _ in range(5):
        w.clock_tapped()
    shot("pin")
    for d in PIN:
        click(w.pin.keypad.keys[d])
    click(w.pin.enter)
    qtbot.waitUntil(lambda: "Con papel" in w.staff.rows["paper"][1].text(), timeout=5000)
    shot("staff")
    click(w.staff.back_button)

    demo_server.stop()
    qtbot.waitUntil(lambda: w.current_name() == "out_of_service", timeout=10_000)
    shot("out-of-service")
    for path in (ARTIFACTS / tag).glob("*.png"):
        assert path.stat().st_size > 10_000
    readme = DOCS if size == PORTRAIT else {"home-landscape", "services-landscape"}
    for name in readme:
        assert (docs_dir() / f"kiosk-{name}.png").stat().st_size > 10_000
