"""LED displays over attention modules: one interface, a serial driver and a simulator.

The serial driver speaks the "MAC LED line protocol" (docs/hardware.md): ASCII
frames `$AA,COMMAND[,ARG...]*CC` ended by CR LF, where AA is the display's bus
address and CC the XOR of the bytes between `$` and `*` in two hex digits.
The addressed display answers `$AA,ACK*CC` or `$AA,NAK,REASON*CC`.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import serial

from macturnos.hardware import messages as msg
from macturnos.hardware.availability import AvailabilityLog
from macturnos.hardware.settings import LedDisplaySettings
from macturnos.messages import N_, _

logger = logging.getLogger(__name__)

MAX_NUMBER_CHARS = 13
"""Longest ticket number accepted ("ABC-123456789"); longer texts are refused."""
_NUMBER_RE = re.compile(r"^[A-Z0-9-]{1,13}$")
_MAX_FRAME = 64

# Displays that cannot share their line (the agent refuses to start with them).
LED_BUS_SPEEDS = N_("Las pantallas LED del puerto {port} tienen velocidades distintas")
LED_BUS_ADDRESS_TAKEN = N_(
    "Dos pantallas LED del puerto {port} usan la dirección {address} (una es la del módulo {module})"
)


class LedDisplayError(Exception):
    """A display did not acknowledge an order, or could not be reached."""

    def __init__(self, reason: str) -> None:
        """Keep the Spanish reason for the staff."""
        super().__init__(reason)
        self.reason = reason


@runtime_checkable
class ModuleDisplay(Protocol):
    """The LED display over one attention module."""

    def show(self, number: str, module: int) -> None:
        """Show a ticket number called to a module; raise LedDisplayError if not acknowledged."""
        ...

    def blink(self, times: int = 3) -> None:
        """Blink the current text to draw attention."""
        ...

    def clear(self) -> None:
        """Blank the display."""
        ...

    def present(self) -> bool:
        """Whether the display answers now (never raises)."""
        ...


# --- the line protocol -------------------------------------------------------


def checksum(body: bytes) -> str:
    """XOR of the bytes, as two upper-case hex digits."""
    value = 0
    for byte in body:
        value ^= byte
    return f"{value:02X}"


def encode_frame(address: int, command: str, *args: str) -> bytes:
    """One complete frame, e.g. b"$01,SHOW,R-023,7*4B\\r\\n"."""
    if not 0 <= address <= 99:
        raise ValueError("address must be 0 to 99")
    body = ",".join([f"{address:02d}", command, *args]).encode("ascii")
    if b"*" in body or b"$" in body or b"\r" in body or b"\n" in body:
        raise ValueError("frame fields must not hold $, *, CR or LF")
    return b"$" + body + b"*" + checksum(body).encode("ascii") + b"\r\n"


@dataclass(frozen=True)
class Frame:
    """A decoded frame."""

    address: int
    command: str
    args: tuple[str, ...]


def decode_frame(line: bytes) -> Frame | None:
    """The frame in one received line, or None if it is malformed or its checksum is wrong."""
    line = line.strip(b"\r\n")
    if not line.startswith(b"$") or line.count(b"*") != 1 or len(line) > _MAX_FRAME:
        return None
    body, _sep, check = line[1:].partition(b"*")
    try:
        if check.decode("ascii") != checksum(body):
            return None
        fields = body.decode("ascii").split(",")
        address = int(fields[0])
    except (UnicodeDecodeError, ValueError):
        return None
    if len(fields[0]) != 2 or len(fields) < 2:
        return None
    return Frame(address=address, command=fields[1], args=tuple(fields[2:]))


def normalise_number(number: str) -> str:
    """The ticket number as a display shows it; raises LedDisplayError if it cannot."""
    text = number.strip().upper()
    if not _NUMBER_RE.match(text):
        raise LedDisplayError(_(msg.LED_BAD_TEXT).format(text=number))
    return text


def _check_module(module: int) -> None:
    if not 1 <= module <= 99:
        raise LedDisplayError(_(msg.LED_BAD_TEXT).format(text=module))


def _check_times(times: int) -> None:
    if not 1 <= times <= 9:
        raise LedDisplayError(_(msg.LED_BAD_TEXT).format(text=times))


# --- serial driver -----------------------------------------------------------


class LedBus:
    """One serial line and every display on it: one order at a time, one open port.

    An RS-485 chain carries several displays on one port; each display's driver
    shares its bus, so two orders never interleave on the wire and the port is
    opened once (a second pyserial handle on the same tty would steal replies).
    """

    def __init__(self, port: str, baudrate: int = 9600) -> None:
        """Remember the line; it is opened at first use and reopened after failures."""
        self.port = port
        self.baudrate = baudrate
        self._serial: serial.Serial | None = None
        self._lock = threading.Lock()

    def order(self, address: int, frame: bytes, timeout_s: float) -> None:
        """Send one frame and wait for its display's ACK; raise LedDisplayError otherwise."""
        deadline = time.monotonic() + timeout_s
        if not self._lock.acquire(timeout=timeout_s):
            raise LedDisplayError(_(msg.LED_ABSENT))
        try:
            self._exchange(address, frame, deadline, timeout_s)
        finally:
            self._lock.release()

    def close(self) -> None:
        """Release the serial port."""
        with self._lock:
            self._drop_port()

    def _exchange(self, address: int, frame: bytes, deadline: float, timeout_s: float) -> None:
        try:
            port = self._open(timeout_s)
            port.reset_input_buffer()
            port.write_timeout = max(0.001, deadline - time.monotonic())
            port.write(frame)
            reply = self._read_reply(port, address, frame, deadline)
        except (serial.SerialException, OSError) as exc:
            self._drop_port()
            raise LedDisplayError(_(msg.LED_ABSENT)) from exc
        if reply is None:
            raise LedDisplayError(_(msg.LED_ABSENT))
        if reply.command == "NAK":
            code = reply.args[0] if reply.args else "?"
            raise LedDisplayError(_(msg.LED_REJECTED).format(code=code))

    @staticmethod
    def _read_reply(
        port: serial.Serial, address: int, sent: bytes, deadline: float
    ) -> Frame | None:
        """The first ACK or NAK from `address`; other traffic on the bus is skipped."""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            port.timeout = remaining
            line = port.read_until(b"\n", _MAX_FRAME + 2)
            if not line.endswith(b"\n"):
                return None
            if line == sent:
                continue  # RS-485 adapters without echo suppression return our own frame
            frame = decode_frame(line)
            if frame is not None and frame.address == address and frame.command in ("ACK", "NAK"):
                return frame

    def _open(self, timeout_s: float) -> serial.Serial:
        if self._serial is None:
            try:
                self._serial = serial.Serial(
                    port=self.port,
                    baudrate=self.baudrate,
                    timeout=timeout_s,
                    write_timeout=timeout_s,
                )
            except (serial.SerialException, OSError, ValueError) as exc:
                raise LedDisplayError(_(msg.LED_CANNOT_OPEN)) from exc
        return self._serial

    def _drop_port(self) -> None:
        if self._serial is not None:
            try:
                self._serial.close()
            except (serial.SerialException, OSError):
                logger.debug("closing LED display port failed", exc_info=True)
            self._serial = None


class SerialLedDisplay:
    """A display on an RS-232 line or an RS-485 bus, driven through pyserial."""

    def __init__(self, settings: LedDisplaySettings, bus: LedBus | None = None) -> None:
        """Use the given bus (shared with the other displays on the port) or a bus of its own."""
        if not settings.port:
            raise LedDisplayError(_(msg.LED_CANNOT_OPEN))
        if bus is not None and (bus.port, bus.baudrate) != (settings.port, settings.baudrate):
            raise ValueError("a display's bus must be its own port at its own speed")
        self._settings = settings
        self._bus = bus or LedBus(settings.port, settings.baudrate)
        self._availability = AvailabilityLog(
            logger, f"LED display {settings.address:02d} on {settings.port}"
        )

    @property
    def settings(self) -> LedDisplaySettings:
        """The settings this display was opened with."""
        return self._settings

    @property
    def bus(self) -> LedBus:
        """The serial line the display hangs on."""
        return self._bus

    def show(self, number: str, module: int) -> None:
        """Send SHOW and wait for the acknowledgement."""
        text = normalise_number(number)
        _check_module(module)
        self._order("SHOW", text, str(module))

    def blink(self, times: int = 3) -> None:
        """Send BLINK and wait for the acknowledgement."""
        _check_times(times)
        self._order("BLINK", str(times))

    def clear(self) -> None:
        """Send CLEAR and wait for the acknowledgement."""
        self._order("CLEAR")

    def present(self) -> bool:
        """Send PING; True only if the display acknowledged within the timeout."""
        try:
            self._order("PING")
        except LedDisplayError:
            return False
        return True

    def close(self) -> None:
        """Release the serial port (of every display on the bus)."""
        self._bus.close()

    def _order(self, command: str, *args: str) -> None:
        frame = encode_frame(self._settings.address, command, *args)
        try:
            self._bus.order(self._settings.address, frame, self._settings.timeout_s)
        except LedDisplayError as exc:
            self._availability.seen(False, exc.reason)
            raise
        self._availability.seen(True, _(msg.LED_PRESENT))


# --- simulator ---------------------------------------------------------------


class SimulatedLedDisplay:
    """A display that remembers what it shows; it can be unplugged to test failures."""

    def __init__(self, settings: LedDisplaySettings | None = None) -> None:
        """Start blank and plugged in."""
        self._settings = settings or LedDisplaySettings()
        self.current: tuple[str, int] | None = None
        """The number and module on the display now, None when blank."""
        self.shown: list[tuple[str, int]] = []
        """Everything shown so far, oldest first."""
        self.blinks = 0
        """Blinks ordered so far."""
        self.plugged = True
        self._lock = threading.Lock()

    @property
    def settings(self) -> LedDisplaySettings:
        """The settings this display was opened with."""
        return self._settings

    def unplug(self) -> None:
        """Disconnect the display: orders fail and present() is False."""
        self.plugged = False

    def plug(self) -> None:
        """Reconnect the display (it comes back blank, as after a power cycle)."""
        self.plugged = True
        self.current = None

    def show(self, number: str, module: int) -> None:
        """Show a number and module, validated like the serial protocol does."""
        text = normalise_number(number)
        _check_module(module)
        with self._lock:
            self._require_plugged()
            self.current = (text, module)
            self.shown.append((text, module))

    def blink(self, times: int = 3) -> None:
        """Count a blink order."""
        _check_times(times)
        with self._lock:
            self._require_plugged()
            self.blinks += times

    def clear(self) -> None:
        """Blank the display."""
        with self._lock:
            self._require_plugged()
            self.current = None

    def present(self) -> bool:
        """Whether the display is plugged in."""
        return self.plugged

    def _require_plugged(self) -> None:
        if not self.plugged:
            raise LedDisplayError(_(msg.LED_UNPLUGGED))


def open_led_display(settings: LedDisplaySettings, bus: LedBus | None = None) -> ModuleDisplay:
    """The display the settings describe; no I/O happens until the first order."""
    if settings.connector == "simulated":
        return SimulatedLedDisplay(settings)
    return SerialLedDisplay(settings, bus)


def open_led_displays(wanted: Mapping[int, LedDisplaySettings]) -> dict[int, ModuleDisplay]:
    """One display per module; the displays that share a port share one bus.

    Raises LedDisplayError when two displays on one port disagree on its speed
    or answer to the same address: they could not both work.
    """
    buses: dict[str, LedBus] = {}
    addresses: dict[tuple[str, int], int] = {}
    displays: dict[int, ModuleDisplay] = {}
    for module, settings in sorted(wanted.items()):
        bus = None
        if settings.connector == "serial" and settings.port:
            bus = buses.setdefault(settings.port, LedBus(settings.port, settings.baudrate))
            if bus.baudrate != settings.baudrate:
                raise LedDisplayError(_(LED_BUS_SPEEDS).format(port=settings.port))
            other = addresses.setdefault((settings.port, settings.address), module)
            if other != module:
                raise LedDisplayError(
                    _(LED_BUS_ADDRESS_TAKEN).format(
                        port=settings.port, address=settings.address, module=other
                    )
                )
        displays[module] = open_led_display(settings, bus)
    return displays
