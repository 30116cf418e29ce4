"""Screenshots of the call screen at the TV sizes, for review and the README."""

from __future__ import annotations

import pytest
from support.display import RecordingSpeaker, shoot

NOTICE = "Los turnos son gratuitos. Tenga su DNI a la mano al acercarse al módulo."


@pytest.mark.parametrize(("size", "name"), [((1920, 1080), "main"), ((1280, 720), "720p")])
def test_screens(qtbot, centre, make_display, size, name):
    app = make_display(RecordingSpeaker(), size=size, notices=(NOTICE,), min_highlight=0.01)
    shoot(app.screen, f"welcome-{name}", docs=name == "main")
    centre.issue("DNI-DUP", 4)
    centre.issue("BN-PAGO", 4)
    for module in (1, 2, 3):
        centre.open_module(module)
    called = [centre.call_next(m) for m in (1, 3, 2, 3, 1, 3, 2)]
    qtbot.waitUntil(lambda: len(app.presenter.shown_log) == len(called), timeout=10_000)
    qtbot.waitUntil(lambda: not app.presenter.busy, timeout=10_000)
    screen = app.screen
    qtbot.waitUntil(lambda: screen.number.text() == called[-1])
    app.screen._flash_timer.stop()
    app.screen._flash_left = 0
    app.screen._paint_current()
    # Nothing cut: the number, the module and every listed call fit their labels.
    for label in (screen.number, screen.module):
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()
    for row in (r for r in screen.rows if r.isVisible()):
        assert row.number.fontMetrics().horizontalAdvance(row.number.text()) <= row.number.width()
        assert row.geometry().bottom() <= screen.history.height()
    assert screen.number.font().pixelSize() >= size[1] * 0.2
    shoot(screen, name, docs=True)
