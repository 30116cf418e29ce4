"""The one catalogue of user-facing Spanish (Peru) messages, translatable with gettext."""

from __future__ import annotations

import gettext
import string
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"

# fallback=True: with no compiled catalogue installed the Spanish source text is used.
_translation = gettext.translation("macturnos", localedir=LOCALE_DIR, fallback=True)
_ = _translation.gettext


def N_(text: str) -> str:
    """Mark `text` for extraction into the catalogue without translating it yet."""
    return text


# Stable error code -> Spanish message template (str.format fields in Spanish).
MESSAGES: dict[str, str] = {
    # Ticket life cycle.
    "ILLEGAL_TRANSITION": N_("No se puede {accion} un turno en estado «{estado}»."),
    "MAX_RECALLS_REACHED": N_(
        "Este turno ya alcanzó el máximo de {maximo} rellamadas; "
        "márquelo como no presentado o inicie la atención."
    ),
    "UNKNOWN_TICKET": N_("No se encontró el turno."),
    "QUEUE_EMPTY": N_("No hay turnos en espera para el módulo {modulo}."),
    "NO_CURRENT_TICKET": N_("El módulo {modulo} no tiene un turno en curso."),
    "TRANSFER_SAME_SERVICE": N_("El turno ya pertenece a ese servicio; elija otro servicio."),
    "TICKET_CODE_INVALID": N_(
        "El código del ticket no es válido: el ticket puede estar dañado o no ser auténtico."
    ),
    "REASON_REQUIRED": N_("Indique el motivo para continuar."),
    # Issuing tickets.
    "SERVICE_CAPACITY_REACHED": N_(
        "Este servicio ya entregó los {capacidad} turnos disponibles para hoy."
    ),
    "SERVICE_PAST_LAST_ISSUE": N_("Este servicio entrega turnos hasta las {hora}."),
    "SERVICE_APPOINTMENT_ONLY": N_("Este servicio se atiende solo con cita previa."),
    "CENTRE_CLOSED_TODAY": N_("El centro no atiende hoy."),
    "OUTSIDE_OPENING_HOURS": N_(
        "Fuera del horario de atención. Hoy atendemos de {abre} a {cierra}."
    ),
    "CENTRE_NOT_OPENED": N_(
        "El centro aún no inicia la atención: falta registrar la verificación de apertura."
    ),
    # Catalogue of services and modules.
    "UNKNOWN_SERVICE": N_("El servicio «{servicio}» no existe."),
    "UNKNOWN_MODULE": N_("El módulo {modulo} no existe."),
    "SERVICE_NOT_IN_MODULE": N_("El módulo {modulo} no atiende el servicio «{servicio}»."),
    "MODULE_TAKEN": N_("El módulo {modulo} ya está ocupado por otro asesor."),
    "MODULE_NOT_YOURS": N_("El módulo {modulo} está asignado a otro asesor."),
    "MODULE_BUSY": N_(
        "El módulo {modulo} ya tiene un turno en curso; finalícelo antes de llamar a otro."
    ),
    "MODULE_PAUSED": N_("El módulo {modulo} está en pausa; reanude la atención para continuar."),
    # Sessions and accounts.
    "NOT_AUTHENTICATED": N_("Inicie sesión para continuar."),
    "INVALID_CREDENTIALS": N_("Usuario o contraseña incorrectos."),
    "ACCOUNT_LOCKED": N_(
        "La cuenta está bloqueada por varios intentos fallidos; inténtelo en {minutos} minutos."
    ),
    "FORBIDDEN_ROLE": N_("Su rol ({rol}) no tiene permiso para esta acción."),
    "DUPLICATE_USER": N_("Ya existe un usuario con el nombre «{usuario}»."),
    "UNKNOWN_USER": N_("No existe el usuario «{usuario}»."),
    "INVALID_PAIRING_CODE": N_("El código de vinculación no es válido o ya venció."),
    # Requests in general.
    "INVALID_REQUEST": N_("La solicitud no es válida: revise el dato «{campo}»."),
    "IDEMPOTENCY_CONFLICT": N_(
        "Esta solicitud ya se registró con otros datos; actualice la pantalla e inténtelo de nuevo."
    ),
    "CONFIG_INVALID": N_(
        "La configuración del centro tiene errores y no se aplicó; sigue vigente la anterior."
        "\n{detalle}"
    ),
    "INTERNAL_ERROR": N_("Ocurrió un error interno. Inténtelo de nuevo o avise al personal TIC."),
}

# Field-free wording used when a caller does not supply a template's fields, so
# reporting a refusal can never itself fail.
FALLBACK_MESSAGES: dict[str, str] = {
    "ILLEGAL_TRANSITION": N_("No se puede realizar esa acción en el estado actual del turno."),
    "MAX_RECALLS_REACHED": N_("Este turno ya alcanzó el máximo de llamadas."),
    "SERVICE_CAPACITY_REACHED": N_("Este servicio ya entregó todos los turnos disponibles hoy."),
    "SERVICE_PAST_LAST_ISSUE": N_("Este servicio ya no entrega turnos hoy."),
    "OUTSIDE_OPENING_HOURS": N_("Fuera del horario de atención."),
    "ACCOUNT_LOCKED": N_("La cuenta está bloqueada temporalmente por varios intentos fallidos."),
    "FORBIDDEN_ROLE": N_("Su rol no tiene permiso para esta acción."),
    "DUPLICATE_USER": N_("Ya existe un usuario con ese nombre."),
    "INVALID_REQUEST": N_("La solicitud no es válida."),
    "CONFIG_INVALID": N_(
        "La configuración del centro tiene errores y no se aplicó; sigue vigente la anterior."
    ),
    "QUEUE_EMPTY": N_("No hay turnos en espera para este módulo."),
    "NO_CURRENT_TICKET": N_("El módulo no tiene un turno en curso."),
    "UNKNOWN_SERVICE": N_("El servicio solicitado no existe."),
    "UNKNOWN_MODULE": N_("El módulo solicitado no existe."),
    "SERVICE_NOT_IN_MODULE": N_("Este módulo no atiende el servicio solicitado."),
    "MODULE_TAKEN": N_("El módulo ya está ocupado por otro asesor."),
    "MODULE_NOT_YOURS": N_("Este módulo está asignado a otro asesor."),
    "MODULE_BUSY": N_("El módulo ya tiene un turno en curso; finalícelo antes de llamar a otro."),
    "MODULE_PAUSED": N_("El módulo está en pausa; reanude la atención para continuar."),
    "UNKNOWN_USER": N_("No existe ese usuario."),
}

# Shown for a code missing from the catalogue (a programming error, but the
# citizen or advisor still deserves a sentence rather than a crash).
UNKNOWN_CODE_MESSAGE = N_("No se pudo completar la operación.")

# Ticket statuses (TicketStatus values) as staff and citizens read them.
STATUS_NAMES: dict[str, str] = {
    "issued": N_("En espera"),
    "called": N_("Llamado"),
    "in_service": N_("En atención"),
    "finished": N_("Atendido"),
    "no_show": N_("No se presentó"),
    "cancelled": N_("Anulado"),
    "transferred": N_("Derivado"),
}

# Ticket actions (TicketAction values) as infinitives, to read "No se puede {accion} ...".
ACTION_NAMES: dict[str, str] = {
    "call": N_("llamar"),
    "recall": N_("volver a llamar"),
    "start": N_("iniciar la atención de"),
    "finish": N_("finalizar"),
    "no_show": N_("marcar como no presentado"),
    "cancel": N_("anular"),
    "transfer": N_("derivar"),
    "reactivate": N_("reactivar"),
    "return_to_queue": N_("devolver a la cola"),
    "close_at_end_of_day": N_("cerrar por fin del día"),
}


def template_fields(template: str) -> frozenset[str]:
    """The str.format field names a message template uses."""
    return frozenset(
        name for _text, name, _spec, _conv in string.Formatter().parse(template) if name
    )


def is_known_code(code: str) -> bool:
    """Whether `code` is in the message catalogue."""
    return code in MESSAGES


def message(code: str, **fields: object) -> str:
    """The translated message for an error `code`, formatted with `fields`."""
    template = MESSAGES.get(code)
    if template is None:
        return _(UNKNOWN_CODE_MESSAGE)
    try:
        return _(template).format(**fields)
    except (KeyError, IndexError, ValueError):
        # A missing field or a translation with a broken placeholder: say the
        # field-free version instead of failing while reporting an error.
        return _(FALLBACK_MESSAGES.get(code, UNKNOWN_CODE_MESSAGE))


def status_name(status: str) -> str:
    """The translated display name of a ticket status value."""
    name = STATUS_NAMES.get(str(status))
    return str(status) if name is None else _(name)


def action_name(action: str) -> str:
    """The translated display name (an infinitive) of a ticket action value."""
    name = ACTION_NAMES.get(str(action))
    return str(action) if name is None else _(name)
