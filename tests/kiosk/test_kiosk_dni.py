"""The kiosk sends a DNI only in ASCII digits (issue 15, item 16)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from macturnos.kiosk.screens.appointment import AppointmentScreen


@pytest.mark.parametrize(
    ("value", "ok"),
    [("12345678", True), ("١٢٣٤٥٦٧٨", False), ("１２３４５６７８", False), ("1234567", False)],
)
def test_only_ascii_digits_make_a_dni(value: str, ok: bool) -> None:
    # valid() reads only the mode and the typed value: no widget needed.
    screen = SimpleNamespace(mode="dni", value=value)
    assert AppointmentScreen.valid(screen) is ok  # type: ignore[arg-type]
