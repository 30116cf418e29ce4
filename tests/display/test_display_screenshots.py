"""Screenshots of the call screen at the TV sizes, for review and the README."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFontMetricsF
from support.display import RecordingSpeaker, shoot

from macturnos.display.legibility import CALL_SCREEN, HISTORY_SHARE

NOTICE = "Los turnos son gratuitos. Tenga su DNI a la mano al acercarse al módulo."


def ink_height(widget) -> int:
    """Pixel rows of a widget's picture holding white ink (the screen's letters are white)."""
    image = widget.grab().toImage()
    rows = 0
    for y in range(image.height()):
        if any(QColor(image.pixel(x, y)).lightness() > 230 for x in range(0, image.width(), 2)):
            rows += 1
    return rows


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
    # Read from 15 m on a 55" TV: capitals subtending 20 minutes of arc (8.7 cm, 12.7 %).
    readable = CALL_SCREEN.letter_share() * size[1]
    assert ink_height(screen.number) >= readable  # "R-004": its painted digits
    assert QFontMetricsF(screen.module.font()).capHeight() >= readable
    assert screen.location.isVisible() and screen.location.text() == "Zona A"
    # The last calls' painted letters are a fourteenth of the screen's height.
    for row in (r for r in screen.rows if r.isVisible()):
        assert ink_height(row.number) >= size[1] * HISTORY_SHARE - 1
    shoot(screen, name, docs=True)
