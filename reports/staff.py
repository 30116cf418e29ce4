"""Advisors' and modules' time, folded from the module and ticket events.

A module's session runs from `module.opened` to `module.closed` (or, if the
log never closes it, to the end of its service day or the moment the report
is made, whichever is earlier). Within it: pauses (`module.paused` to
`module.resumed`, by reason), calling (a call to the start of the attention,
or to the end of a call that never started) and serving (start to end).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from sys import intern

from macturnos.reports.events import EventRecord, username_of


class SpanKind(StrEnum):
    """What a span of a module's time was spent on."""

    SESSION = "session"
    """An advisor at the module (logged in to it)."""
    PAUSE = "pause"
    CALLING = "calling"
    SERVING = "serving"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one module's time."""

    kind: SpanKind
    module: int
    entity: str | None
    advisor: str | None
    day: date
    start: datetime
    end: datetime
    reason: str | None = None
    """The pause's reason."""

    @property
    def seconds(self) -> float:
        """Its length in seconds."""
        return max((self.end - self.start).total_seconds(), 0.0)


@dataclass
class _Open:
    start: datetime
    day: date
    advisor: str | None
    entity: str | None
    reason: str | None = None
    ticket_id: int | None = None
    started: datetime | None = None


_ENDS_A_CALL = frozenset(
    {
        "ticket.finished",
        "ticket.no_show",
        "ticket.returned",
        "ticket.transferred",
        "ticket.cancelled",
        "ticket.closed_at_end_of_day",
    }
)

Cut = Callable[[date], datetime]
"""The latest end of a span still open when the log ends, for its service day."""


def _module_fields(ev: EventRecord) -> tuple[str | None, str | None]:
    # Interned: a month holds a hundred thousand spans naming a few dozen people.
    module = ev.data.get("module")
    if not isinstance(module, Mapping):
        return _interned(username_of(ev.actor)), None
    advisor = module.get("advisor_username") or username_of(ev.actor)
    entity = module.get("entity")
    return _interned(advisor), _interned(str(entity) if entity else None)


def _interned(value: str | None) -> str | None:
    return None if value is None else intern(value)


class _Folder:
    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.sessions: dict[int, _Open] = {}
        self.pauses: dict[int, _Open] = {}
        self.calls: dict[int, _Open] = {}

    def _close(self, kind: SpanKind, m: int, o: _Open, end: datetime) -> None:
        self.spans.append(Span(kind, m, o.entity, o.advisor, o.day, o.start, end, o.reason))

    def end_call(self, m: int, end: datetime) -> None:
        o = self.calls.pop(m, None)
        if o is None:
            return
        if o.started is None:
            self._close(SpanKind.CALLING, m, o, end)
            return
        self._close(SpanKind.CALLING, m, o, o.started)
        self._close(SpanKind.SERVING, m, _Open(o.started, o.day, o.advisor, o.entity), end)

    def end_pause(self, m: int, end: datetime) -> None:
        o = self.pauses.pop(m, None)
        if o is not None:
            self._close(SpanKind.PAUSE, m, o, end)

    def end_session(self, m: int, end: datetime) -> None:
        self.end_call(m, end)
        self.end_pause(m, end)
        o = self.sessions.pop(m, None)
        if o is not None:
            self._close(SpanKind.SESSION, m, o, end)

    def take(self, ev: EventRecord) -> None:
        m = ev.module
        if m is None:
            return
        advisor, entity = _module_fields(ev)
        session = self.sessions.get(m)
        if session is not None:
            advisor, entity = session.advisor, session.entity or entity
        if ev.kind == "module.opened":
            self.end_session(m, ev.at)
            self.sessions[m] = _Open(ev.at, ev.day, advisor, entity)
        elif ev.kind == "module.closed":
            self.end_session(m, ev.at)
        elif ev.kind == "module.paused":
            self.end_pause(m, ev.at)
            reason = intern(str(ev.data.get("reason") or ""))
            self.pauses[m] = _Open(ev.at, ev.day, advisor, entity, reason=reason)
        elif ev.kind == "module.resumed":
            self.end_pause(m, ev.at)
        elif ev.kind == "ticket.called":
            self.end_call(m, ev.at)
            self.calls[m] = _Open(ev.at, ev.day, advisor, entity, ticket_id=ev.ticket_id)
        elif ev.kind == "ticket.started":
            call = self.calls.get(m)
            if call is not None and call.ticket_id == ev.ticket_id:
                call.started = ev.at
        elif ev.kind in _ENDS_A_CALL:
            call = self.calls.get(m)
            if call is not None and call.ticket_id == ev.ticket_id:
                self.end_call(m, ev.at)

    def finish(self, cut: Cut) -> list[Span]:
        # Never before a span's own start: a cut earlier than it leaves it empty.
        for m, o in list(self.calls.items()):
            self.end_call(m, max(cut(o.day), o.started or o.start))
        for m, o in list(self.pauses.items()):
            self.end_pause(m, max(cut(o.day), o.start))
        for m, o in list(self.sessions.items()):
            self.end_session(m, max(cut(o.day), o.start))
        return self.spans


def fold_spans(events: Iterable[EventRecord], cut: Cut) -> list[Span]:
    """The spans of module time the events describe (see the module's doc)."""
    folder = _Folder()
    for ev in sorted(events, key=lambda e: e.seq):
        folder.take(ev)
    return folder.finish(cut)
