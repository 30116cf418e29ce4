"""Widgets of the counter app: key-labelled action buttons, the message line, big numbers."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QWidget,
)

from macturnos.client.ui import theme

BUTTON_MIN_HEIGHT = 72


def counter_style() -> str:
    """The app's style sheet: large controls, visible focus, clear disabled state."""
    return f"""
        QWidget {{ color: {theme.INK}; background: {theme.PAPER}; }}
        QPushButton {{
            background: #E5E7EB; border: 2px solid #9CA3AF; border-radius: 6px;
            padding: 8px 14px; font-size: 15px; font-weight: bold; min-height: 36px;
        }}
        QPushButton:disabled {{ color: #6B7280; background: #F3F4F6; border-color: #D1D5DB; }}
        QPushButton[primary="true"] {{ background: {theme.NAVY}; color: {theme.PAPER};
            border-color: {theme.NAVY}; }}
        QPushButton[primary="true"]:disabled {{ background: #F3F4F6; color: #6B7280;
            border-color: #D1D5DB; }}
        QPushButton[danger="true"] {{ background: {theme.DANGER}; color: {theme.PAPER};
            border-color: {theme.DANGER}; }}
        QPushButton[danger="true"]:disabled {{ background: #F3F4F6; color: #6B7280;
            border-color: #D1D5DB; }}
        QLineEdit, QComboBox, QPlainTextEdit {{ border: 2px solid #9CA3AF; border-radius: 4px;
            padding: 6px; font-size: 15px; min-height: 28px; }}
        QTableWidget, QTreeWidget, QListWidget {{ font-size: 14px; gridline-color: #D1D5DB;
            border: 1px solid #D1D5DB; }}
        QTreeWidget::item, QListWidget::item {{ padding: 5px; }}
        QTreeWidget, QListWidget {{ font-size: 15px; }}
        QHeaderView::section {{ background: #E5E7EB; font-weight: bold; padding: 6px;
            border: none; border-right: 1px solid #D1D5DB; }}
        QTabBar::tab {{ padding: 10px 22px; font-size: 15px; font-weight: bold; }}
        QTabBar::tab:selected {{ background: {theme.NAVY}; color: {theme.PAPER}; }}
        QGroupBox {{ font-weight: bold; font-size: 15px; border: 1px solid #D1D5DB;
            border-radius: 6px; margin-top: 14px; padding-top: 10px; }}
        QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; }}
        {theme.focus_style()}
        /* The focus frame is 2 px thicker than the usual border: take it from the
           padding, so a focused control's text keeps its room (never cut). */
        QPushButton:focus {{ padding: 6px 12px; }}
        QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus {{ padding: 4px; }}
    """


class ActionButton(QPushButton):
    """A large button showing its keyboard shortcut under the label."""

    def __init__(
        self,
        text: str,
        key: str | None = None,
        parent: QWidget | None = None,
        *,
        primary: bool = False,
        danger: bool = False,
    ) -> None:
        super().__init__(parent)
        self.label = text
        self.key = key
        self.set_label(text)
        self.setMinimumHeight(BUTTON_MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setProperty("primary", primary)
        self.setProperty("danger", danger)
        font = self.font()
        font.setPointSize(15)
        font.setBold(True)
        self.setFont(font)

    def set_label(self, text: str) -> None:
        """Show a new label and keep the key: `setText` alone drops the shortcut."""
        self.label = text
        self.setText(f"{text}\n[{self.key}]" if self.key else text)
        if self.key:
            # QAbstractButton.setText() clears a shortcut set before it; set it again.
            self.setShortcut(QKeySequence(self.key))
        self.setAccessibleName(text)

    def set_allowed(self, allowed: bool, why_not: str = "") -> None:
        """Enable the button, or disable it with the reason as its tooltip."""
        self.setEnabled(allowed)
        self.setToolTip("" if allowed else why_not)


class MessageLine(QLabel):
    """One line of feedback: the server's Spanish reason in red, confirmations in green."""

    def __init__(self, parent: QWidget | None = None, *, collapse: bool = False) -> None:
        super().__init__(parent)
        self.collapse = collapse
        """Hidden while there is nothing to say (where room is short)."""
        self.setWordWrap(True)
        self.setMinimumHeight(40)
        self.setAccessibleName(self.tr("Mensajes"))
        self.clear_message()

    def show_error(self, text: str) -> None:
        """Show a refusal or failure."""
        self._show(text, theme.DANGER)

    def show_info(self, text: str) -> None:
        """Show a confirmation."""
        self._show(text, theme.OK)

    def show_warning(self, text: str) -> None:
        """Show a result that stands with reservations (opened with incidents)."""
        self._show(text, theme.WARNING)

    def show_progress(self, text: str) -> None:
        """Show that something is under way (neither success nor failure: not green)."""
        self._show(text, theme.NAVY)

    @Slot(str, bool)
    def show_message(self, text: str, error: bool) -> None:
        """Show a presenter's message: a refusal when `error`, else a confirmation."""
        if error:
            self.show_error(text)
        else:
            self.show_info(text)

    def _show(self, text: str, colour: str) -> None:
        self.setText(text)
        if self.collapse:
            self.setVisible(True)
        self.setStyleSheet(
            f"background: {colour}; color: {theme.PAPER}; font-size: 16px; font-weight: bold;"
            " padding: 8px; border-radius: 4px;"
        )

    def clear_message(self) -> None:
        """Nothing to say."""
        self.setText("")
        self.setStyleSheet("background: transparent; padding: 8px;")
        if self.collapse:
            self.setVisible(False)

    @property
    def is_error(self) -> bool:
        """Whether an error is shown now (tests, accessibility)."""
        return theme.DANGER in self.styleSheet() and bool(self.text())


def big_label(size: int, *, bold: bool = True, parent: QWidget | None = None) -> QLabel:
    """A label with a large font (ticket numbers, headings)."""
    label = QLabel(parent)
    font = QFont(label.font())
    font.setPointSize(size)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class WrappingDelegate(QStyledItemDelegate):
    """Tree rows as tall as their text wrapped at the column's width.

    A `QTreeView` measures a row without telling the delegate the column's width,
    so a long name (official service names pass 100 characters) would be wrapped
    into a one-line row and cut. This delegate measures it at the width the
    column has now; the view lays its rows out again when a column is resized.
    """

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(  # noqa: N802 - Qt's naming
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """The usual size, taller when the text needs more lines at the column's width."""
        hint = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if not opt.text:
            return hint
        width = self.view.columnWidth(index.column())
        if index.column() == 0:
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= self.view.indentation() * (depth + int(self.view.rootIsDecorated()))
        fm = opt.fontMetrics
        margins = max(0, hint.width() - fm.horizontalAdvance(opt.text))
        room = QRect(0, 0, max(1, width - margins), 100_000)
        lines = fm.boundingRect(room, Qt.TextFlag.TextWordWrap, opt.text).height()
        return QSize(hint.width(), max(hint.height(), lines + hint.height() - fm.height()))


def wrap_long_names(view: QTreeView | QTableView) -> None:
    """Wrap long names (official service names pass 100 characters) rather than cut them.

    A tree measures its rows with `WrappingDelegate` and lays them out again when a
    column's width changes; a table resizes each row to its wrapped contents.
    """
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    if isinstance(view, QTableView):
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return
    view.setUniformRowHeights(False)
    view.setItemDelegate(WrappingDelegate(view))
    relayout = QTimer(view)
    relayout.setSingleShot(True)
    relayout.setInterval(0)
    relayout.timeout.connect(view.doItemsLayout)
    view.header().sectionResized.connect(lambda *_: relayout.start())


class PageStack(QStackedWidget):
    """A stack of screens as large as the screen shown, not as the largest one.

    A `QStackedWidget` asks for the biggest minimum size of all its pages, so one
    wide screen (reception's, say) would make the advisor's window wider than a
    1366 px laptop, and without a window manager the window grows to it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's naming
        """The shown page's preferred size."""
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's naming
        """The shown page's minimum size."""
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())
