"""Tables of the centre's day: opening checklist runs, incidents, closing."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from macturnos.server.db.models import Base, BigId


class ChecklistRun(Base):
    """One run of the opening checklist: who ran it, when, and what the gate decided."""

    __tablename__ = "checklist_runs"
    __table_args__ = (Index("ix_checklist_runs_day", "day"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date)
    run_at: Mapped[datetime]
    run_by: Mapped[str] = mapped_column(String(80))
    run_by_name: Mapped[str] = mapped_column(String(120))
    decision: Mapped[str] = mapped_column(String(24))
    note: Mapped[str | None] = mapped_column(Text)


class ChecklistResult(Base):
    """One item of a run: the probe's finding, the person's answer and the result kept."""

    __tablename__ = "checklist_results"
    __table_args__ = (Index("ix_checklist_results_run", "run_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("checklist_runs.id"))
    position: Mapped[int] = mapped_column(Integer)
    zone_code: Mapped[str] = mapped_column(String(40))
    zone_name: Mapped[str] = mapped_column(String(120))
    item_code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))
    blocking: Mapped[bool] = mapped_column(Boolean)
    probe: Mapped[str | None] = mapped_column(String(24))
    probe_state: Mapped[str | None] = mapped_column(String(16))
    probe_reason: Mapped[str | None] = mapped_column(Text)
    probe_detail: Mapped[dict[str, Any] | None]
    result: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    confirmed_by_person: Mapped[bool] = mapped_column(Boolean)
    """True when a person set the result (a manual item, or an automatic one confirmed)."""


class DayIncident(Base):
    """A non-blocking failure the centre opened with, shown on the supervisor's monitor."""

    __tablename__ = "day_incidents"
    __table_args__ = (Index("ix_day_incidents_day", "day"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date)
    run_id: Mapped[int] = mapped_column(ForeignKey("checklist_runs.id"))
    item_code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))
    result: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[str] = mapped_column(String(80))


class DaySummaryRecord(Base):
    """The figures of a sealed day, as produced at the seal (kept for the PCM)."""

    __tablename__ = "day_summaries"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    produced_at: Mapped[datetime]
    produced_by: Mapped[str] = mapped_column(String(80))
    data: Mapped[dict[str, Any]]
