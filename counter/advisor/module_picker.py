"""The advisor's first screen: pick the module to work at.

A `QWidget` part of `AdvisorView` (which inherits it): its `tr()` texts are
looked up in the "AdvisorView" context first, as before the split.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from macturnos.client.ui import theme
from macturnos.counter.advisor.presenter import AdvisorPresenter
from macturnos.counter.session import CounterSession
from macturnos.counter.widgets import big_label


class ModulePicker(QWidget):
    """The grid of the modules the advisor may take, free, held or taken."""

    presenter: AdvisorPresenter
    session: CounterSession

    def _build_picker(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(40, 30, 40, 30)
        self.picker_title = big_label(26)
        self.picker_title.setText(self.tr("Elija su módulo de atención"))
        self.picker_hint = QLabel(
            self.tr("Un módulo solo puede tener un asesor. Use Tab y Enter para elegir.")
        )
        self.picker_hint.setStyleSheet(f"color: {theme.MUTED}; font-size: 16px;")
        self.module_grid = QGridLayout()
        self.module_grid.setSpacing(16)
        self.module_buttons: dict[int, QPushButton] = {}
        layout.addWidget(self.picker_title)
        layout.addWidget(self.picker_hint)
        layout.addSpacing(16)
        layout.addLayout(self.module_grid)
        layout.addStretch(1)
        return page

    def _render_picker(self) -> None:
        modules = self.presenter.modules()
        held = self.presenter.held_module()
        numbers = [int(m["number"]) for m in modules]
        if list(self.module_buttons) != numbers:
            for button in self.module_buttons.values():
                self.module_grid.removeWidget(button)
                button.deleteLater()
            self.module_buttons = {}
            for i, n in enumerate(numbers):
                button = QPushButton()
                button.setMinimumHeight(110)
                button.setMinimumWidth(260)
                button.clicked.connect(lambda _=False, n=n: self.presenter.take_module(n))
                self.module_grid.addWidget(button, i // 4, i % 4)
                self.module_buttons[n] = button
        entities = self.session.entities()
        for m in modules:
            n = int(m["number"])
            button = self.module_buttons[n]
            entity = entities.get(m["entity"], {}).get("short_name") or m["entity"]
            if n == held:
                status = self.tr("Usted ya está en este módulo: pulse para continuar")
            elif m.get("advisor"):
                status = self.tr("Ocupado por {nombre}").format(nombre=m["advisor"])
            else:
                status = self.tr("Libre")
            button.setText(self.tr("Módulo {n}").format(n=n) + f"\n{entity}\n{status}")
            button.setProperty("primary", n == held)
            button.style().unpolish(button)
            button.style().polish(button)
            button.setEnabled(self.session.can_act())
            button.setToolTip(self.session.disabled_reason())
        if not modules:
            self.picker_hint.setText(self.tr("No hay módulos configurados para su entidad."))
