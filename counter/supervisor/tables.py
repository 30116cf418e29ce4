"""The monitor's live tables: sortable by any column, filtered by entity, words and waiting.

`LiveTable` is a `QTableView` over a `QStandardItemModel` behind a
`MonitorFilter` (a `QSortFilterProxyModel`). The monitor renders every second:
rows are updated in place by their key (a service code, a module number), so
the supervisor's sort, selection and scroll position survive the refresh.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from macturnos.client.ui import theme
from macturnos.counter.texts import folded

KEY_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ENTITY_ROLE = Qt.ItemDataRole.UserRole + 2
BUSY_ROLE = Qt.ItemDataRole.UserRole + 3

SortValue = int | float | str


@dataclass(frozen=True)
class Cell:
    """One cell: its text, the value it sorts by, and a warning colour if any."""

    text: str
    sort: SortValue | None = None
    colour: str | None = None
    tooltip: str = ""


@dataclass(frozen=True)
class Row:
    """One line of a table: its key, its entity (for the drill-down), its cells."""

    key: Hashable
    entity: str
    cells: Sequence[Cell]
    busy: bool = True
    """Whether it has people waiting (for "Solo con personas en espera")."""
    bold: bool = False
    extra: dict[str, str] = field(default_factory=dict)


class MonitorFilter(QSortFilterProxyModel):
    """Rows of one entity (or all), holding every word typed, optionally only busy ones."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entity: str | None = None
        self.words: list[str] = []
        self.only_busy = False
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_filter(self, entity: str | None, text: str, only_busy: bool) -> None:
        """Show only what matches; a no-op when nothing changed."""
        words = folded(text).split()
        if (entity, words, only_busy) == (self.entity, self.words, self.only_busy):
            return
        self.beginFilterChange()
        self.entity, self.words, self.only_busy = entity, words, only_busy
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(  # noqa: N802 - Qt's naming
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Whether a source row passes the entity, the busy switch and the words."""
        model = self.sourceModel()
        first = model.index(source_row, 0, source_parent)
        if self.entity and first.data(ENTITY_ROLE) != self.entity:
            return False
        if self.only_busy and not first.data(BUSY_ROLE):
            return False
        if not self.words:
            return True
        texts = [
            str(model.index(source_row, c, source_parent).data() or "")
            for c in range(model.columnCount(source_parent))
        ]
        haystack = folded(" ".join(texts + [str(first.data(ENTITY_ROLE) or "")]))
        return all(w in haystack for w in self.words)


class LiveTable(QTableView):
    """A sortable, filterable table whose rows are updated in place by key."""

    def __init__(
        self,
        headers: Sequence[str],
        name: str,
        *,
        stretch: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = QStandardItemModel(0, len(headers), self)
        self.source.setHorizontalHeaderLabels(list(headers))
        self.proxy = MonitorFilter(self)
        self.proxy.setSourceModel(self.source)
        self.setModel(self.proxy)
        self.setAccessibleName(name)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the configuration's order
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        # Two-line titles with little padding: the figures' columns stay narrow.
        header.setStyleSheet("QHeaderView::section { padding: 4px 3px; font-size: 13px; }")
        self.stretch = stretch

    # --- filling ---------------------------------------------------------------------

    def _rows_by_key(self) -> dict[Hashable, int]:
        out = {}
        for r in range(self.source.rowCount()):
            item = self.source.item(r, 0)
            if item is not None:
                out[item.data(KEY_ROLE)] = r
        return out

    def update_rows(self, rows: Sequence[Row]) -> None:
        """Show these rows: change the cells that changed, add and drop rows by key."""
        wanted = {row.key for row in rows}
        for r in reversed(range(self.source.rowCount())):
            item = self.source.item(r, 0)
            if item is None or item.data(KEY_ROLE) not in wanted:
                self.source.removeRow(r)
        where = self._rows_by_key()
        for order, row in enumerate(rows):
            found = where.get(row.key)
            if found is None:
                self.source.appendRow([QStandardItem() for _ in row.cells])
            r = self.source.rowCount() - 1 if found is None else found
            first = self.source.item(r, 0)
            assert first is not None
            first.setData(row.key, KEY_ROLE)
            first.setData(row.entity, ENTITY_ROLE)
            first.setData(row.busy, BUSY_ROLE)
            for c, cell in enumerate(row.cells):
                item = self.source.item(r, c)
                assert item is not None
                self._fill(item, cell, order if c == 0 and cell.sort is None else None, row.bold)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)

    @staticmethod
    def _fill(item: QStandardItem, cell: Cell, order: int | None, bold: bool) -> None:
        if item.text() != cell.text:
            item.setText(cell.text)
        sort = cell.sort if cell.sort is not None else (order if order is not None else cell.text)
        if item.data(SORT_ROLE) != sort:
            item.setData(sort, SORT_ROLE)
        if item.toolTip() != cell.tooltip:
            item.setToolTip(cell.tooltip)
        background = QBrush(QColor(cell.colour)) if cell.colour else QBrush()
        foreground = QBrush(QColor(theme.PAPER if cell.colour else theme.INK))
        if item.background() != background:
            item.setBackground(background)
            item.setForeground(foreground)
        if item.font().bold() != bold:
            font = item.font()
            font.setBold(bold)
            item.setFont(font)

    def fit_width(self) -> None:
        """At least as wide as every column's contents: never scrolled sideways."""
        header = self.horizontalHeader()
        columns = sum(
            max(header.sectionSizeHint(c), self.sizeHintForColumn(c))
            for c in range(self.source.columnCount())
        )
        bar = self.verticalScrollBar().sizeHint().width()
        width = columns + bar + 2 * self.frameWidth() + 2
        if self.minimumWidth() != width:
            self.setMinimumWidth(width)

    # --- reading (selection, tests) -----------------------------------------------------

    def _source_row(self, key: Hashable) -> int:
        row = self._rows_by_key().get(key)
        if row is None:
            raise KeyError(f"{key!r} is not listed")
        return row

    def text(self, key: Hashable, column: int) -> str:
        """A cell's text, by the row's key."""
        item = self.source.item(self._source_row(key), column)
        return item.text() if item is not None else ""

    def background(self, key: Hashable, column: int) -> QColor:
        """A cell's background colour, by the row's key."""
        item = self.source.item(self._source_row(key), column)
        return item.background().color() if item is not None else QColor()

    def shown_keys(self) -> list[Hashable]:
        """The keys of the rows shown, in the order shown (sorted, filtered)."""
        return [self.proxy.index(r, 0).data(KEY_ROLE) for r in range(self.proxy.rowCount())]

    def selected_key(self) -> Hashable | None:
        """The key of the selected row, if any."""
        rows = self.selectionModel().selectedRows()
        return rows[0].data(KEY_ROLE) if rows else None

    def select_key(self, key: Hashable) -> None:
        """Select a row by key (it must be shown)."""
        source = self.source.index(self._source_row(key), 0)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            raise KeyError(f"{key!r} is filtered out")
        self.selectRow(index.row())
        self.scrollTo(index)
