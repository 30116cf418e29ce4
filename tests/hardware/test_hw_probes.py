"""Device health probes: printers, LED displays, UPS power (the internet probe is the server's)."""

from __future__ import annotations

import os
import threading
from datetime import datetime

import pytest

from macturnos.hardware.led import SimulatedLedDisplay
from macturnos.hardware.printer import SimulatedPrinter
from macturnos.hardware.probes import (
    ProbeResult,
    ProbeState,
    probe_led,
    probe_power,
    probe_printer,
)
from macturnos.hardware.settings import PrinterSettings, UpsSettings


def _assert_fresh(result: ProbeResult) -> None:
    assert isinstance(result.checked_at, datetime) and result.checked_at.tzinfo is not None
    assert abs((datetime.now().astimezone() - result.checked_at).total_seconds()) < 30
    assert result.reason


# --- printers and displays -------------------------------------------------------


def _sim(tmp_path, **settings) -> SimulatedPrinter:
    return SimulatedPrinter(
        PrinterSettings(simulated_output_dir=str(tmp_path), timeout_s=0.2, **settings)
    )


def test_printer_probe_states(tmp_path):
    printer = _sim(tmp_path)
    assert probe_printer(printer).state is ProbeState.OK
    printer.refill(100)
    near = probe_printer(printer)
    assert near.state is ProbeState.WARNING and near.detail["paper"] == "near_end"
    printer.out_of_paper()
    out = probe_printer(printer)
    assert out.state is ProbeState.FAIL and out.reason == "La impresora no tiene papel"
    printer.refill()
    printer.set_delay(3)
    silent = probe_printer(printer)
    assert silent.state is ProbeState.UNKNOWN  # never OK without an answer (3 s > timeout)
    _assert_fresh(silent)


def test_printer_probe_is_bounded_even_if_the_driver_hangs():
    release = threading.Event()

    class Wedged:
        class settings:  # noqa: N801 - mimics the driver's settings attribute
            timeout_s = 0.1

        def status(self):
            release.wait(60)

        def print_ticket(self, ticket):
            raise NotImplementedError

    try:
        result = probe_printer(Wedged())
        # The probe answered while the driver's call is still stuck: it did not wait for it.
        assert not release.is_set()
        assert result.state is ProbeState.UNKNOWN
    finally:
        release.set()


def test_led_probe():
    display = SimulatedLedDisplay()
    assert probe_led(display).state is ProbeState.OK
    display.unplug()
    result = probe_led(display)
    assert (
        result.state is ProbeState.FAIL
        and result.reason == "La pantalla LED del módulo no responde"
    )


# --- electric power ----------------------------------------------------------------

NUT_ONLINE = """battery.charge: 100
battery.runtime: 1800
device.mfr: APC
ups.status: OL
"""


@pytest.fixture
def upsc_on_path(tmp_path, monkeypatch):
    """Put a fake `upsc` printing the given NUT output (or running the given shell) on PATH."""

    def install(body: str) -> UpsSettings:
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir(exist_ok=True)
        script = bin_dir / "upsc"
        script.write_text("#!/bin/sh\n" + body + "\n")
        script.chmod(0o755)
        monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
        return UpsSettings(name="apc@localhost", timeout_s=0.5)

    return install


def _printing(output: str) -> str:
    return f"cat <<'EOF'\n{output}EOF"


def test_no_ups_asks_for_manual_confirmation():
    result = probe_power(None)
    assert result.state is ProbeState.UNKNOWN
    assert result.reason == "Confirme manualmente la energía eléctrica"


def test_ups_online(upsc_on_path):
    result = probe_power(upsc_on_path(_printing(NUT_ONLINE)))
    assert result.state is ProbeState.OK, result.reason
    assert result.detail["battery_charge"] == 100 and result.detail["ups"] == "apc@localhost"
    _assert_fresh(result)


def test_ups_on_battery_means_no_mains_power(upsc_on_path):
    result = probe_power(upsc_on_path(_printing("battery.charge: 87\nups.status: OB DISCHRG\n")))
    assert result.state is ProbeState.FAIL
    assert "batería" in result.reason and "87 %" in result.reason


def test_ups_low_battery(upsc_on_path):
    result = probe_power(upsc_on_path(_printing("battery.charge: 9\nups.status: OB LB\n")))
    assert result.state is ProbeState.FAIL and "baja" in result.reason


def test_ups_online_but_battery_needs_care(upsc_on_path):
    low = probe_power(upsc_on_path(_printing("battery.charge: 30\nups.status: OL CHRG\n")))
    assert low.state is ProbeState.WARNING
    replace = probe_power(upsc_on_path(_printing("battery.charge: 100\nups.status: OL RB\n")))
    assert replace.state is ProbeState.WARNING and "reemplazar" in replace.reason


def test_ups_driver_error_is_unknown(upsc_on_path):
    result = probe_power(upsc_on_path("echo 'Error: Driver not connected' >&2; exit 1"))
    assert result.state is ProbeState.UNKNOWN and "Driver not connected" in result.reason


def test_ups_odd_status_is_unknown(upsc_on_path):
    result = probe_power(upsc_on_path(_printing("ups.status: BYPASS\n")))
    assert result.state is ProbeState.UNKNOWN


def test_hanging_upsc_is_killed_at_the_timeout(upsc_on_path):
    # `sleep` in a child keeps the pipe open: the whole process group must go.
    ups = upsc_on_path("sleep 30; echo 'ups.status: OL'")
    result = probe_power(ups)  # not killed, it would answer "OL" after 30 s
    assert result.state is ProbeState.UNKNOWN and "a tiempo" in result.reason


def test_missing_upsc_is_unknown(tmp_path):
    result = probe_power(UpsSettings(upsc_path=str(tmp_path / "no-upsc")))
    assert result.state is ProbeState.UNKNOWN and "upsc" in result.reason
