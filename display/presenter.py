"""The call screen's logic: which calls to show, in what order, for how long, and what to say.

No pixels here. The presenter listens to the centre's live state (a QtBridge),
keeps the calls of its zone in a queue, highlights each one for at least a
minimum time and until its announcement ended, keeps the last calls, and
reports its health. The view (`macturnos.display.view`) only draws its signals.
What it works with lives beside it: `settings.DisplaySettings` (this screen's part
of the centre file) and `calls.Call` (one call as shown); both are re-exported here.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from macturnos.client.errors import ClientError
from macturnos.client.qt import QtBridge
from macturnos.display.audio import (
    QUECHUA_VOICE,
    Announcement,
    Announcer,
    AudioStatus,
    Utterance,
)
from macturnos.display.calls import Call
from macturnos.display.settings import DisplaySettings, settings_from_config
from macturnos.display.speech import quechua_announcement, spanish_announcement

log = logging.getLogger("macturnos.display")

CALL_KINDS = frozenset({"ticket.called", "ticket.recalled"})
UNDO_KINDS = frozenset(
    {"ticket.returned", "ticket.cancelled", "ticket.transferred", "ticket.no_show"}
)
"""Events after which nobody should walk to the module any more: the call comes off the screen."""
MAX_PENDING = 200
"""Calls waiting for their announcement; far above a centre's peak, a bound against a flood.
Past it the oldest is dropped with a warning and counted in the health report."""
DEFAULT_MIN_HIGHLIGHT_S = 4.0
"""A new call stays highlighted at least this long, and until its announcement ended."""
BATCH_MAX = 10
"""Calls announced together after one chime (a burst): its first sentence full, the rest short."""
DEFAULT_RECENT_S = 60.0
"""Calls already older than this when they reach the screen (caught up after a reconnection)
are shown but not announced. The time a call waits in this screen's own queue never counts."""
MAX_AUDIO_WAIT_S = 30.0
"""A stuck sound device must not hold the screen: move on after this long."""
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


class DisplayPresenter(QObject):
    """The call screen's state: the highlighted call, the last calls, status and clock."""

    currentChanged = Signal(object)  # noqa: N815 - Qt's naming; a Call or None
    freshChanged = Signal(list)  # noqa: N815 - list[Call]: the new calls still highlighted
    historyChanged = Signal(list)  # noqa: N815 - list[Call], newest first
    settingsChanged = Signal(object)  # noqa: N815 - DisplaySettings
    connectionChanged = Signal(bool, str)  # noqa: N815
    audioChanged = Signal(object)  # noqa: N815 - AudioStatus
    serverTimeChanged = Signal(object)  # noqa: N815 - the server's datetime now
    messageChanged = Signal(str)  # noqa: N815 - a full-screen notice ("" when none)
    _audioDone = Signal(int)  # noqa: N815 - the announcement's token
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
        super().__init__(parent)
        self.bridge = bridge
        self.device_code = device_code
        self.announcer = announcer
        self.min_highlight_s = min_highlight_s
        self.recent_s = recent_s
        self.local_notices = notices
        self.report_health_enabled = report_health
        self.settings: DisplaySettings | None = None
        self.current: Call | None = None
        self.history: list[Call] = []
        self.pending: deque[Call] = deque()
        """Calls not shown yet: only while the settings or the server's clock are awaited."""
        self.to_announce: deque[Call] = deque()
        """Calls on screen whose announcement has not begun, oldest first (bounded)."""
        self.fresh: list[tuple[Call, float]] = []
        """New calls still highlighted, with the monotonic time each was shown."""
        self.announced_log: list[tuple[Call, float]] = []
        """Every call whose announcement ended, with the monotonic time (tests, bench, log)."""
        self.dropped_announcements = 0
        self.shown_log: list[tuple[Call, float]] = []
        """Every call highlighted, with the monotonic time it was (for tests and the log)."""
        self.connected = False
        self._buffer: list[dict[str, Any]] = []  # events that came before the settings
        self._seeded = False
        self._day: str | None = None
        self._seen: set[tuple[int, str | None]] = set()
        self._clock_base: tuple[datetime, float] | None = None  # (server time, monotonic)
        self._clock_syncing = False
        self._config_loading = False
        self._waiting_audio = False
        self._audio_token = 0  # which announcement the screen waits for (stale "done"s ignored)
        self._announcing: tuple[list[Call], Announcement] | None = None
        self.skipped_log: list[Call] = []
        """Calls never announced because they were undone first (the only reason to skip one)."""
        self._fresh_timer = QTimer(self)
        self._fresh_timer.setSingleShot(True)
        # Coarse timers may fire 5 % early; the minimum is a promise to the citizens.
        self._fresh_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._fresh_timer.timeout.connect(self._expire_fresh)
        self._audio_guard = QTimer(self)
        self._audio_guard.setSingleShot(True)
        self._audio_guard.timeout.connect(self._audio_timed_out)
        self._clock_guard = QTimer(self)
        self._clock_guard.setSingleShot(True)
        self._clock_guard.timeout.connect(self._clock_synced_or_not)
        self._health_timer = QTimer(self)
        self._health_timer.timeout.connect(self.report_health)
        self._audioDone.connect(self._on_audio_done, Qt.ConnectionType.QueuedConnection)
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

    def _undo(self, undone: Callable[[Call], bool]) -> None:
        """Take undone calls off the screen at once: current, waiting and listed alike.

        A call undone (returned, cancelled, transferred, no-show, its module closed) no
        longer sends anyone to the module; showing it would send a citizen to an empty desk.
        """
        waiting = [c for c in (*self.pending, *self.to_announce) if undone(c)]
        if waiting:
            self.pending = deque(c for c in self.pending if not undone(c))
            self.to_announce = deque(c for c in self.to_announce if not undone(c))
            self.skipped_log.extend(c for c in waiting if c.announce)
            log.info("undone before announced: %s", ", ".join(c.number for c in waiting))
        if self._announcing is not None and any(undone(c) for c in self._announcing[0]):
            batch, announcement = self._announcing
            # Not begun yet (queued behind an undone call's sentence): say the rest only.
            # Already playing: it ends on its own; nothing can be unsaid.
            if self.announcer is not None and self.announcer.discard(announcement):
                self.skipped_log.extend(c for c in batch if undone(c))
                self.to_announce.extendleft(reversed([c for c in batch if not undone(c)]))
                self._announcing = None
                self._audio_token += 1  # its "done" no longer concerns the screen
                self._audio_guard.stop()
                self._waiting_audio = False
        kept = [c for c in self.history if not undone(c)]
        if kept != self.history:
            self.history = kept
            self.historyChanged.emit(list(self.history))
        fresh = [(c, t) for c, t in self.fresh if not undone(c)]
        if len(fresh) != len(self.fresh):
            self.fresh = fresh
            self.freshChanged.emit([c for c, _ in fresh])
        if self.current is not None and undone(self.current):
            log.info("undone while shown: %s", self.current.number)
            self.current = None
            self.currentChanged.emit(None)
        self._announce_next()

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

    def _show(self, call: Call) -> None:
        assert self.settings is not None
        # Its age when it reached the screen, judged now: after a reconnection the server's
        # clock is read first. The wait in this screen's own queue does not count, so a
        # burst's last call is announced however long the calls before it took.
        waited = time.monotonic() - call.queued if call.queued is not None else 0.0
        age = (self.server_now() - call.at).total_seconds() - waited
        call = replace(call, announce=call.announce and age < self.recent_s)
        if self.current is not None:
            self.history = self._dedupe([self.current, *self.history])
        self.history = [c for c in self.history if c.ticket_id != call.ticket_id]
        self.history = self.history[: self.settings.last_calls]
        self.current = call
        now = time.monotonic()
        self.shown_log.append((call, now))
        self.fresh = [(c, t) for c, t in self.fresh if c.ticket_id != call.ticket_id]
        self.fresh.append((call, now))
        log.info(
            "showing %s to module %d%s",
            call.number,
            call.module,
            " (recall)" if call.recall else "",
        )
        self.currentChanged.emit(call)
        self.historyChanged.emit(list(self.history))
        self.freshChanged.emit([c for c, _ in self.fresh])
        if call.announce and self.announcer is not None:
            if len(self.to_announce) >= MAX_PENDING:
                dropped = self.to_announce.popleft()
                self.dropped_announcements += 1
                log.warning("announcement queue full: %s not announced", dropped.number)
            self.to_announce.append(call)
        self._schedule_expiry()

    def _announce_next(self) -> None:
        """Say the calls waiting, several after one chime, while nothing else is being said."""
        if self._waiting_audio or not self.to_announce or self.announcer is None:
            self._schedule_expiry()
            return
        batch = [self.to_announce.popleft() for _ in range(min(BATCH_MAX, len(self.to_announce)))]
        self._waiting_audio = True
        self._audio_token += 1
        token = self._audio_token
        announcement = self.announcement_of(batch)
        self._announcing = (batch, announcement)
        self._audio_guard.start(int(MAX_AUDIO_WAIT_S * 1000 * len(batch)))
        self.announcer.submit(announcement, done=lambda: self._audioDone.emit(token))

    def _awaiting_sound(self, call: Call) -> bool:
        batch = self._announcing[0] if self._announcing is not None else []
        return any(c is call for c in (*self.to_announce, *batch))

    def _schedule_expiry(self) -> None:
        """Un-highlight calls shown long enough and heard; wake up for the next one to expire."""
        now = time.monotonic()
        kept = [
            (c, t)
            for c, t in self.fresh
            if now - t < self.min_highlight_s or self._awaiting_sound(c)
        ]
        if len(kept) != len(self.fresh):
            self.fresh = kept
            self.freshChanged.emit([c for c, _ in kept])
        waits = [t + self.min_highlight_s - now for c, t in kept if not self._awaiting_sound(c)]
        if waits:
            self._fresh_timer.start(max(1, int(min(waits) * 1000) + 1))
        else:
            self._fresh_timer.stop()

    @Slot()
    def _expire_fresh(self) -> None:
        self._schedule_expiry()

    def _dedupe(self, calls: list[Call]) -> list[Call]:
        seen: set[int] = set()
        out = []
        for c in calls:
            if c.ticket_id not in seen:
                seen.add(c.ticket_id)
                out.append(c)
        limit = self.settings.last_calls if self.settings else 6
        return out[:limit]

    def announcement(self, call: Call) -> Announcement:
        """What is said for a call with this display's voice, volume and languages."""
        return self.announcement_of([call])

    def announcement_of(self, calls: list[Call]) -> Announcement:
        """One chime, then each call in Spanish, then (if configured) each in Quechua.

        In a burst only the first sentence says "Turno": the short form keeps ten calls
        under half a minute, and Spanish speakers (most citizens) hear theirs first.
        """
        assert self.settings is not None and calls
        spanish = [
            spanish_announcement(c.number, c.module, recall=c.recall, short=i > 0)
            for i, c in enumerate(calls)
        ]
        utterances = [Utterance(text, self.settings.voice) for text in spanish]
        if self.settings.announce_quechua:
            utterances.extend(
                Utterance(quechua_announcement(c.number, c.module, recall=c.recall), QUECHUA_VOICE)
                for c in calls
            )
        return Announcement(tuple(utterances), volume=self.settings.volume)

    @Slot(int)
    def _on_audio_done(self, token: int) -> None:
        if token != self._audio_token:
            return  # an undone call's announcement ended; the screen has moved on
        if self._announcing is not None:
            now = time.monotonic()
            self.announced_log.extend((c, now) for c in self._announcing[0])
        self._announcing = None
        self._audio_guard.stop()
        self._waiting_audio = False
        self._announce_next()

    @Slot()
    def _audio_timed_out(self) -> None:
        log.warning("announcement did not end in time; going on")
        self._announcing = None
        self._audio_token += 1
        self._waiting_audio = False
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
