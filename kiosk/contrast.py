"""Text colours chosen by computed contrast (WCAG 2), so any centre's colours read well (no Qt).

Entity colours come from each centre's file: the kiosk never assumes white text
reads on them. `text_on` picks the kiosk's ink or paper, whichever contrasts more,
and falls back to pure black or white when neither reaches `MIN_CONTRAST`.
"""

from __future__ import annotations

MIN_CONTRAST = 4.5
"""WCAG 2 level AA for normal text: every kiosk text reaches it."""
INK = "#111827"
PAPER = "#FFFFFF"


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if len(value) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #RRGGBB colour, 0 (black) to 1 (white)."""

    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4

    r, g, b = _rgb(colour)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def text_on(background: str, ink: str = INK, paper: str = PAPER) -> str:
    """The text colour for `background`: ink or paper by contrast, black/white if neither reads."""
    best = max((ink, paper), key=lambda c: contrast_ratio(c, background))
    if contrast_ratio(best, background) >= MIN_CONTRAST:
        return best
    return max(("#000000", "#FFFFFF"), key=lambda c: contrast_ratio(c, background))
