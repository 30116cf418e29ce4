"""The day tab's summary section: a day's figures per entity and service.

Today's summary is provisional until the seal; a sealed day's is the one kept for
the PCM. Any past day can be chosen.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.ui import theme
from macturnos.counter.day.section import DaySection
from macturnos.counter.texts import duration
from macturnos.counter.widgets import ActionButton, big_label, wrap_long_names


class SummarySection(DaySection):
    """Tab "Resumen del día": the figures of the chosen day, the centre's totals first."""

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
                self.tr("No se\npresentaron"),
                self.tr("No atendidos\npor cierre"),
                self.tr("Anulados"),
                self.tr("Derivados"),
                self.tr("Espera\npromedio"),
                self.tr("Espera\n(p90)"),
                self.tr("Atención\npromedio"),
                self.tr("Atención\n(p90)"),
                self.tr("Dentro de\nla meta"),
            ]
        )
        # The figures take their width; the names the rest, wrapped over two lines
        # when long (official service names pass 100 characters) rather than cut.
        wrap_long_names(self.summary_tree)
        header = self.summary_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        layout.addWidget(self.summary_tree, 1)
        self.summary_notes = QLabel()
        self.summary_notes.setWordWrap(True)
        self.summary_notes.setStyleSheet(f"color: {theme.MUTED}; font-size: 14px;")
        layout.addWidget(self.summary_notes)
        return page

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
            full = str(ent.get("entity_name") or ent["entity"])
            short = self.session.entities().get(ent["entity"], {}).get("short_name")
            top = self._summary_item(str(short or full), ent, bold=True)
            top.setToolTip(0, full)
            top.setData(0, Qt.ItemDataRole.UserRole, ent["entity"])
            for svc in ent.get("services") or []:
                child = self._summary_item(
                    str(svc.get("service_name") or svc["service"]), svc, bold=False
                )
                child.setData(0, Qt.ItemDataRole.UserRole, svc["service"])
                top.addChild(child)
            self.summary_tree.addTopLevelItem(top)
            top.setExpanded(True)
        self.summary_notes.setText("\n".join(self._summary_notes(summary)))

    def _summary_notes(self, summary: dict[str, Any]) -> list[str]:
        """How to read the figures, and what happened that day (blocked, incidents)."""
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
        return notes
