"""Starting the kiosk app in survey mode (`--survey-module N`)."""

from __future__ import annotations

import argparse
import signal
import sys

from PySide6.QtCore import QTimer

from macturnos.client.errors import ClientError
from macturnos.client.qt import QtBridge
from macturnos.client.ui.app import create_application, device_connection
from macturnos.kiosk.survey.presenter import SurveyPresenter
from macturnos.kiosk.survey.view import SurveyWindow

KIND = "survey"
"""The device kind a survey tablet is paired as (`macturnos device add --kind survey`)."""


def run(args: argparse.Namespace) -> int:
    """Run the survey tablet of module `args.survey_module` until closed."""
    app = create_application(sys.argv[:1], "MAC Turnos - Encuesta")
    try:
        connection, paired = device_connection(args, KIND)
    except ClientError as err:
        print(f"No se pudo iniciar la encuesta: {err}", file=sys.stderr)
        return 2
    if not paired:
        print(
            "Esta tableta no está vinculada: pida al especialista TIC un código de "
            "vinculación (tipo «survey») y use --pairing-code.",
            file=sys.stderr,
        )
        connection.close()
        return 2
    presenter = SurveyPresenter(QtBridge(connection), args.survey_module)
    window = SurveyWindow(presenter, windowed=args.windowed)
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    wake = QTimer()
    wake.start(250)  # lets Python run its signal handlers while Qt waits
    if args.windowed:
        window.resize(1280, 800)
        window.show()
    else:
        window.showFullScreen()
    presenter.refresh()
    try:
        return app.exec()
    finally:
        presenter.stop()
        connection.close()
