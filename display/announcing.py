"""The calls on screen and their announcements: highlight, last calls, bursts said together."""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from macturnos.display.audio import QUECHUA_VOICE, Announcement, Announcer, Utterance
from macturnos.display.calls import Call
from macturnos.display.settings import DisplaySettings
from macturnos.display.speech import quechua_announcement, spanish_announcement

log = logging.getLogger("macturnos.display")

MAX_PENDING = 200
"""Calls waiting for their announcement; far above a centre's peak, a bound against a flood.
Past it the oldest is dropped with a warning and counted in the health report."""
BATCH_MAX = 10
"""Calls announced together after one chime (a burst): its first sentence full, the rest short."""
MAX_AUDIO_WAIT_S = 30.0
"""A stuck sound device must not hold the screen: move on after this long."""


class CallBoard(QObject):
    """The highlighted call, the last calls and the announcement queue of a call screen.

    The base of `DisplayPresenter`: it shows calls, keeps each highlighted for at least
    `min_highlight_s` and until heard, and says waiting calls in batches after one chime.
    Which calls reach it (zone, day, reconnections) is the presenter's business.
    """

    currentChanged = Signal(object)  # noqa: N815 - Qt's naming; a Call or None
    freshChanged = Signal(list)  # noqa: N815 - list[Call]: the new calls still highlighted
    historyChanged = Signal(list)  # noqa: N815 - list[Call], newest first
    _audioDone = Signal(int)  # noqa: N815 - the announcement's token

    def __init__(
        self,
        *,
        announcer: Announcer | None,
        min_highlight_s: float,
        recent_s: float,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.announcer = announcer
        self.min_highlight_s = min_highlight_s
        self.recent_s = recent_s
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
        self._audioDone.connect(self._on_audio_done, Qt.ConnectionType.QueuedConnection)

    def server_now(self) -> datetime:
        """The server's time now (the presenter keeps the clock)."""
        raise NotImplementedError

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
