"""The survey tablet's one window: five large faces, the reasons as chips, a comment.

Two taps at most: a reason (optional), then a face, which sends the rating. Texts
come from the one catalogue (`domain.survey`), in Spanish or Quechua, the same
sentences as the phone's page. Sized for a 10" tablet either way up (1280x800,
800x1280): every touch target at least 15 mm there (90 px).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from macturnos.domain.survey import (
    ABOUT,
    AT_THE_END,
    ATTENTION,
    COMMENT,
    FACE_COLOUR,
    FACE_INK,
    HOW_WAS_IT,
    MAX_COMMENT_CHARS,
    MODULE,
    REASONS,
    SCORES,
    SMILE,
    TAP_A_FACE,
    THANKS,
    UNSENT,
)
from macturnos.kiosk.survey.presenter import LANGUAGES, SurveyPresenter
from macturnos.messages import translation

TOUCH_PX = 90
"""15 mm on a 10-inch 1280x800 tablet (about 6 px per mm)."""
INK, PAPER, CHOSEN, PLACEHOLDER = "#1A1A1A", "#FFFFFF", "#0B5D1E", "#555555"
LANGUAGE_NAMES = {"es": "Español", "qu": "Runasimi"}

# Qt's own grey placeholder is too faint on white (under 4.5:1): PLACEHOLDER is 7.5:1.
STYLE = f"""
QWidget#survey {{ background: {PAPER}; }}
QLabel {{ color: {INK}; }}
QPushButton, QToolButton {{ background: {PAPER}; color: {INK}; border: 3px solid {INK};
  border-radius: 12px; padding: 6px 12px; }}
QPushButton:checked {{ background: {CHOSEN}; color: {PAPER}; border-color: {CHOSEN}; }}
QPushButton:focus, QToolButton:focus {{ outline: none; }}
QLineEdit {{ border: 2px solid {INK}; border-radius: 8px; padding: 8px; color: {INK};
  background: {PAPER}; placeholder-text-color: {PLACEHOLDER}; }}
"""


FACE_PX = 96


def face_icon(score: int, px: int = FACE_PX) -> QIcon:
    """The face of a score (`domain.survey.SMILE`), drawn: no emoji font needed."""
    pixmap = QPixmap(px, px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(px / 100, px / 100)
    ink = QColor(FACE_INK)
    painter.setPen(QPen(ink, 4))
    painter.setBrush(QColor(FACE_COLOUR))
    painter.drawEllipse(QPointF(50, 50), 46, 46)
    painter.setBrush(ink)
    for x in (35, 65):
        painter.drawEllipse(QPointF(x, 40), 6, 6)
    mouth = QPainterPath(QPointF(30, 66))
    mouth.quadTo(QPointF(50, 66 + 2 * SMILE[score]), QPointF(70, 66))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(ink, 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawPath(mouth)
    painter.end()
    return QIcon(pixmap)


def _font(px: int, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(px)
    font.setBold(bold)
    return font


class SurveyWindow(QWidget):
    """Idle (waiting for an attention to end), asking, thanks."""

    def __init__(self, presenter: SurveyPresenter, *, windowed: bool = False) -> None:
        super().__init__()
        self.presenter = presenter
        self.setObjectName("survey")
        self.setStyleSheet(STYLE)
        self.setWindowTitle("MAC Turnos - Encuesta")
        self.stack = QStackedLayout(self)
        # The window is the tablet's screen: its size is given, and the reason chips
        # re-flow to it (resizeEvent), so the layout must not pin a minimum first.
        self.stack.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.idle_page, self.idle_title, self.idle_text = self._message_page()
        self.thanks_page, self.thanks_title, self.thanks_text = self._message_page()
        self.ask_page = self._ask_page()
        for page in (self.idle_page, self.ask_page, self.thanks_page):
            self.stack.addWidget(page)
        presenter.changed.connect(self.show_state)
        if not windowed:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        self.show_state()

    # --- layout ---------------------------------------------------------------------

    def _message_page(self) -> tuple[QWidget, QLabel, QLabel]:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(40, 40, 40, 40)
        title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        title.setFont(_font(56, bold=True))
        title.setWordWrap(True)
        text = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        text.setFont(_font(34))
        text.setWordWrap(True)
        box.addStretch(1)
        box.addWidget(title)
        box.addWidget(text)
        box.addStretch(1)
        box.addLayout(self._language_row())
        return page, title, text

    def _language_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        for lang in LANGUAGES:
            button = QPushButton(LANGUAGE_NAMES[lang])
            button.setFont(_font(24))
            button.setMinimumSize(180, TOUCH_PX)
            button.setCheckable(True)
            button.setProperty("language", lang)
            button.clicked.connect(lambda _=False, lang=lang: self.presenter.set_language(lang))
            row.addWidget(button)
        return row

    def _ask_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setContentsMargins(28, 14, 28, 14)
        box.setSpacing(8)
        self.question = QLabel()
        self.question.setFont(_font(44, bold=True))
        self.question.setWordWrap(True)
        header = QHBoxLayout()
        header.addWidget(self.question, 1)
        header.addLayout(self._language_row())
        self.attention = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.attention.setFont(_font(28))
        self.attention.setWordWrap(True)
        self.about = QLabel()
        self.about.setFont(_font(24))
        self.about.setWordWrap(True)
        self.reasons = QGridLayout()
        self.reasons.setSpacing(10)
        self.reason_buttons: dict[str, QPushButton] = {}
        for key in REASONS:
            button = QPushButton()
            button.setCheckable(True)
            button.setFont(_font(22))
            button.setMinimumHeight(TOUCH_PX)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, key=key: self.presenter.choose_reason(key))
            self.reason_buttons[key] = button
        self._place_reasons(3)
        self.comment = QLineEdit()
        self.comment.setFont(_font(22))
        self.comment.setMaxLength(MAX_COMMENT_CHARS)
        self.comment.setMinimumHeight(TOUCH_PX)
        self.tap = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.tap.setFont(_font(26, bold=True))
        self.tap.setWordWrap(True)
        faces = QHBoxLayout()
        faces.setSpacing(12)
        self.face_buttons: dict[int, QToolButton] = {}
        for score in sorted(SCORES):
            face_button = QToolButton()
            face_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            face_button.setIcon(face_icon(score))
            face_button.setIconSize(QSize(FACE_PX, FACE_PX))
            face_button.setFont(_font(21))
            face_button.setMinimumSize(TOUCH_PX + 30, TOUCH_PX + 50)
            face_button.setMaximumHeight(FACE_PX * 3)
            face_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            face_button.clicked.connect(lambda _=False, score=score: self._rate(score))
            faces.addWidget(face_button, 1)
            self.face_buttons[score] = face_button
        box.addLayout(header)
        for widget in (self.attention, self.about):
            box.addWidget(widget)
        box.addLayout(self.reasons)
        box.addWidget(self.comment)
        box.addWidget(self.tap)
        box.addLayout(faces, 1)
        box.addStretch(0)
        return page

    def _place_reasons(self, columns: int) -> None:
        """The reason chips in rows of `columns` (three across, two when upright)."""
        for i, button in enumerate(self.reason_buttons.values()):
            self.reasons.removeWidget(button)
            self.reasons.addWidget(button, i // columns, i % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's naming
        """Upright (portrait) tablets get two chips a row: their words stay whole."""
        self._place_reasons(3 if event.size().width() > event.size().height() else 2)
        super().resizeEvent(event)

    # --- what it shows --------------------------------------------------------------

    def _rate(self, score: int) -> None:
        self.presenter.rate(score, self.comment.text().strip() or None)

    def show_state(self) -> None:
        """Show the presenter's state in its language."""
        p = self.presenter
        say = translation(p.language).gettext
        for button in self.findChildren(QPushButton):
            lang = button.property("language")
            if lang:
                button.setChecked(lang == p.language)
        if p.state == "asking" and p.ticket is not None:
            self.question.setText(say(HOW_WAS_IT))
            self.attention.setText(
                say(ATTENTION).format(number=p.ticket["number"], service=p.ticket["service_name"])
            )
            self.about.setText(say(ABOUT))
            for key, button in self.reason_buttons.items():
                button.setText(say(REASONS[key]))
                button.setChecked(key == p.reason)
            self.comment.setPlaceholderText(say(COMMENT))
            self.tap.setText(say(UNSENT) if p.problem == "unsent" else say(TAP_A_FACE))
            for score, face_button in self.face_buttons.items():
                face_button.setText(say(SCORES[score]))
                face_button.setAccessibleName(say(SCORES[score]))
            self.stack.setCurrentWidget(self.ask_page)
        elif p.state == "thanks":
            self.thanks_title.setText(say(THANKS))
            self.thanks_text.setText("")
            self.comment.clear()
            self.stack.setCurrentWidget(self.thanks_page)
        else:
            self.idle_title.setText(say(MODULE).format(module=p.module))
            self.idle_text.setText(say(AT_THE_END))
            self.stack.setCurrentWidget(self.idle_page)
