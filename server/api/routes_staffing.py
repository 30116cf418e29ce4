"""Routes a supervisor uses when people or entities cannot serve.

- Free a module held by someone who left (`POST /modules/{n}/free`): its ticket
  is finished or returned to the front of its queue (`server.modules`).
- Seat an advisor at another entity's module (`POST /modules/{n}/assign`), recorded.
- Suspend and resume issuing for an entity or a service, with a reason
  (`/suspensions`, `server.suspensions`).
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from macturnos.server import suspensions, ticketing
from macturnos.server.api.deps import Permitted, context, quick_act
from macturnos.server.api.schemas import ModuleNumber

router = APIRouter(prefix="/api/v1")

Manager = Permitted  # who: server.permissions.ROUTES
Staff = Permitted  # who: server.permissions.ROUTES

Scope = Literal["entity", "service"]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FreeRequest(_Body):
    """What becomes of the module's ticket: finished, or back to the front of its queue."""

    ticket: Literal["return", "finish"] = "return"
    note: str | None = Field(default=None, max_length=200)


class AssignRequest(_Body):
    """The advisor to seat at the module."""

    username: str = Field(min_length=1, max_length=60)


class SuspendRequest(_Body):
    """Stop issuing for an entity or a service; citizens read the reason on the kiosk."""

    scope: Scope
    code: str = Field(min_length=1, max_length=40)
    reason: str = Field(min_length=1, max_length=200)


@router.post("/modules/{number}/free", tags=["modules"])
async def module_free(
    request: Request, number: ModuleNumber, body: FreeRequest, actor: Manager
) -> JSONResponse:
    """A supervisor frees a module held by someone who left; its ticket is not lost."""
    ctx = context(request)
    return await quick_act(
        request,
        actor,
        lambda: ticketing.free_module_session(ctx, actor, number, body.ticket, body.note),
    )


@router.post("/modules/{number}/assign", tags=["modules"])
async def module_assign(
    request: Request, number: ModuleNumber, body: AssignRequest, actor: Manager
) -> JSONResponse:
    """Seat an advisor at a module, also another entity's (recorded as `module.assigned`)."""
    ctx = context(request)
    return await quick_act(
        request, actor, lambda: ticketing.assign_module(ctx, actor, number, body.username)
    )


@router.get("/suspensions", tags=["queues"])
def list_suspensions(request: Request, actor: Staff) -> list[dict[str, Any]]:
    """Entities and services whose issuing is suspended, with reason, who and since when."""
    return suspensions.list_suspensions(context(request))


@router.post("/suspensions", tags=["queues"], status_code=201)
async def suspend(request: Request, body: SuspendRequest, actor: Manager) -> JSONResponse:
    """Suspend issuing for an entity or a service, with the reason citizens read."""
    ctx = context(request)
    return await quick_act(
        request,
        actor,
        lambda: suspensions.suspend(ctx, actor, body.scope, body.code, body.reason),
        201,
    )


@router.post("/suspensions/{scope}/{code}/resume", tags=["queues"])
async def resume(request: Request, scope: Scope, code: str, actor: Manager) -> JSONResponse:
    """Issue tickets for the entity or service again."""
    ctx = context(request)
    return await quick_act(request, actor, lambda: suspensions.resume(ctx, actor, scope, code))
