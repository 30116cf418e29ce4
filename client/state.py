"""The live model of the centre an app renders from: a snapshot, updated by each event.

Pure Python (no Qt, no I/O), safe to read from any thread: every accessor
returns copies. Queue order uses the domain's own rule
(`macturnos.domain.queue.order_queue`), so the client lists the waiting
tickets in the order the server will call them.
"""

from __future__ import annotations

import copy
import logging
import threading
from datetime import datetime, timedelta
from typing import Any

from macturnos.domain.queue import OrderingRules, QueueEntry, order_queue
from macturnos.domain.tickets import PRINT_FAILED, takes_capacity
from macturnos.messages import message

log = logging.getLogger("macturnos.client.state")

WAITING = "issued"
ACTIVE = frozenset({"called", "in_service"})
# The snapshot lists the latest 20 calls; keep more, so that when one leaves
# the list (returned to the queue) the next older one is still known.
RECENT_KEPT = 100
DEFAULT_ORDERING = OrderingRules(timedelta(minutes=15), timedelta(minutes=15))
# A newcomer's forecast (`domain.estimate.WaitEstimate`): queue events carry it too.
WAIT_FIELDS = (
    "estimated_wait_min",
    "estimated_wait_low_min",
    "estimated_wait_high_min",
    "estimated_call_at",
)
QUEUE_ESTIMATE_FIELDS = (
    *WAIT_FIELDS,
    "target_wait_min",
    "daily_capacity",
    "available",
    "unavailable_code",
    "unavailable_reason",
)


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _call_key(ticket: dict[str, Any]) -> tuple[datetime, int]:
    called = _when(ticket.get("called_at"))
    assert called is not None
    return (called, int(ticket["id"]))


def _takes_capacity(ticket: dict[str, Any]) -> bool:
    return takes_capacity(
        origin_ticket_id=ticket.get("origin_ticket_id"), appointment_at=ticket.get("appointment_at")
    )


class CentreState:
    """Queues, waiting and active tickets, modules and recent calls of one centre, live."""

    def __init__(self, ordering: OrderingRules | None = None, recent_limit: int = 20) -> None:
        self._lock = threading.RLock()
        self._ordering = ordering or DEFAULT_ORDERING
        self.recent_limit = recent_limit
        self._clear()

    def _clear(self) -> None:
        self._seq: int | None = None
        self._day: str | None = None
        self._now: datetime | None = None
        self._centre: dict[str, Any] = {}
        self._opened = False
        self._day_status: dict[str, Any] | None = None
        self._sync: dict[str, Any] | None = None
        self._queues: dict[str, dict[str, Any]] = {}
        self._waiting: dict[int, dict[str, Any]] = {}
        self._active: dict[int, dict[str, Any]] = {}
        self._modules: dict[int, dict[str, Any]] = {}
        self._recent: dict[int, dict[str, Any]] = {}
        self._devices: dict[str, dict[str, Any]] = {}
        self._suspensions: dict[tuple[str, str], dict[str, Any]] = {}
        self._suspensions_shown = True
        self._config_changes: list[str] = []
        self._stale = False

    # --- feeding ---------------------------------------------------------------

    def set_ordering(self, rules: OrderingRules) -> None:
        """Use the centre's appointment windows (from its configuration) to order queues."""
        with self._lock:
            self._ordering = rules

    def reset(self) -> None:
        """Forget everything (after a logout)."""
        with self._lock:
            self._clear()

    def apply_snapshot(self, snap: dict[str, Any]) -> None:
        """Replace the whole state with a snapshot from the stream or GET /snapshot."""
        with self._lock:
            self._clear()
            self._seq = int(snap["seq"])
            self._day = snap.get("day")
            self._now = _when(snap.get("now"))
            self._centre = dict(snap.get("centre") or {})
            self._opened = bool(snap.get("opened"))
            self._day_status = copy.deepcopy(snap.get("day_status"))
            self._sync = copy.deepcopy(snap.get("sync"))
            self._queues = {q["service"]: dict(q) for q in snap.get("queues", [])}
            for t in snap.get("waiting", []):
                self._waiting[int(t["id"])] = dict(t)
            for t in snap.get("active", []):
                self._active[int(t["id"])] = dict(t)
            for m in snap.get("modules", []):
                self._modules[int(m["number"])] = copy.deepcopy(m)
            for t in snap.get("recent_calls", []):
                self._recent[int(t["id"])] = dict(t)
            # A device's snapshot has no suspensions list (staff only): keep it so.
            self._suspensions_shown = snap.get("suspensions") is not None
            for row in snap.get("suspensions") or []:
                self._suspensions[(row["scope"], row["code"])] = dict(row)

    def apply_event(self, ev: dict[str, Any]) -> bool:
        """Apply one event; False when it is older than the state (already included)."""
        with self._lock:
            seq = int(ev["seq"])
            if self._seq is not None and seq <= self._seq:
                return False
            self._seq = seq
            at = _when(ev.get("at"))
            if at is not None and (self._now is None or at > self._now):
                self._now = at
            day = ev.get("day")
            if day and self._day and day > self._day:
                self._new_day(day)
            elif day and not self._day:
                self._day = day
            kind = str(ev.get("kind", ""))
            data = ev.get("data") or {}
            if kind == "day.opened":
                self._opened = True
            elif kind == "day.sealed":
                self._opened = False
            elif kind == "device.health":
                self._devices[str(data.get("device"))] = dict(data)
            elif kind == "config.reloaded":
                self._config_changes = list(data.get("changes") or [])
                # Services or modules may have changed: only a snapshot is exact now.
                self._stale = True
            if isinstance(data.get("ticket"), dict):
                self._put_ticket(data["ticket"])
                self._count_issue(kind, data["ticket"])
            if isinstance(data.get("new_ticket"), dict):
                self._put_ticket(data["new_ticket"])
            if isinstance(data.get("queue"), dict):
                self._put_queue(data["queue"])
            if isinstance(data.get("queues"), list):
                # Staffing changed, or a ticket of a service sharing modules with these,
                # or a supervisor suspended or resumed issuing: estimates and availability.
                self.apply_queue_summaries(data["queues"])
            if kind.startswith("issuing."):
                self._put_suspension(kind, ev, data)
            if isinstance(data.get("module"), dict):
                self._modules[int(data["module"]["number"])] = copy.deepcopy(data["module"])
            self._refresh_longest_waits()
            return True

    def apply_queue_summaries(self, summaries: list[dict[str, Any]]) -> None:
        """Take estimates and availability from GET /queues (not counts, which events keep)."""
        with self._lock:
            for summary in summaries:
                q = self._queues.get(summary.get("service", ""))
                if q is not None:
                    for key in QUEUE_ESTIMATE_FIELDS:
                        if key in summary:
                            q[key] = summary[key]

    def _new_day(self, day: str) -> None:
        log.info("a new service day began: %s", day)
        self._day = day
        self._opened = False
        self._waiting.clear()
        self._active.clear()
        self._recent.clear()
        for q in self._queues.values():
            q.update(waiting=0, longest_wait_s=0, issued_today=0)
        # Module sessions and availability rules of the new day come with a snapshot.
        self._stale = True

    def _put_ticket(self, t: dict[str, Any]) -> None:
        tid = int(t["id"])
        t = dict(t)
        self._waiting.pop(tid, None)
        self._active.pop(tid, None)
        status = t.get("status")
        if status == WAITING:
            self._waiting[tid] = t
        elif status in ACTIVE:
            self._active[tid] = t
        if t.get("called_at"):
            self._recent[tid] = t
            if len(self._recent) > RECENT_KEPT:
                oldest = min(self._recent.values(), key=_call_key)
                del self._recent[int(oldest["id"])]
        else:  # returned or reactivated: its call no longer stands
            self._recent.pop(tid, None)

    def _put_suspension(self, kind: str, ev: dict[str, Any], data: dict[str, Any]) -> None:
        key = (str(data.get("scope")), str(data.get("code")))
        if kind == "issuing.resumed":
            self._suspensions.pop(key, None)
        elif kind == "issuing.suspended":
            self._suspensions[key] = {
                "scope": key[0],
                "code": key[1],
                "name": data.get("name"),
                "reason": data.get("reason"),
                "suspended_by": ev.get("actor"),
                "suspended_at": ev.get("at"),
            }

    def _count_issue(self, kind: str, t: dict[str, Any]) -> None:
        q = self._queues.get(t.get("service", ""))
        # A running count of `domain.tickets.counts_against_capacity`.
        if q is None or not _takes_capacity(t):
            return
        if kind == "ticket.issued":
            q["issued_today"] = int(q.get("issued_today") or 0) + 1
        elif kind == "ticket.cancelled" and t.get("end_reason") == PRINT_FAILED:
            q["issued_today"] = max(0, int(q.get("issued_today") or 0) - 1)
        else:
            return
        capacity = q.get("daily_capacity")
        if capacity is None:
            return
        if q["issued_today"] >= capacity:
            q.update(
                available=False,
                unavailable_code="SERVICE_CAPACITY_REACHED",
                unavailable_reason=message("SERVICE_CAPACITY_REACHED", capacidad=capacity),
            )
        elif q.get("unavailable_code") == "SERVICE_CAPACITY_REACHED":
            q.update(available=True, unavailable_code=None, unavailable_reason=None)

    def _put_queue(self, data: dict[str, Any]) -> None:
        q = self._queues.get(data.get("service", ""))
        if q is None:
            return
        if "waiting" in data:
            q["waiting"] = data["waiting"]
        for key in WAIT_FIELDS:
            if key in data:
                q[key] = data[key]

    def _refresh_longest_waits(self) -> None:
        if self._now is None:
            return
        longest: dict[str, float] = {}
        for t in self._waiting.values():
            arrival = _when(t.get("arrival_at"))
            if arrival is not None:
                seconds = (self._now - arrival).total_seconds()
                svc = t["service"]
                longest[svc] = max(longest.get(svc, 0.0), seconds)
        for code, q in self._queues.items():
            q["longest_wait_s"] = int(longest.get(code, 0.0))

    # --- reading -----------------------------------------------------------------

    @property
    def seq(self) -> int | None:
        """The sequence number of the last snapshot or event applied."""
        with self._lock:
            return self._seq

    @property
    def day(self) -> str | None:
        """The service day (ISO date) the state describes."""
        with self._lock:
            return self._day

    @property
    def now(self) -> datetime | None:
        """The server's time as of the last snapshot or event."""
        with self._lock:
            return self._now

    @property
    def opened(self) -> bool:
        """Whether today's opening checklist was registered."""
        with self._lock:
            return self._opened

    @property
    def day_status(self) -> dict[str, Any] | None:
        """The day's status (open, blocked and why, incidents) as of the last snapshot."""
        with self._lock:
            return copy.deepcopy(self._day_status)

    @property
    def sync(self) -> dict[str, Any] | None:
        """The PCM sync's status as of the last snapshot."""
        with self._lock:
            return copy.deepcopy(self._sync)

    @property
    def centre(self) -> dict[str, Any]:
        """The centre's code and name."""
        with self._lock:
            return dict(self._centre)

    @property
    def stale(self) -> bool:
        """True after a configuration reload or a new day: ask for a fresh snapshot."""
        with self._lock:
            return self._stale

    @property
    def config_changes(self) -> list[str]:
        """What the last configuration reload changed."""
        with self._lock:
            return list(self._config_changes)

    def queues(self) -> list[dict[str, Any]]:
        """Every service's queue summary, in the configuration's order."""
        with self._lock:
            return [dict(q) for q in self._queues.values()]

    def queue(self, service: str) -> dict[str, Any] | None:
        """One service's queue: waiting, longest wait, estimate, availability."""
        with self._lock:
            q = self._queues.get(service)
            return dict(q) if q is not None else None

    def waiting(
        self, service: str | None = None, services: list[str] | None = None
    ) -> list[dict[str, Any]]:
        """Waiting tickets (of one service or some services) in the order they will be called."""
        with self._lock:
            wanted = {service} if service is not None else set(services or [])
            tickets = [t for t in self._waiting.values() if not wanted or t["service"] in wanted]
            return [dict(t) for t in self._ordered(tickets)]

    def _ordered(self, tickets: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not tickets or self._now is None:
            return sorted(tickets, key=lambda t: (t.get("arrival_at") or "", t["id"]))
        by_id = {int(t["id"]): t for t in tickets}
        entries = [
            QueueEntry(
                ticket_id=int(t["id"]),
                service_code=t["service"],
                arrival_at=_when(t["arrival_at"]) or self._now,
                preferential=t.get("preferential") is not None,
                appointment_at=_when(t.get("appointment_at")),
            )
            for t in tickets
        ]
        return [by_id[e.ticket_id] for e in order_queue(entries, self._now, self._ordering)]

    def people_ahead(self, ticket_id: int) -> int | None:
        """How many wait before this ticket in its service (None if it is not waiting)."""
        with self._lock:
            t = self._waiting.get(int(ticket_id))
            if t is None:
                return None
            same = [w for w in self._waiting.values() if w["service"] == t["service"]]
            ordered = self._ordered(same)
            return next(i for i, w in enumerate(ordered) if w["id"] == t["id"])

    def active(self) -> list[dict[str, Any]]:
        """Tickets being called or served now, oldest call first."""
        with self._lock:
            return [dict(t) for t in sorted(self._active.values(), key=_call_key)]

    def ticket(self, ticket_id: int) -> dict[str, Any] | None:
        """A ticket the state knows (waiting, active or recently called)."""
        with self._lock:
            tid = int(ticket_id)
            t = self._waiting.get(tid) or self._active.get(tid) or self._recent.get(tid)
            return dict(t) if t is not None else None

    def module(self, number: int) -> dict[str, Any] | None:
        """One module: its state, advisor, services and current ticket."""
        with self._lock:
            m = self._modules.get(int(number))
            return copy.deepcopy(m) if m is not None else None

    def modules(self, zone: str | None = None) -> list[dict[str, Any]]:
        """Every module (or a zone's), by number."""
        with self._lock:
            return [
                copy.deepcopy(m)
                for n, m in sorted(self._modules.items())
                if zone is None or m.get("zone") == zone
            ]

    def recent_calls(
        self, zone: str | None = None, modules: list[int] | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """The latest calls, newest first, optionally of one zone or some modules."""
        with self._lock:
            wanted = set(modules) if modules is not None else None
            out = []
            for t in sorted(self._recent.values(), key=_call_key, reverse=True):
                number = t.get("module")
                if wanted is not None and number not in wanted:
                    continue
                if zone is not None:
                    m = self._modules.get(number) if number is not None else None
                    if m is None or m.get("zone") != zone:
                        continue
                out.append(dict(t))
                if len(out) >= (limit or self.recent_limit):
                    break
            return out

    def suspensions(self) -> list[dict[str, Any]]:
        """Entities and services whose issuing a supervisor suspended, oldest first."""
        with self._lock:
            rows = sorted(self._suspensions.values(), key=lambda r: str(r.get("suspended_at")))
            return copy.deepcopy(rows)

    def devices(self) -> dict[str, dict[str, Any]]:
        """The last health report of each device that sent one since the snapshot."""
        with self._lock:
            return copy.deepcopy(self._devices)

    def to_snapshot(self) -> dict[str, Any]:
        """The state in the shape of the server's snapshot (for apps, checks and tests)."""
        with self._lock:
            return {
                "type": "snapshot",
                "seq": self._seq,
                "day": self._day,
                "now": self._now.isoformat() if self._now else None,
                "centre": dict(self._centre),
                "opened": self._opened,
                "day_status": copy.deepcopy(self._day_status),
                "sync": copy.deepcopy(self._sync),
                "queues": self.queues(),
                "waiting": self.waiting(),
                "active": self.active(),
                "modules": self.modules(),
                "recent_calls": self.recent_calls(),
                "suspensions": self.suspensions() if self._suspensions_shown else None,
            }
