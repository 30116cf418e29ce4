"""The complaints and compliments book (`domain.complaints`, `server.complaints`)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from macturnos.server.db.models import Base, BigId


class Complaint(Base):
    """One entry of the book: what was said, about what, and where it stands.

    The complainant's identity (name, document, contact) lives only here, read only by
    the coordinator; the `complaint.*` events carry the number, kind, entity and
    dates, never the identity or the text.
    """

    __tablename__ = "complaints"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_complaints_year_seq"),
        Index("ix_complaints_state_deadline", "state", "deadline"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    day: Mapped[date] = mapped_column(Date)
    filed_at: Mapped[datetime]
    filed_by: Mapped[str] = mapped_column(String(80))
    deadline: Mapped[date] = mapped_column(Date)
    ticket_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("tickets.id"))
    entity_code: Mapped[str | None] = mapped_column(String(40))
    service_code: Mapped[str | None] = mapped_column(String(40))
    module_number: Mapped[int | None] = mapped_column(Integer)
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    complainant_name: Mapped[str | None] = mapped_column(String(120))
    document_type: Mapped[str | None] = mapped_column(String(12))
    document_number: Mapped[str | None] = mapped_column(String(20))
    contact: Mapped[str | None] = mapped_column(String(120))
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None]
    answered_by: Mapped[str | None] = mapped_column(String(80))
