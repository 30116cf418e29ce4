"""The call screen's layout for a TV (1920x1080 or 1280x720), the current call read from 15 m.

Only layout and style: the presenter decides what is shown. Sizes follow the
window's height, so the same screen works on any TV: the current call's number and
module are at least as tall as `legibility.CALL_SCREEN` asks (capitals of 8.7 cm on a
55" TV, readable from 15 m), the last calls' capitals a fourteenth of the screen
(docs/display.md, "Text sizes").
"""

from __future__ import annotations

import math
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from macturnos.client.ui import theme
from macturnos.client.ui.widgets import ClockLabel, ConnectionBanner, spanish_date
from macturnos.display.audio import AudioStatus
from macturnos.display.calls import Call
from macturnos.display.fonts import fitted_font, font_px_for_capitals, legible_px, screen_font
from macturnos.display.legibility import HISTORY_SHARE
from macturnos.display.presenter import DisplayPresenter
from macturnos.display.settings import DisplaySettings

BACKGROUND = theme.NAVY
BAR = "#06142A"
ROW = "#16345E"
SOFT = "#C7D2E3"  # secondary text on navy: contrast above 9:1
MAX_ROWS = 20
NOTICE_ROTATE_MS = 12_000
FLASHES = 6
FLASH_MS = 350
NUMBER_SHARE = 0.24
"""The current number's font size as a share of the screen's height (never below legible)."""
ROW_LINE = 1.1
"""A last call's row height per pixel of its font: capitals and digits have no descenders."""


class PaintedLabel(QLabel):
    """A label that says when it was painted (the latency benchmark's probe)."""

    painted = Signal(str)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Paint, then report the text now on screen."""
        super().paintEvent(event)
        self.painted.emit(self.text())


class CallClock(ClockLabel):
    """The time large and the date under it, on the server's clock."""

    def refresh(self) -> None:
        """Show the current time and date."""
        now = datetime.now(self.tz) + self.offset
        size = self.font().pixelSize()
        self.setText(
            f"<div style='font-size:{size}px; font-weight:bold'>{now:%H:%M}</div>"
            f"<div style='font-size:{max(8, int(size * 0.45))}px'>{spanish_date(now)}</div>"
        )


class HistoryRow(QFrame):
    """One of the last calls: colour stripe, ticket number, module."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("row")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 16, 0)
        self.stripe = QFrame(self)
        self.number = QLabel(self)
        self.module = QLabel(self)
        self.module.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.stripe)
        layout.addSpacing(16)
        layout.addWidget(self.number, 3)
        layout.addWidget(self.module, 2)
        self.call: Call | None = None
        self.fresh = False

    def show_call(self, call: Call, height: int, *, fresh: bool = False, font_px: int = 0) -> None:
        """Fill the row for a call at a row height of `height` pixels, in `font_px` letters.

        A `fresh` call (new, of a burst, still being announced) is drawn in its entity's
        colour like the current one, so every citizen called together sees theirs at once.
        """
        self.call = call
        self.fresh = fresh
        if fresh:
            ink = theme.readable_on(call.colour)
            self.setStyleSheet(
                f"QFrame#row {{ background: {call.colour}; border: 3px solid {ink}; }}"
                f" QFrame#row QLabel {{ color: {ink}; background: transparent; }}"
            )
        else:
            self.setStyleSheet("")
        self.stripe.setFixedWidth(max(6, height // 7))
        self.stripe.setStyleSheet(f"background: {call.colour}; border-radius: 4px;")
        self.number.setText(call.shown)
        self.module.setText(str(call.module))
        if font_px:
            # Long numbers ("PAS-1234") shrink to their column rather than being cut.
            self.number.setFont(fitted_font(call.shown, font_px, self.number.width()))
            self.module.setFont(fitted_font(str(call.module), font_px, self.module.width()))
        self.setAccessibleName(self.tr("Turno {0}, módulo {1}").format(call.number, call.module))
        self.show()


class CallScreen(QWidget):
    """The TV's screen: the current call large, the last calls, clock, notices, link state."""

    def __init__(self, presenter: DisplayPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.setObjectName("screen")
        self.setWindowTitle(self.tr("MAC Turnos - Pantalla de llamados"))
        self.setStyleSheet(
            f"QWidget#screen {{ background: {BACKGROUND}; }}"
            f" QLabel {{ color: {theme.PAPER}; }}"
            f" QFrame#bar, QLabel#notice {{ background: {BAR}; }}"
            f" QFrame#history {{ background: transparent; }}"
            f" QFrame#row {{ background: {ROW}; border-radius: 10px; }}"
        )
        self.setAutoFillBackground(True)
        self._settings: DisplaySettings | None = None
        self._current: Call | None = None
        self._history: list[Call] = []
        self._fresh: set[int] = set()  # ticket ids of the new calls still highlighted
        self._message = ""
        self._notice_index = 0
        self._flash_left = 0

        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self._build_bar())
        body = QHBoxLayout()
        self.body = body
        root.addLayout(body, 1)
        # Two thirds for the current call: "Módulo 12" fits at the size read from 15 m.
        body.addWidget(self._build_current(), 2)
        body.addWidget(self._build_history(), 1)
        root.addWidget(self._build_notice())

        self._notice_timer = QTimer(self)
        self._notice_timer.timeout.connect(self._next_notice)
        self._flash_timer = QTimer(self)
        self._flash_timer.timeout.connect(self._flash)

        self._follow(presenter)
        self._layout_sizes()
        self._paint_current()

    def _build_bar(self) -> QFrame:
        """The top bar: where this screen is, link and sound state, clock."""
        self.bar = QFrame(self)
        self.bar.setObjectName("bar")
        bar = QHBoxLayout(self.bar)
        self.title = QLabel(self.tr("Centro MAC"), self.bar)
        self.connection = ConnectionBanner(self.bar)
        self.audio_mark = QLabel(self.tr("Sin sonido"), self.bar)
        self.audio_mark.setStyleSheet(
            f"color: {SOFT}; border: 2px solid {SOFT}; border-radius: 8px; padding: 2px 10px;"
        )
        self.audio_mark.hide()
        self.clock = CallClock(ZoneInfo("America/Lima"), self.bar)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clock.setTextFormat(Qt.TextFormat.RichText)
        # A discreet pill, not a full-width bar: the calls stay the screen's message.
        self.connection.setStyleSheet(
            f"background: {theme.WARNING}; color: {theme.PAPER}; font-weight: bold;"
            " border-radius: 8px; padding: 4px 14px;"
        )
        # Long centre names must not widen the window past the TV: they are cut instead.
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addWidget(self.title, 1)
        bar.addSpacing(16)
        bar.addWidget(self.connection, 0, Qt.AlignmentFlag.AlignVCenter)
        bar.addSpacing(12)
        bar.addWidget(self.audio_mark, 0, Qt.AlignmentFlag.AlignVCenter)
        bar.addSpacing(24)
        bar.addWidget(self.clock)
        return self.bar

    def _build_current(self) -> QFrame:
        """The current call, in its entity's colour."""
        self.current = QFrame(self)
        self.current.setObjectName("current")
        cur = QVBoxLayout(self.current)
        cur.setSpacing(0)
        cur.addStretch(1)
        self.caption = QLabel(self.current)
        self.number = PaintedLabel(self.current)
        self.module = QLabel(self.current)
        self.location = QLabel(self.current)  # where the module is: "Planta 1 - Ala A"
        self.entity = QLabel(self.current)
        self.entity.setWordWrap(True)
        for label in (self.caption, self.number, self.module, self.location, self.entity):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            cur.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.caption.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        cur.addStretch(1)
        return self.current

    def _build_history(self) -> QFrame:
        """The last calls, under their column heads."""
        self.history = QFrame(self)
        self.history.setObjectName("history")
        hist = QVBoxLayout(self.history)
        hist.setContentsMargins(0, 0, 0, 0)
        self.history_title = QLabel(self.tr("Últimos llamados"), self.history)
        hist.addWidget(self.history_title)
        heads = QHBoxLayout()
        self.head_number = QLabel(self.tr("Turno"), self.history)
        self.head_module = QLabel(self.tr("Módulo"), self.history)
        self.head_module.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for head in (self.head_number, self.head_module):
            head.setStyleSheet(f"color: {SOFT};")
        heads.addWidget(self.head_number, 3)
        heads.addWidget(self.head_module, 2)
        self.heads = heads
        hist.addLayout(heads)
        self.rows = [HistoryRow(self.history) for _ in range(MAX_ROWS)]
        for row in self.rows:
            row.hide()
            hist.addWidget(row)
        self.empty = QLabel(self.tr("Aún no hay llamados"), self.history)
        self.empty.setStyleSheet(f"color: {SOFT};")
        hist.addWidget(self.empty)
        hist.addStretch(1)
        return self.history

    def _build_notice(self) -> QLabel:
        """The centre's notices, one at a time along the bottom."""
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setWordWrap(True)
        self.notice.hide()
        return self.notice

    def _follow(self, presenter: DisplayPresenter) -> None:
        """Repaint whenever the presenter says something changed."""
        presenter.currentChanged.connect(self.show_current)
        presenter.historyChanged.connect(self.show_history)
        presenter.freshChanged.connect(self.show_fresh)
        presenter.settingsChanged.connect(self.apply_settings)
        presenter.connectionChanged.connect(self.set_connected)
        presenter.audioChanged.connect(self.set_audio)
        presenter.serverTimeChanged.connect(self.follow_server)
        presenter.messageChanged.connect(self.show_message)
        self.set_audio(presenter.audio_status)

    # --- from the presenter ---------------------------------------------------------------

    @Slot(object)
    def apply_settings(self, settings: DisplaySettings) -> None:
        """Title, time zone and notices of this display."""
        self._settings = settings
        title = settings.centre_name or self.tr("Centro MAC")
        if settings.zone_name:
            title = f"{title} · {settings.zone_name}"
        self.title.setText(title)
        self.clock.tz = ZoneInfo(settings.timezone)
        self.clock.refresh()
        self._notice_index = 0
        if settings.notices:
            self.notice.setText(settings.notices[0])
            self.notice.show()
            if len(settings.notices) > 1:
                self._notice_timer.start(NOTICE_ROTATE_MS)
        else:
            self.notice.hide()
            self._notice_timer.stop()
        self.show_history(self._history)

    @Slot(object)
    def show_current(self, call: Call | None) -> None:
        """Show a new current call and flash it."""
        self._current = call
        if call is not None and self._message:
            self._message = ""
        self._paint_current()
        if call is not None and call.announce:
            self._flash_left = FLASHES
            self._flash_timer.start(FLASH_MS)

    @Slot(list)
    def show_history(self, calls: list[Call]) -> None:
        """Fill the rows with the last calls (newest on top)."""
        self._history = list(calls)
        limit = self._settings.last_calls if self._settings else 6
        height = self._row_height(limit)
        font_px = self._row_font_px(height)
        self.empty.setVisible(not calls)
        self.head_number.setVisible(bool(calls))
        self.head_module.setVisible(bool(calls))
        for i, row in enumerate(self.rows):
            if i < min(limit, len(calls)):
                row.setFixedHeight(height)
                row.show_call(
                    calls[i], height, fresh=calls[i].ticket_id in self._fresh, font_px=font_px
                )
            else:
                row.hide()

    @Slot(list)
    def show_fresh(self, calls: list[Call]) -> None:
        """Highlight the listed calls that are new (a burst shows all of them at once)."""
        fresh = {c.ticket_id for c in calls}
        if fresh != self._fresh:
            self._fresh = fresh
            self.show_history(self._history)

    @Slot(bool, str)
    def set_connected(self, connected: bool, reason: str) -> None:
        """A discreet mark while the link is down; the calls stay on screen."""
        self.connection.set_connected(connected)

    @Slot(object)
    def set_audio(self, status: AudioStatus) -> None:
        """Mark a screen that cannot be heard, for staff walking by."""
        self.audio_mark.setVisible(not status.ok)
        self.audio_mark.setToolTip(status.detail)

    @Slot(object)
    def follow_server(self, server_now: datetime) -> None:
        """Run the clock on the server's time (the demo's clock is shifted)."""
        self.clock.follow_server(server_now)
        # follow_server compares with this machine's clock now; keep the offset exact.
        self.clock.offset = server_now - datetime.now(self.clock.tz)
        self.clock.refresh()

    @Slot(str)
    def show_message(self, text: str) -> None:
        """A full message in place of the current call (searching, pairing); "" clears it."""
        self._message = text
        self._paint_current()

    # --- drawing ---------------------------------------------------------------------------

    def _paint_current(self) -> None:
        call = self._current
        h = max(1, self.height())
        width = int(self.current.width() * 0.92)
        if self._message or call is None:
            self._style_current(BAR if self._message else ROW, theme.PAPER)
            self.caption.setText(self.tr("Bienvenido") if not self._message else "")
            self.caption.setStyleSheet("")
            self.number.setText("")
            self.number.hide()
            self.module.setText(self._message or self.tr("Espere su llamado en esta pantalla"))
            self.module.setWordWrap(True)
            self.module.setFont(screen_font(int(h * 0.055), bold=True))
            self.location.setText("")
            self.location.hide()
            self.entity.setText("")
            return
        ink = theme.readable_on(call.colour)
        self._style_current(call.colour, ink)
        self.caption.setText(self.tr("Nuevo llamado") if call.recall else self.tr("Turno"))
        # A recall stands out: the caption inverted, as a badge.
        pad = max(4, h // 100)
        self.caption.setStyleSheet(
            f"background: {ink}; color: {call.colour}; border-radius: {pad}px;"
            f" padding: {pad // 2}px {pad * 2}px;"
            if call.recall
            else ""
        )
        self.number.show()
        self.number.setText(call.shown)
        readable = legible_px(h)
        self.number.setFont(fitted_font(call.shown, max(readable, int(h * NUMBER_SHARE)), width))
        self.module.setWordWrap(False)
        module_text = self.tr("Módulo {0}").format(call.module)
        self.module.setText(module_text)
        # The module is what the citizen must read from the back of the room, as the number.
        self.module.setFont(fitted_font(module_text, readable, width))
        self.location.setVisible(bool(call.location))
        self.location.setText(call.location or "")
        self.location.setFont(fitted_font(call.location or "", int(h * 0.08), width))
        self.entity.setText(call.entity_name)
        self.entity.setToolTip(call.service_name)
        spoken = self.tr("Turno {0}, módulo {1}").format(call.number, call.module)
        self.current.setAccessibleName(f"{spoken}, {call.location}" if call.location else spoken)
        layout = self.current.layout()
        if layout is not None:
            # Place the labels for their new texts now: a recall's wider badge ("Nuevo
            # llamado") must not be painted in the narrower box of the caption before it.
            layout.activate()

    def _style_current(self, background: str, ink: str, border: str = "transparent") -> None:
        h = max(1, self.height())
        self.current.setStyleSheet(
            f"QFrame#current {{ background: {background}; border-radius: {h // 40}px;"
            f" border: {max(4, h // 90)}px solid {border}; }}"
            f" QFrame#current QLabel {{ color: {ink}; background: transparent; border: none; }}"
        )

    @Slot()
    def _flash(self) -> None:
        call = self._current
        if call is None or self._flash_left <= 0 or self._message:
            self._flash_timer.stop()
            return
        self._flash_left -= 1
        on = self._flash_left % 2 == 1
        ink = theme.readable_on(call.colour)
        self._style_current(call.colour, ink, ink if on else "transparent")

    @Slot()
    def _next_notice(self) -> None:
        if self._settings is None or not self._settings.notices:
            return
        self._notice_index = (self._notice_index + 1) % len(self._settings.notices)
        self.notice.setText(self._settings.notices[self._notice_index])

    def _row_height(self, rows: int) -> int:
        """Rows tall enough for capitals of a fourteenth of the screen, or all that fits."""
        wanted = math.ceil(self._history_font_px() * ROW_LINE)
        hist = self.history.layout()
        spacing = hist.spacing() if hist is not None else 0
        heads = max(self.history_title.sizeHint().height(), self.history_title.height())
        heads += max(self.head_number.sizeHint().height(), self.head_number.height())
        available = self.history.height() - heads - spacing * (rows + 2)
        return max(24, min(wanted, int(available / max(1, rows))))

    def _history_font_px(self) -> int:
        return font_px_for_capitals(max(1, self.height()) * HISTORY_SHARE)

    def _row_font_px(self, row_height: int) -> int:
        """The rows' font: capitals of a fourteenth of the screen, smaller only if rows must be."""
        return min(self._history_font_px(), max(8, int(row_height / ROW_LINE)))

    def _layout_sizes(self) -> None:
        h = max(1, self.height())
        pad = int(h * 0.025)
        bar_layout = self.bar.layout()
        if bar_layout is not None:
            bar_layout.setContentsMargins(pad, pad // 2, pad, pad // 2)
        self.title.setFont(screen_font(int(h * 0.04), bold=True))
        self.connection.setFont(screen_font(int(h * 0.022), bold=True))
        self.audio_mark.setFont(screen_font(int(h * 0.022)))
        self.clock.setFont(screen_font(int(h * 0.05), bold=True))
        self.clock.refresh()
        self.body.setContentsMargins(pad, pad, pad, pad)
        self.body.setSpacing(pad)
        self.caption.setFont(screen_font(int(h * 0.06), bold=True))
        self.entity.setFont(screen_font(int(h * 0.045)))
        self.history_title.setFont(screen_font(int(h * 0.045), bold=True))
        self.empty.setFont(screen_font(int(h * 0.035)))
        for head in (self.head_number, self.head_module):
            head.setFont(screen_font(int(h * 0.03), bold=True))
        self.heads.setContentsMargins(int(h * 0.03), 0, 16, 0)
        hist = self.history.layout()
        if hist is not None:
            hist.setSpacing(max(4, int(h * 0.007)))
        row_font = screen_font(self._history_font_px(), bold=True)
        for row in self.rows:
            row.number.setFont(row_font)
            row.module.setFont(row_font)
        self.notice.setFont(screen_font(int(h * 0.035)))
        self.notice.setContentsMargins(pad, pad // 3, pad, pad // 3)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Scale every text with the screen."""
        super().resizeEvent(event)
        self._layout_sizes()
        # The layout settles the panels' sizes after this event: fit texts then.
        QTimer.singleShot(0, self._refit)

    def _refit(self) -> None:
        self._paint_current()
        self.show_history(self._history)
