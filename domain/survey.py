"""The citizen's rating of an attention: five faces, an optional reason, an optional comment.

A rating belongs to one finished attention (ticket, entity, service, module, advisor)
and there is one per ticket. It is given on the citizen's phone (the ticket's signed
code proves whose ticket it is) or on a survey tablet at the module, which may rate
only the attention just finished there (`RATE_AT_MODULE_MIN`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from macturnos.domain.errors import DomainError
from macturnos.domain.tickets import TicketStatus
from macturnos.messages import N_

SCORES: dict[int, str] = {
    1: N_("Muy mal"),
    2: N_("Mal"),
    3: N_("Regular"),
    4: N_("Bien"),
    5: N_("Muy bien"),
}
"""The five faces, worst to best, with the words a screen reader says for each."""

REASONS: dict[str, str] = {
    "espera": N_("El tiempo de espera"),
    "trato": N_("El trato del asesor"),
    "solucion": N_("Resolvieron mi trámite"),
    "informacion": N_("La información que recibí"),
    "instalaciones": N_("El local y la comodidad"),
}
"""The short list of what the rating is mostly about (optional)."""

# The survey's own sentences: one wording for the phone page and the survey tablet.
HOW_WAS_IT = N_("¿Cómo le atendimos?")
TAP_A_FACE = N_("Toque una cara para calificar la atención.")
ABOUT = N_("¿Sobre qué, sobre todo? (opcional)")
COMMENT = N_("Comentario (opcional; no escriba su DNI ni datos personales)")
THANKS = N_("¡Gracias por su calificación!")
AT_THE_END = N_("Al terminar su atención, califíquela aquí.")
ATTENTION = N_("Turno {number}: {service}")
UNSENT = N_("No se pudo enviar. Toque una cara de nuevo.")
MODULE = N_("Módulo {module}")
SMILE = {1: -18, 2: -9, 3: 0, 4: 9, 5: 18}
"""How each score's face is drawn, the same on the phone and the tablet (no emoji font
needed): a round face of 100 units, eyes at (35, 40) and (65, 40), and a mouth from
(30, 66) to (70, 66) bent by this much (down for a frown, up for a smile)."""
FACE_COLOUR = "#FFD54F"
FACE_INK = "#1A1A1A"

MAX_COMMENT_CHARS = 500
RATE_AT_MODULE_MIN = 5
"""A survey tablet at a module offers the attention finished there this recently."""
CHANNELS = frozenset({"phone", "tablet"})


@dataclass(frozen=True)
class RatingInput:
    """A rating as given, before it is tied to its attention."""

    score: int
    reason: str | None = None
    comment: str | None = None


def check_rating(score: object, reason: object, comment: object) -> RatingInput:
    """The rating, or DomainError RATING_INVALID naming the field that is wrong."""
    if isinstance(score, bool) or not isinstance(score, int) or score not in SCORES:
        raise DomainError("RATING_INVALID", campo="score")
    if reason is not None and (not isinstance(reason, str) or reason not in REASONS):
        raise DomainError("RATING_INVALID", campo="reason")
    text: str | None = None
    if comment is not None:
        if not isinstance(comment, str):
            raise DomainError("RATING_INVALID", campo="comment")
        # Control characters are not text a person typed; a comment is kept short.
        text = "".join(c for c in comment if c.isprintable() or c in "\n").strip()
        if len(text) > MAX_COMMENT_CHARS:
            raise DomainError("RATING_INVALID", campo="comment")
        text = text or None
    return RatingInput(score=score, reason=reason, comment=text)


def may_rate(status: str, ended_at: datetime | None) -> None:
    """Only a finished attention is rated (DomainError RATING_NOT_FINISHED otherwise)."""
    if status != TicketStatus.FINISHED.value or ended_at is None:
        raise DomainError("RATING_NOT_FINISHED")


def just_finished(ended_at: datetime | None, now: datetime) -> bool:
    """Whether an attention ended recently enough for the survey tablet at its module."""
    return ended_at is not None and now - ended_at <= timedelta(minutes=RATE_AT_MODULE_MIN)
