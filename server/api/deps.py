"""Shared pieces of the route handlers: the context, the caller, idempotent actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from macturnos.server.auth import Actor, Role, authenticate, require_role
from macturnos.server.context import ServerContext
from macturnos.server.errors import ApiError
from macturnos.server.idempotency import Replay, idempotent


def context(request: Request) -> ServerContext:
    """The server context stored on the app."""
    return request.app.state.ctx


def bearer_token(request: Request) -> str:
    """The bearer token of the request, or NOT_AUTHENTICATED."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError("NOT_AUTHENTICATED")
    return token.strip()


def caller(request: Request) -> Actor:
    """The authenticated actor of a request."""
    ctx = context(request)
    token = bearer_token(request)
    actor = ctx.tokens.get(token)
    if actor is None:
        with ctx.db.read() as s:
            actor = authenticate(s, token, ctx.wall_now())
        ctx.tokens.put(token, actor)
    return actor


def roles(*allowed: Role) -> Callable[[Request], Actor]:
    """A dependency that admits only `allowed` roles."""

    def dependency(request: Request) -> Actor:
        actor = caller(request)
        require_role(actor, *allowed)
        return actor

    return dependency


STAFF = (Role.ADVISOR, Role.ORIENTATOR, Role.SUPERVISOR, Role.COORDINATOR, Role.ICT)
ANYONE = (*STAFF, Role.KIOSK, Role.DISPLAY)
ISSUERS = (Role.KIOSK, Role.ORIENTATOR, Role.SUPERVISOR)
DESK = (Role.ORIENTATOR, Role.SUPERVISOR, Role.COORDINATOR)
MANAGERS = (Role.SUPERVISOR, Role.COORDINATOR)
ADMINS = (Role.SUPERVISOR, Role.COORDINATOR, Role.ICT)


def act(
    request: Request, actor: Actor, fn: Callable[[], dict[str, Any]], status_code: int = 200
) -> JSONResponse:
    """Carry out a state change once, however often the client repeats it.

    The client's `Idempotency-Key` header names the request; a repeat gets the
    first answer back.
    """
    ctx = context(request)
    key = request.headers.get("idempotency-key")
    try:
        with idempotent(key, actor.label, f"{request.method} {request.url.path}", ctx.clock.now()):
            return JSONResponse(fn(), status_code=status_code)
    except Replay as replay:
        return JSONResponse(
            replay.response, status_code=replay.status_code, headers={"Idempotent-Replay": "true"}
        )
