"""The words of a citizen's ticket: one source for the printed paper and the kiosk's screen.

A citizen who used the kiosk in Quechua or English reads the same sentences on the
screen and on the paper ("Nadie delante de usted", never a second Spanish wording
on one of them). Texts are Spanish (Peru) in the source, marked with `N_`, and
translated from `macturnos/locale/<language>.po`; counts have their own sentence
for none, one and many (the plural forms of Spanish, Quechua and English).
"""

from __future__ import annotations

from dataclasses import dataclass

from macturnos.hardware.ticket import TicketContent
from macturnos.messages import N_, SOURCE_LANGUAGE, translation, wait_estimate_text

HEADING = N_("SU TURNO")
PREFERENTIAL = N_("Atención preferente")
APPOINTMENT = N_("Con cita: {time}")
DATE = N_("Fecha: {date}   Hora: {time}")
PEOPLE_AHEAD_NONE = N_("Nadie delante de usted")
PEOPLE_AHEAD_ONE = N_("1 persona delante de usted")
PEOPLE_AHEAD_MANY = N_("{n} personas delante de usted")
LOCATION = N_("Lugar de atención: {location}")
NOTICE = N_("Espere su llamado en la pantalla")
QR_HINT = N_("Código de verificación")


@dataclass(frozen=True)
class TicketWording:
    """Every sentence of one ticket in one language (None: the ticket has no such line)."""

    language: str
    heading: str
    preferential: str | None
    """The label only ("Atención preferente"); the category's name follows it on paper."""
    appointment: str | None
    date: str
    people_ahead: str
    wait: str
    location: str | None
    notice: str
    qr_hint: str


def people_ahead_text(n: int, language: str = SOURCE_LANGUAGE) -> str:
    """ "Nadie delante de usted", "1 persona ...", "4 personas delante de usted"."""
    gettext = translation(language).gettext
    if n <= 0:
        return gettext(PEOPLE_AHEAD_NONE)
    if n == 1:
        return gettext(PEOPLE_AHEAD_ONE)
    return gettext(PEOPLE_AHEAD_MANY).format(n=n)


def ticket_wording(ticket: TicketContent, language: str | None = None) -> TicketWording:
    """The ticket's sentences in `language` (default: the citizen's, `ticket.language`)."""
    lang = language or ticket.language
    gettext = translation(lang).gettext
    low, high = ticket.estimated_wait_range or (None, None)
    issued = ticket.issued_at
    return TicketWording(
        language=lang,
        heading=gettext(HEADING),
        preferential=gettext(PREFERENTIAL) if ticket.preferential else None,
        appointment=(
            gettext(APPOINTMENT).format(time=ticket.appointment) if ticket.appointment else None
        ),
        date=gettext(DATE).format(date=f"{issued:%d/%m/%Y}", time=f"{issued:%H:%M}"),
        people_ahead=people_ahead_text(ticket.people_ahead, lang),
        # The catalogue's one wait sentence (also the monitor's and the follow-your-turn
        # page's): a range when uncertain, the time of day for an appointment.
        wait=wait_estimate_text(
            ticket.estimated_wait_min,
            low,
            high,
            call_at=ticket.call_at if ticket.appointment else None,
            language=lang,
        ),
        location=(gettext(LOCATION).format(location=ticket.location) if ticket.location else None),
        notice=gettext(NOTICE),
        qr_hint=gettext(QR_HINT),
    )
