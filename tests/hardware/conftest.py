"""Fixtures for the hardware tests: tickets, an ESC/POS device on a pty or TCP."""

from __future__ import annotations

import os
import select
import socket
import threading
import tty
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone

import pytest

from macturnos.hardware.printer import TicketContent

LIMA = timezone(timedelta(hours=-5), "PET")

# What an Epson-compatible printer answers to DLE EOT 1, 2 and 4, written out
# from the ESC/POS manual rather than computed by the code under test.
EPSON_REPLIES: dict[str, tuple[bytes, bytes, bytes]] = {
    "ok": (b"\x12", b"\x12", b"\x12"),
    "near_end": (b"\x12", b"\x12", b"\x1e"),
    "paper_out": (b"\x1a", b"\x32", b"\x7e"),
    "cover_open": (b"\x1a", b"\x16", b"\x12"),
    "offline": (b"\x1a", b"\x12", b"\x12"),
    "garbage": (b"\xff", b"\x00", b"\x80"),
}


@pytest.fixture
def make_ticket() -> Callable[..., TicketContent]:
    """A factory of realistic tickets; keyword arguments override fields."""

    def make(**overrides: object) -> TicketContent:
        fields: dict[str, object] = {
            "centre_name": "Centro MAC Lima Norte",
            "entity_name": "RENIEC",
            "service_name": "Duplicado de DNI - trámite de rectificación",
            "number": "R-023",
            "issued_at": datetime(2025, 3, 12, 10, 23, 45, tzinfo=LIMA),
            "people_ahead": 4,
            "estimated_wait_min": 25,
            "qr_payload": "MT1.LIMA-NORTE.20250312.R-023.102345.ABCDEFGHIJKLMNOP",
            "preferential": None,
            "appointment": None,
        }
        fields.update(overrides)
        return TicketContent(**fields)  # type: ignore[arg-type]

    return make


class FakeEscposDevice:
    """The printer end of a line: answers DLE EOT like an Epson printer and keeps the rest."""

    def __init__(
        self, fd_read: Callable[[], bytes], fd_write: Callable[[bytes], None], fileno: int
    ):
        self.state = "ok"
        self.received = bytearray()
        """Ticket bytes, with status requests taken out."""
        self.requests: list[int] = []
        self._read, self._write, self._fileno = fd_read, fd_write, fileno
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        pending = b""
        while not self._stop.is_set():
            readable, _, _ = select.select([self._fileno], [], [], 0.02)
            if not readable:
                continue
            try:
                chunk = self._read()
            except OSError:
                continue
            if not chunk:
                continue
            pending += chunk
            while pending:
                index = pending.find(b"\x10\x04")
                if index < 0:
                    # Keep a trailing DLE: the request may be split across reads.
                    keep = 1 if pending.endswith(b"\x10") else 0
                    self.received += pending[: len(pending) - keep]
                    pending = pending[len(pending) - keep :]
                    break
                if len(pending) < index + 3:
                    self.received += pending[:index]
                    pending = pending[index:]
                    break
                self.received += pending[:index]
                n = pending[index + 2]
                pending = pending[index + 3 :]
                self.requests.append(n)
                if self.state != "silent":
                    replies = EPSON_REPLIES[self.state]
                    self._write(replies[{1: 0, 2: 1, 4: 2}[n]])

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)


@pytest.fixture
def pty_printer() -> Iterator[tuple[str, FakeEscposDevice]]:
    """A fake printer on the master side of a raw pty; yields the slave path to open."""
    master, slave = os.openpty()
    tty.setraw(slave)
    device = FakeEscposDevice(
        lambda: os.read(master, 4096), lambda data: os.write(master, data), master
    )
    yield os.ttyname(slave), device
    device.stop()
    os.close(master)
    os.close(slave)


@pytest.fixture
def tcp_printer() -> Iterator[tuple[int, Callable[[], FakeEscposDevice]]]:
    """A fake network printer on 127.0.0.1; yields its port and a getter for the connection."""
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    devices: list[FakeEscposDevice] = []
    connections: list[socket.socket] = []
    ready = threading.Event()
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connections.append(conn)
            devices.append(
                FakeEscposDevice(lambda c=conn: c.recv(4096), conn.sendall, conn.fileno())
            )
            ready.set()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()

    def device() -> FakeEscposDevice:
        assert ready.wait(5), "the printer was never connected"
        return devices[-1]

    yield port, device
    stop.set()
    thread.join(timeout=2)
    for d in devices:
        d.stop()
    for c in connections:
        c.close()
    server.close()
