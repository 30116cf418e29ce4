"""A deaf citizen asks for sign-language interpretation at the kiosk (issue 18): the
ticket goes only to the modules that offer it, and a replayed tap asks the same."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from support import FIXTURES
from support.kiosk import all_tickets, ticket_row

from macturnos.config import load_centre


@pytest.fixture
def centre_config(tmp_path):  # noqa: ANN201
    """The test centre with module 2 (RENIEC, DNI-DUP) offering sign language."""
    text = (FIXTURES / "centre.yaml").read_text()
    text = text.replace(
        "  - {number: 2, entity: RENIEC, zone: ZA, services: [DNI-DUP]}",
        "  - {number: 2, entity: RENIEC, zone: ZA, services: [DNI-DUP], assistance: [LSP]}",
    )
    path = tmp_path / "centre.yaml"
    path.write_text(text)
    return load_centre(path)


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _tile(tiles, service: str):
    return next(t for t in tiles if t.property("service") == service)


def test_the_citizen_asks_for_sign_language_where_a_module_offers_it(server, make_kiosk, qtbot):
    k = make_kiosk(server)
    w = k.window
    # BN's modules offer no assistance: nothing is asked.
    _click(qtbot, w.home.tiles["BN"])
    _click(qtbot, _tile(w.services.tiles, "BN-PAGO"))
    assert w.current_name() == "preferential"
    assert w.preferential.need_buttons == {} and not w.preferential.need.isVisible()
    w.go_home()
    # RENIEC's module 2 offers sign language for DNI-DUP.
    _click(qtbot, w.home.tiles["RENIEC"])
    _click(qtbot, _tile(w.services.tiles, "DNI-DUP"))
    button = w.preferential.need_buttons["LSP"]
    assert button.isVisible() and "lengua de señas" in button.text()
    k.shot("preferential-sign-language")
    _click(qtbot, button)
    assert button.isChecked() and w.preferential.assistance == "LSP"
    _click(qtbot, w.preferential.general)
    qtbot.waitUntil(lambda: w.current_name() == "ticket", timeout=10_000)
    outcome = w.ticket.outcome
    assert ticket_row(server, outcome.answer["ticket"]["id"]).assistance == "LSP"
    # The next citizen starts with nothing asked.
    _click(qtbot, w.ticket.ok)
    _click(qtbot, w.home.tiles["RENIEC"])
    _click(qtbot, _tile(w.services.tiles, "DNI-DUP"))
    assert not w.preferential.need_buttons["LSP"].isChecked()
    assert w.preferential.assistance is None


def test_a_tap_interrupted_before_its_answer_is_replayed_with_its_assistance(
    server, make_kiosk
):
    """After a crash the journal's replay sends the same request under the same key (a
    different body would be refused as a reused key), then cancels the misprint."""
    k = make_kiosk(server)
    k.controller.journal.begin("tap-1", service="DNI-DUP", assistance="LSP")
    reread = type(k.controller.journal)(k.controller.journal.path)
    assert reread.pending()[0].assistance == "LSP"
    assert k.controller._recover_job() == 1
    (row,) = all_tickets(server)
    assert (row.assistance, row.status, row.end_reason) == ("LSP", "cancelled", "print_failed")
