"""Starting a MAC Turnos Qt app: arguments, QApplication, translations, connection."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from macturnos.client.connection import Connection
from macturnos.client.credentials import CredentialStore, DeviceCredentials

log = logging.getLogger("macturnos.ui")

LANGUAGES = ("es", "qu", "en")
"""Spanish (Peru) first; Quechua (Runasimi) and English for the citizens' screens."""


def app_arguments(description: str, *, device: bool) -> argparse.ArgumentParser:
    """The command-line options every app understands."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument(
        "--server",
        help="turn server URL, or both machines' URLs separated by a comma (pair mode); "
        "default: find it on the LAN",
    )
    p.add_argument("--centre", help="centre code to look for on the LAN")
    p.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    p.add_argument("--lang", default="es", choices=LANGUAGES, help="language of the staff texts")
    p.add_argument("--data-dir", help="folder of this device's saved settings")
    p.add_argument("-v", "--verbose", action="store_true")
    if device:
        p.add_argument("--device", help="this device's code in the centre file (e.g. K1)")
        p.add_argument("--token", help="device token (the demo passes it; else pairing)")
        p.add_argument("--pairing-code", help="one-time pairing code from the ICT specialist")
    return p


def create_application(argv: Sequence[str], name: str) -> QApplication:
    """The QApplication of an app, with the house font and Qt's own Spanish texts."""
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setApplicationName(name)
    app.setOrganizationName("MAC Turnos")
    app.setStyle("Fusion")
    app.setFont(QFont("DejaVu Sans", 12))
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Peru))
    collect_on_gui_thread(app)
    return app


def collect_on_gui_thread(parent: QObject, interval_ms: int = 5000) -> QTimer:
    """Run Python's cyclic garbage collector only on the GUI thread, every few seconds.

    Left automatic, a collection may start on a worker thread (HTTP, printer,
    event stream) and free a Qt object there, which crashes Qt.
    """
    gc.disable()
    timer = QTimer(parent)
    timer.timeout.connect(gc.collect)
    timer.start(interval_ms)
    return timer


class Translations:
    """Installs the Qt translation files (`<domain>_<lang>.qm`) of one language at a time.

    Spanish is the source language: with "es" no file is needed. The citizen
    screens switch language per citizen, so switching must be cheap and total.
    """

    def __init__(self, app: QApplication, folder: Path, domain: str) -> None:
        self.app = app
        self.folder = folder
        self.domain = domain
        self.language = "es"
        self._installed: list[QTranslator] = []

    def use(self, language: str) -> bool:
        """Switch every translated text to `language`; False if its file is missing."""
        for t in self._installed:
            self.app.removeTranslator(t)
        self._installed.clear()
        self.language = language
        if language == "es":
            # Spanish is the source; an optional <domain>_es.qm only adds plural forms.
            spanish = QTranslator(self.app)
            if spanish.load(f"{self.domain}_es", str(self.folder)):
                self.app.installTranslator(spanish)
                self._installed.append(spanish)
            self._qt_base("es")
            return True
        ok = True
        own = QTranslator(self.app)
        if own.load(f"{self.domain}_{language}", str(self.folder)):
            self.app.installTranslator(own)
            self._installed.append(own)
        else:
            log.warning("no translation file %s_%s.qm in %s", self.domain, language, self.folder)
            ok = False
        self._qt_base(language)
        return ok

    def _qt_base(self, language: str) -> None:
        # Qt's own texts (dialog buttons...); there is no Quechua catalogue, use Spanish.
        base = QTranslator(self.app)
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if base.load(f"qtbase_{'es' if language == 'qu' else language}", path):
            self.app.installTranslator(base)
            self._installed.append(base)


def device_connection(args: argparse.Namespace, kind: str) -> tuple[Connection, bool]:
    """A Connection for a kiosk or call screen; True when it is paired and live.

    A token given on the command line (the demo) is saved like a paired one; a
    pairing code is exchanged once; otherwise the saved token is used.
    """
    conn = new_device_connection(args, kind)
    return conn, start_device_connection(conn, args)


def new_device_connection(args: argparse.Namespace, kind: str) -> Connection:
    """The Connection of a kiosk or call screen, not yet started (no network used).

    Apps that attach listeners (a QtBridge) before the first snapshot create the
    connection with this, attach, then call `start_device_connection` off the GUI thread.
    """
    data_dir = Path(args.data_dir) if args.data_dir else None
    store = CredentialStore(data_dir, name=f"{kind}-{args.device or 'default'}")
    if args.token:
        store.save(
            DeviceCredentials(
                token=args.token,
                role=kind,
                device_code=args.device,
                centre=args.centre,
                server_url=args.server,
            )
        )
    return Connection(args.server, args.centre, credentials=store)


def start_device_connection(conn: Connection, args: argparse.Namespace) -> bool:
    """Pair (once, with a pairing code) or resume the saved token; True when live.

    Blocking (discovery, one request): run it off the GUI thread. Raises
    ServerUnreachable when no server is found, ApiRefusal for a refused pairing code.
    """
    if getattr(args, "pairing_code", None):
        conn.pair(args.pairing_code)
        return True
    return conn.resume_device()


def configure_logging(verbose: bool) -> None:
    """Log to stderr; never personal data (see the privacy rules in the README)."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
        force=True,  # python-escpos calls basicConfig() when imported
    )
    if not verbose:
        # httpx logs every request at INFO: thousands of lines a day that say
        # nothing the server's event log does not.
        logging.getLogger("httpx").setLevel(logging.WARNING)
