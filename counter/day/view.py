"""Tab "Apertura y cierre del día": the day's state line over its three sections.

The sections (`checklist`, `closing`, `summary`) each live in their own module;
`DayView` is the one widget that holds them, wires them to the presenter, and
decides which buttons apply.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from macturnos.client.ui import theme
from macturnos.counter.day.checklist import ChecklistRow, ChecklistSection
from macturnos.counter.day.closing import ClosingSection
from macturnos.counter.day.presenter import DayPresenter, day_line
from macturnos.counter.day.summary import SummarySection
from macturnos.counter.dialogs import ConfirmDialog
from macturnos.counter.widgets import big_label


class DayView(ChecklistSection, ClosingSection, SummarySection):
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
        self.render_blockers()
        if status and not self.presenter.needs_opening and not self.run_result.text():
            self.run_result.show_info(
                self.tr("La apertura de hoy ya está registrada.")
                if status.get("state") != "sealed"
                else self.tr("El día está sellado.")
            )
        self.refresh_buttons()

    @Slot()
    def refresh_buttons(self) -> None:
        """Enable what applies now, with the reason as tooltip when not."""
        can = self.session.can_act()
        why = self.session.disabled_reason()
        self._refresh_opening_buttons(can, why)
        self._refresh_closing_buttons(can, why)
