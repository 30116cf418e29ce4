"""The live event stream: a snapshot, then every event in order, across reconnections.

`EventStream` runs its own asyncio loop in a background thread, talks the
protocol of `macturnos.server.api.ws` and calls the app's callbacks from that
thread. It remembers the last sequence number it delivered, drops repeats,
and on reconnecting asks the server for what it missed, so an app sees every
event exactly once and in order. A gap (which the server never sends) makes it
reconnect and fetch the missing events rather than skip them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import InvalidHandshake, InvalidURI, WebSocketException

from macturnos.client import messages as msg
from macturnos.client.discovery import ServerAddress, address_from_url
from macturnos.client.errors import ApiRefusal, ClientError
from macturnos.messages import t

log = logging.getLogger("macturnos.client.events")

SnapshotCallback = Callable[[dict[str, Any]], None]
EventCallback = Callable[[dict[str, Any]], None]
StatusCallback = Callable[[bool, str], None]
RefusalCallback = Callable[[ApiRefusal], None]
Resolver = Callable[[], "ServerAddress | str"]

# A snapshot of a busy centre (hundreds of waiting tickets) is far below this.
MAX_MESSAGE_BYTES = 32 * 1024 * 1024


@dataclass
class _Outcome:
    """How one connection ended."""

    reason: str
    healthy: bool = False  # the server accepted us and sent something
    immediate: bool = False  # reconnect at once (gap, resync), not a failure
    refusal: ApiRefusal | None = None


class _Gap(Exception):
    """An event arrived after a hole in the sequence."""


class EventStream:
    """A background connection to /api/v1/events delivering a snapshot and events in order."""

    def __init__(
        self,
        server: ServerAddress | str,
        token: str | Callable[[], str | None],
        *,
        on_snapshot: SnapshotCallback,
        on_event: EventCallback,
        on_status: StatusCallback | None = None,
        on_refused: RefusalCallback | None = None,
        resolver: Resolver | None = None,
        since: int | None = None,
        ping_interval_s: float = 10.0,
        dead_after_s: float = 20.0,
        backoff_min_s: float = 0.2,
        backoff_max_s: float = 10.0,
        resolve_after_failures: int = 3,
        open_timeout_s: float = 5.0,
    ) -> None:
        if not 0 < backoff_min_s <= backoff_max_s:
            raise ValueError("need 0 < backoff_min_s <= backoff_max_s")
        if not 0 < ping_interval_s < dead_after_s:
            raise ValueError("need 0 < ping_interval_s < dead_after_s")
        self._address = server if isinstance(server, ServerAddress) else address_from_url(server)
        self._token = token if callable(token) else (lambda: token)
        self._on_snapshot = on_snapshot
        self._on_event = on_event
        self._on_status = on_status
        self._on_refused = on_refused
        self._resolver = resolver
        self._last_seq = since
        self.ping_interval_s = ping_interval_s
        self.dead_after_s = dead_after_s
        self.backoff_min_s = backoff_min_s
        self.backoff_max_s = backoff_max_s
        self.resolve_after_failures = max(1, resolve_after_failures)
        self.open_timeout_s = open_timeout_s

        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop_requested = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._kick_event: asyncio.Event | None = None
        self._want_snapshot = False
        self._connected = False
        self._status: tuple[bool, str] | None = None
        self.duplicates_dropped = 0
        self.reconnections = 0

    # --- public surface ----------------------------------------------------------

    @property
    def connected(self) -> bool:
        """Whether the server has accepted this stream and it is live now."""
        with self._lock:
            return self._connected

    @property
    def last_seq(self) -> int | None:
        """The sequence number of the last snapshot or event delivered (None before any)."""
        with self._lock:
            return self._last_seq

    @property
    def address(self) -> ServerAddress:
        """The server this stream connects to (it changes after a rediscovery)."""
        with self._lock:
            return self._address

    def start(self) -> None:
        """Start the background thread (once)."""
        with self._lock:
            if self._thread is not None:
                raise RuntimeError("the event stream was already started")
            self._thread = threading.Thread(target=self._run, name="macturnos-events", daemon=True)
            self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        """Close the connection and wait for the thread to end."""
        self._stop_requested.set()
        self._call_in_loop(lambda: self._stop_event.set() if self._stop_event else None)
        with self._lock:
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout_s)
            if thread.is_alive():
                log.error("event stream thread did not end within %.1f s", timeout_s)

    def resync(self) -> None:
        """Drop the connection and start again from a fresh snapshot (e.g. after a reload)."""
        with self._lock:
            self._want_snapshot = True
        self.reconnect()

    def reconnect(self) -> None:
        """Reconnect now (dropping a live connection), resuming from the last sequence number."""
        self._call_in_loop(lambda: self._kick_event.set() if self._kick_event else None)

    def _call_in_loop(self, fn: Callable[[], None]) -> None:
        with self._lock:
            loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop already closed
                loop.call_soon_threadsafe(fn)

    # --- the loop ------------------------------------------------------------------

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        try:
            loop.run_until_complete(self._main())
        except Exception:  # a bug here must not pass silently; the thread ends
            log.exception("event stream stopped by an unexpected error")
        finally:
            with self._lock:
                self._loop = None
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()
            self._set_status(False, t(msg.STATUS_STOPPED))

    async def _main(self) -> None:
        self._stop_event = asyncio.Event()
        self._kick_event = asyncio.Event()
        with self._lock:
            self._loop = asyncio.get_running_loop()
        failures = 0
        while not self._stop_requested.is_set():
            self._kick_event.clear()
            outcome = await self._session_until_stopped()
            if self._stop_requested.is_set():
                break
            self._set_status(False, outcome.reason)
            if outcome.healthy:
                failures = 0
            if outcome.immediate:
                self.reconnections += 1
                continue
            failures += 1
            if outcome.refusal is not None:
                # Retrying a refused token quickly only fills the server's log.
                failures = max(failures, 64)
            elif self._resolver is not None and failures % self.resolve_after_failures == 0:
                await self._rediscover()
            delay = self._backoff(failures)
            log.info("reconnecting in %.2f s (%s)", delay, outcome.reason)
            await self._pause(delay)
            self.reconnections += 1

    async def _pause(self, delay: float) -> None:
        """Wait `delay` seconds, or less if stop() or reconnect() is called meanwhile."""
        assert self._stop_event is not None and self._kick_event is not None
        waiters = {
            asyncio.create_task(self._stop_event.wait()),
            asyncio.create_task(self._kick_event.wait()),
        }
        try:
            await asyncio.wait(waiters, timeout=delay, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in waiters:
                task.cancel()

    def _backoff(self, failures: int) -> float:
        # Exponential with jitter: a room of displays restarting with the server
        # must not reconnect in step.
        cap = min(self.backoff_max_s, self.backoff_min_s * 2 ** min(failures - 1, 32))
        return random.uniform(max(self.backoff_min_s, cap / 2), cap)

    async def _rediscover(self) -> None:
        assert self._resolver is not None
        loop = asyncio.get_running_loop()
        try:
            found = await loop.run_in_executor(None, self._resolver)
            address = found if isinstance(found, ServerAddress) else address_from_url(found)
        except ClientError as err:
            log.info("rediscovery found no server: %r", err)
            return
        except Exception:  # keep the current address and go on retrying
            log.exception("rediscovery failed")
            return
        with self._lock:
            moved = address != self._address
            self._address = address
        if moved:
            log.info("server now at %s", address.base_url)

    async def _session_until_stopped(self) -> _Outcome:
        assert self._stop_event is not None and self._kick_event is not None
        session = asyncio.create_task(self._session())
        stopper = asyncio.create_task(self._stop_event.wait())
        kicker = asyncio.create_task(self._kick_event.wait())
        try:
            done, _ = await asyncio.wait(
                {session, stopper, kicker}, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            for task in (stopper, kicker):
                task.cancel()
        if session in done:
            return session.result()
        while not session.done():
            # Repeat the cancel should the session absorb one while closing.
            session.cancel()
            await asyncio.wait({session}, timeout=1.0)
        if not session.cancelled() and session.exception() is not None:
            log.info("event session ended with %r while stopping", session.exception())
        return _Outcome(t(msg.STATUS_CONNECTING), healthy=True, immediate=True)

    async def _session(self) -> _Outcome:
        url = self.address.events_url
        try:
            async with connect(
                url,
                open_timeout=self.open_timeout_s,
                close_timeout=2.0,
                ping_interval=None,  # application pings below also prove the server loop lives
                max_size=MAX_MESSAGE_BYTES,
                proxy=None,  # a LAN server: never through an Internet proxy
            ) as ws:
                return await self._converse(ws)
        except _Gap:
            return _Outcome(t(msg.STATUS_CONNECTING), healthy=True, immediate=True)
        except (OSError, TimeoutError, InvalidHandshake, InvalidURI, WebSocketException) as err:
            log.info("event stream to %s ended: %s: %s", url, type(err).__name__, err)
            return _Outcome(t(msg.STATUS_LOST), healthy=self.connected)
        except Exception:  # a surprise must cost one connection, not the live display
            log.exception("event stream to %s failed unexpectedly", url)
            return _Outcome(t(msg.STATUS_LOST))

    async def _converse(self, ws: ClientConnection) -> _Outcome:
        with self._lock:
            since = None if self._want_snapshot else self._last_seq
            self._want_snapshot = False
        await ws.send(json.dumps({"type": "hello", "token": self._token() or "", "since": since}))
        # The pong comes after the catch-up: it proves the hello was accepted
        # even when nothing was missed and the centre is quiet.
        await ws.send(json.dumps({"type": "ping"}))
        last_rx = last_ping = time.monotonic()
        while True:
            now = time.monotonic()
            wait = min(
                self.ping_interval_s - (now - last_ping), self.dead_after_s - (now - last_rx)
            )
            try:
                # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow the
                # cancellation that stop() relies on when a message lands at once.
                async with asyncio.timeout(max(wait, 0.0)):
                    raw = await ws.recv()
            except TimeoutError:
                now = time.monotonic()
                if now - last_rx >= self.dead_after_s:
                    log.warning("no message from the server in %.0f s: link dead", now - last_rx)
                    return _Outcome(t(msg.STATUS_NO_ANSWER), healthy=self.connected)
                if now - last_ping >= self.ping_interval_s:
                    await ws.send(json.dumps({"type": "ping"}))
                    last_ping = now
                continue
            last_rx = time.monotonic()
            refusal = self._handle(raw)
            if refusal is not None:
                return _Outcome(t(msg.STATUS_REFUSED, reason=refusal.message), refusal=refusal)

    # --- messages ---------------------------------------------------------------------

    def _handle(self, raw: str | bytes) -> ApiRefusal | None:
        try:
            message = json.loads(raw)
        except ValueError:
            log.warning("ignored a message that is not JSON")
            return None
        if not isinstance(message, dict):
            return None
        kind = message.get("type")
        if kind == "error":
            return self._refused(message)
        if kind in ("snapshot", "event") and not isinstance(message.get("seq"), int):
            log.warning("ignored a %s without a sequence number", kind)
            return None
        if kind in ("snapshot", "event", "pong") and not self.connected:
            self._set_status(True, t(msg.STATUS_CONNECTED))
        if kind == "snapshot":
            with self._lock:
                self._last_seq = message["seq"]
            self._deliver(self._on_snapshot, message)
        elif kind == "event":
            self._event(message)
        elif kind != "pong":
            log.debug("ignored message of type %r", kind)
        return None

    def _event(self, event: dict[str, Any]) -> None:
        seq: int = event["seq"]
        with self._lock:
            last = self._last_seq
            if last is not None and seq <= last:
                self.duplicates_dropped += 1
                return
            if last is not None and seq != last + 1:
                log.warning("event %d after %d: reconnecting to fetch the gap", seq, last)
                raise _Gap
            self._last_seq = seq
        self._deliver(self._on_event, event)

    def _refused(self, message: dict[str, Any]) -> ApiRefusal:
        raw = message.get("error")
        error: dict[str, Any] = raw if isinstance(raw, dict) else {}
        refusal = ApiRefusal(
            401,
            str(error.get("code") or "NOT_AUTHENTICATED"),
            str(error.get("message") or t(msg.NOT_LOGGED_IN)),
        )
        log.warning("the server refused the event stream: %s", refusal.code)
        if self._on_refused is not None:
            self._deliver(self._on_refused, refusal)
        return refusal

    def _deliver(self, callback: Callable[[Any], None], arg: Any) -> None:
        try:
            callback(arg)
        except Exception:  # an app's bug must not end the stream or lose later events
            log.exception("event stream callback %r failed", callback)

    def _set_status(self, connected: bool, reason: str) -> None:
        with self._lock:
            self._connected = connected
            if self._status == (connected, reason):
                return
            self._status = (connected, reason)
        if self._on_status is not None:
            try:
                self._on_status(connected, reason)
            except Exception:
                log.exception("event stream status callback failed")
