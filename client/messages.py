"""Spanish (Peru) texts the client library hands to the apps, kept together for translation."""

from __future__ import annotations

import gettext

# Spanish is the source language; a catalogue under the `macturnos` domain may
# translate these msgids later (the same domain as the server's messages).
_translation = gettext.translation("macturnos", fallback=True)


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a text for extraction without translating it yet."""
    return message


def t(message: str, **values: object) -> str:
    """Translate a marked text and fill in its named placeholders."""
    text = _translation.gettext(message)
    return text.format(**values) if values else text


# --- reaching the server ------------------------------------------------------
SERVER_UNREACHABLE = N_("No hay conexión con el servidor de turnos")
SERVER_NOT_FOUND = N_(
    "No se encontró el servidor de turnos en la red; verifique la conexión o configure su dirección"
)
SERVER_NOT_FOUND_FOR_CENTRE = N_(
    "No se encontró el servidor de turnos del centro {centre} en la red; "
    "verifique la conexión o configure su dirección"
)
SERVER_URL_INVALID = N_("La dirección del servidor de turnos no es válida: {url}")
SERVER_ANSWER_INVALID = N_("El servidor de turnos respondió de forma inesperada")
SERVER_FAILED = N_("El servidor de turnos tuvo un error; inténtelo de nuevo")
UNEXPECTED_ERROR = N_("Ocurrió un error inesperado en este equipo; inténtelo de nuevo")
NOT_LOGGED_IN = N_("Inicie sesión para continuar.")

# --- live connection status ---------------------------------------------------
STATUS_CONNECTED = N_("Conectado al servidor de turnos")
STATUS_CONNECTING = N_("Conectando con el servidor de turnos…")
STATUS_LOST = N_("Se perdió la conexión con el servidor de turnos; reintentando…")
STATUS_NO_ANSWER = N_("El servidor de turnos no responde; reintentando…")
STATUS_REFUSED = N_("El servidor rechazó la conexión: {reason}")
STATUS_STOPPED = N_("Desconectado")
