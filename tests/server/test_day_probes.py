"""The checklist's probes: the registry by kind, and the internet probe (HTTPS to the PCM).

The internet probe runs against a local HTTPS server with a self-signed
certificate: the PCM endpoint, a captive portal (a redirect, another page), a
server error and a server that hangs.
"""

from __future__ import annotations

import http.server
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import get_args

import pytest

from macturnos.config.models import ChecklistProbe
from macturnos.hardware.probes import ProbeResult, ProbeState
from macturnos.server.day import PROBES
from macturnos.server.day.internet import probe_internet
from macturnos.server.day.probes import probe


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for name in (
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)


def _assert_fresh(result: ProbeResult) -> None:
    assert isinstance(result.checked_at, datetime) and result.checked_at.tzinfo is not None
    assert abs((datetime.now().astimezone() - result.checked_at).total_seconds()) < 30
    assert result.reason


# --- the registry --------------------------------------------------------------------


def test_every_probe_kind_of_the_centre_file_has_a_probe():
    assert set(PROBES) == set(get_args(ChecklistProbe))


def test_a_probe_kind_is_registered_once():
    with pytest.raises(ValueError, match="twice"):
        probe("internet")(PROBES["internet"])


def test_the_hardware_layer_has_no_internet_probe():
    import macturnos.hardware.probes as hw

    assert not hasattr(hw, "probe_internet")


# --- internet ------------------------------------------------------------------


def test_internet_ok_with_the_expected_answer(https_server, self_signed_cert):
    result = probe_internet(
        f"{https_server}/ping",
        3.0,
        expect_text="macturnos-pcm-ok",
        ca_file=str(self_signed_cert[0]),
    )
    assert result.state is ProbeState.OK, result.reason
    assert result.detail["status_code"] == 200
    assert "127.0.0.1" in result.detail["addresses"]
    _assert_fresh(result)


def test_redirect_is_a_captive_portal(https_server, self_signed_cert):
    result = probe_internet(f"{https_server}/portal", 3.0, ca_file=str(self_signed_cert[0]))
    assert result.state is ProbeState.FAIL
    assert "portal cautivo" in result.reason
    assert result.detail["location"].startswith("http://login.portal.example/")


def test_wrong_content_is_a_captive_portal(https_server, self_signed_cert):
    result = probe_internet(
        f"{https_server}/login-page",
        3.0,
        expect_text="macturnos-pcm-ok",
        ca_file=str(self_signed_cert[0]),
    )
    assert result.state is ProbeState.FAIL
    assert "portal cautivo" in result.reason and result.detail["step"] == "content"


def test_untrusted_certificate_is_not_internet(https_server):
    # Without our CA the self-signed certificate is what a TLS-intercepting portal looks like.
    result = probe_internet(f"{https_server}/ping", 3.0)
    assert result.state is ProbeState.FAIL
    assert result.detail["step"] == "tls" and "certificado" in result.reason


def test_server_error_is_a_warning(https_server, self_signed_cert):
    result = probe_internet(f"{https_server}/broken", 3.0, ca_file=str(self_signed_cert[0]))
    assert result.state is ProbeState.WARNING and "503" in result.reason


def test_unresolvable_name_fails_at_dns():
    result = probe_internet("https://pcm-endpoint.invalid/ping", 2.0)
    assert result.state is ProbeState.FAIL
    assert result.detail["step"] in ("dns", "timeout")
    assert "DNS" in result.reason or "Tiempo agotado" in result.reason


def test_dns_answer_without_https_is_not_internet(unused_tcp_port):
    # "localhost" resolves, but nothing answers HTTPS on that port.
    result = probe_internet(f"https://localhost:{unused_tcp_port}/ping", 2.0)
    assert result.state is ProbeState.FAIL
    assert result.detail["step"] == "https"
    assert "DNS responde" in result.reason


def test_hanging_server_is_bounded_by_the_timeout(https_server, self_signed_cert):
    # Unbounded, the probe would get the server's late "ok" (after 10 s) and pass.
    result = probe_internet(f"{https_server}/hang", 0.5, ca_file=str(self_signed_cert[0]))
    assert result.state is ProbeState.FAIL


def test_only_https_is_accepted():
    with pytest.raises(ValueError):
        probe_internet("http://example.invalid/")


@pytest.fixture
def unused_tcp_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as server:
        return server.getsockname()[1]


# --- HTTPS servers for the internet probe -----------------------------------


@pytest.fixture(scope="session")
def self_signed_cert(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A certificate for localhost and 127.0.0.1 made with openssl, and its key."""
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
            "-keyout", str(key), "-out", str(cert), "-days", "2",
            "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    return cert, key


class _Handler(http.server.BaseHTTPRequestHandler):
    """Routes of a fake PCM endpoint and of a captive portal."""

    delay_event: threading.Event | None = None

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/ping":
            self._send(200, b"macturnos-pcm-ok")
        elif self.path == "/portal":
            self.send_response(302)
            self.send_header("Location", "http://login.portal.example/?next=/ping")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/login-page":
            self._send(200, b"<html><body>Acepte los terminos del WiFi</body></html>")
        elif self.path == "/broken":
            self._send(503, b"mantenimiento")
        elif self.path == "/hang":
            assert self.delay_event is not None
            self.delay_event.wait(10)
            self._send(200, b"macturnos-pcm-ok")
        else:
            self._send(404, b"no")

    def _send(self, code: int, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def https_server(self_signed_cert: tuple[Path, Path]) -> Iterator[str]:
    """An HTTPS server on 127.0.0.1 with the self-signed certificate; yields its base URL."""
    cert, key = self_signed_cert
    release = threading.Event()
    handler = type("Handler", (_Handler,), {"delay_event": release})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield f"https://localhost:{server.server_address[1]}"
    release.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
