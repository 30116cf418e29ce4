"""Tables of the sync with the PCM: upload cursor, appointments, catalogue offers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Date, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from macturnos.server.db.models import Base, BigId


class SyncState(Base):
    """Where one direction of the sync stands ("upload" or "download").

    Only the sync service writes these rows, each in its own small transaction,
    so the state survives restarts and the API can show it without the service.
    """

    __tablename__ = "sync_state"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    """Upload: the highest sequence number the PCM acknowledged."""
    version: Mapped[str | None] = mapped_column(String(80))
    """Download: the last catalogue version received."""
    last_attempt_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    failing_since: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    """The last failure in Spanish, cleared on success."""


class Appointment(Base):
    """A booked appointment of the day, downloaded from the PCM.

    The citizen's DNI is never stored: only a keyed HMAC of it, enough to find
    the appointment when the citizen types the DNI at the kiosk.
    """

    __tablename__ = "appointments"
    __table_args__ = (
        UniqueConstraint("ref", name="uq_appointments_ref"),
        Index("ix_appointments_day_dni", "day", "dni_digest"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    ref: Mapped[str] = mapped_column(String(40))
    """The booking code the citizen received."""
    day: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime]
    service_code: Mapped[str] = mapped_column(String(40))
    dni_digest: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime]
    checked_in_at: Mapped[datetime | None]
    ticket_id: Mapped[int | None] = mapped_column(BigId)


class CatalogueOffer(Base):
    """A catalogue update from the PCM waiting for the supervisor's decision."""

    __tablename__ = "catalogue_offers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version: Mapped[str] = mapped_column(String(80))
    received_at: Mapped[datetime]
    sections: Mapped[dict[str, Any]]
    """The PCM's sections (services, hours, holidays) as received."""
    changes: Mapped[dict[str, Any]]
    """{"lines": [...]} the Spanish difference against the configuration then in force."""
    status: Mapped[str] = mapped_column(String(16))
    """pending, accepted, rejected, superseded or invalid."""
    error: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(80))
