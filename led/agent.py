"""Keep every LED display showing its module's current call, and tell the server how they are.

The agent watches the client library's live state (snapshot, then every event,
resumed after a reconnection): a module's display shows the ticket called or
served there and goes blank when the module has none, whatever undid the call
(finish, return, no-show, transfer, cancel, the advisor leaving). A recall
blinks the display. The serial work runs on one worker thread, so a display
that does not answer never holds up the event stream.

Each display's health (acknowledged, or why not, and its last error) goes to
the server whenever it changes and every `report_interval_s` besides, for the
opening checklist and the supervisor's monitor (`POST /devices/me/leds`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from macturnos.client.connection import Change, Connection
from macturnos.client.errors import ClientError
from macturnos.hardware import messages as hw
from macturnos.hardware.led import LedDisplayError, ModuleDisplay
from macturnos.messages import _

log = logging.getLogger("macturnos.led")

_ACTIVE = frozenset({"called", "in_service"})
_UNKNOWN = object()
"""What a display shows when the agent cannot know (never ordered, or an order failed)."""

Clock = Callable[[], datetime]


@dataclass
class DisplayHealth:
    """What the agent last found of one display."""

    ok: bool | None = None
    """True: it acknowledged the last order; False: it did not; None: not tried yet."""
    reason: str = ""
    last_error: str | None = None
    last_error_at: datetime | None = None

    def report(self, module: int) -> dict[str, Any]:
        """The display's entry of the report to the server."""
        return {
            "module": module,
            "status": "ok" if self.ok else "error",
            "reason": self.reason,
            "last_error": self.last_error,
            "last_error_at": self.last_error_at.isoformat() if self.last_error_at else None,
        }


def module_text(module: dict[str, Any] | None) -> str | None:
    """The number a module's display shows: its current ticket's, None when it has none."""
    ticket = (module or {}).get("ticket")
    if not ticket or ticket.get("status") not in _ACTIVE:
        return None
    return str(ticket["number"])


class LedAgent:
    """Drives `displays` (module number -> display) from a live `Connection`."""

    def __init__(
        self,
        connection: Connection,
        displays: Mapping[int, ModuleDisplay],
        *,
        check_interval_s: float = 30.0,
        report_interval_s: float = 30.0,
        clock: Clock | None = None,
    ) -> None:
        """Nothing is sent until `start()`; displays are not touched before the first snapshot."""
        self.connection = connection
        self.displays = dict(displays)
        self.check_interval_s = check_interval_s
        self.report_interval_s = report_interval_s
        self._clock = clock or (lambda: datetime.now().astimezone())
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._wanted: dict[int, str | None] = {}
        self._shown: dict[int, object] = dict.fromkeys(self.displays, _UNKNOWN)
        self._blinks: set[int] = set()
        self._health = {n: DisplayHealth() for n in self.displays}
        self._last_order = dict.fromkeys(self.displays, float("-inf"))
        self._reported: list[dict[str, Any]] | None = None
        self._reported_at = float("-inf")
        self._outbox: list[dict[str, Any]] | None = None
        """The latest report not yet delivered (the reporter sends only the newest)."""
        self._outbox_ready = threading.Condition(self._lock)
        self._reporter: threading.Thread | None = None
        self._remove_listener: Callable[[], None] | None = None
        self._thread: threading.Thread | None = None

    # --- life ---------------------------------------------------------------------

    def start(self) -> LedAgent:
        """Follow the live state and start the worker."""
        self._remove_listener = self.connection.add_listener(self._on_change)
        self._follow_state()
        self._thread = threading.Thread(target=self._run, name="macturnos-led", daemon=True)
        self._reporter = threading.Thread(
            target=self._send_reports, name="macturnos-led-report", daemon=True
        )
        self._thread.start()
        self._reporter.start()
        return self

    def stop(self) -> None:
        """Stop the worker (the displays keep what they show)."""
        if self._remove_listener is not None:
            self._remove_listener()
        self._stop.set()
        self._wake.set()
        with self._outbox_ready:
            self._outbox_ready.notify_all()
        for thread in (self._thread, self._reporter):
            if thread is not None:
                thread.join(15)

    # --- what the displays should show ------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.kind not in ("snapshot", "event"):
            return
        event = change.event or {}
        if event.get("kind") == "ticket.recalled" and event.get("module") in self.displays:
            with self._lock:
                self._blinks.add(int(event["module"]))
        self._follow_state()

    def _follow_state(self) -> None:
        state = self.connection.state
        if state.seq is None:
            return  # no snapshot yet: what the displays show is still the best guess
        wanted = {n: module_text(state.module(n)) for n in self.displays}
        with self._lock:
            self._wanted = wanted
        self._wake.set()

    # --- the worker ------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            # Cleared before the state is read: a change that arrives meanwhile sets it
            # again and is applied at once, never after a whole check interval.
            self._wake.clear()
            self._apply()
            self._check()
            self._report()
            self._wake.wait(self._next_wait())

    def _next_wait(self) -> float:
        now = time.monotonic()
        due = [t + self.check_interval_s for t in self._last_order.values()]
        due.append(self._reported_at + self.report_interval_s)
        return max(0.0, min(min(due) - now, self.report_interval_s))

    def _apply(self) -> None:
        """Send each display what it should show, when that is not what it shows."""
        with self._lock:
            wanted = dict(self._wanted)
            blinks, self._blinks = self._blinks, set()
        for module, display in self.displays.items():
            if module not in wanted:
                continue
            text = wanted[module]
            if self._shown[module] != text:
                if self._order(module, partial(_show, display, text, module)):
                    self._shown[module] = text
                else:
                    self._shown[module] = _UNKNOWN
            if module in blinks and text is not None and self._shown[module] == text:
                self._order(module, display.blink)

    def _check(self) -> None:
        """Ping the displays that had no order for a while; a display back is sent its text again."""
        now = time.monotonic()
        for module, display in self.displays.items():
            if now - self._last_order[module] < self.check_interval_s:
                continue
            was_ok = self._health[module].ok
            if self._order(module, _ping(display)) and was_ok is False:
                # It may have been switched off and on (blank): send its text again.
                self._shown[module] = _UNKNOWN
                self._wake.set()

    def _order(self, module: int, order: Callable[[], None]) -> bool:
        """Carry out one order on a display and record how it went."""
        self._last_order[module] = time.monotonic()
        try:
            order()
        except LedDisplayError as exc:
            self._record(module, False, exc.reason)
            return False
        self._record(module, True, _(hw.LED_PRESENT))
        return True

    def _record(self, module: int, ok: bool, reason: str) -> None:
        with self._lock:
            health = self._health[module]
            if not ok:
                if health.ok is not False:
                    log.warning("LED display of module %s failed: %s", module, reason)
                health.last_error, health.last_error_at = reason, self._clock()
            elif health.ok is False:
                log.info("LED display of module %s answers again", module)
            health.ok, health.reason = ok, reason

    def _report(self) -> None:
        """Hand the reporter a report when something changed or the heartbeat is due."""
        with self._lock:
            if any(h.ok is None for h in self._health.values()):
                return  # every display tried once first: no "error" for one not yet asked
            report = [h.report(n) for n, h in sorted(self._health.items())]
            due = time.monotonic() - self._reported_at >= self.report_interval_s
            if report == self._reported and not due:
                return
            # Counted as sent now: a server that does not answer is retried at the
            # next heartbeat, not on every turn of the worker.
            self._reported, self._reported_at = report, time.monotonic()
            self._outbox = report
            self._outbox_ready.notify_all()

    def _send_reports(self) -> None:
        """Deliver reports on their own thread: a slow server never delays a display."""
        while True:
            with self._outbox_ready:
                self._outbox_ready.wait_for(lambda: self._outbox is not None or self._stop.is_set())
                if self._stop.is_set():
                    return
                report, self._outbox = self._outbox, None
            try:
                self.connection.api.report_leds(report or [])
            except (ClientError, RuntimeError) as err:
                log.info("LED health report not delivered: %r", err)
                with self._lock:
                    if self._reported == report:
                        self._reported = None  # send it again when the worker next looks


def _show(display: ModuleDisplay, text: str | None, module: int) -> None:
    if text is None:
        display.clear()
    else:
        display.show(text, module)


def _ping(display: ModuleDisplay) -> Callable[[], None]:
    def ping() -> None:
        if not display.present():
            raise LedDisplayError(_(hw.LED_ABSENT))

    return ping
