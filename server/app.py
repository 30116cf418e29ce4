"""Building the turn server: context, FastAPI application, error handling."""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from macturnos import __version__
from macturnos.domain.errors import DomainError
from macturnos.messages import message
from macturnos.server.api import (
    routes,
    routes_complaints,
    routes_day,
    routes_pair,
    routes_reports,
    routes_staffing,
    routes_survey,
    routes_sync,
    ws,
)
from macturnos.server.api.responses import declare_error_responses
from macturnos.server.context import ServerContext
from macturnos.server.errors import CODE_OF_HTTP_STATUS, STATUS_OF_CODE, error_body, http_status

log = logging.getLogger("macturnos.server")


def load_secret(path: Path) -> bytes:
    """The centre's ticket-signing key, created on first start (mode 0600)."""
    if path.exists():
        return bytes.fromhex(path.read_text().strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    path.touch(mode=0o600)
    path.write_text(key.hex())
    return key


MAX_BODY_BYTES = 1 << 20
"""The largest request body accepted; the biggest real one (a checklist run) is a few KB."""


def _refusal(code: str, status_code: int, **fields: object) -> JSONResponse:
    """The one error shape for refusals raised outside the routes' own code."""
    return JSONResponse(
        {"error": {"code": code, "message": message(code, **fields)}}, status_code=status_code
    )


class BodyLimit:
    """Refuse request bodies over `limit` bytes with 413 in the API's error shape."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > self.limit:
            await _refusal("BODY_TOO_LARGE", 413)(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            # A chunked body has no length up front: count it as it arrives.
            nonlocal received
            msg = await receive()
            if msg["type"] == "http.request":
                received += len(msg.get("body", b""))
                if received > self.limit:
                    raise HTTPException(413)
            return msg

        await self.app(scope, counted, send)


def _field_of(error: dict[str, Any]) -> str:
    loc = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path")]
    return ".".join(loc) or "cuerpo"


def create_app(ctx: ServerContext, *, advertise: Any = None) -> FastAPI:
    """The ASGI application; `advertise` is an optional async context (zeroconf)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        for service in ctx.services:
            service.start()
        try:
            if advertise is None:
                yield
            else:
                async with advertise:
                    yield
        finally:
            for service in reversed(ctx.services):
                service.stop()

    app = FastAPI(
        title="MAC Turnos",
        version=__version__,
        summary="Turn server of a Centro MAC",
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = ctx

    @app.exception_handler(DomainError)
    async def domain_error(_request: Request, err: DomainError) -> JSONResponse:
        return JSONResponse(error_body(err), status_code=http_status(err))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, err: RequestValidationError) -> JSONResponse:
        first = err.errors()[0] if err.errors() else {}
        field = _field_of(first)
        return JSONResponse(
            {
                "error": {
                    "code": "INVALID_REQUEST",
                    "message": message("INVALID_REQUEST", campo=field),
                    "details": {"fields": [_field_of(e) for e in err.errors()]},
                }
            },
            status_code=422,
        )

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, err: HTTPException) -> JSONResponse:
        # Starlette's own refusals (unknown path, wrong method, a body that is
        # not UTF-8, too large) in the documented shape instead of {"detail"}.
        # A body that is not UTF-8 is bad input like malformed JSON: 422.
        code = CODE_OF_HTTP_STATUS.get(err.status_code, "HTTP_ERROR")
        status_code = STATUS_OF_CODE.get(code, err.status_code)
        answer = _refusal(code, status_code, estado=err.status_code)
        if err.headers:
            answer.headers.update(err.headers)
        return answer

    @app.exception_handler(Exception)
    async def crash(_request: Request, err: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return JSONResponse(
            {"error": {"code": "INTERNAL_ERROR", "message": message("INTERNAL_ERROR")}},
            status_code=500,
        )

    app.add_middleware(BodyLimit)
    app.include_router(routes.router)
    app.include_router(routes_day.router)
    app.include_router(routes_reports.router)
    app.include_router(routes_staffing.router)
    app.include_router(routes_survey.router)
    app.include_router(routes_complaints.router)
    app.include_router(routes_sync.router)
    app.include_router(routes_pair.router)
    app.include_router(ws.router)
    declare_error_responses(app)
    return app
