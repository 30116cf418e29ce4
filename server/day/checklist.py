"""The morning checklist: the template pre-filled by the probes, a run, and the opening.

The supervisor runs it: the server probes what it can, the person answers the
rest, and `domain.opening` decides. A blocked day stays closed and its reasons go
to the PCM through the event log (`day.blocked`); running the checklist again
once solved opens the centre.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from macturnos.config.models import ChecklistItem, ChecklistZone
from macturnos.domain.hours import format_clock
from macturnos.domain.opening import ItemOutcome, ItemResult, OpeningVerdict, decide_opening
from macturnos.messages import check_result_name, day_text
from macturnos.server.auth import Actor
from macturnos.server.context import ServerContext
from macturnos.server.day.probes import CentreProbes, Finding, run_probes
from macturnos.server.day.records import day_row, incident_json
from macturnos.server.db.day_models import ChecklistResult, ChecklistRun, DayIncident
from macturnos.server.db.models import CentreDay
from macturnos.server.errors import ApiError
from macturnos.server.events import append_event
from macturnos.server.gate import run_json
from macturnos.server.idempotency import set_result
from macturnos.server.runtime import CentreSetup


@dataclass(frozen=True)
class ItemAnswer:
    """A person's answer for one item: a result and an optional note."""

    code: str
    result: ItemResult
    note: str | None = None


@dataclass(frozen=True)
class _Row:
    """One item of a run as it will be kept: where it is, its outcome and how it was found."""

    zone: ChecklistZone
    item: ChecklistItem
    outcome: ItemOutcome
    found: Finding | None
    by_person: bool


def _item_json(zone: ChecklistZone, item: ChecklistItem) -> dict[str, Any]:
    return {
        "code": item.code,
        "zone": zone.code,
        "zone_name": zone.name,
        "label": item.label,
        "blocking": item.blocking,
        "probe": item.probe,
        "automatic": item.probe is not None,
    }


def _prefill(found: Finding | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "result": found.result.value,
        "result_name": check_result_name(found.result.value),
        "probe_state": found.state,
        "reason": found.reason,
        "note": found.note,
        "detail": found.detail,
    }


def checklist_template(ctx: ServerContext, probes: CentreProbes | None = None) -> dict[str, Any]:
    """Today's checklist with every automatic item pre-filled by its probe."""
    setup = ctx.runtime.setup
    now = ctx.clock.now()
    day = setup.day_of(now)
    findings = run_probes(ctx, day, probes)
    items = []
    for zone, item in setup.config.checklist_items():
        entry = _item_json(zone, item)
        entry["prefill"] = _prefill(findings.get(item.code))
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
    # A person may know better than a probe (a screen fixed since), but overruling
    # a failed probe must say why: it is read by the PCM. On a blocking item the
    # answer is kept but does not open the centre (`domain.opening`).
    if overrides_failure and note is None:
        raise ApiError("CHECKLIST_NOTE_REQUIRED", punto=item.label)
    if note is None and found is not None and answer.result is found.result:
        note = found.note
    return answer.result, note, True


def _check_answers(setup: CentreSetup, answers: Sequence[ItemAnswer]) -> dict[str, ItemAnswer]:
    known = {item.code for _zone, item in setup.config.checklist_items()}
    by_code: dict[str, ItemAnswer] = {}
    for answer in answers:
        if answer.code not in known:
            raise ApiError("CHECKLIST_UNKNOWN_ITEM", punto=answer.code)
        if answer.code in by_code:
            raise ApiError("CHECKLIST_REPEATED_ITEM", punto=answer.code)
        by_code[answer.code] = answer
    return by_code


def _judge_items(
    setup: CentreSetup, findings: dict[str, Finding], by_code: dict[str, ItemAnswer]
) -> list[_Row]:
    rows: list[_Row] = []
    for zone, item in setup.config.checklist_items():
        found = findings.get(item.code)
        result, note, by_person = _merge(item, found, by_code.get(item.code))
        probe = found.result if found is not None else None
        outcome = ItemOutcome(item.code, item.label, item.blocking, result, note, probe)
        rows.append(_Row(zone, item, outcome, found, by_person))
    return rows


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
    an incident (`day.incident`). Answers the run's JSON with `opened`.
    """
    setup = ctx.runtime.setup
    by_code = _check_answers(setup, answers)
    day = setup.day_of(ctx.clock.now())
    if setup.hours_on(day) is None:
        raise ApiError("CENTRE_CLOSED_TODAY")
    _refuse_if_done(ctx, day)
    rows = _judge_items(setup, run_probes(ctx, day, probes), by_code)
    verdict = decide_opening([row.outcome for row in rows])
    with ctx.db.write() as s:
        now = ctx.clock.now()
        centre_day = day_row(s, day)
        if centre_day.sealed_at is not None:
            raise ApiError("DAY_SEALED", dia=day.strftime("%d/%m/%Y"))
        if centre_day.opened_at is not None:
            raise ApiError(
                "DAY_ALREADY_OPENED", hora=format_clock(setup.local(centre_day.opened_at).time())
            )
        run = _record_run(s, actor, day, now, verdict, rows, note)
        data = run_json(s, run)
        if verdict.opens:
            _open(s, actor, centre_day, run, now, verdict, data, rows)
        else:
            append_event(
                s,
                kind="day.blocked",
                actor=actor.label,
                at=now,
                day=day,
                data={"reasons": data["blocking_reasons"], "run": data},
            )
        answer = {**data, "opened": verdict.opens}
        return set_result(s, answer)


def _record_run(
    s: Session,
    actor: Actor,
    day: date,
    now: datetime,
    verdict: OpeningVerdict,
    rows: Sequence[_Row],
    note: str | None,
) -> ChecklistRun:
    """Keep the run and each item's result, as found and as answered."""
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
    for position, row in enumerate(rows):
        found = row.found
        s.add(
            ChecklistResult(
                run_id=run.id,
                position=position,
                zone_code=row.zone.code,
                zone_name=row.zone.name,
                item_code=row.item.code,
                label=row.item.label,
                blocking=row.item.blocking,
                probe=row.item.probe,
                probe_state=found.state if found else None,
                probe_reason=found.reason if found else None,
                probe_detail=found.detail if found else None,
                result=row.outcome.result.value,
                note=row.outcome.note,
                confirmed_by_person=row.by_person,
            )
        )
    s.flush()
    return run


def _open(
    s: Session,
    actor: Actor,
    centre_day: CentreDay,
    run: ChecklistRun,
    now: datetime,
    verdict: OpeningVerdict,
    data: dict[str, Any],
    rows: Sequence[_Row],
) -> None:
    """Open the day after a passed run; each non-blocking failure becomes an incident.

    So does every answer that contradicts a probe: its note keeps what the probe
    found, next to what the person said.
    """
    day = centre_day.day
    centre_day.opened_at = now
    centre_day.opened_by = actor.label
    found = {row.item.code: row.found for row in rows}
    for o in verdict.incidents:
        note = o.note
        probe = found.get(o.code)
        if o.contradicts_probe and probe is not None:
            note = day_text("incident_against_probe", nota=note or "-", motivo=probe.reason)
        incident = DayIncident(
            day=day,
            run_id=run.id,
            item_code=o.code,
            label=o.label,
            result=o.result.value,
            note=note,
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
            data=incident_json(incident),
        )
    append_event(
        s,
        kind="day.opened",
        actor=actor.label,
        at=now,
        day=day,
        data={"checklist": True, "run": data},
    )


def _refuse_if_done(ctx: ServerContext, day: date) -> None:
    """Refuse early (before probing) a day already opened or sealed."""
    with ctx.db.read() as s:
        row = s.get(CentreDay, day)
        if row is None:
            return
        if row.sealed_at is not None:
            raise ApiError("DAY_SEALED", dia=day.strftime("%d/%m/%Y"))
        if row.opened_at is not None:
            local = ctx.runtime.setup.local(row.opened_at).time()
            raise ApiError("DAY_ALREADY_OPENED", hora=format_clock(local))


def open_day(ctx: ServerContext, actor: Actor) -> None:
    """Open today without a checklist: only the server itself (demo, training, tests).

    Staff open the centre by running the checklist (`run_checklist`); this path
    exists so a demonstration or training installation can start attending.
    """
    if actor.role is not None:
        raise ApiError("CHECKLIST_REQUIRED")
    setup = ctx.runtime.setup
    with ctx.db.write() as s:
        now = ctx.clock.now()
        day = setup.day_of(now)
        row = day_row(s, day)
        if row.opened_at is not None or row.sealed_at is not None:
            return
        row.opened_at = now
        row.opened_by = actor.label
        append_event(
            s, kind="day.opened", actor=actor.label, at=now, day=day, data={"checklist": False}
        )
