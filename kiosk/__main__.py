"""`python -m macturnos.kiosk`: the citizens' touchscreen kiosk."""

from __future__ import annotations

import logging
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from macturnos.client.connection import Connection
from macturnos.client.errors import ClientError
from macturnos.client.qt import QtBridge
from macturnos.client.ui.app import (
    Translations,
    app_arguments,
    configure_logging,
    create_application,
    device_connection,
)
from macturnos.kiosk.controller import KioskController
from macturnos.kiosk.settings import SettingsError, kiosk_data_dir, load_settings
from macturnos.kiosk.window import KioskWindow

log = logging.getLogger("macturnos.kiosk")

I18N_DIR = Path(__file__).parent / "i18n"
"""The kiosk's Qt translation files (kiosk_qu.qm, kiosk_en.qm)."""


def _connect(args: object, app: object) -> tuple[Connection, bool] | ClientError:
    """Find the server and restore the device's token without freezing the first screen."""
    result: list[tuple[Connection, bool] | ClientError] = []

    def work() -> None:
        try:
            result.append(device_connection(args, "kiosk"))  # type: ignore[arg-type]
        except ClientError as err:
            result.append(err)

    worker = threading.Thread(target=work, name="kiosk-connect", daemon=True)
    worker.start()
    while worker.is_alive():
        app.processEvents()  # type: ignore[attr-defined]
        worker.join(0.02)
    return result[0]


def main(argv: Sequence[str] | None = None) -> int:
    """Start the kiosk; returns the exit status."""
    started = time.monotonic()
    parser = app_arguments("Quiosco de turnos de MAC Turnos", device=True)
    parser.add_argument("--staff-pin", help="PIN of the staff menu (else the settings file's)")
    parser.add_argument(
        "--survey-module",
        type=int,
        metavar="N",
        help="survey mode: a tablet where citizens rate the attention just finished at module N",
    )
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    if args.survey_module is not None:
        from macturnos.kiosk.survey.app import run as run_survey

        return run_survey(args)
    data_dir = kiosk_data_dir(args.data_dir, args.device)
    args.data_dir = str(data_dir)  # the token is kept beside the kiosk's other files
    try:
        settings = load_settings(data_dir, args.staff_pin)
    except SettingsError as err:
        print(f"Configuración local del quiosco no válida: {err}", file=sys.stderr)
        return 2
    if settings.staff_pin is None:
        log.warning("no staff PIN configured: the staff menu cannot be opened")

    app = create_application(sys.argv[:1], "MAC Turnos - Quiosco")
    translations = Translations(app, I18N_DIR, "kiosk")
    connected = _connect(args, app)
    if isinstance(connected, ClientError):
        print(f"No se pudo iniciar el quiosco: {connected}", file=sys.stderr)
        return 2
    connection, paired = connected
    if not paired:
        print(
            "Este quiosco no está vinculado: pida al especialista TIC un código de "
            "vinculación y use --pairing-code.",
            file=sys.stderr,
        )
        connection.close()
        return 2

    controller = KioskController(QtBridge(connection), settings, args.device)
    window = KioskWindow(
        controller, translations, windowed=args.windowed, server_url=connection.api.base_url
    )
    return _run(app, window, controller, connection, started)


def _run(
    app: QApplication,
    window: KioskWindow,
    controller: KioskController,
    connection: Connection,
    started: float,
) -> int:
    """Run the event loop until the kiosk is closed or stopped, then settle and disconnect."""

    def ready() -> None:
        log.info(
            "kiosk ready: home screen shown %.0f ms after start",
            (time.monotonic() - started) * 1000,
        )
        window.homeShown.disconnect(ready)

    window.homeShown.connect(ready)
    # SIGTERM (systemd, the demo) ends the event loop so pending tickets are settled.
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    wake = QTimer()
    wake.start(250)  # lets Python run its signal handlers while Qt waits
    wake.timeout.connect(lambda: None)
    window.start()
    controller.start()
    try:
        return app.exec()
    finally:
        controller.shutdown()
        connection.close()


if __name__ == "__main__":
    sys.exit(main())
