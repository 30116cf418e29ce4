"""Request bodies of the API (answers are the JSON views of `server.views`)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from macturnos.domain.modules import PauseReason


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

    kind: Literal["kiosk", "display"]
    code: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")
    name: str = Field(min_length=1, max_length=120)


class AppointmentIn(_Body):
    """An appointment being checked in (no personal data here)."""

    at: datetime
    ref: str | None = Field(default=None, max_length=40)


class IssueRequest(_Body):
    """Issue a ticket."""

    service: str = Field(min_length=1, max_length=40)
    preferential: str | None = Field(default=None, max_length=40)
    appointment: AppointmentIn | None = None


class CallRequest(_Body):
    """Call a given ticket out of order."""

    ticket_id: int = Field(gt=0)
    reason: str = Field(min_length=1, max_length=200)


class TransferRequest(_Body):
    """Send a citizen to another service."""

    service: str = Field(min_length=1, max_length=40)
    note: str | None = Field(default=None, max_length=500)


class ModuleTransferRequest(TransferRequest):
    """Transfer the module's current ticket."""

    ticket_id: int = Field(gt=0)


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


class HealthReport(_Body):
    """A device's report of its own health (printer, audio, ...)."""

    status: Literal["ok", "warning", "error"]
    detail: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
