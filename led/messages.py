"""Spanish (Peru) texts the LED agent prints for the ICT specialist who runs it."""

from __future__ import annotations

from macturnos.messages import N_

NOT_PAIRED = N_(
    "Este agente LED no está vinculado: ejecútelo una vez con --pairing-code "
    "(el código lo da «macturnos device add --kind led»)"
)
NO_DISPLAYS = N_(
    "El archivo del centro no asigna ninguna pantalla LED al agente {code}: "
    "revise «led.agent» de los módulos"
)
BAD_DISPLAYS = N_("Las pantallas LED del agente {code} no se pueden usar: {reason}")
DRIVING = N_("Agente LED {code}: maneja las pantallas de los módulos {modules}")
WAITING_SERVER = N_("Esperando al servidor de turnos: {reason}")
