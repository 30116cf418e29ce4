"""Small widgets every app uses: the connection banner, the clock, screenshots."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from macturnos.client.ui import theme

SPANISH_WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
SPANISH_MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)


class ConnectionBanner(QLabel):
    """A discreet bar shown only while the link to the server is down."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(
            f"background: {theme.WARNING}; color: {theme.PAPER}; font-weight: bold; padding: 6px;"
        )
        self.setAccessibleName(self.tr("Estado de la conexión"))
        self.hide()

    def set_connected(self, connected: bool, reason: str = "") -> None:
        """Show "Reconectando…" with the reason while disconnected."""
        if connected:
            self.hide()
            return
        text = self.tr("Reconectando con el servidor de turnos…")
        self.setText(f"{text} {reason}".strip())
        self.show()


def spanish_date(moment: datetime) -> str:
    """E.g. "miércoles 25 de noviembre de 2026"."""
    return (
        f"{SPANISH_WEEKDAYS[moment.weekday()]} {moment.day} de "
        f"{SPANISH_MONTHS[moment.month - 1]} de {moment.year}"
    )


class ClockLabel(QLabel):
    """The centre's local time and date, updated every second."""

    def __init__(
        self, tz: ZoneInfo, parent: QWidget | None = None, *, with_date: bool = True
    ) -> None:
        super().__init__(parent)
        self.tz = tz
        self.with_date = with_date
        self.offset = timedelta(0)
        """The server's clock minus ours (training or demo clocks run shifted)."""
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(1000)
        self.refresh()

    def follow_server(self, server_now: datetime) -> None:
        """Show the server's time (from a snapshot's `now`), not this machine's."""
        self.offset = server_now - datetime.now(self.tz)
        self.refresh()

    def refresh(self) -> None:
        """Show the current time."""
        now = datetime.now(self.tz) + self.offset
        text = f"{now:%H:%M}"
        if self.with_date:
            text += f"\n{spanish_date(now)}"
        self.setText(text)


def save_screenshot(widget: QWidget, path: Path) -> Path:
    """Grab a widget as it is drawn now into a PNG (tests, README pictures)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path
