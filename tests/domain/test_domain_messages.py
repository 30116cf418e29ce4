"""Tests of the Spanish message catalogue and DomainError."""

import pickle

import pytest

from macturnos.domain.errors import DomainError
from macturnos.domain.tickets import TicketAction, TicketStatus
from macturnos.messages import (
    ACTION_NAMES,
    FALLBACK_MESSAGES,
    MESSAGES,
    STATUS_NAMES,
    UNKNOWN_CODE_MESSAGE,
    action_name,
    is_known_code,
    message,
    status_name,
    template_fields,
)

REQUIRED_CODES = """
ILLEGAL_TRANSITION MAX_RECALLS_REACHED SERVICE_CAPACITY_REACHED SERVICE_PAST_LAST_ISSUE
SERVICE_APPOINTMENT_ONLY CENTRE_CLOSED_TODAY OUTSIDE_OPENING_HOURS CENTRE_NOT_OPENED
SERVICE_NOT_IN_MODULE UNKNOWN_SERVICE UNKNOWN_MODULE UNKNOWN_TICKET QUEUE_EMPTY
TRANSFER_SAME_SERVICE TICKET_CODE_INVALID INVALID_REQUEST NOT_AUTHENTICATED
INVALID_CREDENTIALS ACCOUNT_LOCKED FORBIDDEN_ROLE MODULE_TAKEN MODULE_NOT_YOURS MODULE_BUSY
MODULE_PAUSED REASON_REQUIRED IDEMPOTENCY_CONFLICT INVALID_PAIRING_CODE DUPLICATE_USER
INTERNAL_ERROR NO_CURRENT_TICKET UNKNOWN_USER
""".split()


@pytest.mark.parametrize("code", REQUIRED_CODES)
def test_required_code_present(code):
    assert is_known_code(code)
    assert MESSAGES[code].strip().endswith(".")


def test_codes_are_upper_snake():
    for code in MESSAGES:
        assert code == code.upper() and " " not in code


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_formats_without_fields(code):
    text = message(code)
    assert text and "{" not in text and "}" not in text


@pytest.mark.parametrize("code", sorted(c for c in MESSAGES if template_fields(MESSAGES[c])))
def test_templated_codes_have_field_free_fallback(code):
    assert code in FALLBACK_MESSAGES
    assert not template_fields(FALLBACK_MESSAGES[code])
    assert message(code) == FALLBACK_MESSAGES[code]


def test_fields_are_substituted():
    assert (
        message("OUTSIDE_OPENING_HOURS", abre="08:30", cierra="18:30")
        == "Fuera del horario de atención. Hoy atendemos de 08:30 a 18:30."
    )
    assert message("SERVICE_CAPACITY_REACHED", capacidad=120).count("120") == 1


def test_server_field_names_are_used():
    # The server raises these with these exact field names.
    assert "rol" in template_fields(MESSAGES["FORBIDDEN_ROLE"])
    assert "usuario" in template_fields(MESSAGES["DUPLICATE_USER"])
    assert "minutos" in template_fields(MESSAGES["ACCOUNT_LOCKED"])
    assert "campo" in template_fields(MESSAGES["INVALID_REQUEST"])
    assert "15" in message("ACCOUNT_LOCKED", minutos=15)
    assert message("MODULE_BUSY", modulo=7).startswith("El módulo 7 ya tiene")
    assert message("SERVICE_NOT_IN_MODULE", servicio="SUNAT-RUC", modulo=4) == (
        "El módulo 4 no atiende el servicio «SUNAT-RUC»."
    )


def test_extra_fields_are_ignored():
    assert message("INVALID_CREDENTIALS", modulo=3) == MESSAGES["INVALID_CREDENTIALS"]


def test_unknown_code_gives_generic_sentence():
    assert message("NO_SUCH_CODE") == UNKNOWN_CODE_MESSAGE
    assert not is_known_code("NO_SUCH_CODE")


def test_status_and_action_names_cover_enums():
    assert set(STATUS_NAMES) == {s.value for s in TicketStatus}
    assert set(ACTION_NAMES) == {a.value for a in TicketAction}
    assert status_name(TicketStatus.IN_SERVICE) == "En atención"
    assert action_name(TicketAction.RECALL) == "volver a llamar"
    assert TicketStatus.NO_SHOW.display_name == "No se presentó"
    # An enum member keys the plain-string dict (StrEnum hashes as its value).
    assert STATUS_NAMES[TicketStatus.CANCELLED] == "Anulado"


def test_domain_error_shape():
    err = DomainError("SERVICE_PAST_LAST_ISSUE", hora="17:00")
    assert err.code == "SERVICE_PAST_LAST_ISSUE"
    assert err.details == {"hora": "17:00"}
    assert err.message == "Este servicio entrega turnos hasta las 17:00."
    assert str(err) == err.message
    assert "SERVICE_PAST_LAST_ISSUE" in repr(err)


def test_domain_error_pickles():
    err = DomainError("SERVICE_CAPACITY_REACHED", capacidad=80)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is DomainError
    assert (back.code, back.details, back.message) == (err.code, err.details, err.message)


class ApiLikeError(DomainError):
    """Like the server's ApiError: a subclass with the same constructor."""


def test_domain_error_subclass_keeps_shape():
    err = ApiLikeError("FORBIDDEN_ROLE", rol="asesor")
    assert isinstance(err, DomainError)
    assert err.message == "Su rol (asesor) no tiene permiso para esta acción."
    assert type(pickle.loads(pickle.dumps(err))) is ApiLikeError
