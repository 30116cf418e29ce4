"""Geometry checks of a Qt window: nothing clipped, overlapping or off the window.

`layout_problems(window)` walks every visible widget of a window laid out at its
final size and returns one sentence per problem:

- outside: a widget (not inside a scroll area's viewport, where scrolling shows it)
  that reaches past the window's edges;
- overlap: two visible siblings placed by the same layout whose rectangles meet;
- clipped: a label, button or combo box whose text (measured with its font's
  metrics) is wider or taller than the room its widget gives it; a table, tree or
  list cell whose text is cut (elided) by its column; a header whose title is cut.

The window's minimum size must also fit the screen (`too_big`): without a window
manager a top-level window grows to its minimum size hint.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QTreeView,
    QWidget,
)

SLACK = 1
"""Pixels of rounding allowed at an edge."""
ROWS_CHECKED = 60
"""Cells of at most this many visible rows per view are measured."""


def _in_scrolled_content(widget: QWidget, window: QWidget) -> bool:
    """Whether the widget lives inside a scroll area's viewport (scrolling reaches it)."""
    w = widget.parentWidget()
    while w is not None and w is not window:
        area = w.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is w:
            return True
        w = area
    return False


def _visible_widgets(window: QWidget) -> Iterator[QWidget]:
    for w in window.findChildren(QWidget):
        if w.isVisible() and not w.isWindow() and w.width() > 0 and w.height() > 0:
            yield w


def _name(w: QWidget) -> str:
    text = ""
    if isinstance(w, QLabel | QPushButton):
        text = w.text().replace("\n", " / ")[:50]
    label = w.accessibleName() or w.objectName()
    return f"{type(w).__name__}({label or text!r})"


def _in_layout(layout: QLayout | None, widget: QWidget) -> bool:
    if layout is None:
        return False
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if item.widget() is widget:
            return True
        if item.layout() is not None and _in_layout(item.layout(), widget):
            return True
    return False


def outside(window: QWidget) -> list[str]:
    """Widgets reaching past the window (scroll areas' contents excepted)."""
    frame = window.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
    out = []
    for w in _visible_widgets(window):
        if _in_scrolled_content(w, window):
            continue
        top_left = w.mapTo(window, w.rect().topLeft())
        rect = QRect(top_left, w.size())
        if not frame.contains(rect):
            out.append(f"outside: {_name(w)} at {rect.getRect()} in {window.size().toTuple()}")
    return out


def overlaps(window: QWidget) -> list[str]:
    """Visible siblings placed by their parent's layout that overlap."""
    out = []
    parents = {id(w.parentWidget()): w.parentWidget() for w in _visible_widgets(window)}
    for parent in parents.values():
        if parent is None:
            continue
        layout = parent.layout()
        kids = [
            k
            for k in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if k.isVisible() and not k.isWindow() and _in_layout(layout, k)
        ]
        for i, a in enumerate(kids):
            for b in kids[i + 1 :]:
                meet = a.geometry().intersected(b.geometry())
                if meet.width() > SLACK and meet.height() > SLACK:
                    out.append(f"overlap: {_name(a)} and {_name(b)} in {_name(parent)}")
    return out


def _label_clipped(label: QLabel) -> bool:
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return False
    room = label.contentsRect()
    margin = label.margin() * 2
    if label.wordWrap() or label.textFormat() == Qt.TextFormat.RichText or "<" in text:
        needed_h = label.heightForWidth(label.width())
        if needed_h < 0:
            needed_h = label.sizeHint().height()
        return needed_h > label.height() + SLACK
    fm = label.fontMetrics()
    lines = text.split("\n")
    width = max(fm.horizontalAdvance(line) for line in lines)
    height = fm.height() * len(lines)
    return width > room.width() - margin + SLACK or height > room.height() - margin + SLACK


def _style(widget: QWidget) -> QStyle:
    # PySide now and then hands back a stale wrapper for a widget's style sheet style
    # (seen as a QWidgetItem): ask once more, then fall back to the application's.
    for _ in range(2):
        style = widget.style()
        if isinstance(style, QStyle):
            return style
    return QApplication.style()


def _button_clipped(button: QPushButton) -> bool:
    text = button.text()
    if not text:
        return False
    opt = QStyleOptionButton()
    button.initStyleOption(opt)
    room = _style(button).subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, button)
    fm = button.fontMetrics()
    lines = text.replace("&&", "&").split("\n")
    width = max(fm.horizontalAdvance(line) for line in lines)
    if not button.icon().isNull():
        width += button.iconSize().width() + 4
    height = fm.height() * len(lines)
    return width > room.width() + SLACK or height > room.height() + SLACK


def _combo_clipped(combo: QComboBox) -> bool:
    text = combo.currentText()
    if not text:
        return False
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    room = _style(combo).subControlRect(
        QStyle.ComplexControl.CC_ComboBox, opt, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return combo.fontMetrics().horizontalAdvance(text) > room.width() + SLACK


def _cells_clipped(view: QAbstractItemView) -> list[str]:
    """Cells whose text the view elides, and header titles cut by their section."""
    model = view.model()
    if model is None:
        return []
    out: list[str] = []
    if view.horizontalScrollBar().isVisible():
        out.append(f"clipped: {_name(view)} needs scrolling sideways to be read")
    header = (
        view.header() if isinstance(view, QTreeView) else getattr(view, "horizontalHeader", None)
    )
    header = header() if callable(header) else header
    if isinstance(header, QHeaderView) and header.isVisible():
        if header.length() > view.viewport().width() + SLACK:
            out.append(
                f"clipped: {_name(view)} columns need {header.length()} px, "
                f"{view.viewport().width()} shown"
            )
        fm = header.fontMetrics()
        for c in range(header.count()):
            if header.isSectionHidden(c):
                continue
            title = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
            # The style's section padding (6 px a side) and the sort arrow's room.
            width = max(fm.horizontalAdvance(line) for line in title.split("\n"))
            needed = width + 12 + (16 if view.isSortingEnabled() else 0)
            if needed > header.sectionSize(c) + SLACK:
                out.append(f"clipped header {title!r} of {_name(view)}")
    rows: list[QModelIndex] = []

    def walk(parent: QModelIndex) -> None:
        for r in range(model.rowCount(parent)):
            if len(rows) >= ROWS_CHECKED:
                return
            index = model.index(r, 0, parent)
            rect = view.visualRect(index)
            if rect.isValid() and rect.intersects(view.viewport().rect()):
                rows.append(index)
            if isinstance(view, QTreeView) and view.isExpanded(index):
                walk(index)

    walk(QModelIndex())
    columns = header.count() if isinstance(header, QHeaderView) else 1
    for first in rows:
        for c in range(columns):
            index = first.siblingAtColumn(c)
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            if not text:
                continue
            rect = view.visualRect(index)
            if rect.width() <= 0:
                continue
            hint = view.sizeHintForIndex(index).width()
            if hint <= rect.width() + SLACK:
                continue
            if view.wordWrap():
                # Wrapped at spaces: the text's height at the cell's width (less the
                # delegate's own margins) must fit the row, and no word may be wider.
                font = index.data(Qt.ItemDataRole.FontRole)
                fm = QFontMetrics(font) if isinstance(font, QFont) else view.fontMetrics()
                margins = max(0, hint - fm.horizontalAdvance(text))
                room = QRect(0, 0, max(1, rect.width() - margins), 100_000)
                box = fm.boundingRect(room, Qt.TextFlag.TextWordWrap, text)
                if box.height() <= rect.height() + SLACK and box.width() <= room.width() + SLACK:
                    continue
            out.append(f"clipped cell {text[:40]!r} ({hint} px in {rect.width()}) of {_name(view)}")
    return out


def clipped(window: QWidget) -> list[str]:
    """Texts wider or taller than their widget."""
    out = []
    for w in _visible_widgets(window):
        if isinstance(w, QLabel) and _label_clipped(w):
            out.append(f"clipped: {_name(w)} {w.size().toTuple()}")
        elif isinstance(w, QPushButton) and _button_clipped(w):
            out.append(f"clipped: {_name(w)} {w.size().toTuple()}")
        elif isinstance(w, QComboBox) and _combo_clipped(w):
            out.append(f"clipped: {_name(w)} {w.currentText()!r} {w.size().toTuple()}")
        elif isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView):
            out.extend(_cells_clipped(w))
    return out


def too_big(window: QWidget, width: int, height: int) -> list[str]:
    """The window's minimum size does not fit the screen."""
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    if hint.width() <= width and hint.height() <= height:
        return []
    out = [f"too big: minimum size {hint.toTuple()} on a {width}x{height} screen"]

    def needs(w: QWidget) -> tuple[int, int]:
        h = w.minimumSizeHint().expandedTo(w.minimumSize())
        return h.width(), h.height()

    # Name the innermost widgets that ask for more than the screen (the culprits).
    wide = [
        w
        for w in window.findChildren(QWidget)
        if not w.isWindow()
        and not _in_scrolled_content(w, window)
        and (needs(w)[0] > width - 40 or needs(w)[1] > height - 100)
    ]
    for w in wide:
        if not any(other is not w and w.isAncestorOf(other) for other in wide):
            out.append(f"too big: {_name(w)} asks for {needs(w)}")
    return out


def layout_problems(window: QWidget) -> list[str]:
    """Every geometry problem of a shown window at its current size."""
    return outside(window) + overlaps(window) + clipped(window)
