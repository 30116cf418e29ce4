"""The centre's day for supervisors: the opening checklist, closing, seal and day summary.

`DayPresenter` keeps the day's status (GET /day/status, refreshed on `day.*`
events), the checklist with the probes' findings, the closing list and a day's
summary, and sends the supervisor's decisions. `DayView` is the tab
"Apertura y cierre del día"; `day_line` words the state for the monitor too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.ui import theme
from macturnos.counter.dialogs import ConfirmDialog
from macturnos.counter.session import MANAGER_ROLES, CounterSession
from macturnos.counter.texts import CHECK_RESULTS, check_result_name, decision_name, duration
from macturnos.counter.widgets import ActionButton, MessageLine, big_label

NOTE_MAX = 500
RUN_NOTE_MAX = 1000
PROBE_COLOURS = {
    "ok": theme.OK,
    "warning": theme.WARNING,
    "fail": theme.DANGER,
    "unknown": theme.MUTED,
    "not_applicable": theme.MUTED,
}
STATE_COLOURS = {
    "open": theme.OK,
    "open_with_incidents": theme.WARNING,
    "blocked": theme.DANGER,
    "not_verified": theme.WARNING,
    "sealed": theme.NAVY,
    "closed_today": theme.MUTED,
}


def _when(value: str | None) -> datetime | None:
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


# --- the view -------------------------------------------------------------------------


@dataclass
class ChecklistRow:
    """One item of the form: its data from the server and its controls."""

    item: dict[str, Any]
    probe: QLabel
    result: QComboBox
    note: QLineEdit
    prefill_result: str | None

    @property
    def touched(self) -> bool:
        """Whether the person answered it (a manual item always counts as answered)."""
        if self.prefill_result is None:
            return True
        return self.result.currentData() != self.prefill_result or bool(self.note.text().strip())

    @property
    def needs_note(self) -> bool:
        """Whether the person overrules a failed probe without saying why."""
        return (
            self.prefill_result == "fail"
            and self.result.currentData() in ("ok", "not_applicable")
            and not self.note.text().strip()
        )

    def answer(self) -> dict[str, Any]:
        """The answer sent to the server."""
        note = self.note.text().strip()
        return {
            "code": self.item["code"],
            "result": self.result.currentData(),
            "note": note or None,
        }


def answers_to_send(rows: list[ChecklistRow]) -> list[dict[str, Any]]:
    """Manual items, and automatic ones the person changed or annotated.

    An untouched automatic item is left out so the server keeps its fresh probe:
    internet back between reading the form and sending it must not stay failed.
    """
    return [row.answer() for row in rows if row.touched]


def _cell(text: str, data: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


class DayView(QWidget):
    """Tab "Apertura y cierre del día": checklist, closing and seal, the day's summary."""

    def __init__(self, presenter: DayPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self.session = presenter.session
        self.rows: list[ChecklistRow] = []
        self.dialog: ConfirmDialog | None = None
        root = QVBoxLayout(self)
        root.setContentsMargins(12, 8, 12, 8)
        self.state_line = big_label(17)
        self.state_line.setAccessibleName(self.tr("Estado del día"))
        root.addWidget(self.state_line)
        self.sections = QTabWidget()
        self.opening_page = self._build_opening()
        self.closing_page = self._build_closing()
        self.summary_page = self._build_summary()
        self.sections.addTab(self.opening_page, self.tr("Apertura (lista de control)"))
        self.sections.addTab(self.closing_page, self.tr("Cierre y sellado"))
        self.sections.addTab(self.summary_page, self.tr("Resumen del día"))
        root.addWidget(self.sections, 1)
        presenter.statusChanged.connect(self.render_status)
        presenter.checklistChanged.connect(self.render_checklist)
        presenter.runFinished.connect(self.render_run)
        presenter.runFailed.connect(self.render_run_refusal)
        presenter.closingChanged.connect(self.render_closing)
        presenter.summaryChanged.connect(self.render_summary)
        self.session.busyChanged.connect(lambda *_: self.refresh_buttons())
        self.session.linkChanged.connect(lambda *_: self.refresh_buttons())
        self.render_status()

    # --- building ------------------------------------------------------------------------

    def _build_opening(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 8, 4, 4)
        intro = QLabel(
            self.tr(
                "Verifique cada punto antes de abrir. Los puntos automáticos ya muestran lo que "
                "comprobó el sistema; si no coincide con lo que usted ve, cámbielo y explique "
                "por qué en la nota. Sin internet, energía eléctrica o vigilancia el centro no abre."
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("font-size: 15px;")
        layout.addWidget(intro)
        self.run_result = MessageLine()
        self.run_result.setAccessibleName(self.tr("Resultado de la apertura"))
        layout.addWidget(self.run_result)
        split = QSplitter(Qt.Orientation.Horizontal)
        form_box = QWidget()
        f = QVBoxLayout(form_box)
        f.setContentsMargins(0, 0, 0, 0)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_widget = QWidget()
        self.form = QGridLayout(self.form_widget)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(6)
        self.form_area.setWidget(self.form_widget)
        f.addWidget(self.form_area, 1)
        note_row = QHBoxLayout()
        note_label = QLabel(self.tr("Observación general (opcional):"))
        self.run_note = QLineEdit()
        self.run_note.setMaxLength(RUN_NOTE_MAX)
        self.run_note.setAccessibleName(self.tr("Observación general"))
        note_row.addWidget(note_label)
        note_row.addWidget(self.run_note, 1)
        f.addLayout(note_row)
        buttons = QHBoxLayout()
        self.all_ok_button = ActionButton(
            self.tr("Marcar conformes los puntos manuales pendientes")
        )
        self.all_ok_button.setMinimumHeight(52)
        self.all_ok_button.setToolTip(
            self.tr(
                "Pone «Conforme» en los puntos manuales que siguen «Sin verificar», salvo los "
                "que bloquean la apertura: esos se confirman uno por uno."
            )
        )
        self.all_ok_button.clicked.connect(self.mark_pending_ok)
        buttons.addWidget(self.all_ok_button, 2)
        self.recheck_button = ActionButton(self.tr("Volver a verificar"))
        self.recheck_button.setMinimumHeight(52)
        self.recheck_button.clicked.connect(self.presenter.load_checklist)
        self.open_button = ActionButton(self.tr("Registrar apertura"), primary=True)
        self.open_button.setMinimumHeight(52)
        self.open_button.clicked.connect(self.register_opening)
        buttons.addWidget(self.recheck_button)
        buttons.addWidget(self.open_button, 2)
        f.addLayout(buttons)
        split.addWidget(form_box)

        runs_box = QGroupBox(self.tr("Verificaciones registradas hoy"))
        r = QVBoxLayout(runs_box)
        self.runs_tree = QTreeWidget()
        self.runs_tree.setAccessibleName(self.tr("Verificaciones registradas hoy"))
        self.runs_tree.setHeaderLabels(
            [self.tr("Verificación / punto"), self.tr("Resultado"), self.tr("Nota")]
        )
        self.runs_tree.setWordWrap(True)
        header = self.runs_tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        r.addWidget(self.runs_tree)
        split.addWidget(runs_box)
        split.setSizes([1150, 650])
        layout.addWidget(split, 1)
        return page

    def _build_closing(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 8, 4, 4)
        self.closing_info = QLabel()
        self.closing_info.setWordWrap(True)
        self.closing_info.setStyleSheet("font-size: 16px; font-weight: bold;")
        layout.addWidget(self.closing_info)
        pending_box = QGroupBox(self.tr("Turnos en espera o llamados"))
        p = QVBoxLayout(pending_box)
        self.pending_table = QTableWidget(0, 5)
        self.pending_table.setAccessibleName(self.tr("Turnos en espera o llamados"))
        self.pending_table.setHorizontalHeaderLabels(
            [
                self.tr("Turno"),
                self.tr("Entidad / servicio"),
                self.tr("Estado"),
                self.tr("Llegada"),
                self.tr("Módulo"),
            ]
        )
        self._table_style(self.pending_table, stretch=1)
        self.pending_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.pending_table.itemSelectionChanged.connect(self.refresh_buttons)
        p.addWidget(self.pending_table, 1)
        row = QHBoxLayout()
        self.close_selected_button = ActionButton(
            self.tr("Cerrar los elegidos como no atendido por cierre")
        )
        self.close_all_button = ActionButton(
            self.tr("Cerrar todos como no atendido por cierre"), danger=True
        )
        for b in (self.close_selected_button, self.close_all_button):
            b.setMinimumHeight(52)
            row.addWidget(b)
        self.close_selected_button.clicked.connect(self.close_selected)
        self.close_all_button.clicked.connect(self.close_all)
        p.addLayout(row)
        layout.addWidget(pending_box, 3)
        service_box = QGroupBox(self.tr("Turnos en atención (el asesor debe finalizarlos)"))
        s = QVBoxLayout(service_box)
        self.in_service_table = QTableWidget(0, 4)
        self.in_service_table.setAccessibleName(self.tr("Turnos en atención"))
        self.in_service_table.setHorizontalHeaderLabels(
            [self.tr("Turno"), self.tr("Entidad / servicio"), self.tr("Módulo"), self.tr("Desde")]
        )
        self._table_style(self.in_service_table, stretch=1)
        s.addWidget(self.in_service_table)
        layout.addWidget(service_box, 2)
        bottom = QHBoxLayout()
        self.closing_refresh_button = ActionButton(self.tr("Actualizar"))
        self.closing_refresh_button.setMinimumHeight(52)
        self.closing_refresh_button.clicked.connect(self.presenter.load_closing)
        self.seal_button = ActionButton(self.tr("Sellar el día"), primary=True)
        self.seal_button.setMinimumHeight(52)
        self.seal_button.clicked.connect(self.seal)
        bottom.addWidget(self.closing_refresh_button)
        bottom.addWidget(self.seal_button, 2)
        layout.addLayout(bottom)
        return page

    def _build_summary(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 8, 4, 4)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Día:")))
        self.summary_date = QDateEdit()
        self.summary_date.setCalendarPopup(True)
        self.summary_date.setDisplayFormat("dd/MM/yyyy")
        self.summary_date.setAccessibleName(self.tr("Día del resumen"))
        self.summary_date.setDate(QDate.currentDate())
        self.summary_date.setMinimumSize(170, 44)
        self.summary_date.setStyleSheet("font-size: 16px; padding: 4px;")
        self.summary_button = ActionButton(self.tr("Ver resumen"))
        self.summary_button.setMinimumHeight(44)
        self.summary_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.summary_button.clicked.connect(self.show_summary_of_chosen_day)
        self.summary_date.editingFinished.connect(self.show_summary_of_chosen_day)
        row.addWidget(self.summary_date)
        row.addWidget(self.summary_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary_title = big_label(16)
        layout.addWidget(self.summary_title)
        self.summary_tree = QTreeWidget()
        self.summary_tree.setAccessibleName(self.tr("Resumen por entidad y servicio"))
        self.summary_tree.setHeaderLabels(
            [
                self.tr("Entidad / servicio"),
                self.tr("Emitidos"),
                self.tr("Atendidos"),
                self.tr("No se presentaron"),
                self.tr("No atendidos por cierre"),
                self.tr("Anulados"),
                self.tr("Derivados"),
                self.tr("Espera promedio"),
                self.tr("Espera (p90)"),
                self.tr("Atención promedio"),
                self.tr("Atención (p90)"),
                self.tr("Dentro de la meta"),
            ]
        )
        self.summary_tree.setUniformRowHeights(True)
        header = self.summary_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.summary_tree, 1)
        self.summary_notes = QLabel()
        self.summary_notes.setWordWrap(True)
        self.summary_notes.setStyleSheet(f"color: {theme.MUTED}; font-size: 14px;")
        layout.addWidget(self.summary_notes)
        return page

    @staticmethod
    def _table_style(table: QTableWidget, stretch: int) -> None:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(32)
        h = table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    # --- helpers -------------------------------------------------------------------------

    def _clock(self, value: str | None) -> str:
        when = _when(value)
        return when.astimezone(self.session.timezone).strftime("%H:%M") if when else "—"

    def _service(self, ticket: dict[str, Any]) -> str:
        return self.session.service_label(str(ticket.get("service")))

    # --- the day's state ------------------------------------------------------------------

    @Slot()
    def render_status(self) -> None:
        """The state line, the run history and which buttons apply."""
        status = self.presenter.status
        text, colour = day_line(status)
        if status and status.get("state") in ("open", "open_with_incidents"):
            opened = self._clock(status.get("opened_at"))
            text += " · " + self.tr("apertura registrada a las {hora}").format(hora=opened)
        self.state_line.setText(text)
        self.state_line.setStyleSheet(
            f"background: {colour}; color: {theme.PAPER}; padding: 10px; border-radius: 4px;"
        )
        self._render_runs((status or {}).get("runs") or [])
        if status and not self.presenter.needs_opening and not self.run_result.text():
            self.run_result.show_info(
                self.tr("La apertura de hoy ya está registrada.")
                if status.get("state") != "sealed"
                else self.tr("El día está sellado.")
            )
        self.refresh_buttons()

    def _render_runs(self, runs: list[dict[str, Any]]) -> None:
        self.runs_tree.clear()
        for run in reversed(runs):  # the latest first
            top = QTreeWidgetItem(
                [
                    self.tr("{hora} · {persona}").format(
                        hora=self._clock(run["run_at"]),
                        persona=run.get("run_by_name") or run.get("run_by") or "",
                    ),
                    decision_name(run.get("decision")),
                    str(run.get("note") or ""),
                ]
            )
            font = top.font(0)
            font.setBold(True)
            for c in range(3):
                top.setFont(c, font)
            colour = STATE_COLOURS.get(str(run.get("decision")), theme.MUTED)
            top.setForeground(1, QBrush(QColor(colour)))
            for item in run.get("items") or []:
                child = QTreeWidgetItem(
                    [
                        str(item.get("label")),
                        check_result_name(item.get("result")),
                        str(item.get("note") or ""),
                    ]
                )
                child.setData(0, Qt.ItemDataRole.UserRole, item.get("code"))
                for c in (0, 2):
                    child.setToolTip(
                        c,
                        f"{item.get('zone_name')} · {item.get('label')}: {item.get('note') or ''}",
                    )
                if item.get("result") == "fail":
                    child.setForeground(1, QBrush(QColor(theme.DANGER)))
                top.addChild(child)
            self.runs_tree.addTopLevelItem(top)
        if self.runs_tree.topLevelItemCount():
            self.runs_tree.topLevelItem(0).setExpanded(True)

    # --- the checklist --------------------------------------------------------------------

    @Slot()
    def render_checklist(self) -> None:
        """Build the form from the checklist: zones, items, probe findings, answers."""
        if self.presenter.loading_checklist and self.presenter.checklist is None:
            self.run_result.show_info(
                self.tr("Verificando internet, energía, impresoras y pantallas…")
            )
        template = self.presenter.checklist
        if template is None:
            self.refresh_buttons()
            return
        if self.presenter.loading_checklist:
            self.refresh_buttons()
            return
        kept = {row.item["code"]: (row.result.currentData(), row.note.text()) for row in self.rows}
        kept_touched = {row.item["code"] for row in self.rows if row.touched}
        while self.form.count():
            w = self.form.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.rows = []
        headers = [
            self.tr("Punto"),
            self.tr("Bloquea"),
            self.tr("Verificación automática"),
            self.tr("Resultado"),
            self.tr("Nota"),
        ]
        for c, text in enumerate(headers):
            h = QLabel(text)
            h.setStyleSheet(
                "font-weight: bold; font-size: 14px; background: #E5E7EB; padding: 4px;"
            )
            self.form.addWidget(h, 0, c)
        r = 1
        zone = None
        previous: QWidget | None = None
        for item in template.get("items") or []:
            if item.get("zone") != zone:
                zone = item.get("zone")
                z = QLabel(str(item.get("zone_name") or zone))
                z.setStyleSheet(
                    f"font-weight: bold; font-size: 16px; color: {theme.NAVY};"
                    " padding-top: 10px; border-bottom: 2px solid #D1D5DB;"
                )
                self.form.addWidget(z, r, 0, 1, 5)
                r += 1
            label = QLabel(str(item.get("label")))
            label.setWordWrap(True)
            label.setStyleSheet("font-size: 15px;")
            mark = QLabel(self.tr("Sí") if item.get("blocking") else "")
            mark.setStyleSheet(f"color: {theme.DANGER}; font-weight: bold; font-size: 15px;")
            if item.get("blocking"):
                mark.setToolTip(self.tr("Si no está conforme, el centro no abre."))
            prefill = item.get("prefill")
            probe = QLabel()
            probe.setWordWrap(True)
            if prefill:
                state = str(prefill.get("probe_state") or prefill.get("result"))
                # The reason, not the note: a warning's note repeats "con observaciones".
                found = prefill.get("reason") or prefill.get("note") or ""
                probe.setText(f"{check_result_name(state)}: {found}")
                probe.setStyleSheet(
                    f"color: {PROBE_COLOURS.get(state, theme.INK)}; font-size: 14px;"
                    " font-weight: bold;"
                )
            else:
                probe.setText(self.tr("Manual"))
                probe.setStyleSheet(f"color: {theme.MUTED}; font-size: 14px;")
            combo = QComboBox()
            combo.setAccessibleName(self.tr("Resultado: {punto}").format(punto=item.get("label")))
            for code in CHECK_RESULTS:
                combo.addItem(check_result_name(code), code)
            default = prefill.get("result") if prefill else "unknown"
            note = QLineEdit()
            note.setMaxLength(NOTE_MAX)
            note.setAccessibleName(self.tr("Nota: {punto}").format(punto=item.get("label")))
            code = str(item["code"])
            if code in kept and code in kept_touched:
                choice, text = kept[code]
                combo.setCurrentIndex(max(0, combo.findData(choice)))
                note.setText(text)
            else:
                combo.setCurrentIndex(max(0, combo.findData(default)))
            if prefill and prefill.get("result") == "fail":
                note.setPlaceholderText(self.tr("Obligatoria si lo da por conforme"))
            row = ChecklistRow(item, probe, combo, note, prefill.get("result") if prefill else None)
            combo.currentIndexChanged.connect(lambda _i, row=row: self._style_row(row))
            note.textChanged.connect(lambda _t, row=row: self._style_row(row))
            self._style_row(row)
            self.form.addWidget(label, r, 0)
            self.form.addWidget(mark, r, 1, Qt.AlignmentFlag.AlignCenter)
            self.form.addWidget(probe, r, 2)
            self.form.addWidget(combo, r, 3)
            self.form.addWidget(note, r, 4)
            if previous is not None:
                QWidget.setTabOrder(previous, combo)
            QWidget.setTabOrder(combo, note)
            previous = note
            self.rows.append(row)
            r += 1
        self.form.setColumnStretch(0, 3)
        self.form.setColumnStretch(2, 4)
        self.form.setColumnStretch(4, 3)
        self.form.setRowStretch(r, 1)
        if self.run_result.text().startswith(
            self.tr("Verificando internet, energía, impresoras y pantallas…")
        ):
            self.run_result.clear_message()
        self.refresh_buttons()

    def _style_row(self, row: ChecklistRow) -> None:
        result = row.result.currentData()
        colour = {"fail": theme.DANGER, "unknown": theme.WARNING}.get(str(result))
        row.result.setStyleSheet(
            f"QComboBox {{ border: 2px solid {colour}; font-weight: bold; }}" if colour else ""
        )
        row.note.setStyleSheet(
            f"QLineEdit {{ border: 2px solid {theme.DANGER}; }}" if row.needs_note else ""
        )

    def row(self, code: str) -> ChecklistRow:
        """The form's row of an item (tests; keyboard users Tab to it)."""
        for row in self.rows:
            if row.item["code"] == code:
                return row
        raise ValueError(f"item {code!r} is not in the checklist")

    def answer(self, code: str, result: str, note: str = "") -> None:
        """Set an item's result and note (tests, scripted training)."""
        row = self.row(code)
        row.result.setCurrentIndex(row.result.findData(result))
        row.note.setText(note)

    @Slot()
    def mark_pending_ok(self) -> None:
        """Conforme on every manual, non-blocking item still unverified."""
        for row in self.rows:
            pending = row.result.currentData() == "unknown"
            if row.prefill_result is None and not row.item.get("blocking") and pending:
                row.result.setCurrentIndex(row.result.findData("ok"))

    @Slot()
    def register_opening(self) -> None:
        """Send the checklist ("Registrar apertura")."""
        if not self.rows:
            return
        self.run_result.show_info(self.tr("Registrando la apertura y verificando otra vez…"))
        note = self.run_note.text().strip() or None
        if not self.presenter.register_opening(answers_to_send(self.rows), note):
            self.run_result.clear_message()

    @Slot(str)
    def render_run_refusal(self, reason: str) -> None:
        """The server refused the run (e.g. a failed probe overruled without a note)."""
        self.run_result.show_error(reason)
        for row in self.rows:
            if row.needs_note:
                row.note.setFocus()
                self.form_area.ensureWidgetVisible(row.note)
                break

    @Slot(dict)
    def render_run(self, run: dict[str, Any]) -> None:
        """Say plainly what the run decided."""
        decision = run.get("decision")
        if decision == "blocked":
            reasons = "\n• ".join(run.get("blocking_reasons") or [])
            self.run_result.show_error(
                self.tr("El centro no abre hoy:")
                + f"\n• {reasons}\n"
                + self.tr(
                    "El resultado quedó registrado y en cola para informarse a la PCM. "
                    "Cuando se solucione, vuelva a verificar y registre la apertura otra vez: "
                    "el centro abrirá."
                )
            )
        elif decision == "open_with_incidents":
            incidents = "\n• ".join(run.get("incidents") or [])
            self.run_result.setText(
                self.tr("Apertura registrada: el centro atiende, con incidencias:")
                + f"\n• {incidents}"
            )
            self.run_result.setStyleSheet(
                f"background: {theme.WARNING}; color: {theme.PAPER}; font-size: 16px;"
                " font-weight: bold; padding: 8px; border-radius: 4px;"
            )
        else:
            self.run_result.show_info(self.tr("Apertura registrada: el centro atiende."))
        self.refresh_buttons()

    # --- closing --------------------------------------------------------------------------

    @Slot()
    def render_closing(self) -> None:
        """The tickets still open, the in-service ones that block the seal, the seal button."""
        closing = self.presenter.closing or {}
        phase = closing.get("phase")
        if closing.get("sealed"):
            info = self.tr("El día está sellado.")
        elif phase == "open":
            info = self.tr(
                "El cierre se habilita desde las {aviso} (el centro cierra a las {cierre}). "
                "Turnos aún abiertos: {n}."
            ).format(
                aviso=closing.get("closing_warning_at") or "—",
                cierre=closing.get("closes") or "—",
                n=closing.get("pending", 0),
            )
        else:
            info = self.tr(
                "Cierre del día (el centro cierra a las {cierre}). Turnos aún abiertos: {n}."
            ).format(cierre=closing.get("closes") or "—", n=closing.get("pending", 0))
            if closing.get("can_seal"):
                info += " " + self.tr("No queda ningún turno abierto: puede sellar el día.")
        self.closing_info.setText(info)
        pending = list(closing.get("waiting") or []) + list(closing.get("called") or [])
        selected = set(self.selected_ticket_ids())
        self.pending_table.setRowCount(len(pending))
        for r, t in enumerate(pending):
            status = self.tr("Llamado") if t.get("status") == "called" else self.tr("En espera")
            cells = [
                str(t.get("number")),
                self._service(t),
                status,
                self._clock(t.get("arrival_at")),
                str(t.get("module") or "—"),
            ]
            for c, text in enumerate(cells):
                self.pending_table.setItem(r, c, _cell(text, int(t["id"])))
            if int(t["id"]) in selected:
                self.pending_table.selectRow(r)
        in_service = list(closing.get("in_service") or [])
        self.in_service_table.setRowCount(len(in_service))
        for r, t in enumerate(in_service):
            cells = [
                str(t.get("number")),
                self._service(t),
                str(t.get("module") or "—"),
                self._clock(t.get("started_at")),
            ]
            for c, text in enumerate(cells):
                item = _cell(text, int(t["id"]))
                item.setForeground(QBrush(QColor(theme.DANGER)))
                self.in_service_table.setItem(r, c, item)
        self.refresh_buttons()

    def selected_ticket_ids(self) -> list[int]:
        """The tickets chosen in the closing list."""
        rows = self.pending_table.selectionModel().selectedRows()
        out = []
        for index in rows:
            item = self.pending_table.item(index.row(), 0)
            if item is not None:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def _confirm(self, title: str, intro: str, then: Any) -> None:
        self.dialog = ConfirmDialog(title, intro, self)
        self.dialog.submitted.connect(then)
        self.dialog.open()

    @Slot()
    def close_selected(self) -> None:
        """Close the chosen tickets as "no atendido por cierre" (after confirming)."""
        ids = self.selected_ticket_ids()
        if ids:
            self._confirm(
                self.tr("Cerrar turnos"),
                self.tr("¿Cerrar {n} turno(s) como no atendido por cierre?").format(n=len(ids)),
                lambda: self.presenter.close_remaining(ids),
            )

    @Slot()
    def close_all(self) -> None:
        """Close every waiting and called ticket as "no atendido por cierre"."""
        n = self.pending_table.rowCount()
        if n:
            self._confirm(
                self.tr("Cerrar turnos"),
                self.tr(
                    "¿Cerrar los {n} turnos en espera o llamados como no atendido por cierre? "
                    "Los ciudadanos ya no serán llamados."
                ).format(n=n),
                lambda: self.presenter.close_remaining(None),
            )

    @Slot()
    def seal(self) -> None:
        """Seal the day (after confirming): no more tickets today, the summary is kept."""
        self._confirm(
            self.tr("Sellar el día"),
            self.tr(
                "¿Sellar el día? Se cierran los módulos, no se emiten más turnos hoy y el "
                "resumen del día queda registrado para la PCM."
            ),
            self.presenter.seal,
        )

    # --- the summary ----------------------------------------------------------------------

    @Slot()
    def show_summary_of_chosen_day(self) -> None:
        """Read the summary of the day chosen in the date field."""
        chosen = self.summary_date.date().toPython()
        self.presenter.load_summary(chosen if isinstance(chosen, date) else None)

    def _figures(self, f: dict[str, Any]) -> list[str]:
        def secs(value: float | None) -> str:
            return duration(value) if value is not None else "—"

        share = f.get("within_target_share")
        within = (
            f"{round(share * 100)} % ({f.get('within_target')}/{f.get('attentions')})"
            if share is not None
            else "—"
        )
        return [
            str(f.get("issued", 0)),
            str(f.get("attentions", 0)),
            str(f.get("no_shows", 0)),
            str(f.get("closed_at_end", 0)),
            str(f.get("cancelled", 0)),
            str(f.get("transferred", 0)),
            secs(f.get("avg_wait_s")),
            secs(f.get("p90_wait_s")),
            secs(f.get("avg_service_s")),
            secs(f.get("p90_service_s")),
            within,
        ]

    def _summary_item(self, name: str, figures: dict[str, Any], *, bold: bool) -> QTreeWidgetItem:
        item = QTreeWidgetItem([name, *self._figures(figures)])
        for c in range(1, 12):
            item.setTextAlignment(c, Qt.AlignmentFlag.AlignCenter)
        if bold:
            font = item.font(0)
            font.setBold(True)
            for c in range(12):
                item.setFont(c, font)
        return item

    @Slot()
    def render_summary(self) -> None:
        """The day's figures per entity and service, with the centre's totals first."""
        summary = self.presenter.summary
        self.summary_tree.clear()
        if not summary:
            self.summary_title.setText("")
            self.summary_notes.setText("")
            return
        day = date.fromisoformat(summary["day"])
        self.summary_date.blockSignals(True)
        self.summary_date.setDate(QDate(day.year, day.month, day.day))
        self.summary_date.blockSignals(False)
        if summary.get("provisional"):
            kind = self.tr("provisional, calculado a las {hora}").format(
                hora=self._clock(summary.get("produced_at"))
            )
        else:
            kind = self.tr("definitivo, sellado a las {hora}").format(
                hora=self._clock(summary.get("sealed_at") or summary.get("produced_at"))
            )
        self.summary_title.setText(
            self.tr("Resumen del {dia} ({tipo})").format(dia=day.strftime("%d/%m/%Y"), tipo=kind)
        )
        total = self._summary_item(
            self.tr("Total del centro"), summary.get("totals") or {}, bold=True
        )
        self.summary_tree.addTopLevelItem(total)
        for ent in summary.get("entities") or []:
            top = self._summary_item(str(ent.get("entity_name") or ent["entity"]), ent, bold=True)
            top.setData(0, Qt.ItemDataRole.UserRole, ent["entity"])
            for svc in ent.get("services") or []:
                child = self._summary_item(
                    str(svc.get("service_name") or svc["service"]), svc, bold=False
                )
                child.setData(0, Qt.ItemDataRole.UserRole, svc["service"])
                top.addChild(child)
            self.summary_tree.addTopLevelItem(top)
            top.setExpanded(True)
        notes = [
            self.tr(
                "Espera: desde la emisión del turno hasta el primer llamado; atención: desde el "
                "inicio hasta la finalización; p90: el 90 % esperó o fue atendido en ese tiempo "
                "o menos; dentro de la meta: atenciones finalizadas cuya espera no pasó la meta "
                "de su servicio."
            )
        ]
        if summary.get("blocked"):
            notes.append(self.tr("Ese día el centro quedó bloqueado por la lista de control."))
        incidents = summary.get("incidents") or []
        if incidents:
            notes.append(
                self.tr("Incidencias: {lista}").format(
                    lista="; ".join(
                        f"{i.get('label')} ({i.get('result_name')}"
                        + (f": {i['note']})" if i.get("note") else ")")
                        for i in incidents
                    )
                )
            )
        self.summary_notes.setText("\n".join(notes))

    # --- buttons ----------------------------------------------------------------------------

    @Slot()
    def refresh_buttons(self) -> None:
        """Enable what applies now, with the reason as tooltip when not."""
        can = self.session.can_act()
        why = self.session.disabled_reason()
        needs = self.presenter.needs_opening
        loading = self.presenter.loading_checklist
        ready = bool(self.rows) and not loading
        not_needed = self.tr("La apertura de hoy ya está registrada")
        self.open_button.set_allowed(
            can and needs and ready,
            why or (not_needed if not needs else self.tr("Espere la verificación automática")),
        )
        self.recheck_button.set_allowed(
            self.session.connected and needs and not loading, why or not_needed
        )
        for row in self.rows:
            row.result.setEnabled(needs)
            row.note.setEnabled(needs)
        self.run_note.setEnabled(needs)
        self.all_ok_button.set_allowed(needs and ready, not_needed)
        closing = self.presenter.closing or {}
        closing_now = closing.get("phase") not in (None, "open") and not closing.get("sealed")
        not_yet = self.tr("Disponible desde el aviso de cierre")
        has_pending = self.pending_table.rowCount() > 0
        self.close_all_button.set_allowed(can and closing_now and has_pending, why or not_yet)
        self.close_selected_button.set_allowed(
            can and closing_now and bool(self.selected_ticket_ids()),
            why or (not_yet if not closing_now else self.tr("Elija uno o más turnos")),
        )
        self.seal_button.set_allowed(
            can and bool(closing.get("can_seal")),
            why
            or (
                not_yet
                if not closing_now
                else self.tr("Quedan turnos abiertos: ciérrelos o que el asesor finalice")
            ),
        )
