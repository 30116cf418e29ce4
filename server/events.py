"""The event log: appending inside a transaction, and fanning out after commit."""

from __future__ import annotations

import asyncio
import bisect
import json
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from macturnos.server.db.models import Event


def event_json(ev: Event) -> dict[str, Any]:
    """The JSON shape of an event sent to clients and to the PCM."""
    return _json(ev.seq, ev.at, ev.day, ev.kind, ev.actor, ev.ticket_id, ev.module_number, ev.data)


def _json(
    seq: int,
    at: datetime,
    day: date,
    kind: str,
    actor: str,
    ticket_id: int | None,
    module_number: int | None,
    data: dict[str, Any],
) -> dict[str, Any]:
    return {
        "type": "event",
        "seq": seq,
        "at": at.astimezone(UTC).isoformat(),
        "day": day.isoformat(),
        "kind": kind,
        "actor": actor,
        "ticket_id": ticket_id,
        "module": module_number,
        "data": data,
    }


_INSERT = cast(Table, Event.__table__).insert()


def reserve_seq(session: Session) -> int:
    """Take the next sequence number for an event of this transaction.

    A unit of work (`server.changes`) numbers its events when they happen and
    writes them just before commit, so the log keeps the order of the calls.
    """
    # Numbered here, not by a database sequence: writers are serialised, and a
    # PostgreSQL sequence skips numbers after a crash or a promotion, which
    # clients would take for missed events.
    seq = session.info.get("next_seq") or last_seq(session) + 1
    session.info.setdefault("first_seq", seq)
    session.info["next_seq"] = seq + 1
    return int(seq)


def append_event(
    session: Session,
    *,
    kind: str,
    actor: str,
    at: datetime,
    day: date,
    data: dict[str, Any],
    ticket_id: int | None = None,
    module_number: int | None = None,
    seq: int | None = None,
) -> dict[str, Any]:
    """Add one event to the log in the caller's transaction; answers its shaped.

    `seq` is one taken earlier with `reserve_seq` (default: the next one).
    The committed events are published by `Database`-level code after commit
    (see `collect_events`), never before: a client must not see a change that
    could still roll back.
    """
    if seq is None:
        seq = reserve_seq(session)
    row = {
        "seq": seq,
        "at": at,
        "day": day,
        "kind": kind,
        "actor": actor,
        "ticket_id": ticket_id,
        "module_number": module_number,
        "data": data,
    }
    # A plain INSERT: the log is append-only and never read back as objects here.
    session.connection().execute(_INSERT, row)
    shaped = _json(seq, at, day, kind, actor, ticket_id, module_number, data)
    events: list[dict[str, Any]] = session.info.setdefault("events", [])
    if events and events[-1]["seq"] > seq:
        # Written after a later-numbered one (a unit of work's flush): keep seq order,
        # clients and the live queues take them in that order.
        bisect.insort(events, shaped, key=_seq_of)
    else:
        events.append(shaped)
    return shaped


def _seq_of(shaped: dict[str, Any]) -> int:
    return int(shaped["seq"])


def collect_events(session: Session) -> list[dict[str, Any]]:
    """The JSON of the events this session appended (call after commit)."""
    return session.info.pop("events", [])


def last_seq(session: Session) -> int:
    """The newest committed sequence number (0 for an empty log)."""
    return session.scalar(select(func.coalesce(func.max(Event.seq), 0))) or 0


def events_after(session: Session, seq: int, limit: int = 10_000) -> list[dict[str, Any]]:
    """Committed events with a sequence number above `seq`, in order."""
    rows = session.scalars(select(Event).where(Event.seq > seq).order_by(Event.seq).limit(limit))
    return [event_json(ev) for ev in rows]


@dataclass(frozen=True)
class Published:
    """A committed event and its JSON text, encoded once for every client."""

    event: dict[str, Any]
    text: str

    @property
    def seq(self) -> int:
        """The event's sequence number."""
        return int(self.event["seq"])


class Wake:
    """Put in a subscriber's queue to make its sender look up from the events."""


RECHECK = Wake()
"""Time to check the client's token again."""
CLOSED = Wake()
"""The client went away."""


@dataclass(eq=False)
class Subscription:
    """One live client's queue of events."""

    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[Published | Wake]


class EventHub:
    """Fans committed events out to every connected client, in order.

    Writers call `publish` after their commit, from a worker thread or from
    the event loop itself; each subscriber's asyncio queue is fed on its loop.
    """

    def __init__(self) -> None:
        self._subs: set[Subscription] = set()
        self._lock = threading.Lock()

    def subscribe(self) -> Subscription:
        """Start receiving events (call before reading the snapshot: no gap)."""
        sub = Subscription(asyncio.get_running_loop(), asyncio.Queue())
        with self._lock:
            self._subs.add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        """Stop receiving events."""
        with self._lock:
            self._subs.discard(sub)

    def publish(self, events: list[dict[str, Any]]) -> None:
        """Hand committed events to every subscriber."""
        if not events:
            return
        with self._lock:
            subs = list(self._subs)
        if not subs:
            return
        published = [Published(ev, json.dumps(ev)) for ev in events]
        try:
            here = asyncio.get_running_loop()
        except RuntimeError:
            here = None
        by_loop: dict[asyncio.AbstractEventLoop, list[Subscription]] = {}
        for sub in subs:
            by_loop.setdefault(sub.loop, []).append(sub)
        for loop, group in by_loop.items():
            if loop is here:
                # Written on the event loop itself: no thread to wake.
                _put_all(group, published)
                continue
            try:
                # One wake-up per loop, not one per client.
                loop.call_soon_threadsafe(_put_all, group, published)
            except RuntimeError:  # that loop has closed
                for sub in group:
                    self.unsubscribe(sub)

    @property
    def subscribers(self) -> int:
        """How many clients listen now."""
        with self._lock:
            return len(self._subs)


def _put_all(subs: list[Subscription], items: list[Published]) -> None:
    for sub in subs:
        for item in items:
            sub.queue.put_nowait(item)
