"""Shared pieces of the route handlers: the context, the caller, idempotent actions."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from macturnos.server.auth import Actor, authenticate
from macturnos.server.context import ServerContext
from macturnos.server.errors import ApiError
from macturnos.server.idempotency import Replay, fingerprint, idempotent
from macturnos.server.permissions import may_call


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


async def caller(request: Request) -> Actor:
    """The authenticated actor of a request."""
    ctx = context(request)
    token = bearer_token(request)
    actor = ctx.tokens.get(token)
    if actor is None:

        def check() -> Actor:
            with ctx.db.read() as s:
                return authenticate(s, token, ctx.wall_now())

        actor = await run_in_threadpool(check)
        ctx.tokens.put(token, actor)
    return actor


async def permitted(request: Request) -> Actor:
    """The caller, if the permission table lets its role use this route (else 401/403)."""
    actor = await caller(request)
    route = request.scope.get("route")
    path = getattr(route, "path", request.url.path)
    if not may_call(request.method, path, actor.role):
        raise ApiError("FORBIDDEN_ROLE", rol=actor.role.value if actor.role else "sistema")
    return actor


Permitted = Annotated[Actor, Depends(permitted)]
"""The caller of a route, admitted by `server.permissions.ROUTES`."""


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
        # FastAPI has already read (and kept) the body of a route that takes one.
        body: bytes = getattr(request, "_body", b"")
        asked = fingerprint(request.method, request.url.path, body)
        with idempotent(key, actor.label, asked, ctx.clock.now()):
            return JSONResponse(fn(), status_code=status_code)
    except Replay as replay:
        return JSONResponse(
            replay.response, status_code=replay.status_code, headers={"Idempotent-Replay": "true"}
        )


async def quick_act(
    request: Request, actor: Actor, fn: Callable[[], dict[str, Any]], status_code: int = 200
) -> JSONResponse:
    """`act` for a ticket or module action: database work only, no network, no waiting.

    On the embedded database it runs right on the event loop: it takes well
    under a millisecond, writes are serialised anyway, and handing it to a
    worker thread cost more than the write itself. On PostgreSQL each statement
    is a network round trip, so it runs in the database's writer thread.
    """
    db = context(request).db
    if db.backend == "sqlite":
        return act(request, actor, fn, status_code)
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(db.writer, act, request, actor, fn, status_code)
