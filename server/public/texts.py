"""The words of the citizen's pages, in Spanish (Peru) first, translated from the catalogue.

People ahead and the wait use the ticket's own sentences (`hardware.ticket_wording`),
so the phone says what the paper and the kiosk said.
"""

from __future__ import annotations

from datetime import date

from macturnos.domain.estimate import WaitEstimate
from macturnos.hardware.ticket_wording import people_ahead_text
from macturnos.messages import N_, translation, wait_estimate_text

LANGUAGES = ("es", "qu", "en")
LANGUAGE_NAMES = {"es": "Español", "qu": "Runasimi", "en": "English"}

TITLE = N_("Su turno")
WAITING = N_("En espera")
CALLED = N_("¡Es su turno!")
CALLED_GO = N_("Acérquese al módulo {module}")
SERVING = N_("Le están atendiendo en el módulo {module}")
FINISHED = N_("Atención finalizada. Gracias por su visita.")
NO_SHOW = N_("Le llamamos y no se presentó. Acérquese a orientación.")
CANCELLED = N_("Este turno fue anulado. Acérquese a orientación.")
TRANSFERRED = N_("Le derivaron a otro trámite: su número ahora es {number}.")
EARLIER = N_("Número anterior: {numbers}")
LIVE = N_("Esta página se actualiza sola.")
STATIC = N_("Actualice la página para ver los cambios.")
KEEP = N_("Conserve su ticket impreso: es su comprobante.")
HOME = N_("Escanee el código QR de su ticket para seguir su turno.")
INVALID = N_("Este código no corresponde a un ticket de este centro.")
OTHER_DAY = N_("Este ticket es del {date}: solo se puede seguir el día en que se entregó.")
UNKNOWN = N_("No encontramos este ticket. Acérquese a orientación.")
TOO_MANY = N_("Demasiadas consultas desde esta conexión. Espere un momento y vuelva a intentar.")
NOT_FOUND = N_("Esta página no existe.")
PROBLEM = N_("No pudimos mostrar su turno")
YOU_RATED = N_("Usted calificó: {face}")


def pick_language(asked: str | None, accept_language: str | None) -> str:
    """The page's language: the one asked for (`?l=`), else the browser's, else Spanish."""
    if asked in LANGUAGES:
        return str(asked)
    for part in (accept_language or "").split(","):
        tag = part.split(";", 1)[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return LANGUAGES[0]


def text(language: str, message: str, **values: object) -> str:
    """`message` in `language`, its fields filled in."""
    translated = translation(language).gettext(message)
    return translated.format(**values) if values else translated


def wait_lines(
    estimate: WaitEstimate, language: str, appointment_time: str | None = None
) -> list[str]:
    """People ahead and the estimated wait, as the ticket says them.

    An appointment is told the time it will be called ("cerca de las 12:33"), not a
    count of people who may not be ahead of it at all.
    """
    wait = wait_estimate_text(
        estimate.minutes,
        estimate.low,
        estimate.high,
        appointment_time,
        language=language,
    )
    if appointment_time is not None:
        return [wait]
    return [people_ahead_text(estimate.people_ahead, language), wait]


def day_text(day: date | None) -> str:
    """A day as Peru writes it (25/11/2026)."""
    return f"{day:%d/%m/%Y}" if day else ""
