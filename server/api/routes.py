"""The HTTP routes of /api/v1."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from macturnos import API_VERSION, __version__
from macturnos.domain.ticket_code import code_from_scan, verify_ticket_code
from macturnos.domain.tickets import TicketAction
from macturnos.server import accounts, leds, ticketing
from macturnos.server.api.deps import (
    Permitted,
    act,
    bearer_token,
    context,
    quick_act,
)
from macturnos.server.api.schemas import (
    CallRequest,
    CancelRequest,
    DeviceRequest,
    HealthReport,
    IssueRequest,
    LedReport,
    LoginRequest,
    ModuleNumber,
    ModuleTransferRequest,
    PairRequest,
    PauseRequest,
    RowId,
    Seq,
    TransferRequest,
    VerifyRequest,
)
from macturnos.server.auth import Role
from macturnos.server.errors import ApiError
from macturnos.server.events import events_after, last_seq
from macturnos.server.pair.monitor import pair_status
from macturnos.server.permissions import detail_for, filter_snapshot
from macturnos.server.presence import device_views
from macturnos.server.reads import module_views, queue_summaries
from macturnos.server.reload import reload_centre
from macturnos.server.snapshot import snapshot
from macturnos.server.sync import appointments

router = APIRouter(prefix="/api/v1")

Advisor = Permitted  # who: server.permissions.ROUTES
Anyone = Permitted  # who: server.permissions.ROUTES
Issuer = Permitted  # who: server.permissions.ROUTES
Desk = Permitted  # who: server.permissions.ROUTES
Manager = Permitted  # who: server.permissions.ROUTES
Admin = Permitted  # who: server.permissions.ROUTES


# --- centre -------------------------------------------------------------------


@router.get("/health", tags=["centre"])
def health(request: Request) -> dict[str, Any]:
    """Whether the server and its database answer (no authentication)."""
    ctx = context(request)
    with ctx.db.read() as s:
        seq = last_seq(s)
    cfg = ctx.runtime.setup.config
    pair = pair_status(ctx)
    body = {
        "status": "ok",
        "centre": cfg.centre.code,
        "centre_name": cfg.centre.name,
        "api_version": API_VERSION,
        "version": __version__,
        "database": ctx.db.backend,
        "role": "primary" if pair is None else pair["role"],
        "last_seq": seq,
    }
    if pair is not None:
        # Replication state and lag for the supervisor's monitor and the checklist.
        body["pair"] = pair
    return body


@router.get("/config", tags=["centre"])
def centre_config(request: Request, actor: Anyone) -> dict[str, Any]:
    """The centre's configuration as clients need it (no credentials)."""
    cfg = context(request).runtime.setup.config
    data = cfg.model_dump(mode="json")
    data.pop("pcm", None)
    # Where phones open a ticket's page: the kiosk prints it in the ticket's QR.
    data["public_url"] = context(request).public_url
    return data


@router.get("/snapshot", tags=["centre"])
def get_snapshot(request: Request, actor: Anyone) -> dict[str, Any]:
    """The whole live state with the sequence number it reflects."""
    ctx = context(request)
    with ctx.db.read() as s:
        snap = snapshot(s, ctx.runtime.setup, ctx.clock.now(), last_seq(s))
    return filter_snapshot(snap, actor.role)


@router.get("/queues", tags=["queues"])
def queues(request: Request, actor: Anyone) -> list[dict[str, Any]]:
    """Every service: waiting count, longest wait, estimated wait, availability."""
    ctx = context(request)
    with ctx.db.read() as s:
        return queue_summaries(s, ctx.runtime.setup, ctx.clock.now())


@router.get("/events", tags=["centre"])
def list_events(
    request: Request,
    actor: Permitted,
    after: Annotated[Seq, Query()] = 0,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> list[dict[str, Any]]:
    """The event log after a sequence number (audit, reports)."""
    ctx = context(request)
    with ctx.db.read() as s:
        return events_after(s, after, limit)


@router.post("/config/reload", tags=["centre"])
def reload_config(request: Request, actor: Admin) -> dict[str, Any]:
    """Read the centre file again and put it in force; the day's tickets stay."""
    changes = reload_centre(context(request), actor)
    return {"changes": changes}


# --- authentication and devices ------------------------------------------------


def _address(request: Request) -> str:
    """The caller's address, for the failed-attempt throttle."""
    return request.client.host if request.client else "?"


@router.post("/auth/login", tags=["auth"])
def auth_login(request: Request, body: LoginRequest) -> dict[str, Any]:
    """Log in with user and password; answers a bearer token and the role."""
    return accounts.login(context(request), body.username, body.password, _address(request)).json()


@router.post("/auth/logout", tags=["auth"])
def auth_logout(request: Request, actor: Anyone) -> dict[str, Any]:
    """End this token's session."""
    accounts.logout(context(request), actor, bearer_token(request))
    return {"ok": True}


@router.get("/auth/me", tags=["auth"])
def auth_me(actor: Anyone) -> dict[str, Any]:
    """Who this token belongs to."""
    return {
        "role": actor.role,
        "label": actor.label,
        "name": actor.name,
        "user_id": actor.user_id,
        "device_id": actor.device_id,
    }


@router.post("/users/{username}/end-session", tags=["auth"])
def end_user_session(request: Request, username: str, actor: Manager) -> dict[str, Any]:
    """A supervisor ends every session of a staff member."""
    accounts.end_sessions(context(request), actor, username)
    return {"ok": True}


@router.post("/devices", tags=["auth"], status_code=201)
def register_device(request: Request, body: DeviceRequest, actor: Admin) -> dict[str, Any]:
    """Register a kiosk or call screen; answers its one-time pairing code."""
    return accounts.register_device(
        context(request), actor, kind=Role(body.kind), code=body.code, name=body.name
    )


@router.post("/devices/pair", tags=["auth"])
def pair(request: Request, body: PairRequest) -> dict[str, Any]:
    """A device exchanges its pairing code for its long-lived token."""
    return accounts.pair_device(context(request), body.pairing_code, _address(request))


@router.get("/devices", tags=["auth"])
def list_devices(request: Request, actor: Admin) -> list[dict[str, Any]]:
    """Every paired kiosk and call screen: connected now, last seen, last health report."""
    return device_views(context(request))


@router.post("/devices/{code}/revoke", tags=["auth"])
def revoke_device(request: Request, code: str, actor: Admin) -> dict[str, Any]:
    """Un-pair a kiosk or call screen: its token is refused at once, its stream closes."""
    return accounts.revoke_device(context(request), actor, code)


@router.post("/devices/me/health", tags=["auth"])
def device_health(request: Request, body: HealthReport, actor: Anyone) -> dict[str, Any]:
    """A device reports its health; a change of state is logged and pushed."""
    accounts.report_health(context(request), actor, body.model_dump())
    return {"ok": True}


@router.post("/devices/me/leds", tags=["auth"])
def led_report(request: Request, body: LedReport, actor: Anyone) -> dict[str, Any]:
    """An LED agent reports each display it drives (acknowledged, or why not)."""
    displays = [d.model_dump(mode="json") for d in body.displays]
    return leds.report_leds(context(request), actor, displays)


@router.get("/leds", tags=["centre"])
def led_displays(request: Request, actor: Admin) -> list[dict[str, Any]]:
    """Every module's LED display: its agent, linked or not, and its last reported state."""
    return leds.led_views(context(request))


# --- tickets -------------------------------------------------------------------


@router.post("/tickets", tags=["tickets"], status_code=201)
async def issue(request: Request, body: IssueRequest, actor: Issuer) -> JSONResponse:
    """Issue a ticket for a service (kiosk, reception).

    An `appointment` is checked, never declared: its `ref` must be a booking of
    today for this service, which is then checked in (as `/appointments/check-in`
    with its code); anything else is 422 APPOINTMENT_UNVERIFIED.
    """
    ctx = context(request)
    if body.appointment is not None:
        ref = body.appointment.ref
        if not ref or not await run_in_threadpool(
            appointments.booked, ctx, ref.strip(), body.service
        ):
            raise ApiError("APPOINTMENT_UNVERIFIED")
        return await run_in_threadpool(
            act,
            request,
            actor,
            lambda: appointments.check_in(ctx, actor, code=ref.strip()),
            201,
        )
    channel = "kiosk" if actor.role is Role.KIOSK else "reception"
    return await quick_act(
        request,
        actor,
        lambda: ticketing.issue_ticket(
            ctx,
            actor,
            service=body.service,
            preferential=body.preferential,
            channel=channel,
            assistance=body.assistance,
        ),
        201,
    )


@router.get("/tickets/lookup", tags=["tickets"])
def lookup(
    request: Request, actor: Anyone, number: Annotated[str, Query(min_length=1, max_length=12)]
) -> dict[str, Any]:
    """Today's ticket by its number (e.g. R-023)."""
    return detail_for(ticketing.find_ticket(context(request), number), actor.role)


@router.get("/tickets/{ticket_id}", tags=["tickets"])
def get_ticket(request: Request, ticket_id: RowId, actor: Anyone) -> dict[str, Any]:
    """One ticket."""
    return detail_for(ticketing.get_ticket(context(request), ticket_id), actor.role)


@router.post("/tickets/{ticket_id}/cancel", tags=["tickets"])
async def cancel(
    request: Request,
    ticket_id: RowId,
    body: CancelRequest,
    actor: Permitted,
) -> JSONResponse:
    """Cancel a waiting or called ticket, with a reason."""
    ctx = context(request)
    return await quick_act(
        request, actor, lambda: ticketing.cancel(ctx, actor, ticket_id, body.reason)
    )


@router.post("/tickets/{ticket_id}/reactivate", tags=["tickets"])
async def reactivate(request: Request, ticket_id: RowId, actor: Manager) -> JSONResponse:
    """Put a no-show or cancelled ticket back in its queue."""
    ctx = context(request)
    return await quick_act(request, actor, lambda: ticketing.reactivate(ctx, actor, ticket_id))


@router.post("/tickets/{ticket_id}/transfer", tags=["tickets"], status_code=201)
async def transfer_ticket(
    request: Request, ticket_id: RowId, body: TransferRequest, actor: Desk
) -> JSONResponse:
    """Reception sends a citizen to another service."""
    ctx = context(request)
    return await quick_act(
        request,
        actor,
        lambda: ticketing.transfer(ctx, actor, ticket_id, body.service, body.note),
        201,
    )


@router.post("/tickets/verify", tags=["tickets"])
def verify(request: Request, body: VerifyRequest, actor: Anyone) -> dict[str, Any]:
    """Check that the code read from a ticket's QR is genuine and unaltered."""
    ctx = context(request)
    code = verify_ticket_code(ctx.secret, code_from_scan(body.code))
    if code.centre != ctx.runtime.setup.config.centre.code:
        raise ApiError("TICKET_CODE_INVALID")
    result: dict[str, Any] = {"valid": True, "number": code.number, "day": code.day.isoformat()}
    if code.day == ctx.runtime.setup.day_of(ctx.clock.now()):
        try:
            result["ticket"] = ticketing.find_ticket(ctx, code.number)
        except ApiError:
            result["ticket"] = None
    return result


# --- modules -------------------------------------------------------------------


@router.get("/modules", tags=["modules"])
def modules(request: Request, actor: Anyone) -> list[dict[str, Any]]:
    """Every module with its advisor, state and current ticket."""
    ctx = context(request)
    with ctx.db.read() as s:
        views = module_views(s, ctx.runtime.setup)
    return detail_for(views, actor.role)


@router.post("/modules/{number}/session", tags=["modules"])
async def module_open(request: Request, number: ModuleNumber, actor: Advisor) -> JSONResponse:
    """The advisor takes the module."""
    ctx = context(request)
    return await quick_act(request, actor, lambda: ticketing.open_module(ctx, actor, number))


@router.delete("/modules/{number}/session", tags=["modules"])
async def module_leave(
    request: Request,
    number: ModuleNumber,
    actor: Advisor,
    ticket: Annotated[Literal["return", "finish"] | None, Query()] = None,
) -> JSONResponse:
    """The advisor leaves the module.

    A called ticket goes back to its queue; a ticket in service needs `ticket`
    (finish it, or return it to the front of its queue), else 409
    MODULE_LEAVE_IN_SERVICE. To transfer it, transfer first, then leave.
    """
    ctx = context(request)
    return await quick_act(
        request, actor, lambda: ticketing.close_module(ctx, actor, number, ticket=ticket)
    )


@router.post("/modules/{number}/close", tags=["modules"])
async def module_close(request: Request, number: ModuleNumber, actor: Manager) -> JSONResponse:
    """A supervisor closes a module."""
    ctx = context(request)
    return await quick_act(
        request, actor, lambda: ticketing.close_module(ctx, actor, number, by_supervisor=True)
    )


@router.post("/modules/{number}/call-next", tags=["modules"])
async def module_call_next(request: Request, number: ModuleNumber, actor: Advisor) -> JSONResponse:
    """Call the next citizen."""
    ctx = context(request)
    return await quick_act(request, actor, lambda: ticketing.call_next(ctx, actor, number))


@router.post("/modules/{number}/call", tags=["modules"])
async def module_call(
    request: Request, number: ModuleNumber, body: CallRequest, actor: Advisor
) -> JSONResponse:
    """Call a given ticket out of order (the reason is logged)."""
    ctx = context(request)
    return await quick_act(
        request,
        actor,
        lambda: ticketing.call_ticket(ctx, actor, number, body.ticket_id, body.reason),
    )


def _module_action(action: TicketAction, summary: str) -> Any:
    async def handler(request: Request, number: ModuleNumber, actor: Advisor) -> JSONResponse:
        ctx = context(request)
        return await quick_act(
            request, actor, lambda: ticketing.module_action(ctx, actor, number, action)
        )

    handler.__doc__ = summary
    return handler


for _path, _action, _summary in (
    ("recall", TicketAction.RECALL, "Call the current ticket again."),
    ("start", TicketAction.START, "Start serving the citizen who came."),
    ("finish", TicketAction.FINISH, "Finish the attention."),
    ("no-show", TicketAction.NO_SHOW, "The called citizen did not come."),
    ("return", TicketAction.RETURN_TO_QUEUE, "Put the called ticket back in its queue."),
):
    router.add_api_route(
        f"/modules/{{number}}/{_path}",
        _module_action(_action, _summary),
        methods=["POST"],
        tags=["modules"],
        name=f"module_{_path.replace('-', '_')}",
    )


@router.post("/modules/{number}/transfer", tags=["modules"], status_code=201)
async def module_transfer(
    request: Request, number: ModuleNumber, body: ModuleTransferRequest, actor: Advisor
) -> JSONResponse:
    """Transfer the module's current ticket to another service, with a note."""
    ctx = context(request)
    return await quick_act(
        request,
        actor,
        lambda: ticketing.transfer(
            ctx, actor, body.ticket_id, body.service, body.note, module=number
        ),
        201,
    )


@router.post("/modules/{number}/pause", tags=["modules"])
async def module_pause(
    request: Request, number: ModuleNumber, body: PauseRequest, actor: Advisor
) -> JSONResponse:
    """Pause the module with a reason."""
    ctx = context(request)
    return await quick_act(
        request, actor, lambda: ticketing.pause(ctx, actor, number, body.reason, body.note)
    )


@router.post("/modules/{number}/resume", tags=["modules"])
async def module_resume(request: Request, number: ModuleNumber, actor: Advisor) -> JSONResponse:
    """End the module's pause."""
    ctx = context(request)
    return await quick_act(request, actor, lambda: ticketing.resume(ctx, actor, number))
