"""Colours, sizes and type shared by the apps: high contrast, large, touch-first."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QWidget

# The palette: dark text on white for the kiosk and the counter, white on deep
# blue for the call screen; contrast ratios above 7:1 (WCAG AAA) for body text.
INK = "#111827"
PAPER = "#FFFFFF"
NAVY = "#0B1F3A"
MUTED = "#4B5563"
ACCENT = "#C8102E"  # Peru red, for the brand bar
OK = "#0F7B3F"
WARNING = "#B45309"
DANGER = "#B91C1C"
FOCUS = "#FACC15"  # keyboard focus ring, visible on both backgrounds

MIN_TOUCH_MM = 15.0
"""The smallest touch target a citizen is offered (elderly users, gloves, tremor)."""


def mm_to_px(mm: float, widget: QWidget | None = None) -> int:
    """Millimetres on the screen in pixels, from the screen's physical DPI."""
    screen = widget.screen() if widget is not None else QGuiApplication.primaryScreen()
    dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
    if not 50 <= dpi <= 600:  # offscreen and some TVs report nonsense
        dpi = 96.0
    return round(mm / 25.4 * dpi)


def readable_on(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (entity colours vary)."""
    c = QColor(colour)

    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())
    return INK if lum > 0.4 else PAPER


def focus_style() -> str:
    """A style sheet fragment that makes keyboard focus obvious."""
    return f"*:focus {{ outline: none; border: 4px solid {FOCUS}; }}"
