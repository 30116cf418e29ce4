"""Starting the call screen: arguments, sound, connection with retries, the window."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

from macturnos.client.connection import Connection
from macturnos.client.errors import ApiRefusal, ClientError
from macturnos.client.qt import QtBridge
from macturnos.client.ui.app import (
    Translations,
    app_arguments,
    configure_logging,
    create_application,
    new_device_connection,
    start_device_connection,
)
from macturnos.display.audio import Announcer, Speaker, SystemSpeaker, find_player
from macturnos.display.presenter import DEFAULT_MIN_HIGHLIGHT_S, DisplayPresenter
from macturnos.display.view import CallScreen

log = logging.getLogger("macturnos.display")

I18N = Path(__file__).parent / "i18n"
RETRY_START_S = 5.0
WINDOW_SIZE = (1280, 720)


def arguments() -> argparse.ArgumentParser:
    """The call screen's command line: the common options plus its own."""
    p = app_arguments("MAC Turnos: pantalla de llamados (TV)", device=True)
    p.add_argument(
        "--min-highlight",
        type=float,
        default=DEFAULT_MIN_HIGHLIGHT_S,
        help="seconds each call stays highlighted at least (default 4)",
    )
    p.add_argument(
        "--notice",
        action="append",
        default=[],
        help="a notice for the footer (repeat for several; they rotate)",
    )
    p.add_argument("--no-sound", action="store_true", help="show calls without announcing them")
    p.add_argument(
        "--size", default=None, help="window size when windowed, e.g. 1920x1080 (default 1280x720)"
    )
    return p


class DisplayApp(QObject):
    """Wires the connection, the announcer, the presenter and the screen together."""

    def __init__(
        self,
        connection: Connection,
        args: argparse.Namespace,
        *,
        speaker: Speaker | None = None,
        report_health: bool = True,
    ) -> None:
        super().__init__()
        self.args = args
        self.connection = connection
        self.bridge = QtBridge(connection, self)
        announcer = None
        if not getattr(args, "no_sound", False):
            announcer = Announcer(speaker or SystemSpeaker(find_player())).start()
        self.presenter = DisplayPresenter(
            self.bridge,
            args.device,
            announcer=announcer,
            min_highlight_s=args.min_highlight,
            notices=tuple(n for n in args.notice if n.strip()),
            report_health=report_health,
            parent=self,
        )
        self.screen = CallScreen(self.presenter)
        self._starting = False

    def start(self) -> None:
        """Find the server and go live, off the GUI thread, retrying until it answers."""
        self.presenter.start()
        if self._starting:
            return
        self._starting = True
        if self.bridge.state.seq is None:
            self.presenter.messageChanged.emit(self.tr("Conectando con el servidor de turnos…"))
        self.bridge.run(
            start_device_connection,
            self.connection,
            self.args,
            ok=self._started,
            failed=self._start_failed,
        )

    @Slot(object)
    def _started(self, live: bool) -> None:
        self._starting = False
        if live:
            if self.presenter.seeded:
                self.presenter.messageChanged.emit("")
            return
        self.presenter.messageChanged.emit(
            self.tr(
                "Esta pantalla no está vinculada. El especialista TIC debe registrarla "
                "y arrancarla con su código de vinculación (--pairing-code)."
            )
        )

    @Slot(object)
    def _start_failed(self, error: ClientError) -> None:
        self._starting = False
        if isinstance(error, ApiRefusal):
            self.presenter.messageChanged.emit(error.message)
            return
        log.info("server not reached yet (%r); retrying", error)
        self.presenter.messageChanged.emit(error.message)
        QTimer.singleShot(int(RETRY_START_S * 1000), self.start)

    def close(self) -> None:
        """Stop everything (tests, quitting)."""
        self.presenter.stop()
        self.bridge.detach()
        self.connection.close()
        self.screen.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the call screen until the window is closed."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = arguments().parse_args(argv)
    configure_logging(args.verbose)
    app: QApplication = create_application([sys.argv[0], *argv], "MAC Turnos - Pantalla")
    translations = Translations(app, I18N, "display")
    translations.use(args.lang)
    display = DisplayApp(new_device_connection(args, "display"), args)
    if args.windowed:
        width, height = WINDOW_SIZE
        if args.size:
            width, height = (int(v) for v in args.size.lower().split("x", 1))
        display.screen.resize(width, height)
        display.screen.show()
    else:
        display.screen.showFullScreen()
    display.start()
    code = app.exec()
    display.close()
    return code
