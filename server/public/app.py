"""The citizen's listener: `/t/<signed code>` and its live channel, and nothing else.

It is a separate ASGI application on its own port, so the centre's guest Wi-Fi can be
let through to that port alone: the staff API does not exist here, not even behind a
permission check. Every answer is a page in words (a tampered code, another day's
ticket, too many requests), never a JSON error or a traceback.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from macturnos.domain.errors import DomainError
from macturnos.domain.survey import check_rating
from macturnos.server import survey
from macturnos.server.context import ServerContext
from macturnos.server.events import Published
from macturnos.server.public import pages, texts
from macturnos.server.public.limits import Limiter
from macturnos.server.public.notices import TurnNotifier, installed_notifiers, start_watcher
from macturnos.server.public.progress import (
    Board,
    BoardView,
    Progress,
    UnknownCode,
    board_view,
    progress_of,
)

log = logging.getLogger("macturnos.server.public")

HEARTBEAT_S = 15.0
"""A comment line this often keeps the phone's connection (and proxies) awake."""
MAX_CODE_CHARS = 200
"""Longer paths are not codes (a signed code has 56 characters)."""
MAX_FORM_BYTES = 4096
"""A rating's form: a score, a reason and a comment of at most 500 characters."""

HEADERS = {
    # The page and its script are inline; it talks only to this listener.
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    # The code in the address is the ticket: it must not leak to another site.
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def create_public_app(
    ctx: ServerContext,
    limiter: Limiter | None = None,
    notifiers: Sequence[TurnNotifier] | None = None,
) -> Starlette:
    """The citizen's pages of the centre served by `ctx`.

    `notifiers` (default: the installed `macturnos.notifiers` plug-ins, usually none)
    are told when a ticket's turn is near and when it is called (`notices`).
    """
    board = Board(ctx)
    shared = SharedBoard(ctx, board)
    limits = limiter or Limiter()
    gateways = installed_notifiers() if notifiers is None else list(notifiers)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        watcher = start_watcher(ctx, gateways) if gateways else None
        yield
        if watcher is not None:
            watcher.cancel()

    def read(code: str) -> Progress:
        with ctx.db.read() as s:
            return progress_of(s, ctx, board, code)

    def language(request: Request) -> str:
        return texts.pick_language(
            request.query_params.get("l"), request.headers.get("accept-language")
        )

    def page(language: str, html: str, status: int = 200) -> HTMLResponse:
        return HTMLResponse(html, status_code=status, headers=HEADERS)

    def refusal(language: str, err: UnknownCode) -> HTMLResponse:
        message = {
            "other_day": texts.text(language, texts.OTHER_DAY, date=texts.day_text(err.day)),
            "unknown": texts.text(language, texts.UNKNOWN),
        }.get(err.reason, texts.text(language, texts.INVALID))
        return page(language, pages.message_page(language, message), 404)

    def too_many(language: str) -> HTMLResponse:
        html = pages.message_page(language, texts.text(language, texts.TOO_MANY))
        return HTMLResponse(html, status_code=429, headers=HEADERS | {"Retry-After": "10"})

    def address(request: Request) -> str:
        return request.client.host if request.client else "?"

    async def home(request: Request) -> Response:
        lang = language(request)
        return page(lang, pages.message_page(lang, texts.text(lang, texts.HOME)))

    async def ticket(request: Request) -> Response:
        lang = language(request)
        if not limits.allow(address(request)):
            return too_many(lang)
        code = request.path_params["code"][:MAX_CODE_CHARS]
        try:
            progress = await run_in_threadpool(read, code)
        except UnknownCode as err:
            return refusal(lang, err)
        return page(lang, pages.ticket_page(progress, lang, code))

    async def live(request: Request) -> Response:
        lang = language(request)
        who = address(request)
        if not limits.allow(who):
            return too_many(lang)
        code = request.path_params["code"][:MAX_CODE_CHARS]
        try:
            first = await run_in_threadpool(read, code)
        except UnknownCode as err:
            return refusal(lang, err)
        if not limits.open_stream(who):
            return too_many(lang)
        return StreamingResponse(
            _stream(ctx, shared, read, code, first, lang, lambda: limits.close_stream(who)),
            media_type="text/event-stream",
            headers=HEADERS | {"X-Accel-Buffering": "no"},
        )

    async def rating(request: Request) -> Response:
        lang = language(request)
        if not limits.allow(address(request)):
            return too_many(lang)
        code = request.path_params["code"][:MAX_CODE_CHARS]
        form = await _read_form(request)
        try:
            progress = await run_in_threadpool(read, code)
        except UnknownCode as err:
            return refusal(lang, err)
        try:
            if form is None:
                raise DomainError("RATING_INVALID", campo="form")
            score = form.get("score", "")
            given = check_rating(
                int(score) if score.isascii() and score.isdigit() else None,
                form.get("reason") or None,
                form.get("comment") or None,
            )
            await run_in_threadpool(
                survey.rate, ctx, survey.CITIZEN, progress.ticket_id, given, "phone"
            )
        except DomainError as err:
            if err.code != "ALREADY_RATED":
                return page(lang, pages.message_page(lang, err.message), 422)
        # Back to the ticket's page, which now says thank you (a reload posts nothing).
        return RedirectResponse(f"/t/{code}?l={lang}", status_code=303, headers=HEADERS)

    async def not_found(request: Request, exc: Exception) -> Response:
        lang = language(request)
        status = exc.status_code if isinstance(exc, HTTPException) else 404
        return page(lang, pages.message_page(lang, texts.text(lang, texts.NOT_FOUND)), status)

    async def failure(request: Request, exc: Exception) -> Response:
        log.exception("public page failed")
        lang = language(request)
        return page(lang, pages.message_page(lang, texts.text(lang, texts.PROBLEM)), 503)

    return Starlette(
        routes=[
            Route("/", home, methods=["GET"]),
            Route("/t/{code}", ticket, methods=["GET"]),
            Route("/t/{code}/live", live, methods=["GET"]),
            Route("/t/{code}/rating", rating, methods=["POST"]),
        ],
        exception_handlers={HTTPException: not_found, Exception: failure},
        lifespan=lifespan,
    )


async def _read_form(request: Request) -> dict[str, str] | None:
    """A small url-encoded form, or None when it is too large or not UTF-8 text."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return None
    try:
        fields = parse_qs(body.decode("utf-8"), max_num_fields=8, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        return None
    return {k: v[0] for k, v in fields.items()}


class SharedBoard:
    """One `BoardView` at a time for every live channel: built once per log change."""

    def __init__(self, ctx: ServerContext, board: Board) -> None:
        self.ctx = ctx
        self.board = board
        self._building: asyncio.Future[BoardView] | None = None

    async def at_least(self, seq: int) -> BoardView:
        """A view that reflects event `seq` or later (shared with whoever asks meanwhile)."""
        while True:
            if self._building is None or (
                self._building.done()
                and (self._building.exception() is not None or self._building.result().seq < seq)
            ):
                self._building = asyncio.ensure_future(
                    run_in_threadpool(board_view, self.ctx, self.board)
                )
            view = await asyncio.shield(self._building)
            if view.seq >= seq:
                return view


async def _stream(
    ctx: ServerContext,
    shared: SharedBoard,
    read: Any,
    code: str,
    first: Progress,
    language: str,
    closed: Any,
) -> AsyncIterator[str]:
    """Server-sent events: the card again whenever the ticket or its entity's queues move."""
    sub = ctx.hub.subscribe()
    try:
        current, sent = first, ""
        while True:
            message = json.dumps(
                {"state": current.state, "html": pages.card(current, language, code)}
                | current.as_json(),
                ensure_ascii=False,
            )
            if message != sent:
                yield f"data: {message}\n\n"
                sent = message
            if current.state not in ("waiting", "called", "serving"):
                return
            seq = await _wait_for_change(sub.queue, current)
            if seq is None:
                yield ": sigue\n\n"
                continue
            view = await shared.at_least(seq)
            seen = view.tickets.get(current.ticket_id)
            if seen is not None:
                current = replace(seen, held=current.held)
                continue
            try:  # no longer active: finished, transferred, ... read it alone
                current = await run_in_threadpool(read, code)
            except UnknownCode:  # the day changed under the page
                return
    finally:
        ctx.hub.unsubscribe(sub)
        closed()


async def _wait_for_change(queue: asyncio.Queue[Any], p: Progress) -> int | None:
    """The sequence number of the latest event that can move this ticket, or None when
    none arrived before the next heartbeat."""
    try:
        item = await asyncio.wait_for(queue.get(), HEARTBEAT_S)
    except TimeoutError:
        return None
    items = [item]
    while not queue.empty():  # a burst is read once, not once per event
        items.append(queue.get_nowait())
    moving = [i.seq for i in items if isinstance(i, Published) and _touches(i.event, p)]
    return max(moving) if moving else None


def _touches(event: dict[str, Any], p: Progress) -> bool:
    """Whether `event` can change what the page of `p` shows (its entity's queues)."""
    kind = str(event.get("kind", ""))
    if kind.startswith("day.") or kind == "config.reloaded":
        return True
    if not kind.startswith(("ticket.", "module.")):
        return False
    data = event.get("data") or {}
    for part in ("ticket", "module"):
        entity = (data.get(part) or {}).get("entity") if isinstance(data, dict) else None
        if entity is not None:
            return bool(entity == p.ticket["entity"])
    return True
