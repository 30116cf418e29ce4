"""How tall a text must be on the TV to be read from across the waiting room.

Pure arithmetic, no Qt: the view turns these shares of the screen's height into
font sizes (docs/display.md, "Text sizes", shows the computation). A text is
readable when its capital letters and digits subtend at least `READING_ARCMIN`
at the eye: the character height that display ergonomics standards recommend
for reading (ISO 9241-303, ANSI/HFES 100: 20 to 22 minutes of arc preferred, 16
the least), four times the 5-minute letter of normal (6/6) sight, so citizens
with weaker sight still read it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

READING_ARCMIN = 20.0
"""Visual angle of a readable capital letter, in minutes of arc."""
HISTORY_SHARE = 1 / 14
"""Capital height of the last calls' rows, as a share of the screen's height."""


@dataclass(frozen=True)
class Viewing:
    """A TV and the farthest seat it must serve."""

    diagonal_in: float = 55.0
    """The TV's diagonal in inches (the centres' standard call screen is 55")."""
    distance_m: float = 15.0
    """The farthest a citizen waits from it, in metres."""
    aspect: tuple[int, int] = (16, 9)

    @property
    def screen_height_mm(self) -> float:
        """The picture's height: the diagonal times height / hypotenuse of the aspect."""
        w, h = self.aspect
        return self.diagonal_in * 25.4 * h / math.hypot(w, h)

    def letter_height_mm(self, arcmin: float = READING_ARCMIN) -> float:
        """The capital height that subtends `arcmin` at `distance_m`: 2 d tan(angle / 2)."""
        angle = math.radians(arcmin / 60)
        return 2 * self.distance_m * 1000 * math.tan(angle / 2)

    def letter_share(self, arcmin: float = READING_ARCMIN) -> float:
        """That capital height as a share of the screen's height (any resolution)."""
        return self.letter_height_mm(arcmin) / self.screen_height_mm

    def readable_from_m(self, share: float, arcmin: float = READING_ARCMIN) -> float:
        """The farthest distance at which capitals `share` of the screen high stay readable."""
        height_mm = share * self.screen_height_mm
        return height_mm / 1000 / (2 * math.tan(math.radians(arcmin / 60) / 2))


CALL_SCREEN = Viewing()
"""The call screen's design case: a 55" TV read from 15 m."""
