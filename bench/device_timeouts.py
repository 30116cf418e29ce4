"""Device timeouts: how long the bounded waits on silent devices really take.

The tests check *what* a silent or wedged device gives (unknown, a Spanish reason);
how long that takes is measured here, where a loaded machine skews a figure instead
of failing a test. Each case runs `--rounds` times on this machine, no real device:

* printer status, simulated printer slower than its timeout (0.3 s): target <= 0.45 s;
* printer probe, a driver whose status() never returns (timeout 0.1 s + the probe's
  1 s margin): target <= 1.5 s;
* UPS probe, an `upsc` that hangs (timeout 0.5 s, killed with its children):
  target <= 1.5 s;
* internet probe, an HTTPS port that accepts and never answers (timeout 0.5 s):
  target <= 0.8 s.

Usage: .venv/bin/python bench/device_timeouts.py [--rounds 5]
Prints median and worst per case with PASS/FAIL; exits 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from macturnos.hardware.printer import open_printer
from macturnos.hardware.probes import probe_power, probe_printer
from macturnos.hardware.settings import PrinterSettings, UpsSettings
from macturnos.server.day.internet import probe_internet


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def slow_printer_status(folder: Path) -> float:
    printer = open_printer(
        PrinterSettings(simulated_output_dir=str(folder / "tickets"), timeout_s=0.3)
    )
    printer.set_delay(5)  # type: ignore[attr-defined] - the simulated printer's switch
    return _timed(printer.status)


def wedged_driver_probe(_folder: Path) -> float:
    release = threading.Event()

    class Wedged:
        class settings:  # noqa: N801 - mimics the driver's settings attribute
            timeout_s = 0.1

        def status(self) -> None:
            release.wait(60)

        def print_ticket(self, ticket: object) -> None:
            raise NotImplementedError

    try:
        return _timed(lambda: probe_printer(Wedged()))  # type: ignore[arg-type]
    finally:
        release.set()


def hanging_upsc_probe(folder: Path) -> float:
    script = folder / "upsc"
    script.write_text("#!/bin/sh\nsleep 30; echo 'ups.status: OL'\n")
    script.chmod(0o755)
    return _timed(lambda: probe_power(UpsSettings(upsc_path=str(script), timeout_s=0.5)))


def silent_https_probe(_folder: Path) -> float:
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        return _timed(lambda: probe_internet(f"https://localhost:{port}/ping", 0.5))


CASES: list[tuple[str, Callable[[Path], float], float]] = [
    ("printer status, too slow (timeout 0.3 s)", slow_printer_status, 0.45),
    ("printer probe, wedged driver (0.1 s + 1 s)", wedged_driver_probe, 1.5),
    ("UPS probe, hanging upsc (timeout 0.5 s)", hanging_upsc_probe, 1.5),
    ("internet probe, silent HTTPS (timeout 0.5 s)", silent_https_probe, 0.8),
]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=5)
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="macturnos-timeouts-") as tmp:
        for name, case, target in CASES:
            times = [case(Path(tmp)) for _ in range(args.rounds)]
            worst = max(times)
            print(
                f"{name}: median {statistics.median(times):.3f} s, worst {worst:.3f} s "
                f"(target <= {target:.2f} s): {'PASS' if worst <= target else 'FAIL'}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
