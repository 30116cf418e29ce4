"""The supervisor's figures and alerts, from the live state, today's event log and devices.

Pure Python (no Qt, no I/O): the presenter feeds it and the view renders it.
The share served within target counts the attentions finished today, each
once, with the day summary's rule (`macturnos.domain.opening`): the wait from
the ticket's issue to its call against its service's target.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from macturnos.domain.opening import attention_wait_s, within_target

Level = Literal["ok", "risk", "missed"]
RISK_SHARE = 0.75
"""A queue is at risk once its longest wait passes this share of the target."""
CAPACITY_ALERT_SHARE = 0.9
"""A service is near its daily capacity from this share of it."""
CALLING_ALERT_MIN = 7
"""A call left "Llamando" this long: nobody came, and nobody pressed No se presentó."""
IDLE_ALERT_MIN = 3
"""A staffed module free this long while its services have people waiting."""
LAST_ISSUE_WARNING_MIN = 30
"""Services stop issuing tickets at their last-issue time: warn this long before."""

EventFetch = Callable[[int, int], list[dict[str, Any]]]


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def wait_level(longest_wait_s: float, target_min: int | None) -> Level:
    """ok, risk (past 75 % of the target) or missed (past the target)."""
    if not target_min or longest_wait_s <= 0:
        return "ok"
    target_s = target_min * 60
    if longest_wait_s > target_s:
        return "missed"
    if longest_wait_s > RISK_SHARE * target_s:
        return "risk"
    return "ok"


_LEVEL_RANK = {"ok": 0, "risk": 1, "missed": 2}


def worst(levels: Iterable[Level]) -> Level:
    """The most serious of some levels."""
    return max(levels, key=lambda lv: _LEVEL_RANK[lv], default="ok")


@dataclass
class ServedLog:
    """Today's finished attentions: per ticket its service and its wait before the call."""

    waits: dict[int, tuple[str, float]] = field(default_factory=dict)
    last_seq: int = 0

    def clear(self) -> None:
        """Forget everything (a new day, or before reloading the log)."""
        self.waits.clear()
        self.last_seq = 0

    def ingest(self, event: dict[str, Any]) -> bool:
        """Take one event; True when it changed the figures."""
        seq = int(event.get("seq") or 0)
        self.last_seq = max(self.last_seq, seq)
        if event.get("kind") != "ticket.finished":
            return False
        t = (event.get("data") or {}).get("ticket") or {}
        tid = t.get("id")
        wait = attention_wait_s(_when(t.get("issued_at")), _when(t.get("called_at")))
        if tid is None or wait is None or int(tid) in self.waits:
            return False
        self.waits[int(tid)] = (str(t.get("service")), wait)
        return True

    def counts(self, service: str, target_min: int | None) -> tuple[int, int]:
        """(attentions finished, of them called within the target) for a service."""
        served = within = 0
        for svc, wait in self.waits.values():
            if svc != service:
                continue
            served += 1
            if within_target(wait, target_min):
                within += 1
        return served, within


@dataclass(frozen=True)
class ServiceFigures:
    """One service's line on the monitor."""

    service: str
    name: str
    entity: str
    waiting: int
    longest_wait_s: int
    estimated_wait_min: int | None
    target_wait_min: int | None
    served: int
    served_within: int
    issued_today: int
    daily_capacity: int | None
    level: Level

    @property
    def share_within(self) -> float | None:
        """Share of today's attentions called within the target (None before any)."""
        return self.served_within / self.served if self.served else None

    @property
    def capacity_share(self) -> float | None:
        """Share of the daily capacity already issued (None without a capacity)."""
        return self.issued_today / self.daily_capacity if self.daily_capacity else None


@dataclass(frozen=True)
class EntityFigures:
    """One entity's line: its services added up."""

    entity: str
    name: str
    colour: str
    services: tuple[ServiceFigures, ...]

    @property
    def waiting(self) -> int:
        """People waiting for any of the entity's services."""
        return sum(s.waiting for s in self.services)

    @property
    def longest_wait_s(self) -> int:
        """The longest wait among its services."""
        return max((s.longest_wait_s for s in self.services), default=0)

    @property
    def estimated_wait_min(self) -> int | None:
        """The longest estimate among its services."""
        known = [s.estimated_wait_min for s in self.services if s.estimated_wait_min is not None]
        return max(known) if known else None

    @property
    def served(self) -> int:
        """Attentions finished today."""
        return sum(s.served for s in self.services)

    @property
    def served_within(self) -> int:
        """Attentions finished today within their target."""
        return sum(s.served_within for s in self.services)

    @property
    def share_within(self) -> float | None:
        """Share of today's attentions within target."""
        return self.served_within / self.served if self.served else None

    @property
    def level(self) -> Level:
        """The worst level of its services."""
        return worst(s.level for s in self.services)


def longest_waits(waiting: Iterable[dict[str, Any]], now: datetime) -> dict[str, int]:
    """Per service, the seconds the longest-waiting ticket has waited until `now`."""
    out: dict[str, int] = {}
    for t in waiting:
        arrival = _when(t.get("arrival_at"))
        if arrival is None:
            continue
        seconds = max(0, int((now - arrival).total_seconds()))
        out[t["service"]] = max(out.get(t["service"], 0), seconds)
    return out


def centre_figures(
    config: dict[str, Any],
    queues: list[dict[str, Any]],
    waiting: list[dict[str, Any]],
    served: ServedLog,
    now: datetime,
) -> list[EntityFigures]:
    """Every entity with its services' figures, in the configuration's order."""
    by_service = {q["service"]: q for q in queues}
    longest = longest_waits(waiting, now)
    out = []
    for ent in config.get("entities") or []:
        lines = []
        for svc in config.get("services") or []:
            if svc["entity"] != ent["code"]:
                continue
            q = by_service.get(svc["code"], {})
            target = (
                q.get("target_wait_min") or svc.get("target_wait_min") or ent.get("target_wait_min")
            )
            wait_s = longest.get(svc["code"], 0)
            count, within = served.counts(svc["code"], target)
            lines.append(
                ServiceFigures(
                    service=svc["code"],
                    name=svc["name"],
                    entity=ent["code"],
                    waiting=int(q.get("waiting") or 0),
                    longest_wait_s=wait_s,
                    estimated_wait_min=q.get("estimated_wait_min"),
                    target_wait_min=target,
                    served=count,
                    served_within=within,
                    issued_today=int(q.get("issued_today") or 0),
                    daily_capacity=q.get("daily_capacity", svc.get("daily_capacity")),
                    level=wait_level(wait_s, target),
                )
            )
        out.append(
            EntityFigures(
                entity=ent["code"],
                name=ent.get("short_name") or ent["name"],
                colour=ent.get("colour") or "#444444",
                services=tuple(lines),
            )
        )
    return out


# --- alerts -------------------------------------------------------------------------


@dataclass(frozen=True)
class Alert:
    """Something a supervisor should look at; the view words it."""

    kind: Literal[
        "device", "pause", "capacity", "wait", "pair", "calling", "idle", "last_issue", "book"
    ]
    key: str
    level: Literal["warning", "error"]
    data: dict[str, Any]


def book_alerts(entries: Iterable[dict[str, Any]]) -> list[Alert]:
    """Entries of the complaints book still open past their answer's deadline."""
    late = [e for e in entries if e.get("overdue")]
    if not late:
        return []
    numbers = [str(e["number"]) for e in late]
    return [Alert("book", "book:overdue", "error", {"count": len(late), "numbers": numbers})]


def device_alerts(devices: Iterable[dict[str, Any]]) -> list[Alert]:
    """Kiosks and call screens that are disconnected or whose last health report is not ok.

    `devices` are GET /devices entries (code, kind, name, active, connected,
    last_seen_at, health). A disconnected device cannot report, so its last
    report is still shown: it often says why (no paper, no signal).
    """
    out = []
    for d in sorted(devices, key=lambda d: str(d.get("code"))):
        if not d.get("active", True):
            continue
        code = str(d.get("code"))
        base = {"device": code, "kind": d.get("kind"), "name": d.get("name")}
        if not d.get("connected"):
            out.append(
                Alert(
                    "device",
                    f"offline:{code}",
                    "error",
                    {**base, "problem": "offline", "last_seen_at": d.get("last_seen_at")},
                )
            )
        health = d.get("health") or {}
        status = health.get("status")
        if status in ("warning", "error"):
            out.append(
                Alert(
                    "device",
                    f"device:{code}",
                    "error" if status == "error" else "warning",
                    {**base, "problem": "health", "detail": health.get("detail") or {}},
                )
            )
    return out


def pause_alerts(modules: list[dict[str, Any]], now: datetime, pause_alert_min: int) -> list[Alert]:
    """Modules paused for longer than the centre's rule allows."""
    out = []
    for m in modules:
        since = _when(m.get("since"))
        if m.get("state") != "paused" or since is None:
            continue
        minutes = (now - since).total_seconds() / 60
        if minutes >= pause_alert_min:
            out.append(
                Alert(
                    "pause",
                    f"pause:{m['number']}",
                    "warning",
                    {
                        "module": m["number"],
                        "minutes": int(minutes),
                        "reason": m.get("pause_reason"),
                        "advisor": m.get("advisor"),
                    },
                )
            )
    return out


def calling_alerts(
    modules: list[dict[str, Any]], now: datetime, minutes: int = CALLING_ALERT_MIN
) -> list[Alert]:
    """Modules whose call has stayed "Llamando" for `minutes` or more (a citizen lost?)."""
    out = []
    for m in modules:
        since = _when(m.get("since"))
        if m.get("state") != "calling" or since is None:
            continue
        waited = (now - since).total_seconds() / 60
        if waited >= minutes:
            ticket = m.get("ticket") or {}
            out.append(
                Alert(
                    "calling",
                    f"calling:{m['number']}",
                    "error",
                    {
                        "module": m["number"],
                        "minutes": int(waited),
                        "ticket": ticket.get("number"),
                        "advisor": m.get("advisor"),
                    },
                )
            )
    return out


def idle_alerts(
    modules: list[dict[str, Any]],
    queues: list[dict[str, Any]],
    now: datetime,
    minutes: int = IDLE_ALERT_MIN,
) -> list[Alert]:
    """Staffed modules free for `minutes` or more while their services have people waiting."""
    waiting = {q["service"]: int(q.get("waiting") or 0) for q in queues}
    out = []
    for m in modules:
        since = _when(m.get("since"))
        if m.get("state") != "free" or not m.get("advisor") or since is None:
            continue
        people = sum(waiting.get(code, 0) for code in m.get("services") or [])
        idle = (now - since).total_seconds() / 60
        if people and idle >= minutes:
            out.append(
                Alert(
                    "idle",
                    f"idle:{m['number']}",
                    "warning",
                    {
                        "module": m["number"],
                        "minutes": int(idle),
                        "waiting": people,
                        "advisor": m.get("advisor"),
                    },
                )
            )
    return out


def last_issue_alerts(
    config: dict[str, Any],
    queues: list[dict[str, Any]],
    now: datetime,
    minutes: int = LAST_ISSUE_WARNING_MIN,
) -> list[Alert]:
    """Entities whose services stop issuing within `minutes`: one alert per entity and time.

    `now` is the centre's local time. A service already past its last issue (its
    queue says unavailable) is no longer warned about: the kiosk says so itself.
    """
    available = {q["service"]: q.get("available", True) for q in queues}
    names = {e["code"]: e.get("short_name") or e["name"] for e in config.get("entities") or []}
    groups: dict[tuple[str, str], list[str]] = {}
    for svc in config.get("services") or []:
        last = svc.get("last_issue")
        if not last or not available.get(svc["code"], True):
            continue
        hour, minute = (int(x) for x in str(last).split(":")[:2])
        stop = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
        left = (stop - now).total_seconds() / 60
        if 0 <= left <= minutes:
            groups.setdefault((svc["entity"], f"{hour:02d}:{minute:02d}"), []).append(svc["code"])
    return [
        Alert(
            "last_issue",
            f"last_issue:{entity}:{time}",
            "warning",
            {"entity": names.get(entity, entity), "time": time, "services": len(codes)},
        )
        for (entity, time), codes in sorted(groups.items())
    ]


def capacity_alerts(figures: list[EntityFigures]) -> list[Alert]:
    """Services that issued 90 % or more of their daily capacity."""
    out = []
    for ent in figures:
        for s in ent.services:
            share = s.capacity_share
            if share is not None and share >= CAPACITY_ALERT_SHARE:
                out.append(
                    Alert(
                        "capacity",
                        f"capacity:{s.service}",
                        "error" if share >= 1 else "warning",
                        {
                            "service": s.service,
                            "name": s.name,
                            "issued": s.issued_today,
                            "capacity": s.daily_capacity,
                        },
                    )
                )
    return out


def wait_alerts(figures: list[EntityFigures]) -> list[Alert]:
    """Services whose longest wait is at risk of missing, or missed, the target."""
    out = []
    for ent in figures:
        for s in ent.services:
            if s.level != "ok":
                out.append(
                    Alert(
                        "wait",
                        f"wait:{s.service}",
                        "error" if s.level == "missed" else "warning",
                        {
                            "service": s.service,
                            "name": s.name,
                            "entity": ent.name,
                            "minutes": s.longest_wait_s // 60,
                            "target": s.target_wait_min,
                        },
                    )
                )
    return out


# --- the two on-site machines ---------------------------------------------------------


def pair_health(status: dict[str, Any] | None) -> dict[str, Any] | None:
    """The server's judgement of the replication (GET /pair `health`); None on one server.

    The server judges (server.pair.health) so the monitor and the morning
    checklist agree: level ok, warning, error or unknown, the problem and the lag.
    """
    if not status or status.get("mode") != "pair":
        return None
    health = status.get("health")
    if not isinstance(health, dict) or health.get("level") == "single":
        return None
    # Two primaries (an old one came back writable) outranks any replication state:
    # the server's own alert says which one holds stale data and what to run.
    for alert in status.get("alerts") or []:
        if isinstance(alert, dict) and alert.get("code") == "PAIR_TWO_PRIMARIES":
            return health | {
                "level": "error",
                "problem": "two_primaries",
                "message": str(alert.get("message") or ""),
            }
    return health


def pair_alerts(status: dict[str, Any] | None) -> list[Alert]:
    """The standby lost (error) or following badly (warning): one alert, worded by the view."""
    health = pair_health(status)
    if health is None or health.get("level") not in ("warning", "error"):
        return []
    level: Literal["warning", "error"] = "error" if health["level"] == "error" else "warning"
    return [Alert("pair", f"pair:{health.get('problem')}", level, dict(health))]


# --- today's event log ---------------------------------------------------------------


def first_seq_before_day(fetch: EventFetch, last_seq: int, day: str) -> int:
    """The `after` from which GET /events lists `day`'s events (a binary search).

    Events are appended in time order, so their days never decrease with the
    sequence number; about log2(last_seq) one-event requests find the start.
    """
    lo, hi = 0, last_seq  # the answer is in [lo, hi]
    while lo < hi:
        mid = (lo + hi) // 2
        page = fetch(mid, 1)
        if not page or str(page[0].get("day")) >= day:
            hi = mid
        else:
            lo = page[0]["seq"]
    return lo


def day_events(
    fetch: EventFetch, last_seq: int, day: str, page_size: int = 2000
) -> list[dict[str, Any]]:
    """Every logged event of `day` up to `last_seq`, in order."""
    after = first_seq_before_day(fetch, last_seq, day)
    out: list[dict[str, Any]] = []
    while after < last_seq:
        page = fetch(after, page_size)
        if not page:
            break
        out.extend(e for e in page if str(e.get("day")) == day and e["seq"] <= last_seq)
        after = page[-1]["seq"]
    return out
