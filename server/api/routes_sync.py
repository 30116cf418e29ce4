"""Routes of the sync with the PCM: status, catalogue updates to accept, appointment check-in."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from macturnos.server.api.deps import Permitted, act, context
from macturnos.server.api.schemas import SmallId
from macturnos.server.errors import ApiError
from macturnos.server.sync import appointments, catalogue
from macturnos.server.sync.service import running_sync
from macturnos.server.sync.state import sync_status

router = APIRouter(prefix="/api/v1")

Admin = Permitted  # who: server.permissions.ROUTES
CheckInDesk = Permitted  # who: server.permissions.ROUTES


class CheckInRequest(BaseModel):
    """A citizen's appointment, found by DNI or by booking code (exactly one)."""

    dni: str | None = Field(None, max_length=16)
    code: str | None = Field(None, max_length=40)


class OfferDecision(BaseModel):
    """The offer the supervisor looked at (so a newer one is never applied unseen)."""

    offer_id: SmallId


@router.get("/sync/status", tags=["sync"])
def get_sync_status(request: Request, actor: Admin) -> dict[str, Any]:
    """Last successful sync, backlog of events not yet acknowledged, last error (Spanish)."""
    ctx = context(request)
    with ctx.db.read() as s:
        today = ctx.runtime.setup.day_of(ctx.clock.now())
        return sync_status(s, enabled=ctx.runtime.setup.config.pcm is not None, today=today)


@router.post("/sync/now", tags=["sync"], status_code=202)
def sync_now(request: Request, actor: Admin) -> dict[str, Any]:
    """Both directions run now ("Sincronizar ahora") instead of at the next interval.

    Answers at once; the monitor reads the outcome from `GET /sync/status`.
    """
    service = running_sync(context(request))
    if service is None:
        raise ApiError("SYNC_NOT_CONFIGURED")
    service.wake()
    return {"requested": True}


@router.get("/sync/catalogue/offer", tags=["sync"])
async def get_offer(request: Request, actor: Admin) -> dict[str, Any]:
    """The catalogue update waiting for a decision, as a list of changes; null when none."""
    return {"offer": await run_in_threadpool(catalogue.current_offer, context(request))}


@router.post("/sync/catalogue/offer/accept", tags=["sync"])
def accept_offer(request: Request, body: OfferDecision, actor: Admin) -> dict[str, Any]:
    """Apply the offered catalogue: write the centre file and reload it."""
    return catalogue.accept(context(request), actor, body.offer_id)


@router.post("/sync/catalogue/offer/reject", tags=["sync"])
def reject_offer(request: Request, body: OfferDecision, actor: Admin) -> dict[str, Any]:
    """Decline the offered catalogue; nothing changes."""
    return catalogue.reject(context(request), actor, body.offer_id)


@router.post("/appointments/check-in", tags=["tickets"], status_code=201)
def appointment_check_in(
    request: Request, body: CheckInRequest, actor: CheckInDesk
) -> JSONResponse:
    """Issue the ticket of today's appointment found by DNI (8 digits) or booking code."""
    ctx = context(request)
    dni = body.dni.strip() if body.dni else None
    code = body.code.strip() if body.code else None
    return act(request, actor, lambda: appointments.check_in(ctx, actor, dni=dni, code=code), 201)
