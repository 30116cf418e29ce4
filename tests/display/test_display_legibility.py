"""The arithmetic behind the call screen's text sizes (docs/display.md, "Text sizes")."""

from __future__ import annotations

import pytest

from macturnos.display.legibility import CALL_SCREEN, HISTORY_SHARE, Viewing


def test_a_55_inch_tv_read_from_15_metres():
    # A 55" 16:9 panel is 121.8 x 68.5 cm (the makers' data sheets).
    assert CALL_SCREEN.screen_height_mm == pytest.approx(684.9, abs=0.1)
    # 20 minutes of arc at 15 m: 15 000 mm x 0.005818 (tan of 20').
    assert CALL_SCREEN.letter_height_mm() == pytest.approx(87.27, abs=0.01)
    assert CALL_SCREEN.letter_share() == pytest.approx(0.1274, abs=0.0001)
    assert CALL_SCREEN.letter_share() * 1080 == pytest.approx(137.6, abs=0.1)
    assert CALL_SCREEN.letter_share() * 720 == pytest.approx(91.7, abs=0.1)


def test_the_last_calls_are_read_from_about_eight_metres():
    assert CALL_SCREEN.readable_from_m(HISTORY_SHARE) == pytest.approx(8.41, abs=0.01)
    # The same share is read from farther on a bigger TV, in proportion to its size.
    bigger = Viewing(diagonal_in=65)
    assert bigger.readable_from_m(HISTORY_SHARE) == pytest.approx(8.41 * 65 / 55, abs=0.01)
    # Readable distance and required height are the inverse of each other.
    assert CALL_SCREEN.readable_from_m(CALL_SCREEN.letter_share()) == pytest.approx(15.0)
