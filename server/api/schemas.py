"""Request bodies of the API (answers are the JSON shapes of `server.reads`)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from annotated_types import Interval
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from macturnos.domain.modules import PauseReason

# Integers from a request must fit their database column before they reach it:
# a larger one overflowed in the driver and answered 500 (OverflowError).
MAX_INT32 = 2**31 - 1
MAX_INT64 = 2**63 - 1

RowId = Annotated[int, Interval(ge=1, le=MAX_INT64)]
"""A ticket's id (BIGINT column), in paths and bodies."""
SmallId = Annotated[int, Interval(ge=1, le=MAX_INT32)]
"""An id kept in an INTEGER column (catalogue offers)."""
ModuleNumber = Annotated[int, Interval(ge=0, le=MAX_INT32)]
"""A module's number (INTEGER column)."""
Seq = Annotated[int, Interval(ge=0, le=MAX_INT64)]
"""An event sequence number (BIGINT column); 0 means from the start."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date_only(value: object) -> object:
    # Pydantic's lax date also takes a number (or a numeric string) as Unix
    # time: `{"day": 31536000}` sealed 1 January 1971. Only YYYY-MM-DD passes.
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("a date must be written YYYY-MM-DD")
    return value


def _iso_datetime_only(value: object) -> object:
    # Same reason as dates: a bare number would be read as Unix time.
    if isinstance(value, datetime) or (isinstance(value, str) and _ISO_DATE.match(value)):
        return value
    raise ValueError("an instant must be written in ISO 8601")


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]
"""A calendar day written YYYY-MM-DD (never a number)."""
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_datetime_only)]
"""An instant written in ISO 8601 (never a number)."""


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginRequest(_Body):
    """Staff log-in."""

    username: str = Field(min_length=1, max_length=60)
    password: str = Field(min_length=1, max_length=200)


class PairRequest(_Body):
    """A device exchanges its one-time pairing code for a token."""

    pairing_code: str = Field(min_length=4, max_length=20)


class DeviceRequest(_Body):
    """Register a kiosk or call screen for pairing."""

    kind: Literal["kiosk", "display", "led"]
    code: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")
    name: str = Field(min_length=1, max_length=120)


class AppointmentIn(_Body):
    """An appointment being checked in (no personal data here)."""

    at: IsoDateTime
    ref: str | None = Field(default=None, max_length=40)


class IssueRequest(_Body):
    """Issue a ticket."""

    service: str = Field(min_length=1, max_length=40)
    preferential: str | None = Field(default=None, max_length=40)
    appointment: AppointmentIn | None = None
    assistance: str | None = Field(default=None, max_length=16)
    """The assistance the citizen needs (a code of the centre's `assistance`), if any."""


class CallRequest(_Body):
    """Call a given ticket out of order."""

    ticket_id: RowId
    reason: str = Field(min_length=1, max_length=200)


class TransferRequest(_Body):
    """Send a citizen to another service."""

    service: str = Field(min_length=1, max_length=40)
    note: str | None = Field(default=None, max_length=500)


class ModuleTransferRequest(TransferRequest):
    """Transfer the module's current ticket."""

    ticket_id: RowId


class PauseRequest(_Body):
    """Pause a module."""

    reason: PauseReason
    note: str | None = Field(default=None, max_length=500)


class CancelRequest(_Body):
    """Cancel a ticket."""

    reason: str = Field(min_length=1, max_length=40)


class VerifyRequest(_Body):
    """Check the signed code read from a ticket's QR."""

    code: str = Field(min_length=1, max_length=200)


class LedDisplayReport(_Body):
    """What an LED agent found of one display: it acknowledged, or why not."""

    module: int = Field(ge=1, le=999)
    status: Literal["ok", "error"]
    reason: str = Field(max_length=200)
    """Spanish, e.g. "La pantalla LED del módulo no responde"."""
    last_error: str | None = Field(None, max_length=200)
    """The latest failure, kept after the display recovers."""
    last_error_at: datetime | None = None


class LedReport(_Body):
    """An LED agent's report on every display it drives."""

    displays: list[LedDisplayReport] = Field(min_length=1, max_length=100)


class HealthReport(_Body):
    """A device's report of its own health (printer, audio, ...)."""

    status: Literal["ok", "warning", "error"]
    detail: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
