"""A transferred citizen is called by a number they hold (issue 18): "B-001 (R-001)"."""

from __future__ import annotations

from support.display import RecordingSpeaker


def test_a_transferred_ticket_is_shown_with_the_number_on_paper(qtbot, centre, make_display):
    app = make_display(RecordingSpeaker())
    (first,) = centre.issue("DNI-DUP")
    centre.open_module(1)
    centre.open_module(3)
    assert centre.call_next(1) == first["number"]
    moved = centre.advisors[1].post(
        "/api/v1/modules/1/transfer", json={"ticket_id": first["id"], "service": "BN-PAGO"}
    )
    assert moved.status_code == 201, moved.text
    assert centre.call_next(3) == "B-001"
    screen = app.screen
    # The screen writes both: the citizen's paper says R-001, the advisor told them B-001.
    qtbot.waitUntil(lambda: screen.number.text() == "B-001 (R-001)", timeout=10_000)
    last = app.presenter.shown_log[-1][0]
    assert last.number == "B-001" and last.origin_number == "R-001"
