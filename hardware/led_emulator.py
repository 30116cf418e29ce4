"""An LED display emulated on a pseudo-terminal: the far end of the serial line protocol.

The driver opens the pty's slave side exactly as it opens /dev/ttyUSB0, so the
demo and the tests exercise real serial I/O. Run `python -m
macturnos.hardware.led_emulator` to get a port path for a demo configuration.
"""

from __future__ import annotations

import argparse
import os
import select
import threading
import time
import tty
from collections.abc import Iterable
from types import TracebackType

from macturnos.hardware.led import MAX_NUMBER_CHARS, decode_frame, encode_frame


class PtyLedPanel:
    """Answers the protocol on one bus address and records every byte it receives.

    With `chain`, the pty is an RS-485 bus: the displays at those further
    addresses answer on the same line, each with its own text.
    """

    def __init__(self, address: int = 1, *, chain: Iterable[int] = ()) -> None:
        """Create the pseudo-terminal and start answering."""
        self.address = address
        self.addresses = (address, *(a for a in chain if a != address))
        self._master, self._slave = os.openpty()
        # Raw mode: the line discipline must neither echo nor translate CR/LF.
        tty.setraw(self._slave)
        self.port = os.ttyname(self._slave)
        """Path the driver opens, e.g. /dev/pts/5."""
        self.received = bytearray()
        """Every byte that arrived from the host."""
        self._showing: dict[int, tuple[str, int] | None] = dict.fromkeys(self.addresses)
        self._blinks: dict[int, int] = dict.fromkeys(self.addresses, 0)
        self.answering = True
        """False makes the panel silent, like a display whose cable is cut."""
        self.silent: set[int] = set()
        """Addresses on the chain that do not answer (one display unplugged)."""
        self.reply_delay_s = 0.0
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="pty-led-panel", daemon=True)
        self._thread.start()

    def __enter__(self) -> PtyLedPanel:
        """Use as a context manager that closes the pty."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop the panel."""
        self.close()

    def close(self) -> None:
        """Stop answering and close the pseudo-terminal."""
        self._stop.set()
        self._thread.join(timeout=2)
        for fd in (self._master, self._slave):
            try:
                os.close(fd)
            except OSError:
                pass

    @property
    def current(self) -> tuple[str, int] | None:
        """The number and module on the first display now, None when blank."""
        return self.showing(self.address)

    @property
    def blinks(self) -> int:
        """Blinks ordered to the first display so far."""
        with self._lock:
            return self._blinks[self.address]

    def showing(self, address: int) -> tuple[str, int] | None:
        """The number and module on the display at `address` now, None when blank."""
        with self._lock:
            return self._showing[address]

    def power_cycle(self, address: int) -> None:
        """Switch the display at `address` off and on: it comes back blank."""
        with self._lock:
            self._showing[address] = None

    def send_raw(self, data: bytes) -> None:
        """Put bytes on the line from the display side (e.g. another device's traffic)."""
        os.write(self._master, data)

    def _run(self) -> None:
        buffer = b""
        while not self._stop.is_set():
            readable, _, _ = select.select([self._master], [], [], 0.05)
            if not readable:
                continue
            try:
                chunk = os.read(self._master, 1024)
            except OSError:
                # EIO while no process holds the slave open; wait for the next one.
                time.sleep(0.01)
                continue
            with self._lock:
                self.received += chunk
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                self._handle(line + b"\n")

    def _handle(self, line: bytes) -> None:
        frame = decode_frame(line)
        if frame is None:
            # A display cannot tell whom a corrupted frame was for: stay silent.
            return
        if frame.address not in self.addresses or frame.address in self.silent:
            return
        if not self.answering:
            return
        reply = self._apply(frame.address, frame.command, frame.args)
        if self.reply_delay_s:
            time.sleep(self.reply_delay_s)
        os.write(self._master, reply)

    def _apply(self, address: int, command: str, args: tuple[str, ...]) -> bytes:
        nak = encode_frame(address, "NAK", "ARG")
        with self._lock:
            if command == "PING" and not args:
                pass
            elif command == "CLEAR" and not args:
                self._showing[address] = None
            elif command == "SHOW" and len(args) == 2:
                number, module = args
                if not (1 <= len(number) <= MAX_NUMBER_CHARS) or not module.isdigit():
                    return nak
                self._showing[address] = (number, int(module))
            elif command == "BLINK" and len(args) == 1 and args[0].isdigit():
                self._blinks[address] += int(args[0])
            elif command in ("PING", "CLEAR", "SHOW", "BLINK"):
                return nak
            else:
                return encode_frame(address, "NAK", "CMD")
        return encode_frame(address, "ACK")


def main(argv: list[str] | None = None) -> int:
    """Run an emulated display until interrupted, printing what it shows."""
    parser = argparse.ArgumentParser(description="Emulated MAC Turnos LED display on a pty")
    parser.add_argument("--address", type=int, action="append", help="repeat for an RS-485 chain")
    options = parser.parse_args(argv)
    first, *chain = options.address or [1]
    with PtyLedPanel(first, chain=chain) as panel:
        for address in panel.addresses:
            print(f"LED display {address:02d} listening on {panel.port}", flush=True)
        shown: dict[int, tuple[str, int] | None] = dict.fromkeys(panel.addresses)
        try:
            while True:
                time.sleep(0.2)
                for address in panel.addresses:
                    if panel.showing(address) != shown[address]:
                        shown[address] = panel.showing(address)
                        print(f"display {address:02d}: {shown[address]}", flush=True)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    raise SystemExit(main())
