"""The opening page's record of today's checklist runs: time, who, decision, each point.

Shown beside the checklist form once a run is registered (hidden before: the form
needs the room on a 1366x768 laptop).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGroupBox, QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from macturnos.client.ui import theme
from macturnos.counter.day.presenter import STATE_COLOURS
from macturnos.counter.day.section import DaySection
from macturnos.counter.texts import check_result_name, decision_name


class RunsSection(DaySection):
    """The checklist runs registered today, the latest first and open."""

    def _build_runs(self) -> QGroupBox:
        """The runs registered today, each with its items."""
        runs_box = QGroupBox(self.tr("Verificaciones registradas hoy"))
        self.runs_box = runs_box
        runs_box.setVisible(False)  # shown once a run is registered today
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
        return runs_box

    def _render_runs(self, runs: list[dict[str, Any]]) -> None:
        """The checklist runs registered today, the latest first and open."""
        self.runs_box.setVisible(bool(runs))
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
        first = self.runs_tree.topLevelItem(0)
        if first is not None:
            first.setExpanded(True)
