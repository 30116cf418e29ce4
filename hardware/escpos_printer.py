"""Real ESC/POS ticket printers reached through python-escpos: USB, serial, network, device file.

Each python-escpos connector is extended with what a kiosk needs and the
library lacks: writes and reads bounded by a deadline, a one-byte status read,
and discarding stale input before a status request.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import select
import socket
import threading
import time
from datetime import datetime
from typing import Any, Protocol

from escpos.exceptions import DeviceNotFoundError
from escpos.printer import File, Network, Serial, Usb

from macturnos.hardware import messages as msg
from macturnos.hardware.availability import AvailabilityLog
from macturnos.hardware.escpos_layout import (
    LayoutError,
    paper_geometry,
    render_ticket_escpos,
    spanish_code_page,
)
from macturnos.hardware.escpos_status import (
    DLE_EOT_OFFLINE,
    DLE_EOT_PAPER,
    DLE_EOT_PRINTER,
    parse_status,
    unknown_status,
)
from macturnos.hardware.settings import PrinterSettings
from macturnos.hardware.ticket import PaperState, PrinterError, PrinterStatus, TicketContent
from macturnos.messages import _

logger = logging.getLogger(__name__)


class LinkTimeout(Exception):
    """The device did not take the bytes before the deadline."""


def _remaining(deadline: float) -> float:
    return max(0.0, deadline - time.monotonic())


class _Link(Protocol):
    """The byte transport under one printer, with deadline-bounded I/O."""

    def open(self, raise_not_found: bool = True) -> None:
        """Connect; raises DeviceNotFoundError (or RuntimeError without pyusb)."""
        ...

    def write_all(self, data: bytes, deadline: float) -> None:
        """Hand over every byte, or raise LinkTimeout at the monotonic deadline."""
        ...

    def read_byte(self, deadline: float) -> bytes | None:
        """One received byte, or None if none came by the deadline."""
        ...

    def discard_input(self) -> None:
        """Drop bytes received but not read."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...


class NetworkLink(Network):
    """TCP (port 9100) connector; status replies come back on the same socket."""

    def write_all(self, data: bytes, deadline: float) -> None:
        """Send every byte or raise LinkTimeout at the deadline."""
        sock: socket.socket = self.device
        sock.settimeout(max(0.001, _remaining(deadline)))
        try:
            sock.sendall(data)
        except TimeoutError as exc:
            raise LinkTimeout from exc

    def read_byte(self, deadline: float) -> bytes | None:
        """One byte, or None when nothing came before the deadline."""
        sock: socket.socket = self.device
        wait = _remaining(deadline)
        if wait <= 0:
            return None
        sock.settimeout(wait)
        try:
            data = sock.recv(1)
        except TimeoutError:
            return None
        if not data:
            raise ConnectionError("printer closed the connection")
        return data

    def discard_input(self) -> None:
        """Drop unread bytes (e.g. automatic status frames) so replies stay in step."""
        sock: socket.socket = self.device
        sock.setblocking(False)
        try:
            while sock.recv(256):
                pass
        except (BlockingIOError, InterruptedError):
            pass
        finally:
            sock.setblocking(True)


class SerialLink(Serial):
    """RS-232 connector through pyserial."""

    # python-escpos keeps the open port here, or False when closed (escpos is untyped).
    _device: Any

    def write_all(self, data: bytes, deadline: float) -> None:
        """Hand every byte to the UART and wait until it has sent them, up to the deadline."""
        import serial

        port = self.device
        port.write_timeout = max(0.001, _remaining(deadline))
        try:
            port.write(data)
        except serial.SerialTimeoutException as exc:
            raise LinkTimeout from exc
        # tcdrain() could block forever behind hardware flow control; poll instead.
        while port.out_waiting:
            if _remaining(deadline) <= 0:
                raise LinkTimeout
            time.sleep(0.005)

    def read_byte(self, deadline: float) -> bytes | None:
        """One byte, or None when nothing came before the deadline."""
        wait = _remaining(deadline)
        if wait <= 0:
            return None
        self.device.timeout = wait
        data = self.device.read(1)
        return data or None

    def discard_input(self) -> None:
        """Drop unread bytes."""
        self.device.reset_input_buffer()

    def close(self) -> None:
        """Close without draining: a stalled line must not block the caller."""
        port = self._device
        if port:
            port.reset_output_buffer()
            port.close()
        self._device = False


class UsbLink(Usb):
    """USB printer-class connector through pyusb (libusb)."""

    # python-escpos keeps the claimed device here, or False when closed.
    _device: Any

    _pending: bytes = b""

    def write_all(self, data: bytes, deadline: float) -> None:
        """Send every byte on the bulk-out endpoint, bounded by the deadline."""
        import usb.core

        try:
            written = self.device.write(self.out_ep, data, _ms(deadline))
        except usb.core.USBTimeoutError as exc:
            raise LinkTimeout from exc
        except usb.core.USBError as exc:
            raise OSError(str(exc)) from exc
        if written != len(data):
            raise LinkTimeout

    def read_byte(self, deadline: float) -> bytes | None:
        """One byte from the bulk-in endpoint, or None by the deadline."""
        import usb.core

        if not self._pending:
            if _remaining(deadline) <= 0:
                return None
            try:
                self._pending = bytes(self.device.read(self.in_ep, 64, _ms(deadline)))
            except usb.core.USBTimeoutError:
                return None
            except usb.core.USBError as exc:
                raise OSError(str(exc)) from exc
        if not self._pending:
            return None
        byte, self._pending = self._pending[:1], self._pending[1:]
        return byte

    def close(self) -> None:
        """Release the interface; a no-op when never opened (also without pyusb)."""
        if not self._device:
            return
        import usb.util

        usb.util.dispose_resources(self._device)
        self._device = False

    def discard_input(self) -> None:
        """Drop unread bytes."""
        import usb.core

        self._pending = b""
        try:
            while self.device.read(self.in_ep, 64, 10):
                pass
        except usb.core.USBError:
            pass


def _ms(deadline: float) -> int:
    return max(1, int(_remaining(deadline) * 1000))


class FileLink(File):
    """A device file such as /dev/usb/lp0, opened non-blocking so every call is bounded."""

    _fd: int | None = None
    _readable: bool = False

    def open(self, raise_not_found: bool = True) -> None:
        """Open read-write when the kernel driver allows it (bidirectional status), else write-only."""
        self.close()
        flags = os.O_NONBLOCK | os.O_NOCTTY
        try:
            self._fd, self._readable = os.open(self.devfile, os.O_RDWR | flags), True
        except OSError:
            # Some drivers and permissions allow writing only: then no status.
            try:
                self._fd, self._readable = os.open(self.devfile, os.O_WRONLY | flags), False
            except OSError as exc:
                self._fd = None
                raise DeviceNotFoundError(f"Could not open {self.devfile}: {exc}") from exc
        self._device = True  # python-escpos checks this flag; the descriptor is ours

    def write_all(self, data: bytes, deadline: float) -> None:
        """Write every byte, waiting for the driver to take them until the deadline."""
        assert self._fd is not None
        view = memoryview(data)
        while view:
            wait = _remaining(deadline)
            if wait <= 0:
                raise LinkTimeout
            _, writable, _ = select.select([], [self._fd], [], wait)
            if not writable:
                raise LinkTimeout
            try:
                view = view[os.write(self._fd, view) :]
            except BlockingIOError:
                continue

    def read_byte(self, deadline: float) -> bytes | None:
        """One byte, or None when the file gives no status or nothing came by the deadline."""
        if self._fd is None or not self._readable:
            return None
        wait = _remaining(deadline)
        readable, _, _ = select.select([self._fd], [], [], wait)
        if not readable:
            return None
        try:
            data = os.read(self._fd, 1)
        except BlockingIOError:
            return None
        return data or None

    def discard_input(self) -> None:
        """Drop unread bytes."""
        if self._fd is None or not self._readable:
            return
        try:
            while os.read(self._fd, 256):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def close(self) -> None:
        """Close the descriptor."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._device = False


_REQUIRED: dict[str, tuple[str, ...]] = {
    "usb": ("usb_vendor_id", "usb_product_id"),
    "serial": ("serial_port",),
    "network": ("host",),
    "file": ("device_path",),
}


def _make_link(settings: PrinterSettings) -> _Link:
    common: dict[str, Any] = {"profile": settings.profile}
    if settings.connector == "network":
        return NetworkLink(
            host=settings.host, port=settings.port, timeout=settings.timeout_s, **common
        )
    if settings.connector == "serial":
        return SerialLink(
            devfile=settings.serial_port,
            baudrate=settings.baudrate,
            timeout=settings.timeout_s,
            **common,
        )
    if settings.connector == "usb":
        return UsbLink(
            idVendor=settings.usb_vendor_id,
            idProduct=settings.usb_product_id,
            timeout=int(settings.timeout_s * 1000),  # pyusb counts milliseconds
            **common,
        )
    if settings.connector == "file":
        return FileLink(devfile=settings.device_path, **common)
    raise ValueError(f"not a real printer connector: {settings.connector}")


class EscposPrinter:
    """A real ESC/POS printer; connects lazily and reconnects after any failure."""

    def __init__(self, settings: PrinterSettings) -> None:
        """Check the settings now so a configuration mistake shows at start-up."""
        for field in _REQUIRED.get(settings.connector, ("connector",)):
            if getattr(settings, field, None) in (None, ""):
                raise PrinterError(
                    _(msg.PRINTER_MISSING_SETTING).format(field=field, connector=settings.connector)
                )
        try:
            spanish_code_page(settings.profile)
            paper_geometry(settings.profile, settings.paper_width_mm)
        except LayoutError as exc:
            raise PrinterError(_(msg.PRINTER_BAD_PROFILE).format(profile=settings.profile)) from exc
        self._settings = settings
        self._lock = threading.Lock()
        self._link: _Link | None = None
        self._status_channel: bool | None = None
        """Whether this connection answers status requests; None until known."""
        self._availability = AvailabilityLog(logger, f"printer ({settings.connector})")

    @property
    def settings(self) -> PrinterSettings:
        """The settings this printer was opened with."""
        return self._settings

    def status(self) -> PrinterStatus:
        """Ask the printer (DLE EOT 1, 2, 4) within settings.timeout_s; no reply is UNKNOWN."""
        deadline = time.monotonic() + self._settings.timeout_s
        if not self._lock.acquire(timeout=self._settings.timeout_s):
            return unknown_status(_now(), _(msg.PRINTER_BUSY))
        try:
            result = self._query(deadline)
        finally:
            self._lock.release()
        self._availability.seen(result.online is True, result.reason)
        return result

    def print_ticket(self, ticket: TicketContent) -> None:
        """Send the ticket; return once the printer took every byte, else raise PrinterError."""
        data = self._render(ticket)
        timeout = self._settings.timeout_s
        if not self._lock.acquire(timeout=timeout):
            raise PrinterError(_(msg.PRINTER_BUSY))
        try:
            self._print_locked(data, timeout)
        except PrinterError as exc:
            self._availability.seen(False, exc.reason)
            raise
        finally:
            self._lock.release()
        self._availability.seen(True, _(msg.PRINTER_READY))

    def close(self) -> None:
        """Release the connection (the next call reconnects)."""
        with self._lock:
            self._drop_link()

    def _render(self, ticket: TicketContent) -> bytes:
        if ticket.logo_path is None and self._settings.logo_path:
            ticket = dataclasses.replace(ticket, logo_path=self._settings.logo_path)
        try:
            return render_ticket_escpos(
                ticket, self._settings.paper_width_mm, self._settings.profile
            )
        except OSError:
            if ticket.logo_path is None:
                raise
            # A missing or broken logo must not stop the queue: print without it.
            logger.warning("ticket logo %s unreadable; printing without it", ticket.logo_path)
            return render_ticket_escpos(
                dataclasses.replace(ticket, logo_path=None),
                self._settings.paper_width_mm,
                self._settings.profile,
            )

    def _print_locked(self, data: bytes, timeout: float) -> None:
        before: PrinterStatus | None = None
        if self._status_channel is not False:
            before = self._query(time.monotonic() + timeout)
            if (
                before.online is False
                or before.cover_open is True
                or before.paper is PaperState.OUT
            ):
                raise PrinterError(before.reason)
        link = self._connected()
        try:
            link.write_all(data, time.monotonic() + timeout)
        except LinkTimeout as exc:
            self._drop_link()
            raise PrinterError(_(msg.PRINTER_WRITE_TIMEOUT)) from exc
        except OSError as exc:
            self._drop_link()
            raise PrinterError(_(msg.PRINTER_WRITE_FAILED)) from exc
        if before is None or before.online is None:
            if before is not None and self._status_channel is None:
                # A one-way printer (no replies, yet it takes tickets): its accepted
                # write is the only confirmation, so stop waiting for replies.
                self._status_channel = False
            return
        # Status requests travel behind the ticket, so an answer proves the
        # printer received all of it; it also shows a roll that ran out midway.
        after = self._query(time.monotonic() + timeout)
        if after.paper is PaperState.OUT:
            raise PrinterError(_(msg.PRINTER_RAN_OUT_DURING))
        if after.cover_open is True or after.online is False:
            raise PrinterError(after.reason)
        if after.online is None:
            # It answered before the ticket but not after: nothing confirms it.
            self._drop_link()
            raise PrinterError(_(msg.PRINTER_WRITE_TIMEOUT))

    def _query(self, deadline: float) -> PrinterStatus:
        try:
            link = self._connected()
        except PrinterError as exc:
            return unknown_status(_now(), exc.reason)
        replies: list[bytes | None] = []
        try:
            link.discard_input()
            for request in (DLE_EOT_PRINTER, DLE_EOT_OFFLINE, DLE_EOT_PAPER):
                link.write_all(request, deadline)
                replies.append(link.read_byte(deadline))
        except LinkTimeout:
            replies += [None] * (3 - len(replies))
        except OSError:
            self._drop_link()
            return unknown_status(_now(), _(msg.PRINTER_NO_REPLY))
        status = parse_status(replies[0], replies[1], replies[2], _now())
        if status.online is not None:
            self._status_channel = True
        return status

    def _connected(self) -> _Link:
        if self._link is not None:
            return self._link
        link = _make_link(self._settings)
        try:
            link.open(raise_not_found=True)
        except (DeviceNotFoundError, OSError) as exc:
            raise PrinterError(_(msg.PRINTER_CANNOT_OPEN)) from exc
        except (RuntimeError, ValueError) as exc:
            # python-escpos raises RuntimeError without pyusb; pyusb raises
            # NoBackendError (a ValueError) without libusb.
            raise PrinterError(_(msg.PRINTER_USB_UNAVAILABLE)) from exc
        self._link = link
        return link

    def _drop_link(self) -> None:
        if self._link is not None:
            try:
                self._link.close()
            except OSError:
                logger.debug("closing printer link failed", exc_info=True)
            self._link = None
        self._status_channel = None


def _now() -> datetime:
    return datetime.now().astimezone()
