"""The citizen's ratings of their attentions (`domain.survey`)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from macturnos.server.db.models import Base, BigId


class Rating(Base):
    """One finished attention's rating: one per ticket, tied to who served it and where.

    The comment stays here: the `survey.rated` event (and so the PCM) carries the
    score and the reason, not free text a citizen may have put their name or DNI in.
    """

    __tablename__ = "ratings"
    __table_args__ = (Index("ix_ratings_day", "day"),)

    ticket_id: Mapped[int] = mapped_column(BigId, ForeignKey("tickets.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime]
    channel: Mapped[str] = mapped_column(String(8))
    score: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(16))
    comment: Mapped[str | None] = mapped_column(Text)
    entity_code: Mapped[str] = mapped_column(String(40))
    service_code: Mapped[str] = mapped_column(String(40))
    module_number: Mapped[int | None] = mapped_column(Integer)
    advisor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
