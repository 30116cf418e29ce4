"""The event records the reports read: the shape of `server.events.event_json`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class EventRecord:
    """One entry of the event log, as stored and as sent to clients and the PCM."""

    seq: int
    kind: str
    at: datetime
    """When it happened (aware)."""
    day: date
    """The service day it belongs to."""
    actor: str = ""
    """Who did it: "user:ana", "kiosk:K1", "system"."""
    ticket_id: int | None = None
    module: int | None = None
    data: Mapping[str, Any] = field(default_factory=dict)


def parse_time(value: datetime | str | None) -> datetime | None:
    """An aware timestamp from the ISO text the events carry (or the value itself)."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def event_record(shaped: Mapping[str, Any]) -> EventRecord:
    """An `EventRecord` from an event's JSON (`server.events.event_json`)."""
    at = parse_time(shaped["at"])
    assert at is not None
    day = shaped["day"]
    return EventRecord(
        seq=int(shaped["seq"]),
        kind=str(shaped["kind"]),
        at=at,
        day=day if isinstance(day, date) else date.fromisoformat(day),
        actor=str(shaped.get("actor") or ""),
        ticket_id=shaped.get("ticket_id"),
        module=shaped.get("module"),
        data=shaped.get("data") or {},
    )


def username_of(actor: str) -> str | None:
    """The staff username in an actor label ("user:ana" -> "ana"), None for devices."""
    kind, _, name = actor.partition(":")
    return name if kind == "user" and name else None
