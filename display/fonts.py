"""The call screen's font: sizes from capital heights, and texts fitted to their width."""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF

from macturnos.display.legibility import CALL_SCREEN


def screen_font(px: int, *, bold: bool = False) -> QFont:
    """The screen's font (DejaVu Sans) at `px` pixels."""
    font = QFont("DejaVu Sans")
    font.setPixelSize(max(8, px))
    font.setBold(bold)
    return font


@cache
def _cap_per_px(bold: bool) -> float:
    """Capital (and digit) height of the screen's font per pixel of font size."""
    return QFontMetricsF(screen_font(1000, bold=bold)).capHeight() / 1000


def font_px_for_capitals(cap_px: float, *, bold: bool = True) -> int:
    """The smallest font size whose capitals are at least `cap_px` pixels tall."""
    return max(8, math.ceil(cap_px / _cap_per_px(bold)))


def legible_px(screen_height: int) -> int:
    """The font size of a text that must be read from the design distance (15 m on 55")."""
    return font_px_for_capitals(CALL_SCREEN.letter_share() * screen_height)


def fitted_font(text: str, max_px: int, width: int, *, bold: bool = True) -> QFont:
    """The largest font up to `max_px` pixels in which `text` fits `width` pixels."""
    font = screen_font(max_px, bold=bold)
    if width <= 0 or not text:
        return font
    measured = QFontMetrics(font).horizontalAdvance(text)
    if measured > width:
        font.setPixelSize(max(8, int(max_px * width / measured)))
    return font
