"""The centre's day: opening checklist and gate, incidents, closing, seal and day summary.

The morning checklist is run by the supervisor: the server probes what it can
(internet to the PCM, power through the UPS, the kiosks' printers and the
screens from their health reports, itself, the replication between the two
machines, the day's appointments), the person
answers the rest, and `domain.opening` decides. A blocked day stays closed and
its reasons go to the PCM through the event log (`day.blocked`); running the
checklist again once solved opens the centre. At closing time the pending
tickets are listed, settled, and the day is sealed with its summary
(`day.summary`).

Probes run before the write transaction: they may take seconds and must not
hold the database's write lock.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from macturnos.config.models import ChecklistItem, ChecklistZone
from macturnos.domain.errors import DomainError
from macturnos.domain.hours import format_clock
from macturnos.domain.opening import (
    CLOSABLE_STATUSES,
    END_OF_DAY_REASON,
    PENDING_STATUSES,
    ClosingPhase,
    DaySummary,
    Figures,
    ItemOutcome,
    ItemResult,
    TicketRecord,
    can_seal,
    closing_phase,
    closing_warning_at,
    decide_opening,
    summarise_day,
)
from macturnos.domain.tickets import TicketAction, TicketStatus
from macturnos.hardware.probes import ProbeResult, ProbeState, probe_internet, probe_power
from macturnos.hardware.settings import UpsSettings
from macturnos.messages import check_result_name, day_state_name, day_text, lag_text
from macturnos.server.auth import Actor, Role
from macturnos.server.context import ServerContext
from macturnos.server.db.day_models import (
    ChecklistResult,
    ChecklistRun,
    DayIncident,
    DaySummaryRecord,
)
from macturnos.server.db.models import CentreDay, Device, ModuleSession, Ticket
from macturnos.server.errors import ApiError
from macturnos.server.events import append_event
from macturnos.server.gate import (
    blocked_run,
    blocking_reasons,
    run_view,
)
from macturnos.server.idempotency import set_result
from macturnos.server.pair.health import ReplicationHealth, assess
from macturnos.server.pair.monitor import pair_status
from macturnos.server.runtime import CentreView
from macturnos.server.sync.appointments import appointments_on
from macturnos.server.ticketing import apply_transition, record_event
from macturnos.server.views import ordered_waiting, ticket_view

FAIL_DISK_BYTES = 1 * 1024**3
"""Below this free space the turn system item fails (the day's log and backups need room)."""
WARN_DISK_BYTES = 5 * 1024**3
"""Below this free space the turn system item opens with an observation."""
INTERNET_TIMEOUT_S = 5.0


# --- probes ------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """What an automatic check found: a probe state, a Spanish reason and details."""

    state: str
    """ok, warning, fail, unknown or not_applicable."""
    reason: str
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def result(self) -> ItemResult:
        """The checklist result this finding pre-fills (a warning is an ok with a note)."""
        if self.state == ProbeState.WARNING:
            return ItemResult.OK
        return ItemResult(self.state)

    @property
    def note(self) -> str:
        """The note pre-filled with the result."""
        if self.state == ProbeState.WARNING:
            return day_text("probe_warning", detalle=self.reason)
        return self.reason


def _finding(result: ProbeResult) -> Finding:
    detail = {k: v for k, v in result.detail.items() if _plain(v)}
    return Finding(str(result.state), result.reason, detail)


def _plain(value: object) -> bool:
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    return isinstance(value, str | int | float | bool) or value is None


@dataclass(frozen=True)
class CentreProbes:
    """How the server checks the centre; the defaults are the hardware layer's probes."""

    internet: Callable[[str], ProbeResult] = lambda url: probe_internet(url, INTERNET_TIMEOUT_S)
    power: Callable[[UpsSettings | None], ProbeResult] = probe_power
    disk_usage: Callable[[Path], Any] = shutil.disk_usage


def _data_folder(ctx: ServerContext) -> Path:
    """Where the day's data lives: the SQLite file's folder, else the working folder."""
    url = make_url(ctx.db.url)
    if ctx.db.backend == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent
    return Path.cwd()


def _internet(ctx: ServerContext, probes: CentreProbes) -> Finding:
    pcm = ctx.runtime.view.config.pcm
    if pcm is None:
        return Finding(ProbeState.UNKNOWN, day_text("no_pcm_endpoint"))
    return _finding(probes.internet(pcm.endpoint))


def _power(ctx: ServerContext, probes: CentreProbes) -> Finding:
    return _finding(probes.power(ctx.runtime.view.config.power.ups))


def _turn_system(ctx: ServerContext, probes: CentreProbes) -> Finding:
    try:
        with ctx.db.read() as s:
            s.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any driver error means "not reachable"
        return Finding(
            ProbeState.FAIL, day_text("turn_system_db_error"), {"error": type(exc).__name__}
        )
    folder = _data_folder(ctx)
    free = int(probes.disk_usage(folder).free)
    detail = {"database": ctx.db.backend, "folder": str(folder), "free_bytes": free}
    gb = f"{free / 1024**3:.1f}"
    if free < FAIL_DISK_BYTES:
        return Finding(ProbeState.FAIL, day_text("turn_system_no_disk", libre=gb), detail)
    if free < WARN_DISK_BYTES:
        return Finding(ProbeState.WARNING, day_text("turn_system_low_disk", libre=gb), detail)
    return Finding(ProbeState.OK, day_text("turn_system_ok", libre=gb), detail)


def _appointments(ctx: ServerContext, day: date) -> Finding:
    with ctx.db.read() as s:
        count = appointments_on(s, day)
    if count == 0:
        return Finding(ProbeState.UNKNOWN, day_text("appointments_none"), {"appointments": 0})
    return Finding(
        ProbeState.OK, day_text("appointments_loaded", cantidad=count), {"appointments": count}
    )


def replication_finding(status: dict[str, Any] | None) -> Finding:
    """The replication item's finding from the pair monitor's status (None: one server).

    Losing the standby is a warning, not a failure: the centre keeps working on
    one machine (issue 9), but the supervisor reads why and calls ICT.
    """
    h: ReplicationHealth = assess(status)
    if h.level == "single":
        return Finding(
            ItemResult.NOT_APPLICABLE, day_text("replication_single"), {"mode": "single"}
        )
    detail = {k: v for k, v in h.as_dict().items() if v is not None}
    names = {"principal": h.primary or "?", "respaldo": h.standby or "?"}
    lag = lag_text(h.lag_bytes, h.lag_seconds)
    if h.level == "unknown":
        return Finding(ProbeState.UNKNOWN, day_text("replication_not_checked"), detail)
    if h.level == "ok":
        key = "replication_ok" if h.role == "primary" else "replication_ok_standby"
        return Finding(ProbeState.OK, day_text(key, retraso=lag, **names), detail)
    if h.problem in ("local_unreachable", "fenced"):
        reason = day_text(f"replication_{h.problem}", nodo=h.node or "?", otro=h.primary or "?")
    elif h.problem == "no_standby":
        reason = day_text("replication_no_standby", **names)
    elif h.problem == "not_synchronous":
        reason = day_text("replication_not_synchronous", estado=h.state or "?", **names)
    else:  # catching_up, lagging
        reason = day_text(f"replication_{h.problem}", retraso=lag, **names)
    return Finding(ProbeState.WARNING, reason, detail)


_WORST = ("fail", "unknown", "warning", "ok")


def _devices(
    ctx: ServerContext, day: date, wanted: Sequence[tuple[str, str, str | None]], *, led: bool
) -> Finding:
    """Judge devices (code, name, kind) from their last health report and pairing.

    An LED display is reported by the counter station as a device coded
    LED-<module>; with no such report it is unverified rather than failed.
    """
    if not wanted:
        return Finding(ItemResult.NOT_APPLICABLE, day_text("no_devices"))
    view = ctx.runtime.view
    with ctx.db.read() as s:
        rows = {d.code: d for d in s.scalars(select(Device).where(Device.active.is_(True)))}
    states: list[str] = []
    notes: list[str] = []
    per_device: list[str] = []
    for code, name, kind in wanted:
        device = rows.get(code)
        label = f"{name} ({code})"
        if device is None or (kind is not None and device.kind != kind):
            state = "unknown" if led else "fail"
            key = "device_no_report" if led else "device_not_paired"
            notes.append(day_text(key, equipo=label))
        elif device.health is None or device.last_seen_at is None:
            state = "unknown"
            notes.append(day_text("device_no_report", equipo=label))
        elif view.day_of(device.last_seen_at) != day:
            state = "unknown"
            seen = view.local(device.last_seen_at).strftime("%d/%m/%Y %H:%M")
            notes.append(day_text("device_stale", equipo=label, fecha=seen))
        else:
            status = str(device.health.get("status", ""))
            detail = ", ".join(f"{k}: {v}" for k, v in (device.health.get("detail") or {}).items())
            if status == "ok":
                state = "ok"
            elif status == "warning":
                state = "warning"
                notes.append(day_text("device_warning", equipo=label, detalle=detail or status))
            else:
                state = "fail"
                notes.append(day_text("device_error", equipo=label, detalle=detail or status))
        states.append(state)
        per_device.append(f"{code}:{state}")
    worst = next(w for w in _WORST if w in states)
    reason = " ".join(notes) if notes else day_text("devices_ok", cantidad=len(wanted))
    return Finding(worst, reason, {"devices": per_device})


def _probe(ctx: ServerContext, probes: CentreProbes, kind: str, day: date) -> Finding:
    cfg = ctx.runtime.view.config
    if kind == "internet":
        return _internet(ctx, probes)
    if kind == "power":
        return _power(ctx, probes)
    if kind == "turn_system":
        return _turn_system(ctx, probes)
    if kind == "appointments":
        return _appointments(ctx, day)
    if kind == "replication":
        return replication_finding(pair_status(ctx))
    if kind == "kiosk_printers":
        kiosks = [(k.code, k.name, Role.KIOSK.value) for k in cfg.kiosks]
        return _devices(ctx, day, kiosks, led=False)
    if kind == "call_screens":
        screens = [(d.code, d.name, Role.DISPLAY.value) for d in cfg.displays]
        return _devices(ctx, day, screens, led=False)
    if kind == "led_displays":
        leds = [(f"LED-{m.number}", f"Módulo {m.number}", None) for m in cfg.modules if m.led]
        return _devices(ctx, day, leds, led=True)
    raise ValueError(f"unknown probe {kind!r}")


def run_probes(
    ctx: ServerContext, day: date, probes: CentreProbes | None = None
) -> dict[str, Finding]:
    """Run every probe the checklist uses, side by side; item code -> finding."""
    probes = probes or CentreProbes()
    items = [item for _zone, item in ctx.runtime.view.config.checklist_items() if item.probe]
    if not items:
        return {}
    with ThreadPoolExecutor(max_workers=len(items), thread_name_prefix="checklist") as pool:
        futures = {
            item.code: pool.submit(_probe, ctx, probes, str(item.probe), day) for item in items
        }
        return {code: future.result() for code, future in futures.items()}


# --- the checklist ---------------------------------------------------------------


@dataclass(frozen=True)
class ItemAnswer:
    """A person's answer for one item: a result and an optional note."""

    code: str
    result: ItemResult
    note: str | None = None


def _item_view(zone: ChecklistZone, item: ChecklistItem) -> dict[str, Any]:
    return {
        "code": item.code,
        "zone": zone.code,
        "zone_name": zone.name,
        "label": item.label,
        "blocking": item.blocking,
        "probe": item.probe,
        "automatic": item.probe is not None,
    }


def checklist_template(ctx: ServerContext, probes: CentreProbes | None = None) -> dict[str, Any]:
    """Today's checklist with every automatic item pre-filled by its probe."""
    view = ctx.runtime.view
    now = ctx.clock.now()
    day = view.day_of(now)
    findings = run_probes(ctx, day, probes)
    items = []
    for zone, item in view.config.checklist_items():
        entry = _item_view(zone, item)
        found = findings.get(item.code)
        entry["prefill"] = (
            None
            if found is None
            else {
                "result": found.result.value,
                "result_name": check_result_name(found.result.value),
                "probe_state": found.state,
                "reason": found.reason,
                "note": found.note,
                "detail": found.detail,
            }
        )
        items.append(entry)
    return {"day": day.isoformat(), "checked_at": now.isoformat(), "items": items}


def _merge(
    item: ChecklistItem, found: Finding | None, answer: ItemAnswer | None
) -> tuple[ItemResult, str | None, bool]:
    """The result kept for an item: the person's answer over the probe's, with the rules."""
    if answer is None:
        if found is None:
            return ItemResult.UNKNOWN, None, False
        return found.result, found.note, False
    note = answer.note.strip() if answer.note and answer.note.strip() else None
    overrides_failure = (
        found is not None
        and found.result is ItemResult.FAIL
        and answer.result in (ItemResult.OK, ItemResult.NOT_APPLICABLE)
    )
    # A person may know better than a probe (the PCM host down, internet fine), but
    # overruling a failed probe must say why: it is read by the PCM.
    if overrides_failure and note is None:
        raise ApiError("CHECKLIST_NOTE_REQUIRED", punto=item.label)
    if note is None and found is not None and answer.result is found.result:
        note = found.note
    return answer.result, note, True


def _check_answers(view: CentreView, answers: Sequence[ItemAnswer]) -> dict[str, ItemAnswer]:
    known = {item.code for _zone, item in view.config.checklist_items()}
    by_code: dict[str, ItemAnswer] = {}
    for answer in answers:
        if answer.code not in known:
            raise ApiError("CHECKLIST_UNKNOWN_ITEM", punto=answer.code)
        if answer.code in by_code:
            raise ApiError("CHECKLIST_REPEATED_ITEM", punto=answer.code)
        by_code[answer.code] = answer
    return by_code


def _day_row(s: Session, day: date) -> CentreDay:
    row = s.get(CentreDay, day)
    if row is None:
        row = CentreDay(day=day)
        s.add(row)
        s.flush()
    return row


def run_checklist(
    ctx: ServerContext,
    actor: Actor,
    answers: Sequence[ItemAnswer],
    note: str | None = None,
    probes: CentreProbes | None = None,
) -> dict[str, Any]:
    """Record a checklist run ("Registrar apertura") and open the centre if it passes.

    Blocked: the centre stays closed and `day.blocked` carries the reasons to the
    PCM. Passed: the day opens (`day.opened`); each non-blocking failure becomes
    an incident (`day.incident`). Answers the run's view with `opened`.
    """
    view = ctx.runtime.view
    by_code = _check_answers(view, answers)
    day = view.day_of(ctx.clock.now())
    if view.hours_on(day) is None:
        raise ApiError("CENTRE_CLOSED_TODAY")
    _refuse_if_done(ctx, day)
    findings = run_probes(ctx, day, probes)
    rows: list[tuple[ChecklistZone, ChecklistItem, ItemOutcome, Finding | None, bool]] = []
    for zone, item in view.config.checklist_items():
        found = findings.get(item.code)
        result, item_note, by_person = _merge(item, found, by_code.get(item.code))
        outcome = ItemOutcome(item.code, item.label, item.blocking, result, item_note)
        rows.append((zone, item, outcome, found, by_person))
    verdict = decide_opening([row[2] for row in rows])
    with ctx.db.write() as s:
        now = ctx.clock.now()
        centre_day = _day_row(s, day)
        if centre_day.sealed_at is not None:
            raise ApiError("DAY_SEALED", dia=day.strftime("%d/%m/%Y"))
        if centre_day.opened_at is not None:
            raise ApiError(
                "DAY_ALREADY_OPENED", hora=format_clock(view.local(centre_day.opened_at).time())
            )
        run = ChecklistRun(
            day=day,
            run_at=now,
            run_by=actor.label,
            run_by_name=actor.name or actor.label,
            decision=verdict.decision.value,
            note=note.strip() if note and note.strip() else None,
        )
        s.add(run)
        s.flush()
        for position, (zone, item, outcome, found, by_person) in enumerate(rows):
            s.add(
                ChecklistResult(
                    run_id=run.id,
                    position=position,
                    zone_code=zone.code,
                    zone_name=zone.name,
                    item_code=item.code,
                    label=item.label,
                    blocking=item.blocking,
                    probe=item.probe,
                    probe_state=found.state if found else None,
                    probe_reason=found.reason if found else None,
                    probe_detail=found.detail if found else None,
                    result=outcome.result.value,
                    note=outcome.note,
                    confirmed_by_person=by_person,
                )
            )
        s.flush()
        data = run_view(s, run)
        if verdict.opens:
            centre_day.opened_at = now
            centre_day.opened_by = actor.label
            for o in verdict.incidents:
                incident = DayIncident(
                    day=day,
                    run_id=run.id,
                    item_code=o.code,
                    label=o.label,
                    result=o.result.value,
                    note=o.note,
                    recorded_at=now,
                    recorded_by=actor.label,
                )
                s.add(incident)
                s.flush()
                append_event(
                    s,
                    kind="day.incident",
                    actor=actor.label,
                    at=now,
                    day=day,
                    data=_incident_view(incident),
                )
            append_event(
                s,
                kind="day.opened",
                actor=actor.label,
                at=now,
                day=day,
                data={"checklist": True, "run": data},
            )
        else:
            append_event(
                s,
                kind="day.blocked",
                actor=actor.label,
                at=now,
                day=day,
                data={"reasons": data["blocking_reasons"], "run": data},
            )
        result = {**data, "opened": verdict.opens}
        return set_result(s, result)


def _refuse_if_done(ctx: ServerContext, day: date) -> None:
    """Refuse early (before probing) a day already opened or sealed."""
    with ctx.db.read() as s:
        row = s.get(CentreDay, day)
        if row is None:
            return
        if row.sealed_at is not None:
            raise ApiError("DAY_SEALED", dia=day.strftime("%d/%m/%Y"))
        if row.opened_at is not None:
            local = ctx.runtime.view.local(row.opened_at).time()
            raise ApiError("DAY_ALREADY_OPENED", hora=format_clock(local))


def open_day(ctx: ServerContext, actor: Actor) -> None:
    """Open today without a checklist: only the server itself (demo, training, tests).

    Staff open the centre by running the checklist (`run_checklist`); this path
    exists so a demonstration or training installation can start attending.
    """
    if actor.role is not None:
        raise ApiError("CHECKLIST_REQUIRED")
    view = ctx.runtime.view
    with ctx.db.write() as s:
        now = ctx.clock.now()
        day = view.day_of(now)
        row = _day_row(s, day)
        if row.opened_at is not None or row.sealed_at is not None:
            return
        row.opened_at = now
        row.opened_by = actor.label
        append_event(
            s, kind="day.opened", actor=actor.label, at=now, day=day, data={"checklist": False}
        )


def _incident_view(i: DayIncident) -> dict[str, Any]:
    return {
        "id": i.id,
        "day": i.day.isoformat(),
        "run_id": i.run_id,
        "item": i.item_code,
        "label": i.label,
        "result": i.result,
        "result_name": check_result_name(i.result),
        "note": i.note,
        "recorded_at": i.recorded_at.isoformat(),
        "recorded_by": i.recorded_by,
    }


# --- the day's state ----------------------------------------------------------------


def _runs(s: Session, day: date) -> list[ChecklistRun]:
    return list(
        s.scalars(select(ChecklistRun).where(ChecklistRun.day == day).order_by(ChecklistRun.id))
    )


def day_status(s: Session, view: CentreView, day: date, now: datetime) -> dict[str, Any]:
    """The state of a service day: opened, blocked with reasons, incidents, sealed."""
    row = s.get(CentreDay, day)
    hours = view.hours_on(day)
    holiday = view.config.holiday(day)
    incidents = list(
        s.scalars(select(DayIncident).where(DayIncident.day == day).order_by(DayIncident.id))
    )
    reasons = blocking_reasons(s, day)
    if row is not None and row.sealed_at is not None:
        state = "sealed"
    elif row is not None and row.opened_at is not None:
        state = "open_with_incidents" if incidents else "open"
    elif reasons is not None:
        state = "blocked"
    elif hours is None:
        state = "closed_today"
    else:
        state = "not_verified"
    warning = view.config.rules.closing_warning_min
    phase = closing_phase(day, view.local(now), hours, warning)
    if state == "blocked":
        message = DomainError("CENTRE_BLOCKED", motivos="; ".join(reasons or [])).message
    else:
        message = day_state_name(state)
    return {
        "day": day.isoformat(),
        "state": state,
        "state_name": day_state_name(state),
        "message": message,
        "opened": state in ("open", "open_with_incidents"),
        "hours": None
        if hours is None
        else {"opens": format_clock(hours.opens), "closes": format_clock(hours.closes)},
        "holiday": holiday.name if holiday is not None else None,
        "phase": phase.value,
        "closing_warning_at": None
        if hours is None
        else format_clock(closing_warning_at(hours, warning)),
        "opened_at": _iso(row.opened_at) if row else None,
        "opened_by": row.opened_by if row else None,
        "sealed_at": _iso(row.sealed_at) if row else None,
        "blocking_reasons": reasons or [],
        "incidents": [_incident_view(i) for i in incidents],
        "runs": [run_view(s, r) for r in _runs(s, day)],
    }


def get_day_status(ctx: ServerContext, day: date | None = None) -> dict[str, Any]:
    """`day_status` of `day` (today by default)."""
    view = ctx.runtime.view
    now = ctx.clock.now()
    with ctx.db.read() as s:
        return day_status(s, view, day or view.day_of(now), now)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- closing --------------------------------------------------------------------------


def _pending(s: Session, day: date) -> list[Ticket]:
    statuses = [st.value for st in PENDING_STATUSES]
    return list(
        s.scalars(
            select(Ticket).where(Ticket.day == day, Ticket.status.in_(statuses)).order_by(Ticket.id)
        )
    )


def _phase(view: CentreView, day: date, now: datetime) -> ClosingPhase:
    return closing_phase(
        day, view.local(now), view.hours_on(day), view.config.rules.closing_warning_min
    )


def closing_list(ctx: ServerContext, day: date | None = None) -> dict[str, Any]:
    """The tickets still open at closing: waiting in call order, then called and in service."""
    view = ctx.runtime.view
    now = ctx.clock.now()
    day = day or view.day_of(now)
    with ctx.db.read() as s:
        row = s.get(CentreDay, day)
        pending = _pending(s, day)
        waiting = ordered_waiting(s, view, day, now)
        held = [t for t in pending if t.status != TicketStatus.ISSUED.value]
        phase = _phase(view, day, now)
        hours = view.hours_on(day)
        return {
            "day": day.isoformat(),
            "phase": phase.value,
            "closes": format_clock(hours.closes) if hours else None,
            "closing_warning_at": format_clock(
                closing_warning_at(hours, view.config.rules.closing_warning_min)
            )
            if hours
            else None,
            "sealed": row is not None and row.sealed_at is not None,
            "waiting": [ticket_view(t, view) for t in waiting],
            "called": [ticket_view(t, view) for t in held if t.status == TicketStatus.CALLED.value],
            "in_service": [
                ticket_view(t, view) for t in held if t.status == TicketStatus.IN_SERVICE.value
            ],
            "pending": len(pending),
            "can_seal": can_seal(phase, len(pending)) and not (row and row.sealed_at),
        }


def _require_closing(view: CentreView, s: Session, day: date, now: datetime) -> ClosingPhase:
    row = s.get(CentreDay, day)
    if row is not None and row.sealed_at is not None:
        raise ApiError("DAY_SEALED", dia=day.strftime("%d/%m/%Y"))
    phase = _phase(view, day, now)
    if phase is ClosingPhase.OPEN:
        hours = view.hours_on(day)
        assert hours is not None  # a day without hours is never OPEN
        at = closing_warning_at(hours, view.config.rules.closing_warning_min)
        raise ApiError("DAY_NOT_CLOSING", hora=format_clock(at))
    return phase


def close_remaining(
    ctx: ServerContext,
    actor: Actor,
    day: date | None = None,
    ticket_ids: Sequence[int] | None = None,
) -> dict[str, Any]:
    """Close waiting and called tickets as "no atendido por cierre" (all, or those listed).

    Tickets in service are left to their advisors to finish.
    """
    view = ctx.runtime.view
    with ctx.db.write() as s:
        now = ctx.clock.now()
        day = day or view.day_of(now)
        _require_closing(view, s, day, now)
        closable = {
            t.id: t for t in _pending(s, day) if TicketStatus(t.status) in CLOSABLE_STATUSES
        }
        if ticket_ids is None:
            chosen = list(closable.values())
        else:
            chosen = []
            for ticket_id in dict.fromkeys(ticket_ids):
                t = closable.get(ticket_id)
                if t is None:
                    raise ApiError("UNKNOWN_TICKET", turno=str(ticket_id))
                chosen.append(t)
        closed = []
        for t in chosen:
            module = t.module_number
            apply_transition(t, TicketAction.CLOSE_AT_END_OF_DAY, view)
            t.ended_at = now
            t.end_reason = END_OF_DAY_REASON
            if module is not None:
                m = s.get(ModuleSession, module)
                if m is not None and m.current_ticket_id == t.id:
                    m.current_ticket_id = None
                    m.since = now
            record_event(
                s,
                ctx,
                view,
                "ticket.closed_at_end_of_day",
                actor,
                now,
                t,
                module=module,
                reason=END_OF_DAY_REASON,
                reason_name=day_text("closed_at_end_of_day"),
            )
            closed.append(ticket_view(t, view))
        return set_result(s, {"day": day.isoformat(), "closed": closed, "count": len(closed)})


def seal_day(ctx: ServerContext, actor: Actor, day: date | None = None) -> dict[str, Any]:
    """Seal the day once no ticket is left open, and produce and keep its summary.

    The modules still staffed are closed; `day.sealed` and `day.summary` (the
    figures, for the PCM) are appended. Numbering starts again the next day.
    """
    view = ctx.runtime.view
    with ctx.db.write() as s:
        now = ctx.clock.now()
        day = day or view.day_of(now)
        _require_closing(view, s, day, now)
        pending = _pending(s, day)
        in_service = [t for t in pending if t.status == TicketStatus.IN_SERVICE.value]
        if in_service:
            raise ApiError("DAY_IN_SERVICE_TICKETS", cantidad=len(in_service))
        if pending:
            raise ApiError("DAY_HAS_PENDING_TICKETS", cantidad=len(pending))
        row = _day_row(s, day)
        row.sealed_at = now
        if day == view.day_of(now):
            for m in s.scalars(select(ModuleSession).where(ModuleSession.advisor_id.is_not(None))):
                m.advisor_id = None
                m.current_ticket_id = None
                m.pause_reason = None
                m.pause_note = None
                m.since = now
                record_event(s, ctx, view, "module.closed", actor, now, module=m.number)
        summary = _summary_view(s, view, day, now, provisional=False)
        s.add(DaySummaryRecord(day=day, produced_at=now, produced_by=actor.label, data=summary))
        append_event(
            s, kind="day.sealed", actor=actor.label, at=now, day=day, data={"day": day.isoformat()}
        )
        append_event(s, kind="day.summary", actor=actor.label, at=now, day=day, data=summary)
        return set_result(s, summary)


# --- the day summary ---------------------------------------------------------------


def _target(view: CentreView, t: Ticket) -> int:
    try:
        return view.config.service_target_wait(t.service_code)
    except KeyError:  # the service left the configuration: fall back to its entity's target
        try:
            return view.config.entity(t.entity_code).target_wait_min
        except KeyError:
            return 20


def ticket_records(s: Session, view: CentreView, day: date) -> list[TicketRecord]:
    """The day's tickets as the summary reads them."""
    return [
        TicketRecord(
            entity=t.entity_code,
            service=t.service_code,
            status=TicketStatus(t.status),
            issued_at=t.issued_at,
            called_at=t.called_at,
            started_at=t.started_at,
            ended_at=t.ended_at,
            target_wait_min=_target(view, t),
            end_reason=t.end_reason,
        )
        for t in s.scalars(select(Ticket).where(Ticket.day == day).order_by(Ticket.id))
    ]


def _figures(f: Figures) -> dict[str, Any]:
    data = asdict(f)
    for key in ("avg_wait_s", "p90_wait_s", "avg_service_s", "p90_service_s"):
        if data[key] is not None:
            data[key] = round(data[key], 1)
    if data["within_target_share"] is not None:
        data["within_target_share"] = round(data["within_target_share"], 4)
    return data


def _name(lookup: Callable[[str], Any], code: str, attr: str) -> str:
    try:
        return str(getattr(lookup(code), attr))
    except KeyError:
        return code


def summary_view(view: CentreView, day: date, summary: DaySummary) -> dict[str, Any]:
    """The JSON shape of a day's figures, with entity and service names."""
    cfg = view.config
    return {
        "day": day.isoformat(),
        "centre": cfg.centre.code,
        "centre_name": cfg.centre.name,
        "totals": _figures(summary.totals),
        "entities": [
            {
                "entity": e.entity,
                "entity_name": _name(cfg.entity, e.entity, "name"),
                **_figures(e.figures),
                "services": [
                    {
                        "service": sv.service,
                        "service_name": _name(cfg.service, sv.service, "name"),
                        "target_wait_min": _service_target(view, sv.service),
                        **_figures(sv.figures),
                    }
                    for sv in e.services
                ],
            }
            for e in summary.entities
        ],
    }


def _service_target(view: CentreView, code: str) -> int | None:
    try:
        return view.config.service_target_wait(code)
    except KeyError:
        return None


def _summary_view(
    s: Session, view: CentreView, day: date, now: datetime, *, provisional: bool
) -> dict[str, Any]:
    data = summary_view(view, day, summarise_day(ticket_records(s, view, day)))
    row = s.get(CentreDay, day)
    incidents = s.scalars(
        select(DayIncident).where(DayIncident.day == day).order_by(DayIncident.id)
    )
    data.update(
        {
            "produced_at": now.isoformat(),
            "provisional": provisional,
            "opened_at": _iso(row.opened_at) if row else None,
            "opened_by": row.opened_by if row else None,
            "sealed_at": _iso(row.sealed_at) if row else None,
            "blocked": blocked_run(s, day) is not None,
            "incidents": [_incident_view(i) for i in incidents],
        }
    )
    return data


def get_summary(ctx: ServerContext, day: date | None = None) -> dict[str, Any]:
    """A day's summary: the one kept at its seal, or a provisional one computed now."""
    view = ctx.runtime.view
    now = ctx.clock.now()
    day = day or view.day_of(now)
    with ctx.db.read() as s:
        stored = s.get(DaySummaryRecord, day)
        if stored is not None:
            return stored.data
        return _summary_view(s, view, day, now, provisional=True)
