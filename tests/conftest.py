"""Fixtures shared by the whole suite: databases, a running turn server, clients."""

from __future__ import annotations

import http.server
import logging
import os
import ssl
import subprocess
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from support import FIXTURES, WEDNESDAY_10, RunningServer, make_context, screenshots
from support.day import NUT_ONLINE, FakePcm

PG_ADMIN_URL = os.environ.get(
    "MACTURNOS_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _pg_available() -> bool:
    try:
        engine = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(autouse=True)
def _restore_root_logging() -> Iterator[None]:
    """Undo a test's logging set-up (the CLI's and the apps' `basicConfig(force=True)`).

    Left in place, its handler keeps writing to that test's captured stderr, which
    pytest has closed: a later test's background thread that logs then prints
    "Logging error ... I/O operation on closed file".
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        # Only basicConfig's own kind: pytest's capture handlers come and go per phase.
        if type(handler) is logging.StreamHandler and handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture(scope="session", autouse=True)
def _screenshots_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The README's screenshots go to a temporary folder unless MACTURNOS_SCREENSHOTS_DIR says."""
    screenshots.use_session_dir(tmp_path_factory.getbasetemp() / "screenshots")


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A PostgreSQL database for this test session, migrated once, dropped at the end."""
    if not _pg_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI and does not answer at {PG_ADMIN_URL}")
        pytest.skip("PostgreSQL not running (run the README's test command to set it up)")
    from macturnos.server import migrate

    name = f"macturnos_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    migrate.upgrade(url)
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate_pg(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        tables = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname='public' "
                    "AND tablename <> 'alembic_version'"
                )
            )
        ]
        conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty, migrated database: SQLite in a temporary folder, or PostgreSQL."""
    from macturnos.server import migrate
    from macturnos.server.db.engine import sqlite_url

    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "turnos.db")
        migrate.upgrade(url)
        return url
    url = request.getfixturevalue("pg_database")
    _truncate_pg(url)
    return url


@pytest.fixture
def sqlite_db_url(tmp_path: Path) -> str:
    """An empty, migrated SQLite database (for tests that need only one backend)."""
    from macturnos.server import migrate
    from macturnos.server.db.engine import sqlite_url

    url = sqlite_url(tmp_path / "turnos.db")
    migrate.upgrade(url)
    return url


@pytest.fixture
def centre_config():  # noqa: ANN201
    """The small test centre of tests/fixtures/centre.yaml."""
    from macturnos.config import load_centre

    return load_centre(FIXTURES / "centre.yaml")


@pytest.fixture
def clock():  # noqa: ANN201
    """A manual clock set to a Wednesday at 10:00 in Lima."""
    from macturnos.server.clock import ManualClock

    return ManualClock(WEDNESDAY_10)


@pytest.fixture
def ctx(db_url: str, centre_config, clock):  # noqa: ANN001, ANN201
    """A server context on each backend, with the test centre opened for the day."""
    context = make_context(db_url, centre_config, clock)
    yield context
    context.db.dispose()


@pytest.fixture
def server(ctx) -> Iterator[RunningServer]:  # noqa: ANN001
    """The turn server running over HTTP for the test's context."""
    srv = RunningServer(ctx).start()
    yield srv
    srv.stop()


@pytest.fixture
def staff(ctx):  # noqa: ANN001, ANN201
    """Create staff accounts: staff('ana', 'advisor') returns a logged-in httpx client factory."""
    from macturnos.server.auth import Role, create_user

    def add(username: str, role: str, password: str = "clave-segura-1") -> None:
        with ctx.db.write() as s:
            create_user(
                s,
                username=username,
                full_name=username.title(),
                role=Role(role),
                password=password,
                now=ctx.clock.now(),
            )

    return add


@pytest.fixture(autouse=True)
def _qt_garbage_on_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """In Qt tests, collect garbage only on the GUI thread.

    The test server runs in a thread of the same process; a collection started
    there could free a Qt object off its thread and crash (the apps do the same,
    see macturnos.client.ui.app.collect_on_gui_thread).
    """
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    import gc

    qapp = request.getfixturevalue("qapp")
    gc.disable()
    try:
        yield
    finally:
        qapp.processEvents()
        gc.collect()
        gc.enable()


# --- the centre's day: local fakes for the opening checklist's probes ----------------
# (tests/server/test_day*.py and tests/counter/test_day.py)


@pytest.fixture(scope="session")
def pcm_cert(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for localhost."""
    folder = tmp_path_factory.mktemp("pcm-tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
         "-out", str(cert), "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def pcm(pcm_cert, monkeypatch) -> Iterator[tuple[str, type[FakePcm]]]:
    """A local HTTPS PCM endpoint the probe trusts; yields its URL and its switch."""
    cert, key = pcm_cert
    state = type("State", (FakePcm,), {})

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            if state.portal:
                self.send_response(302)
                self.send_header("Location", "http://portal.example/login")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    for name in (
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    yield f"https://localhost:{server.server_address[1]}/api/mac/v1", state
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def ups(tmp_path) -> Path:
    """A fake `upsc` printing the NUT variables written to the returned file."""
    status = tmp_path / "nut.txt"
    status.write_text(NUT_ONLINE)
    script = tmp_path / "upsc"
    script.write_text(f"#!/bin/sh\ncat '{status}'\n")
    script.chmod(0o755)
    return status


# --- pair mode: two clusters and two turn servers (tests/pair, the supervisor's line) ---


@pytest.fixture
def lab() -> Iterator[Any]:
    """The pair on this machine (bench/failover.py's PairLab), removed afterwards."""
    from bench.failover import PairLab

    pair = PairLab(standby_lost_after_s=2.0)
    try:
        pair.init()
        pair.start_server("a")
        pair.start_server("b")
        yield pair
    finally:
        pair.close()
    assert not pair.root.exists()
