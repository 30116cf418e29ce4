"""The turn server's tables.

Every change of state writes its rows and appends to `events` in one
transaction; `events` is the spine read by live clients, audit, reports and the
PCM sync. Nothing here holds derived state that could drift from the log.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from macturnos.server.db.types import UTCDateTime

# SQLite only gives AUTOINCREMENT semantics to INTEGER PRIMARY KEY columns.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    """Declarative base of all models."""

    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


class Ticket(Base):
    """A citizen's turn for one service on one day."""

    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("day", "prefix", "seq", name="uq_tickets_day_prefix_seq"),
        Index("ix_tickets_day_status", "day", "status"),
        # Capacity counts, queues and recent service times are per service and day.
        Index("ix_tickets_day_service_status", "day", "service_code", "status"),
        Index("ix_tickets_day_number", "day", "number"),
        # A module's current ticket: called or in service at that module (`reads.current_at`).
        Index("ix_tickets_module_status", "module_number", "status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date)
    prefix: Mapped[str] = mapped_column(String(3))
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(12))
    service_code: Mapped[str] = mapped_column(String(40))
    entity_code: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))
    preferential: Mapped[str | None] = mapped_column(String(40))
    appointment_at: Mapped[datetime | None]
    appointment_ref: Mapped[str | None] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(16))
    issued_by: Mapped[str] = mapped_column(String(80))
    issued_at: Mapped[datetime]
    # The citizen's first arrival: a transferred ticket keeps it to keep its place.
    arrival_at: Mapped[datetime]
    called_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    recall_count: Mapped[int] = mapped_column(Integer, default=0)
    module_number: Mapped[int | None] = mapped_column(Integer)
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    origin_ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    note: Mapped[str | None] = mapped_column(Text)
    end_reason: Mapped[str | None] = mapped_column(String(40))
    # The assistance the citizen needs (a code of the centre file's `assistance`): only
    # the modules that offer it call the ticket.
    assistance: Mapped[str | None] = mapped_column(String(16))
    # A transferred ticket: the number the citizen holds on paper (the first ticket of
    # the visit), so the call screen calls them by a number they know. Never changes.
    origin_number: Mapped[str | None] = mapped_column(String(12))


class NumberCounter(Base):
    """The last sequence handed out for a prefix on a day."""

    __tablename__ = "number_counters"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    prefix: Mapped[str] = mapped_column(String(3), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)


class Event(Base):
    """One entry of the ordered event log."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_day", "day"),)

    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime]
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(80))
    ticket_id: Mapped[int | None] = mapped_column(BigId)
    module_number: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict[str, Any]]


class User(Base):
    """A staff account."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    entity_code: Mapped[str | None] = mapped_column(String(40))
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class Device(Base):
    """A paired kiosk or call screen."""

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(120))
    pairing_code_hash: Mapped[str | None] = mapped_column(String(64))
    pairing_expires_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime | None]
    health: Mapped[dict[str, Any] | None]


class AuthToken(Base):
    """A bearer token of a user or a device; only its hash is kept."""

    __tablename__ = "auth_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class ModuleSession(Base):
    """Who staffs a module now, and whether it is paused or closed.

    The module's current ticket is not stored here: it is the ticket called or
    in service at the module (`reads.current_at`), so the two cannot disagree.
    The module's visible state (free, calling, serving) derives from it.
    """

    __tablename__ = "module_sessions"

    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    pause_reason: Mapped[str | None] = mapped_column(String(40))
    pause_note: Mapped[str | None] = mapped_column(Text)
    since: Mapped[datetime]
    """When the module entered its visible state (opened, called, began serving, freed,
    paused, resumed, closed): the supervisor's "Desde hace" and the pause alerts."""


class IssuingSuspension(Base):
    """A supervisor stopped issuing tickets for an entity or a service, with a reason.

    It lasts until resumed (the row is deleted); both changes are events of the day.
    """

    __tablename__ = "issuing_suspensions"

    scope: Mapped[str] = mapped_column(String(8), primary_key=True)
    """"entity" or "service"."""
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    suspended_by: Mapped[str] = mapped_column(String(80))
    suspended_at: Mapped[datetime]


class CentreDay(Base):
    """A service day: when it was opened, by whom, and when it was sealed."""

    __tablename__ = "centre_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    opened_at: Mapped[datetime | None]
    opened_by: Mapped[str | None] = mapped_column(String(80))
    sealed_at: Mapped[datetime | None]


class IdempotencyKey(Base):
    """The stored answer to a request, so a repeated click never acts twice."""

    __tablename__ = "idempotency_keys"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    actor: Mapped[str] = mapped_column(String(80), primary_key=True)
    request: Mapped[str] = mapped_column(String(200))
    status_code: Mapped[int] = mapped_column(Integer)
    response: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
