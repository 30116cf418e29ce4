"""The reference receiver's tables: centres, received events, appointments, catalogues."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from macturnos.server.db.types import UTCDateTime

BigId = BigInteger().with_variant(Integer(), "sqlite")


class ReceiverBase(DeclarativeBase):
    """Declarative base of the receiver (a database of its own, not the centre's)."""

    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


class Centre(ReceiverBase):
    """A centre allowed to report, with the hash of its credential."""

    __tablename__ = "pcm_centres"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    acked_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    """Every event of the centre up to this sequence number is held."""
    last_received_at: Mapped[datetime | None]
    """The receiver's own clock at the last accepted batch (never the centre's)."""


class ReceivedEvent(ReceiverBase):
    """One event of a centre's log, as the centre sent it."""

    __tablename__ = "pcm_events"

    centre_id: Mapped[int] = mapped_column(ForeignKey("pcm_centres.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    at: Mapped[str] = mapped_column(String(40))
    """The centre's timestamp, verbatim: the receiver does not interpret the centre's clock."""
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(80))
    ticket_id: Mapped[int | None] = mapped_column(BigInteger)
    module: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict[str, Any]]
    received_at: Mapped[datetime]


class BookedAppointment(ReceiverBase):
    """An appointment booked for a centre (Portal MAC, Aló MAC), served to the centre."""

    __tablename__ = "pcm_appointments"
    __table_args__ = (UniqueConstraint("centre_id", "ref", name="uq_pcm_appointments_ref"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("pcm_centres.id"))
    day: Mapped[date] = mapped_column(Date, index=True)
    ref: Mapped[str] = mapped_column(String(40))
    dni_sealed: Mapped[str] = mapped_column(String(80))
    """The DNI sealed under the receiver's key (`pcm.sealing`): never kept in clear."""
    service: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime]


class CatalogueVersion(ReceiverBase):
    """The catalogue sections (services, hours, holidays) published for a centre."""

    __tablename__ = "pcm_catalogues"

    centre_id: Mapped[int] = mapped_column(ForeignKey("pcm_centres.id"), primary_key=True)
    version: Mapped[str] = mapped_column(String(80))
    sections: Mapped[dict[str, Any]]
    published_at: Mapped[datetime]
