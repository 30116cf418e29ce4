"""The centre's day for supervisors: what the server says about it, and the supervisor's acts.

`DayPresenter` keeps the day's status (GET /day/status, refreshed on `day.*`
events), the checklist with the probes' findings, the closing list and a day's
summary, and sends the supervisor's decisions. `day_line` words the state for the
day tab and the monitor.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from macturnos.client.ui import theme
from macturnos.counter.session import MANAGER_ROLES, CounterSession

STATE_COLOURS = {
    "open": theme.OK,
    "open_with_incidents": theme.WARNING,
    "blocked": theme.DANGER,
    "not_verified": theme.WARNING,
    "sealed": theme.NAVY,
    "closed_today": theme.MUTED,
}


def when(value: str | None) -> datetime | None:
    """An ISO 8601 timestamp from the server, or None."""
    return datetime.fromisoformat(value) if value else None


def day_line(status: dict[str, Any] | None) -> tuple[str, str]:
    """The day's state in one line and its colour: "Centro abierto", "Bloqueado: ..."."""
    if not status:
        return QCoreApplication.translate("Counter", "Estado del día: consultando…"), theme.MUTED
    state = str(status.get("state"))
    colour = STATE_COLOURS.get(state, theme.MUTED)
    if state == "open":
        return QCoreApplication.translate("Counter", "Centro abierto"), colour
    if state == "open_with_incidents":
        n = len(status.get("incidents") or [])
        return QCoreApplication.translate("Counter", "Abierto con incidencias ({n})").format(
            n=n
        ), colour
    if state == "blocked":
        reasons = "; ".join(status.get("blocking_reasons") or [])
        return QCoreApplication.translate("Counter", "Bloqueado: {motivos}").format(
            motivos=reasons
        ), colour
    if state == "not_verified":
        return QCoreApplication.translate(
            "Counter", "Sin verificar: falta registrar la apertura"
        ), colour
    if state == "sealed":
        return QCoreApplication.translate("Counter", "Día sellado"), colour
    if state == "closed_today":
        return QCoreApplication.translate("Counter", "Hoy el centro no atiende"), colour
    return str(status.get("state_name") or state), colour


class DayPresenter(QObject):
    """The day's status, checklist, closing list and summary, and the supervisor's acts."""

    statusChanged = Signal()  # noqa: N815 - Qt's naming
    checklistChanged = Signal()  # noqa: N815
    runFinished = Signal(dict)  # noqa: N815
    runFailed = Signal(str)  # noqa: N815 - the server's Spanish reason
    closingChanged = Signal()  # noqa: N815
    summaryChanged = Signal()  # noqa: N815
    message = Signal(str, bool)

    def __init__(self, session: CounterSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.status: dict[str, Any] | None = None
        self.checklist: dict[str, Any] | None = None
        self.last_run: dict[str, Any] | None = None
        self.closing: dict[str, Any] | None = None
        self.summary: dict[str, Any] | None = None
        self.loading_checklist = False
        # Ticket events come in bursts near closing: reload the list once per burst.
        self._closing_timer = QTimer(self)
        self._closing_timer.setSingleShot(True)
        self._closing_timer.setInterval(300)
        self._closing_timer.timeout.connect(self.load_closing)
        session.loggedIn.connect(self._start)
        session.snapshotReady.connect(self._on_snapshot)
        session.loggedOut.connect(self._reset)
        session.eventReceived.connect(self._on_event)

    @property
    def active(self) -> bool:
        """Whether a supervisor or coordinator is logged in."""
        return self.session.logged_in and self.session.role in MANAGER_ROLES

    @property
    def can_read(self) -> bool:
        """Whether reads may be sent: a supervisor is logged in and the link is up."""
        return self.active and self.session.connected

    @Slot()
    def _reset(self) -> None:
        self.status = self.checklist = self.last_run = self.closing = self.summary = None
        self.loading_checklist = False
        self._closing_timer.stop()

    @Slot()
    def _start(self) -> None:
        if not self.active:
            return
        self.status = self.session.state.day_status
        self.statusChanged.emit()
        self._on_snapshot()

    @Slot()
    def _on_snapshot(self) -> None:
        # A fresh snapshot (login, reconnection, new day): everything may have moved.
        if not self.can_read:
            return
        self.load_status()
        self.load_closing()
        if self.summary is None or self.summary.get("provisional"):
            self.load_summary(None)

    @property
    def today(self) -> date:
        """The service day the server is in."""
        day = self.session.state.day
        return date.fromisoformat(day) if day else self.session.server_now().date()

    @property
    def state(self) -> str:
        """Today's state code (not_verified, blocked, open, open_with_incidents, sealed...)."""
        return str((self.status or {}).get("state") or "")

    @property
    def needs_opening(self) -> bool:
        """Whether the checklist still has to open the centre today."""
        return self.state in ("not_verified", "blocked")

    @Slot(dict)
    def _on_event(self, event: dict[str, Any]) -> None:
        if not self.active:
            return
        kind = str(event.get("kind") or "")
        if kind.startswith("day."):
            self.load_status()
            if kind in ("day.sealed", "day.summary"):
                self._closing_timer.start()
                if self.summary is None or self.summary.get("day") == event.get("day"):
                    self.load_summary(None)
        elif kind.startswith("ticket.") and self.closing is not None:
            self._closing_timer.start()

    # --- reads ------------------------------------------------------------------------

    @Slot()
    def load_status(self) -> None:
        """Read today's status (state, reasons, incidents, the checklist runs)."""
        if not self.can_read:
            return

        def ok(status: dict[str, Any]) -> None:
            self.status = status
            self.statusChanged.emit()
            if self.needs_opening and self.checklist is None and not self.loading_checklist:
                self.load_checklist()

        self.session.read(self.session.api.day_status, ok=ok)

    @Slot()
    def load_checklist(self) -> None:
        """Read the checklist with fresh probe findings (internet, power, devices...)."""
        if not self.can_read or self.loading_checklist:
            return
        self.loading_checklist = True
        self.checklistChanged.emit()

        def ok(template: dict[str, Any]) -> None:
            self.loading_checklist = False
            self.checklist = template
            self.checklistChanged.emit()

        def failed(_error: Any) -> None:
            self.loading_checklist = False
            self.checklistChanged.emit()

        self.session.read(self.session.api.day_checklist, ok=ok, failed=failed)

    @Slot()
    def load_closing(self) -> None:
        """Read the tickets still open today and whether the day can be sealed."""
        if not self.can_read:
            return

        def ok(closing: dict[str, Any]) -> None:
            self.closing = closing
            self.closingChanged.emit()

        self.session.read(self.session.api.day_closing, ok=ok)

    def load_summary(self, day: date | None) -> None:
        """Read a day's summary (today's is provisional until the seal)."""
        if not self.can_read:
            return

        def ok(summary: dict[str, Any]) -> None:
            self.summary = summary
            self.summaryChanged.emit()

        self.session.read(self.session.api.day_summary, day, ok=ok)

    # --- actions -----------------------------------------------------------------------

    def register_opening(self, answers: list[dict[str, Any]], note: str | None) -> bool:
        """Registrar apertura: send the answers; the server probes again and decides."""

        def ok(run: dict[str, Any]) -> None:
            self.last_run = run
            # The window's message line must not turn green over a centre that stays shut.
            if run.get("decision") == "blocked":
                self.message.emit(
                    self.tr("Verificación registrada: el centro no abre (vea los motivos)."), True
                )
            else:
                self.message.emit(self.tr("Verificación de apertura registrada."), False)
            self.runFinished.emit(run)
            self.load_status()

        def failed(error: Any) -> None:
            self.runFailed.emit(str(getattr(error, "message", error)))

        call = self.session.act(
            self.session.api.register_opening, answers, note, ok=ok, failed=failed
        )
        return call is not None

    def close_remaining(self, ticket_ids: list[int] | None) -> bool:
        """Close waiting and called tickets (all, or these) as "no atendido por cierre"."""

        def ok(answer: dict[str, Any]) -> None:
            self.message.emit(
                self.tr("{n} turno(s) cerrado(s) como no atendidos por cierre.").format(
                    n=answer.get("count", 0)
                ),
                False,
            )
            self.load_closing()

        return (
            self.session.act(self.session.api.close_remaining, None, ticket_ids, ok=ok) is not None
        )

    def seal(self) -> bool:
        """Seal today; the answer is the day's summary, kept for the PCM."""

        def ok(summary: dict[str, Any]) -> None:
            self.summary = summary
            self.summaryChanged.emit()
            self.message.emit(
                self.tr("Día sellado. El resumen del día quedó registrado para la PCM."), False
            )
            self.load_status()
            self.load_closing()

        return self.session.act(self.session.api.seal_day, ok=ok) is not None
