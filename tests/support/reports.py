"""A hand-written event log for the reports' tests: events shaped like the server's."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from macturnos.reports.events import EventRecord


class DayLog:
    """Builds the events of a day by hand, each carrying its ticket's and module's JSON."""

    def __init__(self, day: date) -> None:
        self.day = day
        self.events: list[EventRecord] = []
        self.tickets: dict[int, dict[str, Any]] = {}
        self.modules: dict[int, dict[str, Any]] = {}

    def _emit(
        self,
        kind: str,
        at: datetime,
        actor: str,
        ticket: int | None = None,
        module: int | None = None,
        **extra: Any,
    ) -> None:
        data: dict[str, Any] = dict(extra)
        if ticket is not None:
            data["ticket"] = dict(self.tickets[ticket])
        if module is not None:
            data["module"] = dict(self.modules.get(module, {"number": module}))
        self.events.append(
            EventRecord(
                seq=len(self.events) + 1,
                kind=kind,
                at=at,
                day=self.day,
                actor=actor,
                ticket_id=ticket,
                module=module,
                data=data,
            )
        )

    # --- tickets ---------------------------------------------------------------------

    def issue(
        self,
        at: datetime,
        service: str,
        entity: str,
        *,
        channel: str = "kiosk",
        preferential: str | None = None,
        appointment_at: datetime | None = None,
        origin: int | None = None,
    ) -> int:
        tid = len(self.tickets) + 1
        self.tickets[tid] = {
            "id": tid,
            "number": f"T-{tid:03d}",
            "day": self.day.isoformat(),
            "service": service,
            "entity": entity,
            "status": "issued",
            "preferential": preferential,
            "appointment_at": appointment_at.isoformat() if appointment_at else None,
            "channel": channel,
            "issued_at": at.isoformat(),
            "arrival_at": at.isoformat(),
            "called_at": None,
            "started_at": None,
            "ended_at": None,
            "recall_count": 0,
            "module": None,
            "origin_ticket_id": origin,
            "end_reason": None,
        }
        self._emit("ticket.issued", at, "kiosk:K1" if channel == "kiosk" else "user:ori", tid)
        return tid

    def _set(self, tid: int, **fields: Any) -> None:
        self.tickets[tid].update(
            {k: v.isoformat() if isinstance(v, datetime) else v for k, v in fields.items()}
        )

    def call(self, at: datetime, tid: int, module: int) -> None:
        self._set(tid, status="called", called_at=at, module=module)
        self._emit("ticket.called", at, self._advisor(module), tid, module, recall=False)

    def start(self, at: datetime, tid: int) -> None:
        module = self.tickets[tid]["module"]
        self._set(tid, status="in_service", started_at=at)
        self._emit("ticket.started", at, self._advisor(module), tid, module)

    def finish(self, at: datetime, tid: int) -> None:
        module = self.tickets[tid]["module"]
        self._set(tid, status="finished", ended_at=at)
        self._emit("ticket.finished", at, self._advisor(module), tid, module)

    def no_show(self, at: datetime, tid: int) -> None:
        module = self.tickets[tid]["module"]
        self._set(tid, status="no_show", ended_at=at)
        self._emit("ticket.no_show", at, self._advisor(module), tid, module)

    def cancel(self, at: datetime, tid: int, reason: str) -> None:
        module = self.tickets[tid]["module"]
        self._set(tid, status="cancelled", ended_at=at, end_reason=reason)
        kind = "ticket.closed_at_end_of_day" if reason == "cierre" else "ticket.cancelled"
        self._emit(kind, at, "system", tid, module, reason=reason)

    def transfer(self, at: datetime, tid: int, service: str, entity: str) -> int:
        module = self.tickets[tid]["module"]
        new = self.issue(at, service, entity, channel="transfer", origin=tid)
        self.events.pop()  # the transfer's event comes first, as the server writes them
        self._set(tid, status="transferred", ended_at=at, end_reason=f"transfer:T-{new:03d}")
        self._emit("ticket.transferred", at, self._advisor(module), tid, module)
        self._emit("ticket.issued", at, self._advisor(module), new)
        return new

    # --- modules ---------------------------------------------------------------------

    def _advisor(self, module: int | None) -> str:
        m = self.modules.get(module or 0)
        return f"user:{m['advisor_username']}" if m and m["advisor_username"] else "system"

    def open(self, at: datetime, module: int, advisor: str, entity: str) -> None:
        self.modules[module] = {
            "number": module,
            "entity": entity,
            "state": "free",
            "advisor_username": advisor,
            "pause_reason": None,
        }
        self._emit("module.opened", at, f"user:{advisor}", module=module, advisor=advisor)

    def pause(self, at: datetime, module: int, reason: str) -> None:
        self.modules[module].update(state="paused", pause_reason=reason)
        self._emit("module.paused", at, self._advisor(module), module=module, reason=reason)

    def resume(self, at: datetime, module: int) -> None:
        reason = self.modules[module]["pause_reason"]
        self.modules[module].update(state="free", pause_reason=None)
        self._emit("module.resumed", at, self._advisor(module), module=module, reason=reason)

    def close(self, at: datetime, module: int) -> None:
        actor = self._advisor(module)
        self.modules[module].update(state="closed", advisor_username=None)
        self._emit("module.closed", at, actor, module=module)
