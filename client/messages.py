"""Spanish (Peru) texts the client library hands to the apps, kept together for translation."""

from __future__ import annotations

from macturnos.messages import N_

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
