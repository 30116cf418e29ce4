"""The opening gate: has today been opened, or is it blocked, and why.

Read by the issuance path (to tell a citizen why no ticket can be had), the
snapshot and the day's status; written by `server.day`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from macturnos.domain.errors import DomainError
from macturnos.domain.opening import ItemOutcome, ItemResult, OpeningDecision, decide_opening
from macturnos.messages import check_result_name, day_text
from macturnos.server.db.day_models import ChecklistResult, ChecklistRun
from macturnos.server.db.models import CentreDay


def day_opened(session: Session, day: date) -> bool:
    """Whether the opening was registered for `day` (and the day is not sealed)."""
    row = session.get(CentreDay, day)
    return row is not None and row.opened_at is not None and row.sealed_at is None


def reason_text(o: ItemOutcome) -> str:
    if o.stops_opening and o.overrules_failed_probe:
        # The person's "ok" is kept, but the reason is the probe's failure.
        return day_text("reason_probe_failed", punto=o.label, nota=o.note or "-")
    if o.contradicts_probe:
        probe = check_result_name(o.probe or ItemResult.UNKNOWN)
        return day_text(
            "reason_against_probe",
            punto=o.label,
            resultado=check_result_name(o.result),
            comprobado=probe,
            nota=o.note or "-",
        )
    if o.note:
        return day_text(
            "reason_item_note", punto=o.label, resultado=check_result_name(o.result), nota=o.note
        )
    return day_text("reason_item", punto=o.label, resultado=check_result_name(o.result))


def outcomes(results: Sequence[ChecklistResult]) -> list[ItemOutcome]:
    return [
        ItemOutcome(
            r.item_code, r.label, r.blocking, ItemResult(r.result), r.note, _probe(r.probe_state)
        )
        for r in results
    ]


def _probe(state: str | None) -> ItemResult | None:
    """The result a probe state pre-filled (a warning is an ok with a note)."""
    if state is None:
        return None
    return ItemResult.OK if state == "warning" else ItemResult(state)


def run_json(s: Session, run: ChecklistRun) -> dict[str, Any]:
    results = list(
        s.scalars(
            select(ChecklistResult)
            .where(ChecklistResult.run_id == run.id)
            .order_by(ChecklistResult.position)
        )
    )
    verdict = decide_opening(outcomes(results)) if results else None
    return {
        "id": run.id,
        "day": run.day.isoformat(),
        "run_at": run.run_at.isoformat(),
        "run_by": run.run_by,
        "run_by_name": run.run_by_name,
        "decision": run.decision,
        "note": run.note,
        "blocking_reasons": [reason_text(o) for o in verdict.blocking_failures] if verdict else [],
        "incidents": [reason_text(o) for o in verdict.incidents] if verdict else [],
        "items": [
            {
                "code": r.item_code,
                "zone": r.zone_code,
                "zone_name": r.zone_name,
                "label": r.label,
                "blocking": r.blocking,
                "probe": r.probe,
                "probe_state": r.probe_state,
                "probe_reason": r.probe_reason,
                "probe_detail": r.probe_detail,
                "result": r.result,
                "result_name": check_result_name(r.result),
                "note": r.note,
                "confirmed_by_person": r.confirmed_by_person,
            }
            for r in results
        ],
    }


def blocked_run(s: Session, day: date) -> ChecklistRun | None:
    """The latest run of a day that never opened, when that run blocked the centre."""
    row = s.get(CentreDay, day)
    if row is not None and row.opened_at is not None:
        return None
    last = s.scalar(
        select(ChecklistRun)
        .where(ChecklistRun.day == day)
        .order_by(ChecklistRun.id.desc())
        .limit(1)
    )
    if last is None or last.decision != OpeningDecision.BLOCKED.value:
        return None
    return last


def blocking_reasons(s: Session, day: date) -> list[str] | None:
    """Why `day` is blocked (its latest checklist run failed), or None when it is not."""
    row = s.get(CentreDay, day)
    if row is not None and row.sealed_at is not None:
        return None
    last = blocked_run(s, day)
    return None if last is None else run_json(s, last)["blocking_reasons"]


def gate_refusal(s: Session, day: date) -> DomainError | None:
    """The refusal a kiosk shows on a blocked day, naming the reasons (None otherwise).

    Meant for the issuance gate: where it says CENTRE_NOT_OPENED, this tells why.
    """
    reasons = blocking_reasons(s, day)
    if reasons is None:
        return None
    return DomainError("CENTRE_BLOCKED", motivos="; ".join(reasons))


def explain_refusal(s: Session, day: date, refusal: DomainError | None) -> DomainError | None:
    """A refusal to issue, with the reasons when the day is blocked by its checklist."""
    if refusal is not None and refusal.code == "CENTRE_NOT_OPENED":
        return gate_refusal(s, day) or refusal
    return refusal
