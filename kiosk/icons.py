"""Pictograms of the preferential categories, drawn with QPainter (no image files)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

Drawer = Callable[[QPainter, float], None]


def _pen(p: QPainter, width: float) -> None:
    pen = QPen(
        p.brush().color(),
        width,
        Qt.PenStyle.SolidLine,
        Qt.PenCapStyle.RoundCap,
        Qt.PenJoinStyle.RoundJoin,
    )
    p.setPen(pen)


def _head(p: QPainter, x: float, y: float, r: float) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(QPointF(x, y), r, r)


def _pregnant(p: QPainter, s: float) -> None:
    _head(p, 0.5 * s, 0.14 * s, 0.09 * s)
    body = QPainterPath()
    body.moveTo(0.42 * s, 0.27 * s)
    body.lineTo(0.56 * s, 0.27 * s)
    body.cubicTo(0.62 * s, 0.36 * s, 0.80 * s, 0.45 * s, 0.74 * s, 0.60 * s)
    body.cubicTo(0.70 * s, 0.68 * s, 0.60 * s, 0.68 * s, 0.58 * s, 0.66 * s)
    body.lineTo(0.58 * s, 0.92 * s)
    body.lineTo(0.46 * s, 0.92 * s)
    body.lineTo(0.42 * s, 0.66 * s)
    body.closeSubpath()
    p.setPen(Qt.PenStyle.NoPen)
    p.drawPath(body)


def _elderly(p: QPainter, s: float) -> None:
    _head(p, 0.42 * s, 0.14 * s, 0.09 * s)
    _pen(p, 0.09 * s)
    p.drawLine(QPointF(0.42 * s, 0.28 * s), QPointF(0.50 * s, 0.58 * s))  # bent back
    p.drawLine(QPointF(0.50 * s, 0.58 * s), QPointF(0.40 * s, 0.90 * s))
    p.drawLine(QPointF(0.50 * s, 0.58 * s), QPointF(0.60 * s, 0.90 * s))
    p.drawLine(QPointF(0.45 * s, 0.36 * s), QPointF(0.68 * s, 0.50 * s))  # arm to the cane
    _pen(p, 0.05 * s)
    p.drawLine(QPointF(0.70 * s, 0.48 * s), QPointF(0.74 * s, 0.92 * s))  # cane
    p.drawArc(QRectF(0.64 * s, 0.42 * s, 0.12 * s, 0.12 * s), 0, 180 * 16)


def _wheelchair(p: QPainter, s: float) -> None:
    _head(p, 0.40 * s, 0.13 * s, 0.085 * s)
    _pen(p, 0.08 * s)
    p.drawLine(QPointF(0.38 * s, 0.27 * s), QPointF(0.38 * s, 0.55 * s))  # back
    p.drawLine(QPointF(0.38 * s, 0.55 * s), QPointF(0.64 * s, 0.55 * s))  # seat
    p.drawLine(QPointF(0.64 * s, 0.55 * s), QPointF(0.74 * s, 0.82 * s))  # legs
    p.drawLine(QPointF(0.38 * s, 0.40 * s), QPointF(0.60 * s, 0.40 * s))  # arm
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(QRectF(0.16 * s, 0.48 * s, 0.44 * s, 0.44 * s), 60 * 16, 300 * 16)  # wheel


def _child_in_arms(p: QPainter, s: float) -> None:
    _head(p, 0.40 * s, 0.13 * s, 0.09 * s)
    _pen(p, 0.09 * s)
    p.drawLine(QPointF(0.40 * s, 0.27 * s), QPointF(0.40 * s, 0.60 * s))
    p.drawLine(QPointF(0.40 * s, 0.60 * s), QPointF(0.32 * s, 0.92 * s))
    p.drawLine(QPointF(0.40 * s, 0.60 * s), QPointF(0.50 * s, 0.92 * s))
    p.drawLine(QPointF(0.40 * s, 0.36 * s), QPointF(0.60 * s, 0.48 * s))  # arm holding
    _head(p, 0.66 * s, 0.30 * s, 0.065 * s)  # the child
    _pen(p, 0.08 * s)
    p.drawLine(QPointF(0.64 * s, 0.40 * s), QPointF(0.58 * s, 0.52 * s))


def _person(p: QPainter, s: float) -> None:
    _head(p, 0.5 * s, 0.16 * s, 0.10 * s)
    _pen(p, 0.10 * s)
    p.drawLine(QPointF(0.5 * s, 0.32 * s), QPointF(0.5 * s, 0.62 * s))
    p.drawLine(QPointF(0.5 * s, 0.62 * s), QPointF(0.38 * s, 0.92 * s))
    p.drawLine(QPointF(0.5 * s, 0.62 * s), QPointF(0.62 * s, 0.92 * s))
    p.drawLine(QPointF(0.30 * s, 0.42 * s), QPointF(0.70 * s, 0.42 * s))


DRAWERS: dict[str, Drawer] = {
    "gestante": _pregnant,
    "adulto_mayor": _elderly,
    "discapacidad": _wheelchair,
    "nino_en_brazos": _child_in_arms,
}
"""Icon names of the centre file's preferential categories; others get a person."""


def pictogram(icon: str, size: int, colour: str) -> QPixmap:
    """The category's pictogram, `size` pixels square, in one solid colour."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(colour))
    DRAWERS.get(icon, _person)(p, float(size))
    p.end()
    return pix
