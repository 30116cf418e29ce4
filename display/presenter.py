"""The call screen's logic: which calls to show, in what order, for how long, and what to say.

No pixels here. The presenter listens to the centre's live state (a QtBridge),
keeps the calls of its zone in a queue, highlights each one for at least a
minimum time and until its announcement ended, keeps the last calls, and
reports its health. The view (`macturnos.display.view`) only draws its signals.
What it works with lives beside it: `settings.DisplaySettings` (this screen's part
of the centre file) and `calls.Call` (one call as shown); both are re-exported here.
Showing, highlighting and announcing the calls that pass is its base, `announcing.CallBoard`.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from macturnos.client.errors import ClientError
from macturnos.client.qt import QtBridge
from macturnos.display.announcing import CallBoard
from macturnos.display.audio import (
    Announcer,
    AudioStatus,
)
from macturnos.display.calls import Call
from macturnos.display.settings import DisplaySettings, settings_from_config

log = logging.getLogger("macturnos.display")

CALL_KINDS = frozenset({"ticket.called", "ticket.recalled"})
UNDO_KINDS = frozenset(
    {"ticket.returned", "ticket.cancelled", "ticket.transferred", "ticket.no_show"}
)
"""Events after which nobody should walk to the module any more: the call comes off the screen."""
DEFAULT_MIN_HIGHLIGHT_S = 4.0
"""A new call stays highlighted at least this long, and until its announcement ended."""
DEFAULT_RECENT_S = 60.0
"""Calls already older than this when they reach the screen (caught up after a reconnection)
are shown but not announced. The time a call waits in this screen's own queue never counts."""
HEALTH_INTERVAL_S = 300.0
CONFIG_RETRY_S = 5.0
CLOCK_SYNC_WAIT_S = 3.0

__all__ = [
    "DEFAULT_MIN_HIGHLIGHT_S",
    "Call",
    "DisplayPresenter",
    "DisplaySettings",
    "settings_from_config",
]


class DisplayPresenter(CallBoard):
    """The call screen's state: the highlighted call, the last calls, status and clock."""

    settingsChanged = Signal(object)  # noqa: N815 - DisplaySettings
    connectionChanged = Signal(bool, str)  # noqa: N815
    audioChanged = Signal(object)  # noqa: N815 - AudioStatus
    serverTimeChanged = Signal(object)  # noqa: N815 - the server's datetime now
    messageChanged = Signal(str)  # noqa: N815 - a full-screen notice ("" when none)
    _audioStatus = Signal(object)  # noqa: N815

    def __init__(
        self,
        bridge: QtBridge,
        device_code: str | None,
        *,
        announcer: Announcer | None = None,
        min_highlight_s: float = DEFAULT_MIN_HIGHLIGHT_S,
        recent_s: float = DEFAULT_RECENT_S,
        notices: tuple[str, ...] = (),
        report_health: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            announcer=announcer,
            min_highlight_s=min_highlight_s,
            recent_s=recent_s,
            parent=parent,
        )
        self.bridge = bridge
        self.device_code = device_code
        self.local_notices = notices
        self.report_health_enabled = report_health
        self.connected = False
        self._buffer: list[dict[str, Any]] = []  # events that came before the settings
        self._seeded = False
        self._day: str | None = None
        self._seen: set[tuple[int, str | None]] = set()
        self._clock_base: tuple[datetime, float] | None = None  # (server time, monotonic)
        self._clock_syncing = False
        self._config_loading = False
        self._clock_guard = QTimer(self)
        self._clock_guard.setSingleShot(True)
        self._clock_guard.timeout.connect(self._clock_synced_or_not)
        self._health_timer = QTimer(self)
        self._health_timer.timeout.connect(self.report_health)
        self._audioStatus.connect(self._on_audio_status, Qt.ConnectionType.QueuedConnection)
        bridge.snapshotReady.connect(self._on_snapshot)
        bridge.eventReceived.connect(self._on_event)
        bridge.connectionChanged.connect(self._on_connection)
        bridge.sessionRefused.connect(self._on_refused)
        if announcer is not None:
            announcer.on_status = self._audioStatus.emit  # queued onto the GUI thread

    # --- clock -----------------------------------------------------------------------

    def server_now(self) -> datetime:
        """The server's time now: the last snapshot's clock running on, or a later event's."""
        if self._clock_base is not None:
            at, mono = self._clock_base
            # Monotonic: a jump of this machine's wall clock does not move the server's.
            estimate = at + timedelta(seconds=time.monotonic() - mono)
        else:
            estimate = datetime.now().astimezone()
        latest = self.bridge.state.now
        return max(estimate, latest) if latest is not None else estimate

    def _set_server_time(self, now: datetime) -> None:
        self._clock_base = (now, time.monotonic())
        self.serverTimeChanged.emit(self.server_now())

    def _sync_clock(self) -> None:
        """After a reconnection, read the server's time before judging missed calls' age."""
        self._clock_syncing = True
        self._clock_guard.start(int(CLOCK_SYNC_WAIT_S * 1000))
        self.bridge.run(
            self.bridge.connection.api.snapshot,
            ok=lambda snap: self._clock_synced_or_not(snap.get("now")),
            failed=lambda err: self._clock_synced_or_not(),
        )

    @Slot()
    def _clock_synced_or_not(self, now: str | None = None) -> None:
        if now:
            self._set_server_time(datetime.fromisoformat(now))
        if self._clock_syncing:
            self._clock_syncing = False
            self._clock_guard.stop()
            self._advance()

    @property
    def timezone(self) -> ZoneInfo:
        """The centre's time zone (Lima until the configuration says otherwise)."""
        return ZoneInfo(self.settings.timezone if self.settings else "America/Lima")

    # --- link and configuration --------------------------------------------------------

    def start(self) -> None:
        """Begin: take the state as it is already (if the stream got there first)."""
        self._health_timer.start(int(HEALTH_INTERVAL_S * 1000))
        if self.bridge.connection.connected:
            self._on_connection(True, "")
        if self.bridge.state.seq is not None:
            self._on_snapshot()

    def stop(self) -> None:
        """Stop timers and the announcer (the connection belongs to the caller)."""
        for timer in (self._fresh_timer, self._audio_guard, self._health_timer, self._clock_guard):
            timer.stop()
        if self.announcer is not None:
            self.announcer.stop()

    @Slot(bool, str)
    def _on_connection(self, connected: bool, reason: str) -> None:
        was = self.connected
        self.connected = connected
        self.connectionChanged.emit(connected, reason)
        if connected and not was and self._seeded:
            self._sync_clock()
        if connected and not was and self.settings is not None:
            self.report_health()

    @Slot(object)
    def _on_refused(self, refusal: Any) -> None:
        message = getattr(refusal, "message", "")
        self.messageChanged.emit(
            self.tr("El servidor rechazó esta pantalla: {0}. Vincúlela de nuevo.").format(message)
        )

    def load_config(self) -> None:
        """Fetch the centre's configuration (off the GUI thread) and apply this display's part."""
        if self._config_loading:
            return
        self._config_loading = True
        self.bridge.run(
            self.bridge.connection.api.config, ok=self._on_config, failed=self._config_failed
        )

    @Slot(object)
    def _on_config(self, config: dict[str, Any]) -> None:
        self._config_loading = False
        self.apply_settings(settings_from_config(config, self.device_code, self.local_notices))

    @Slot(object)
    def _config_failed(self, error: ClientError) -> None:
        self._config_loading = False
        log.info("configuration not read (%r); retrying", error)
        QTimer.singleShot(int(CONFIG_RETRY_S * 1000), self._retry_config)

    def _retry_config(self) -> None:
        if self.settings is None or self.bridge.state.stale:
            self.load_config()

    def apply_settings(self, settings: DisplaySettings) -> None:
        """Use new settings: filter the calls again and show what is now known."""
        first = self.settings is None
        self.settings = settings
        if not settings.known:
            log.warning("display %s is not in the centre file: showing every zone", settings.code)
        self.settingsChanged.emit(settings)
        if self.bridge.state.seq is not None and not self._seeded:
            self._seed()
        elif not first:
            self.history = [c for c in self.history if settings.shows(c.module)]
            self.history = self.history[: settings.last_calls]
            self.historyChanged.emit(list(self.history))
        buffered, self._buffer = self._buffer, []
        for event in buffered:
            self._on_event(event)
        if self.connected:
            self.report_health()

    # --- state ------------------------------------------------------------------------

    @Slot()
    def _on_snapshot(self) -> None:
        state = self.bridge.state
        if state.now is not None:
            self._set_server_time(state.now)
        if self.settings is None or not self._seeded:
            if self.settings is None:
                self.load_config()
            else:
                self._seed()
            return
        self.load_config()  # a fresh snapshot follows reloads and new days
        if state.day != self._day:
            self._new_day(state.day)
            self._seed()
            return
        # A resynchronisation: calls the screen has not seen were missed meanwhile.
        missed = [
            Call.from_ticket(t)
            for t in reversed(self._recent_tickets())
            if t.get("module") is not None and (int(t["id"]), t.get("called_at")) not in self._seen
        ]
        for call in missed:
            self._enqueue(call)

    def _recent_tickets(self) -> list[dict[str, Any]]:
        assert self.settings is not None
        modules = sorted(self.settings.modules) if self.settings.modules is not None else None
        return self.bridge.state.recent_calls(modules=modules, limit=100)

    def _seed(self) -> None:
        """Fill the screen from the state's recent calls (shown, not announced)."""
        assert self.settings is not None
        self._seeded = True
        self._day = self.bridge.state.day
        self.messageChanged.emit("")  # live now: no "connecting" or pairing notice
        recent = [t for t in self._recent_tickets() if t.get("module") is not None]
        for t in recent:
            self._seen.add((int(t["id"]), t.get("called_at")))
        calls = [replace(Call.from_ticket(t), announce=False) for t in recent]
        self.current = calls[0] if calls else None
        self.history = self._dedupe(calls[1:])
        self.currentChanged.emit(self.current)
        self.historyChanged.emit(list(self.history))

    def _new_day(self, day: str | None) -> None:
        self._day = day
        self.pending.clear()
        self.to_announce.clear()
        self.fresh = []
        self.freshChanged.emit([])
        self._seen.clear()
        self.current = None
        self.history = []
        self.currentChanged.emit(None)
        self.historyChanged.emit([])

    @Slot(dict)
    def _on_event(self, event: dict[str, Any]) -> None:
        kind = event.get("kind")
        if kind == "config.reloaded":
            self.load_config()
            return
        if self.settings is None or not self._seeded:
            if kind in CALL_KINDS or kind in UNDO_KINDS or kind == "module.closed":
                self._buffer.append(event)
            return
        day = event.get("day")
        if day and self._day and day > self._day:
            self._new_day(day)
        if kind == "module.closed" and event.get("module") is not None:
            # Nobody works there now: no call may send a citizen to it.
            closed = int(event["module"])
            self._undo(lambda c: c.module == closed)
            return
        data = event.get("data") or {}
        ticket = data.get("ticket")
        if not isinstance(ticket, dict):
            return
        if kind in UNDO_KINDS:
            ticket_id = int(ticket["id"])
            self._undo(lambda c: c.ticket_id == ticket_id)
            return
        if kind not in CALL_KINDS:
            return
        module = event.get("module") or ticket.get("module")
        if not self.settings.shows(module):
            return
        at = datetime.fromisoformat(event["at"]) if event.get("at") else None
        call = Call.from_ticket(
            ticket,
            at=at,
            recall=kind == "ticket.recalled",
            seq=event.get("seq"),
            module=module,
        )
        if not call.recall and (call.ticket_id, call.called_at) in self._seen:
            return  # already on screen from the state it was seeded with
        self._enqueue(call)

    def _enqueue(self, call: Call) -> None:
        self._seen.add((call.ticket_id, call.called_at))
        self.pending.append(replace(call, queued=time.monotonic()))
        self._advance()

    @property
    def seeded(self) -> bool:
        """Whether the screen shows the live state (snapshot and settings both arrived)."""
        return self._seeded

    @property
    def busy(self) -> bool:
        """Whether a call is still highlighted, waiting for or in its announcement."""
        return bool(
            self.fresh
            or self.pending
            or self.to_announce
            or self._waiting_audio
            or self._clock_syncing
        )

    @Slot()
    def _advance(self) -> None:
        """Show every waiting call at once; their announcements follow one batch at a time."""
        if self._clock_syncing or self.settings is None:
            return
        while self.pending:
            self._show(self.pending.popleft())
        self._announce_next()

    # --- health -------------------------------------------------------------------------

    @Slot(object)
    def _on_audio_status(self, status: AudioStatus) -> None:
        self.audioChanged.emit(status)
        self.report_health()

    @property
    def audio_status(self) -> AudioStatus:
        """The sound's state (missing when the display was started without sound)."""
        if self.announcer is None:
            return AudioStatus(False, self.tr("Pantalla iniciada sin sonido."))
        return self.announcer.audio_status

    def health_report(self) -> tuple[str, dict[str, str | int | float | bool | None]]:
        """The status and details sent to POST /devices/me/health."""
        audio = self.audio_status
        detail: dict[str, str | int | float | bool | None] = {
            "connected": self.connected,
            "audio": "ok" if audio.ok else "missing",
            "audio_detail": audio.detail,
            "zone": self.settings.zone if self.settings else None,
            "pending_calls": len(self.pending) + len(self.to_announce),
            "dropped_announcements": self.dropped_announcements,
        }
        if self.settings is not None and not self.settings.known:
            detail["config"] = "display_not_in_centre_file"
        status = "ok" if audio.ok and (self.settings is None or self.settings.known) else "warning"
        return status, detail

    @Slot()
    def report_health(self) -> None:
        """Tell the server how this display is (only possible while connected)."""
        if not self.report_health_enabled or not self.connected:
            return
        status, detail = self.health_report()
        self.bridge.run(
            self.bridge.connection.api.report_health,
            status,
            detail,
            failed=lambda err: log.info("health report not delivered: %r", err),
        )
