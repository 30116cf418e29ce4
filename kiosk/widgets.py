"""Touch widgets of the kiosk: wrapping buttons, on-screen keyboards, finger-scrolled lists."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from macturnos.client.ui import theme
from macturnos.kiosk.contrast import text_on

TOUCH_FOCUS = Qt.FocusPolicy.TabFocus
"""Buttons take focus from the keyboard only: a tap leaves no focus ring behind on the
touchscreen, while a keyboard or switch user still sees where the focus is."""


def touch_px(widget: QWidget | None = None, factor: float = 1.0) -> int:
    """The minimum touch size (theme.MIN_TOUCH_MM) in pixels, times `factor`."""
    return max(1, round(theme.mm_to_px(theme.MIN_TOUCH_MM, widget) * factor))


def label(
    text: str = "",
    *,
    size: int = 20,
    bold: bool = False,
    colour: str = theme.INK,
    wrap: bool = True,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> QLabel:
    """A label in the kiosk's type scale."""
    lab = QLabel(text)
    lab.setWordWrap(wrap)
    lab.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    style_label(lab, size=size, bold=bold, colour=colour)
    return lab


def style_label(lab: QLabel, *, size: int, bold: bool = False, colour: str = theme.INK) -> None:
    """Set a label's type size, weight and colour (kept for later recolouring)."""
    lab.setProperty("pt", size)
    lab.setProperty("bold", bold)
    weight = "bold" if bold else "normal"
    lab.setStyleSheet(
        f"color: {colour}; font-size: {size}pt; font-weight: {weight}; background: transparent;"
    )


def recolour(lab: QLabel, colour: str) -> None:
    """Change a kiosk label's colour, keeping its size and weight."""
    style_label(
        lab, size=int(lab.property("pt") or 20), bold=bool(lab.property("bold")), colour=colour
    )


class TileButton(QPushButton):
    """A large button with a wrapped title, an optional second line and picture."""

    def __init__(
        self,
        background: str = theme.NAVY,
        *,
        title_pt: int = 22,
        min_height_factor: float = 1.6,
        vertical: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.background = background
        self.setMinimumHeight(touch_px(self, min_height_factor))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(TOUCH_FOCUS)
        box = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        box.setContentsMargins(18, 10, 18, 10)
        box.setSpacing(16)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.hide()
        box.addWidget(self.picture)
        texts = QVBoxLayout()
        texts.setSpacing(4)
        centre = Qt.AlignmentFlag.AlignHCenter if vertical else Qt.AlignmentFlag.AlignLeft
        self.title = label(size=title_pt, bold=True, align=centre)
        self.detail = label(size=max(16, title_pt - 4), align=centre)
        self.detail.hide()
        texts.addWidget(self.title)
        texts.addWidget(self.detail)
        box.addLayout(texts, 1)
        for child in (self.picture, self.title, self.detail):
            # The whole tile is the target: taps on the text must reach the button.
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.set_colours(background)

    def set_colours(
        self, background: str, ink: str | None = None, detail_ink: str | None = None
    ) -> None:
        """Paint the tile (ink chosen by computed contrast unless given)."""
        self.background = background
        ink = ink or text_on(background)
        self.setStyleSheet(
            f"TileButton {{ background: {background}; border: 3px solid {background};"
            f" border-radius: 14px; }}"
            f" TileButton:pressed {{ border: 6px solid {theme.FOCUS}; }}"
            f" TileButton:focus {{ border: 6px solid {theme.FOCUS}; }}"
        )
        recolour(self.title, ink)
        recolour(self.detail, detail_ink or ink)

    def set_texts(self, title: str, detail: str | None = None) -> None:
        """Set the title and the optional second line."""
        self.title.setText(title)
        self.detail.setVisible(bool(detail))
        self.detail.setText(detail or "")
        self.setAccessibleName(f"{title}. {detail}" if detail else title)

    def set_picture(self, pixmap: QPixmap | None) -> None:
        """Show a picture at the tile's left (None hides it)."""
        self.picture.setVisible(pixmap is not None)
        if pixmap is not None:
            self.picture.setPixmap(pixmap)


def action_button(
    text: str = "", background: str = theme.NAVY, *, size: int = 22, factor: float = 1.2
) -> QPushButton:
    """A plain large button (navigation, confirmations)."""
    b = QPushButton(text)
    b.setMinimumHeight(touch_px(b, factor))
    b.setMinimumWidth(touch_px(b, 3))
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    b.setFocusPolicy(TOUCH_FOCUS)
    ink = text_on(background)
    b.setStyleSheet(
        f"QPushButton {{ background: {background}; color: {ink}; font-size: {size}pt;"
        f" font-weight: bold; border-radius: 12px; padding: 8px 24px;"
        f" border: 3px solid {background}; }}"
        f" QPushButton:pressed, QPushButton:focus {{ border: 6px solid {theme.FOCUS}; }}"
        f" QPushButton:disabled {{ background: #D1D5DB; color: #4B5563;"
        f" border-color: #D1D5DB; }}"
    )
    return b


def language_button(name: str, *, size: int = 20) -> QPushButton:
    """A language of the footer: the one in use looks selected (filled, ✓), never greyed."""
    b = QPushButton(name)
    b.setCheckable(True)
    b.setMinimumHeight(touch_px(b, 1.2))
    b.setMinimumWidth(touch_px(b, 3))
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    b.setFocusPolicy(TOUCH_FOCUS)
    b.setStyleSheet(
        f"QPushButton {{ background: {theme.PAPER}; color: {theme.NAVY}; font-size: {size}pt;"
        f" font-weight: bold; border-radius: 12px; padding: 8px 24px;"
        f" border: 3px solid {theme.NAVY}; }}"
        f" QPushButton:checked {{ background: {theme.NAVY}; color: {theme.PAPER}; }}"
        f" QPushButton:pressed, QPushButton:focus {{ border: 6px solid {theme.FOCUS}; }}"
    )

    def mark(checked: bool) -> None:
        b.setText(f"✓ {name}" if checked else name)
        b.setAccessibleName(name)
        b.setAccessibleDescription("seleccionado" if checked else "")

    b.toggled.connect(mark)
    return b


class TouchScrollArea(QScrollArea):
    """A scroll area moved with the finger, with a wide bar for those who prefer it."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet(
            "QScrollArea { background: transparent; }"
            " QScrollBar:vertical { width: 28px; background: #E5E7EB; border-radius: 14px; }"
            f" QScrollBar::handle:vertical {{ background: {theme.MUTED}; border-radius: 14px;"
            " min-height: 80px; }"
            " QScrollBar::add-line, QScrollBar::sub-line { height: 0; }"
        )
        content.setStyleSheet("background: transparent;")
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)


def clear_layout(layout: QGridLayout | QBoxLayout) -> None:
    """Remove and delete every widget of a layout (and a grid's row stretches)."""
    if isinstance(layout, QGridLayout):
        for row in range(layout.rowCount()):
            layout.setRowStretch(row, 0)
    while layout.count():
        item = layout.takeAt(0)
        w = item.widget() if item is not None else None
        if w is not None:
            # Deleted by Qt on the GUI thread, never by Python's collector elsewhere.
            w.hide()
            w.deleteLater()


class Keyboard(QWidget):
    """An on-screen keyboard: letters (with Ñ) and digits, or digits only."""

    typed = Signal(str)
    erased = Signal()

    LETTERS = ("1234567890", "QWERTYUIOP", "ASDFGHJKLÑ", "ZXCVBNM-")
    DIGITS = ("123", "456", "789")

    def __init__(self, digits_only: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.digits_only = digits_only
        grid = QGridLayout(self)
        grid.setSpacing(8)
        grid.setContentsMargins(0, 0, 0, 0)
        key_h = touch_px(self, 1.6 if digits_only else 1.15)
        rows = self.DIGITS if digits_only else self.LETTERS
        self.keys: dict[str, QPushButton] = {}
        for r, row in enumerate(rows):
            for c, ch in enumerate(row):
                b = self._key(ch, key_h)
                b.clicked.connect(lambda _=False, ch=ch: self.typed.emit(ch))
                if digits_only:
                    grid.addWidget(b, r, c)
                else:
                    grid.addWidget(b, r, 2 * c + (r == 3) * 1, 1, 2)
        last = len(rows)
        self.erase = self._key("⌫", key_h)
        self.erase.clicked.connect(self.erased)
        if digits_only:
            zero = self._key("0", key_h)
            zero.clicked.connect(lambda: self.typed.emit("0"))
            grid.addWidget(zero, last, 1)
            grid.addWidget(self.erase, last, 2)
        else:
            self.space = self._key("", key_h)
            self.space.clicked.connect(lambda: self.typed.emit(" "))
            grid.addWidget(self.space, last, 4, 1, 12)
            grid.addWidget(self.erase, last, 16, 1, 4)
        self.retranslate()

    def _key(self, text: str, height: int) -> QPushButton:
        b = QPushButton(text)
        b.setMinimumHeight(height)
        b.setMinimumWidth(touch_px(self))
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        b.setStyleSheet(
            f"QPushButton {{ background: #F3F4F6; color: {theme.INK}; font-size: 24pt;"
            f" font-weight: bold; border: 2px solid {theme.MUTED}; border-radius: 10px; }}"
            f" QPushButton:pressed {{ background: {theme.FOCUS}; }}"
        )
        self.keys[text] = b
        return b

    def retranslate(self) -> None:
        """Texts of the keys that have words."""
        self.erase.setAccessibleName(self.tr("Borrar"))
        if not self.digits_only:
            self.space.setText(self.tr("Espacio"))
