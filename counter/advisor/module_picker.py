"""The advisor's first screen: pick the module to work at.

The advisor's entity's modules come first, as large cards that reflow to the
window's width inside a scroll area, with a search field (number, entity,
advisor). Other entities' modules are shown only on purpose ("Ver otros
módulos"): the server refuses them to an advisor of an entity anyway, so they
are listed for information, disabled. An account of no entity may take any
module: every module is listed, by entity.

A `QWidget` part of `AdvisorView` (which inherits it): its `tr()` texts are
looked up in the "AdvisorView" context first, as before the split.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.ui import theme
from macturnos.counter.advisor.presenter import AdvisorPresenter
from macturnos.counter.session import CounterSession
from macturnos.counter.texts import folded
from macturnos.counter.widgets import big_label

CARD_MIN_WIDTH = 250
CARD_SPACING = 14
CARD_STYLE = "QPushButton { font-size: 17px; text-align: center; padding: 10px 12px; }"


@dataclass(frozen=True)
class Section:
    """A heading and the modules under it; `mine` says whether the advisor may take them."""

    title: str
    numbers: tuple[int, ...]
    mine: bool


class ModulePicker(QWidget):
    """The advisor's modules as cards, searchable; other entities' only on request."""

    presenter: AdvisorPresenter
    session: CounterSession

    # --- building -------------------------------------------------------------------

    def _build_picker(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 16, 24, 12)
        self.picker_title = big_label(24)
        self.picker_title.setText(self.tr("Elija su módulo de atención"))
        self.picker_hint = QLabel()
        self.picker_hint.setWordWrap(True)
        self.picker_hint.setStyleSheet(f"color: {theme.MUTED}; font-size: 16px;")
        tools = QHBoxLayout()
        self.module_search = QLineEdit()
        self.module_search.setPlaceholderText(
            self.tr("Buscar por número, entidad o asesor (p. ej. 12, RENIEC)")
        )
        self.module_search.setAccessibleName(self.tr("Buscar módulo"))
        self.module_search.setClearButtonEnabled(True)
        self.module_search.textChanged.connect(self._render_picker)
        self.others_toggle = QCheckBox()
        self.others_toggle.setStyleSheet("font-size: 15px;")
        self.others_toggle.toggled.connect(self._render_picker)
        tools.addWidget(self.module_search, 1)
        tools.addWidget(self.others_toggle)
        self.module_area = QScrollArea()
        self.module_area.setWidgetResizable(True)
        self.module_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.module_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.module_list = QWidget()
        self.module_sections = QVBoxLayout(self.module_list)
        self.module_sections.setContentsMargins(0, 0, 8, 0)
        self.module_area.setWidget(self.module_list)
        self.module_area.installEventFilter(self)
        self.module_buttons: dict[int, QPushButton] = {}
        """The cards of the modules the advisor may take, by number."""
        self.other_cards: dict[int, QPushButton] = {}
        """Other entities' modules, shown disabled on request."""
        self._picker_layout: tuple[tuple[Section, ...], int] = ((), 0)
        self.no_match = QLabel(self.tr("Ningún módulo coincide con la búsqueda."))
        self.no_match.setStyleSheet("font-size: 16px;")
        self.no_match.setVisible(False)
        layout.addWidget(self.picker_title)
        layout.addWidget(self.picker_hint)
        layout.addLayout(tools)
        layout.addWidget(self.no_match)
        layout.addWidget(self.module_area, 1)
        QWidget.setTabOrder(self.module_search, self.others_toggle)
        self.session.loggedOut.connect(self._forget_search)
        return page

    @Slot()
    def _forget_search(self) -> None:
        """The next advisor at this PC starts from their own modules, unfiltered."""
        self.module_search.clear()
        self.others_toggle.setChecked(False)
        # Which modules are "theirs" depends on the account: build the cards anew.
        for card in [*self.module_buttons.values(), *self.other_cards.values()]:
            card.setParent(None)
            card.deleteLater()
        self.module_buttons.clear()
        self.other_cards.clear()
        self._picker_layout = ((), 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's naming
        """Reflow the cards when the scroll area's width changes."""
        if event.type() == QEvent.Type.Resize and watched is self.module_area:
            if self.session.logged_in and self.presenter.module_number is None:
                self._render_picker()
        return super().eventFilter(watched, event)

    # --- what is listed -------------------------------------------------------------------

    def _entity_name(self, code: str) -> str:
        entity = self.session.entities().get(code, {})
        return str(entity.get("short_name") or entity.get("name") or code)

    def _sections(self) -> list[Section]:
        """The advisor's modules (by entity when the account has none), then, if asked, others."""
        own = self.presenter.modules()
        own_numbers = {int(m["number"]) for m in own}
        entity = self.session.user.get("entity")
        sections = self._by_entity(own, mine=True)
        if entity and sections:
            sections[0] = Section(
                self.tr("Módulos de {entidad}").format(entidad=self._entity_name(entity)),
                sections[0].numbers,
                True,
            )
        if entity and self.others_toggle.isChecked():
            others = [
                m for m in self.session.state.modules() if int(m["number"]) not in own_numbers
            ]
            sections += self._by_entity(others, mine=False)
        return sections

    def _by_entity(self, modules: list[dict[str, Any]], *, mine: bool) -> list[Section]:
        groups: dict[str, list[int]] = {}
        for m in modules:
            groups.setdefault(str(m["entity"]), []).append(int(m["number"]))
        return [
            Section(self._entity_name(code), tuple(sorted(numbers)), mine)
            for code, numbers in groups.items()
        ]

    def _matches(self, m: dict[str, Any], words: list[str]) -> bool:
        if not words:
            return True
        entity = self.session.entities().get(m["entity"], {})
        haystack = folded(
            " ".join(
                str(v)
                for v in (
                    m["number"],
                    m["entity"],
                    entity.get("short_name"),
                    entity.get("name"),
                    m.get("advisor"),
                )
                if v
            )
        )
        # A number finds that module ("1" is not "12"); other words any part of a name.
        return all(
            (w == str(m["number"]) or w in haystack.split()) if w.isdigit() else w in haystack
            for w in words
        )

    # --- rendering ------------------------------------------------------------------------

    def _render_picker(self) -> None:
        if not self.session.logged_in:
            return
        modules = {int(m["number"]): m for m in self.session.state.modules()}
        entity = self.session.user.get("entity")
        own = self.presenter.modules()
        others = len(modules) - len(own)
        self.others_toggle.setVisible(bool(entity) and others > 0)
        self.others_toggle.setText(self.tr("Ver otros módulos ({n})").format(n=others))
        if not modules:
            self.picker_hint.setText(self.tr("Cargando los módulos del centro…"))
        elif not own:
            self.picker_hint.setText(self.tr("No hay módulos configurados para su entidad."))
        elif entity:
            self.picker_hint.setText(
                self.tr(
                    "Un módulo solo puede tener un asesor. Escriba para buscar; "
                    "Tab y Enter para elegir."
                )
            )
        else:
            self.picker_hint.setText(
                self.tr(
                    "Su cuenta no tiene entidad: puede atender en cualquier módulo. "
                    "Escriba para buscar; Tab y Enter para elegir."
                )
            )
        words = folded(self.module_search.text()).split()
        sections = []
        for section in self._sections():
            shown = tuple(n for n in section.numbers if self._matches(modules[n], words))
            if shown:
                sections.append(Section(section.title, shown, section.mine))
        self.no_match.setVisible(bool(words) and not sections)
        own_numbers = {int(m["number"]) for m in own}
        for number, m in modules.items():
            cards = self.module_buttons if number in own_numbers else self.other_cards
            if number not in cards:
                cards[number] = self._card(number)
            self._render_card(cards[number], m, mine=number in own_numbers)
        self._place(tuple(sections))

    def _card_of(self, number: int) -> QPushButton:
        return self.module_buttons.get(number) or self.other_cards[number]

    def _card(self, number: int) -> QPushButton:
        button = QPushButton(self.module_list)
        button.setStyleSheet(CARD_STYLE)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda _=False, n=number: self.presenter.take_module(n))
        button.setVisible(False)
        return button

    def _render_card(self, button: QPushButton, m: dict[str, Any], *, mine: bool) -> None:
        n = int(m["number"])
        held = self.presenter.held_module()
        if n == held:
            status = self.tr("Su módulo: pulse para seguir")
        elif m.get("advisor"):
            status = self.tr("Ocupado por {nombre}").format(nombre=m["advisor"])
        else:
            status = self.tr("Libre")
        text = "\n".join(
            [self.tr("Módulo {n}").format(n=n), self._entity_name(str(m["entity"])), status]
        )
        if button.text() != text:
            button.setText(text)
        button.setAccessibleName(text.replace("\n", ", "))
        primary = n == held
        if button.property("primary") != primary:
            button.setProperty("primary", primary)
            button.style().unpolish(button)
            button.style().polish(button)
        button.setEnabled(self.session.can_act() and mine)
        if not mine:
            button.setToolTip(self.tr("Solo puede atender en los módulos de su entidad."))
        else:
            button.setToolTip(self.session.disabled_reason())

    def _place(self, sections: tuple[Section, ...]) -> None:
        """Lay the cards out in as many columns as the width allows (only when that changed)."""
        buttons = [self._card_of(n) for s in sections for n in s.numbers]
        width = max([CARD_MIN_WIDTH] + [b.sizeHint().width() for b in buttons])
        # The area's width less a scroll bar, shown or not: the scroll bar coming and
        # going must not change the number of columns (that would reflow for ever).
        bar = self.module_area.verticalScrollBar().sizeHint().width()
        room = self.module_area.width() - bar - 12
        columns = max(1, (room + CARD_SPACING) // (width + CARD_SPACING))
        if self._picker_layout == (sections, columns):
            return
        self._picker_layout = (sections, columns)
        while self.module_sections.count():
            item = self.module_sections.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.setParent(None)
                w.deleteLater()
        for button in [*self.module_buttons.values(), *self.other_cards.values()]:
            button.setVisible(False)
            button.setParent(self.module_list)
        height = max([0] + [b.sizeHint().height() for b in buttons])
        previous: QWidget = self.others_toggle
        for section in sections:
            if len(sections) > 1 or not section.mine:
                heading = big_label(16)
                heading.setText(section.title)
                self.module_sections.addWidget(heading)
                heading.show()  # now, not on the next event loop pass
            grid_box = QWidget()
            self.module_sections.addWidget(grid_box)
            grid = QGridLayout(grid_box)
            grid.setContentsMargins(0, 4, 0, 12)
            grid.setSpacing(CARD_SPACING)
            for i, n in enumerate(section.numbers):
                button = self._card_of(n)
                button.setFixedHeight(height)
                button.setMinimumWidth(width)
                grid.addWidget(button, i // columns, i % columns)
                button.setVisible(True)
                QWidget.setTabOrder(previous, button)
                previous = button
            for c in range(columns):
                # Equal columns in every section, even a section of fewer cards.
                grid.setColumnStretch(c, 1)
                grid.setColumnMinimumWidth(c, width)
            grid_box.show()
        self.module_sections.addStretch(1)

    @Slot()
    def focus_search(self) -> None:
        """Put the cursor in the search field (the picker's first control)."""
        self.module_search.setFocus(Qt.FocusReason.OtherFocusReason)
