"""WebSocket /api/v1/events: a snapshot, then every later event in order.

Protocol (JSON text frames):
  client -> {"type": "hello", "token": "...", "since": null | <last seq seen>}
  server -> {"type": "snapshot", "seq": N, ...}   when since is null or too old
         or  the missed events one by one          when resuming
  server -> {"type": "event", "seq": N+1, ...} ... live, in order, no gaps
  client -> {"type": "ping"}  server -> {"type": "pong", "seq": <last sent>}
The subscription starts before the snapshot is read, so no event can fall
between the two (the Home Assistant habit).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool

from macturnos.domain.errors import DomainError
from macturnos.server.auth import authenticate
from macturnos.server.context import ServerContext
from macturnos.server.errors import ApiError, error_body
from macturnos.server.events import CLOSED, RECHECK, Published, events_after, last_seq
from macturnos.server.permissions import filter_event, filter_snapshot
from macturnos.server.snapshot import snapshot

router = APIRouter(prefix="/api/v1")

HELLO_TIMEOUT_S = 10.0
MAX_RESUME = 5_000  # beyond this many missed events a fresh snapshot is cheaper
TOKEN_RECHECK_S = 30.0  # how late a token ended on the other server may still receive events
# Events after which every open stream checks its token again at once: a logout,
# an ended session, a disabled account, a changed role, a revoked or re-registered device.
ENDS_SESSIONS = frozenset(
    {
        "auth.logout",
        "auth.session_ended",
        "user.disabled",
        "user.role_changed",
        "device.revoked",
        "device.registered",
    }
)
MAX_SEQ = 2**63 - 1  # the largest sequence number a BIGINT column holds


def _start_state(ctx: ServerContext, since: int | None) -> tuple[int, list[dict[str, Any]]]:
    """What to send first: (seq reached, messages)."""
    with ctx.db.read() as s:
        current = last_seq(s)
        if since is not None and 0 <= since <= current:
            missed = events_after(s, since, MAX_RESUME + 1)
            if len(missed) <= MAX_RESUME:
                return (missed[-1]["seq"] if missed else since), missed
        snap = snapshot(s, ctx.runtime.setup, ctx.clock.now(), current)
        return current, [snap]


def _fill_gap(ctx: ServerContext, after: int) -> list[dict[str, Any]]:
    with ctx.db.read() as s:
        return events_after(s, after)


@router.websocket("/events")
async def events(ws: WebSocket) -> None:
    """Stream the centre's events to a kiosk, display or counter."""
    ctx: ServerContext = ws.app.state.ctx
    await ws.accept()
    try:
        hello = json.loads(await asyncio.wait_for(ws.receive_text(), HELLO_TIMEOUT_S))
        if not isinstance(hello, dict) or hello.get("type") != "hello":
            raise ApiError("INVALID_REQUEST", campo="hello")
        token = str(hello.get("token") or "")
        since = hello.get("since")
        # bool is an int subclass: `true` would reach the database as a sequence number.
        if since is not None and (
            isinstance(since, bool) or not isinstance(since, int) or not 0 <= since <= MAX_SEQ
        ):
            raise ApiError("INVALID_REQUEST", campo="since")

        def auth() -> Any:
            with ctx.db.read() as s:
                return authenticate(s, token, ctx.wall_now())

        actor = await run_in_threadpool(auth)
    except (TimeoutError, ValueError, WebSocketDisconnect):
        with contextlib.suppress(Exception):
            await ws.close(code=1008)
        return
    except DomainError as err:
        with contextlib.suppress(Exception):
            await ws.send_json(error_body(err) | {"type": "error"})
            await ws.close(code=1008)
        return

    sub = ctx.hub.subscribe()
    helpers: list[asyncio.Task[None]] = []
    await run_in_threadpool(ctx.presence.opened, ctx, actor)
    try:
        sent, first = await run_in_threadpool(_start_state, ctx, since)
        for msg in first:
            if msg.get("type") == "event":
                msg = filter_event(msg, actor.role)
            else:
                msg = filter_snapshot(msg, actor.role)
            await ws.send_text(json.dumps(msg))
        state = {"sent": sent}

        async def receive() -> None:
            try:
                while True:
                    msg = json.loads(await ws.receive_text())
                    if isinstance(msg, dict) and msg.get("type") == "ping":
                        await ws.send_text(json.dumps({"type": "pong", "seq": state["sent"]}))
            finally:
                sub.queue.put_nowait(CLOSED)

        async def remind() -> None:
            while True:
                await asyncio.sleep(TOKEN_RECHECK_S)
                sub.queue.put_nowait(RECHECK)

        helpers = [asyncio.create_task(receive()), asyncio.create_task(remind())]
        # The queue brings events, and the helpers' wake-ups: one await per event.
        while True:
            item = await sub.queue.get()
            if item is CLOSED:
                break
            if item is RECHECK or (
                isinstance(item, Published) and item.event.get("kind") in ENDS_SESSIONS
            ):
                # A logged-out or ended session must stop receiving events.
                try:
                    await run_in_threadpool(auth)
                except DomainError as err:
                    await ws.send_text(json.dumps(error_body(err) | {"type": "error"}))
                    break
            if not isinstance(item, Published) or item.seq <= state["sent"]:
                continue
            if item.seq == state["sent"] + 1:
                # Staff hear the shared encoding; devices and others their share of it.
                shown = filter_event(item.event, actor.role)
                await ws.send_text(item.text if shown is item.event else json.dumps(shown))
                state["sent"] = item.seq
                continue
            # Never skip: read what is missing from the log itself.
            for missed in await run_in_threadpool(_fill_gap, ctx, state["sent"]):
                if missed["seq"] > state["sent"]:
                    await ws.send_text(json.dumps(filter_event(missed, actor.role)))
                    state["sent"] = missed["seq"]
    except (WebSocketDisconnect, RuntimeError, ValueError):
        pass
    finally:
        ctx.hub.unsubscribe(sub)
        await run_in_threadpool(ctx.presence.closed, ctx, actor)
        for task in helpers:
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
        with contextlib.suppress(Exception):
            await ws.close()
