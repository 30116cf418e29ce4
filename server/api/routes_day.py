"""Routes of the centre's day: opening checklist, closing, day summary.

The supervisor's flow (counter client):

1. `GET /day/checklist`: the checklist with every automatic item pre-filled.
2. `POST /day/checklist` ("Registrar apertura"): the manual answers; the server
   probes again, records the run and opens the centre, or keeps it closed and
   reports why (`opened: false`, `blocking_reasons`). Run it again once solved.
3. `GET /day/status`: opened, blocked with reasons, incidents, sealed (kiosks
   read `message` to tell citizens).
4. Near closing: `GET /day/closing`, `POST /day/closing/close-remaining`,
   `POST /day/seal`; then `GET /day/summary` (any day).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from macturnos.domain.opening import ItemResult
from macturnos.server import day as centre_day
from macturnos.server.api.deps import Permitted, act, context
from macturnos.server.api.schemas import IsoDate, RowId

router = APIRouter(prefix="/api/v1")

Anyone = Permitted  # who: server.permissions.ROUTES
Manager = Permitted  # who: server.permissions.ROUTES
Admin = Permitted  # who: server.permissions.ROUTES
DayParam = Annotated[IsoDate | None, Query(description="Service day YYYY-MM-DD; today if absent.")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ItemAnswerIn(_Body):
    """The supervisor's answer for one checklist item."""

    code: str = Field(min_length=1, max_length=40)
    """The item's code in the centre's checklist."""
    result: Literal["ok", "fail", "unknown", "not_applicable"]
    """ok = conforme, fail = no conforme, unknown = sin verificar, not_applicable = no aplica."""
    note: str | None = Field(default=None, max_length=500)
    """Observation; required to mark ok an automatic item whose probe failed."""


class ChecklistRunIn(_Body):
    """A checklist run: answers for the manual items (and any automatic one confirmed)."""

    items: list[ItemAnswerIn] = Field(default_factory=list, max_length=300)
    """Items not answered keep their probe's result, or count as unverified."""
    note: str | None = Field(default=None, max_length=1000)
    """General observation of the run."""


class CloseRemainingIn(_Body):
    """Which pending tickets to close as "no atendido por cierre"."""

    day: IsoDate | None = None
    """The service day; today if absent (a past day left unsealed may be closed too)."""
    ticket_ids: list[RowId] | None = Field(default=None, max_length=5000)
    """Only these tickets; all waiting and called tickets if absent."""


class SealIn(_Body):
    """Which day to seal."""

    day: IsoDate | None = None
    """The service day; today if absent."""


@router.get("/day/checklist", tags=["day"])
def get_checklist(request: Request, actor: Admin) -> dict[str, Any]:
    """Today's opening checklist, automatic items pre-filled by their probes.

    Each item: code, zone, zone_name, label, blocking, probe, automatic and
    `prefill` (null for manual items; else result, result_name, probe_state,
    note, detail).
    """
    return centre_day.checklist_template(context(request))


@router.post("/day/checklist", tags=["day"])
def post_checklist(request: Request, body: ChecklistRunIn, actor: Manager) -> JSONResponse:
    """Registrar apertura: record a checklist run; the centre opens unless a blocking item fails.

    Answers the run: id, run_at, run_by, decision (open, open_with_incidents,
    blocked), opened, blocking_reasons, incidents and every item with the
    probe's finding and the result kept.
    """
    ctx = context(request)
    answers = [centre_day.ItemAnswer(a.code, ItemResult(a.result), a.note) for a in body.items]
    return act(request, actor, lambda: centre_day.run_checklist(ctx, actor, answers, body.note))


@router.get("/day/status", tags=["day"])
def get_status(request: Request, actor: Anyone, day: DayParam = None) -> dict[str, Any]:
    """A day's state: state (closed_today, not_verified, blocked, open, open_with_incidents,
    sealed), message for citizens, hours, phase, blocking reasons, incidents, runs."""
    return centre_day.get_day_status(context(request), day)


@router.get("/day/closing", tags=["day"])
def get_closing(request: Request, actor: Manager, day: DayParam = None) -> dict[str, Any]:
    """The tickets still open: waiting (in call order), called, in service; can_seal."""
    return centre_day.closing_list(context(request), day)


@router.post("/day/closing/close-remaining", tags=["day"])
def post_close_remaining(request: Request, body: CloseRemainingIn, actor: Manager) -> JSONResponse:
    """Close waiting and called tickets as "no atendido por cierre" (from the closing warning)."""
    ctx = context(request)
    return act(
        request,
        actor,
        lambda: centre_day.close_remaining(ctx, actor, body.day, body.ticket_ids),
    )


@router.post("/day/seal", tags=["day"])
def post_seal(request: Request, body: SealIn, actor: Manager) -> JSONResponse:
    """Seal the day (no ticket left open) and answer its summary, kept for the PCM."""
    ctx = context(request)
    return act(request, actor, lambda: centre_day.seal_day(ctx, actor, body.day))


@router.get("/day/summary", tags=["day"])
def get_summary(request: Request, actor: Admin, day: DayParam = None) -> dict[str, Any]:
    """A day's figures: the one kept at the seal, or a provisional one computed now."""
    return centre_day.get_summary(context(request), day)
