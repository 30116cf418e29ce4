"""The citizen's way through the kiosk against a real server and the simulated printer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from support.kiosk import LANDSCAPE, PORTRAIT, all_tickets, ticket_row


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _tile(tiles, service: str):
    return next(t for t in tiles if t.property("service") == service)


@pytest.mark.parametrize("size", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
def test_walk_in_citizen_gets_a_printed_ticket(server, make_kiosk, qtbot, size):
    k = make_kiosk(server, size=size)
    w = k.window
    tag = "portrait" if size == PORTRAIT else "landscape"
    k.shot(f"home-{tag}")

    _click(qtbot, w.home.tiles["RENIEC"])
    assert w.current_name() == "services"
    k.shot(f"services-{tag}")
    tile = _tile(w.services.tiles, "DNI-DUP")
    assert "Nadie en espera" in tile.detail.text()
    _click(qtbot, tile)
    assert w.current_name() == "preferential"
    k.shot(f"preferential-{tag}")
    assert set(w.preferential.tiles) == {
        "GESTANTE",
        "ADULTO_MAYOR",
        "DISCAPACIDAD",
        "NINO_EN_BRAZOS",
    }

    _click(qtbot, w.preferential.general)
    qtbot.waitUntil(lambda: w.current_name() == "ticket", timeout=10_000)
    k.shot(f"ticket-{tag}")
    outcome = w.ticket.outcome
    assert outcome is not None and outcome.printed
    assert w.ticket.number.text() == "R-001"
    assert "Retire su ticket" in w.ticket.heading.text()
    assert len(k.printer.printed) == 1 and k.printer.printed[0].exists()
    assert k.printer.printed[0].parent == k.data_dir / "tickets"
    row = ticket_row(server, outcome.answer["ticket"]["id"])
    assert (row.status, row.preferential, row.channel) == ("issued", None, "kiosk")
    assert k.controller.journal.pending() == []

    _click(qtbot, w.ticket.ok)
    assert w.current_name() == "home"


def test_preferential_citizen_is_marked_on_ticket_and_server(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    w = k.window
    _click(qtbot, w.home.tiles["BN"])
    _click(qtbot, _tile(w.services.tiles, "BN-PAGO"))
    _click(qtbot, w.preferential.tiles["ADULTO_MAYOR"])
    qtbot.waitUntil(lambda: w.current_name() == "ticket", timeout=10_000)
    outcome = w.ticket.outcome
    assert outcome.printed
    assert outcome.ticket.preferential == "Adulto mayor (60 años o más)"
    assert w.ticket.preferential.isVisible()
    assert ticket_row(server, outcome.answer["ticket"]["id"]).preferential == "ADULTO_MAYOR"
    k.shot("ticket-preferential")


def test_double_tap_issues_one_ticket(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    assert k.controller.issue("DNI-DUP")
    assert not k.controller.issue("DNI-DUP")  # the second tap arrives while busy
    qtbot.waitUntil(lambda: k.window.current_name() == "ticket", timeout=10_000)
    assert len(all_tickets(server)) == 1


def test_back_and_home_buttons(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    w = k.window
    _click(qtbot, w.home.tiles["RENIEC"])
    _click(qtbot, _tile(w.services.tiles, "DNI-DUP"))
    _click(qtbot, w.back_button)
    assert w.current_name() == "services"
    _click(qtbot, w.home_button)
    assert w.current_name() == "home"
