"""ApiClient.check_in against the real server: by DNI, by booking code, refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from support import WEDNESDAY_10

from macturnos.client.errors import ApiRefusal
from macturnos.server.sync.appointments import apply_appointments


def _book(server, ref: str, dni: str, service: str = "PASAPORTE") -> None:
    at = (WEDNESDAY_10 + timedelta(minutes=5)).isoformat()
    apply_appointments(
        server.ctx, WEDNESDAY_10.date(), [{"ref": ref, "dni": dni, "service": service, "at": at}]
    )


def test_check_in_by_dni_and_by_code(server, device_token, api):
    _book(server, "CITA-1", "45678912")
    kiosk = api()
    kiosk.token = device_token("kiosk", "K1")
    answer = kiosk.check_in(dni="45678912")
    assert answer["ticket"]["service"] == "PASAPORTE"
    assert answer["ticket"]["appointment_at"] is not None
    assert answer["code"]
    with pytest.raises(ApiRefusal) as again:
        kiosk.check_in(code="CITA-1")
    assert again.value.code == "APPOINTMENT_ALREADY_CHECKED_IN"
    assert answer["ticket"]["number"] in again.value.message


def test_same_key_checks_in_once(server, device_token, api):
    _book(server, "CITA-2", "11223344")
    kiosk = api()
    kiosk.token = device_token("kiosk", "K1")
    first = kiosk.check_in(code="CITA-2", idempotency_key="tap-1")
    second = kiosk.check_in(code="CITA-2", idempotency_key="tap-1")
    assert first["ticket"]["id"] == second["ticket"]["id"]


def test_unknown_appointment_and_bad_arguments(server, device_token, api):
    kiosk = api()
    kiosk.token = device_token("kiosk", "K1")
    with pytest.raises(ApiRefusal) as missing:
        kiosk.check_in(dni="87654321")
    assert missing.value.code == "APPOINTMENT_NOT_FOUND"
    with pytest.raises(ValueError):
        kiosk.check_in()
    with pytest.raises(ValueError):
        kiosk.check_in(dni="87654321", code="X")
