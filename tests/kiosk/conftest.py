"""Fixtures of the kiosk's tests: a real server (SQLite), a paired kiosk, its window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from support import RunningServer, make_context
from support.kiosk import ARTIFACTS, PIN, PORTRAIT, kiosk_token, qtbot_app
from support.screenshots import docs_dir

from macturnos.client.connection import Connection
from macturnos.client.credentials import CredentialStore, DeviceCredentials
from macturnos.client.qt import QtBridge
from macturnos.client.ui.app import Translations
from macturnos.client.ui.widgets import save_screenshot
from macturnos.hardware.simulated_printer import SimulatedPrinter
from macturnos.kiosk.__main__ import I18N_DIR
from macturnos.kiosk.controller import KioskController
from macturnos.kiosk.settings import KioskSettings
from macturnos.kiosk.window import KioskWindow


@pytest.fixture
def db_url(sqlite_db_url: str) -> str:
    """The kiosk's behaviour does not depend on the backend: SQLite keeps the suite fast."""
    return sqlite_db_url


@dataclass
class Kiosk:
    """A running kiosk app bound to the test server."""

    window: KioskWindow
    controller: KioskController
    connection: Connection
    data_dir: Path

    @property
    def printer(self) -> SimulatedPrinter:
        printers = self.controller.printers
        assert printers is not None and isinstance(printers.printer, SimulatedPrinter)
        return printers.printer

    def shot(self, name: str, docs: bool = False) -> Path:
        """Save the window as artifacts/kiosk/<name>.png (and kiosk-<name> for the README)."""
        path = save_screenshot(self.window, ARTIFACTS / f"{name}.png")
        if docs:
            save_screenshot(self.window, docs_dir() / f"kiosk-{name}.png")
        return path


@pytest.fixture
def make_kiosk(qtbot, tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    """Start kiosks: make_kiosk(server) gives one on the welcome screen, 1080x1920."""
    made: list[Kiosk] = []
    translations = Translations(qtbot_app(), I18N_DIR, "kiosk")

    def make(
        server: RunningServer,
        *,
        token: str | None = None,
        data_dir: Path | None = None,
        size: tuple[int, int] = PORTRAIT,
        wait_home: bool = True,
        code: str = "K1",
        printer_factory: Any = None,
        **settings: Any,
    ) -> Kiosk:
        folder = data_dir or tmp_path / f"kiosk-{len(made)}"
        store = CredentialStore(folder, name=f"kiosk-{code}")
        store.save(
            DeviceCredentials(
                token=token or kiosk_token(server, code),
                role="kiosk",
                device_code=code,
                server_url=server.url,
            )
        )
        conn = Connection(
            server.url,
            credentials=store,
            stream_options={"backoff_min_s": 0.05, "backoff_max_s": 0.3},
            api_options={"retries": 0},
        )
        assert conn.resume_device()
        options = {"staff_pin": PIN, "printer_poll_s": 1.0, **settings}
        extra = {"printer_factory": printer_factory} if printer_factory else {}
        controller = KioskController(
            QtBridge(conn),
            KioskSettings(data_dir=folder, **options),
            code,
            link_grace_ms=200,
            **extra,
        )
        window = KioskWindow(controller, translations, windowed=True, server_url=server.url)
        window.resize(*size)
        qtbot.addWidget(window)
        window.show()
        controller.start()
        kiosk = Kiosk(window, controller, conn, folder)
        made.append(kiosk)
        if wait_home:
            qtbot.waitUntil(lambda: window.current_name() == "home", timeout=10_000)
            qtbot.waitUntil(lambda: controller.printer_status is not None, timeout=10_000)
        return kiosk

    yield make
    for k in made:
        k.controller.shutdown(wait_ms=3000)
        k.connection.close()
        k.window._may_close = True
        k.window.close()
    translations.use("es")


@pytest.fixture
def demo_server(sqlite_db_url: str, clock) -> Iterator[RunningServer]:
    """The demo centre Lima Norte (13 entities, 18 RENIEC services), opened, on SQLite."""
    from macturnos.config import DEMO_CENTRE_PATH, load_centre

    ctx = make_context(sqlite_db_url, load_centre(DEMO_CENTRE_PATH), clock)
    srv = RunningServer(ctx).start()
    yield srv
    srv.stop()
    ctx.db.dispose()


@pytest.fixture
def closed_server(sqlite_db_url: str, centre_config, clock) -> Iterator[RunningServer]:
    """The test centre before its opening checklist was registered."""
    ctx = make_context(sqlite_db_url, centre_config, clock, opened=False)
    srv = RunningServer(ctx).start()
    yield srv
    srv.stop()
    ctx.db.dispose()
