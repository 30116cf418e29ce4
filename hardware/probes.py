"""Device health probes for the daily opening checklist: printers, LED displays, power.

Every probe returns a ProbeResult with a state, a Spanish reason and a
timestamp, and returns within its timeout even when a device hangs. UNKNOWN is
never OK: the checklist asks a person to confirm it.

The internet probe is the server's (`macturnos.server.day.internet`): the hardware
layer speaks to devices, never HTTP. It shares `ProbeResult` and `run_bounded`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from macturnos.hardware import messages as msg
from macturnos.hardware.led import ModuleDisplay
from macturnos.hardware.settings import UpsSettings
from macturnos.hardware.ticket import PaperState, TicketPrinter
from macturnos.messages import _

_LOW_CHARGE_PERCENT = 50
_DEFAULT_DEVICE_TIMEOUT_S = 10.0


class ProbeState(StrEnum):
    """Outcome of one probe."""

    OK = "ok"
    WARNING = "warning"
    FAIL = "fail"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ProbeResult:
    """One probe's outcome, why (in Spanish), when, and machine-readable details."""

    state: ProbeState
    reason: str
    checked_at: datetime
    detail: dict[str, Any] = field(default_factory=dict)


def _now() -> datetime:
    return datetime.now().astimezone()


def probe_result(state: ProbeState, reason: str, **detail: Any) -> ProbeResult:
    """A result checked now, with `detail` as its machine-readable details."""
    return ProbeResult(state=state, reason=reason, checked_at=_now(), detail=detail)


def run_bounded(
    work: Callable[[], ProbeResult], timeout_s: float, on_timeout: Callable[[], ProbeResult]
) -> ProbeResult:
    """Run work in a helper thread and give up at the timeout.

    Some calls (getaddrinfo, a wedged driver) cannot be interrupted; the helper
    thread is left to finish on its own so the checklist is never held up.
    """
    box: list[ProbeResult | BaseException] = []

    def run() -> None:
        try:
            box.append(work())
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            box.append(exc)

    thread = threading.Thread(target=run, name="probe", daemon=True)
    thread.start()
    thread.join(timeout_s)
    if not box:
        return on_timeout()
    outcome = box[0]
    if isinstance(outcome, BaseException):
        return probe_result(ProbeState.FAIL, _(msg.PROBE_FAILED).format(error=outcome))
    return outcome


# --- printers and LED displays -------------------------------------------------


def _device_timeout(device: object) -> float:
    settings = getattr(device, "settings", None)
    timeout = getattr(settings, "timeout_s", None)
    # The device bounds its own I/O; this margin only guards against a bug there.
    return float(timeout) + 1.0 if timeout else _DEFAULT_DEVICE_TIMEOUT_S


def probe_printer(printer: TicketPrinter) -> ProbeResult:
    """OK when ready, WARNING when paper is near its end, FAIL when known unusable, else UNKNOWN."""

    def work() -> ProbeResult:
        status = printer.status()
        detail = {
            "online": status.online,
            "paper": str(status.paper),
            "cover_open": status.cover_open,
        }
        if status.ready:
            state = ProbeState.WARNING if status.paper is PaperState.NEAR_END else ProbeState.OK
        elif status.online is False or status.cover_open is True or status.paper is PaperState.OUT:
            state = ProbeState.FAIL
        else:
            state = ProbeState.UNKNOWN
        return ProbeResult(state, status.reason, status.checked_at, detail)

    return run_bounded(
        work,
        _device_timeout(printer),
        lambda: probe_result(ProbeState.UNKNOWN, _(msg.PROBE_TIMEOUT)),
    )


def probe_led(display: ModuleDisplay) -> ProbeResult:
    """OK when the display acknowledges a ping, FAIL otherwise."""

    def work() -> ProbeResult:
        if display.present():
            return probe_result(ProbeState.OK, _(msg.LED_PRESENT))
        return probe_result(ProbeState.FAIL, _(msg.LED_ABSENT))

    return run_bounded(
        work, _device_timeout(display), lambda: probe_result(ProbeState.FAIL, _(msg.LED_ABSENT))
    )


# --- electric power ------------------------------------------------------------


def parse_upsc(output: str) -> dict[str, str]:
    """The `name: value` lines that `upsc` prints, as a dict."""
    variables: dict[str, str] = {}
    for line in output.splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip():
            variables[name.strip()] = value.strip()
    return variables


def _charge_text(charge: int | None) -> str:
    if charge is None:
        return _(msg.POWER_CHARGE_UNKNOWN)
    return _(msg.POWER_CHARGE).format(percent=charge)


def power_from_upsc(variables: dict[str, str], ups_name: str) -> ProbeResult:
    """Judge mains power from NUT variables (ups.status flags OL, OB, LB, RB)."""
    status = variables.get("ups.status", "")
    flags = set(status.split())
    try:
        charge: int | None = round(float(variables["battery.charge"]))
    except (KeyError, ValueError):
        charge = None
    detail: dict[str, Any] = {"ups": ups_name, "status": status, "battery_charge": charge}
    if "battery.runtime" in variables:
        detail["battery_runtime"] = variables["battery.runtime"]
    text = _charge_text(charge)
    if "OB" in flags:
        if "LB" in flags:
            return probe_result(
                ProbeState.FAIL, _(msg.POWER_LOW_BATTERY).format(charge=text), **detail
            )
        return probe_result(ProbeState.FAIL, _(msg.POWER_ON_BATTERY).format(charge=text), **detail)
    if "OL" in flags:
        if "RB" in flags:
            return probe_result(ProbeState.WARNING, _(msg.POWER_REPLACE_BATTERY), **detail)
        if "LB" in flags or (charge is not None and charge < _LOW_CHARGE_PERCENT):
            return probe_result(
                ProbeState.WARNING, _(msg.POWER_LOW_CHARGE).format(charge=text), **detail
            )
        return probe_result(ProbeState.OK, _(msg.POWER_ONLINE).format(charge=text), **detail)
    return probe_result(
        ProbeState.UNKNOWN,
        _(msg.POWER_UNKNOWN_STATUS).format(status=status or "?"),
        **detail,
    )


def probe_power(ups: UpsSettings | None) -> ProbeResult:
    """Mains power as the UPS reports it through `upsc`; without a UPS, ask for a manual check."""
    if ups is None:
        return probe_result(ProbeState.UNKNOWN, _(msg.POWER_MANUAL), manual=True)
    try:
        # Own session, so a timeout kills upsc and anything it started.
        proc = subprocess.Popen(
            [ups.upsc_path, ups.name],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    except OSError as exc:
        return probe_result(
            ProbeState.UNKNOWN, _(msg.POWER_UPSC_MISSING), ups=ups.name, error=str(exc)
        )
    try:
        out, err = proc.communicate(timeout=ups.timeout_s)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            proc.communicate(timeout=1.0)
        except subprocess.TimeoutExpired:
            pass
        return probe_result(ProbeState.UNKNOWN, _(msg.POWER_UPSC_TIMEOUT), ups=ups.name)
    if proc.returncode != 0:
        error = (err or out).strip().splitlines()[:1]
        return probe_result(
            ProbeState.UNKNOWN,
            _(msg.POWER_UPSC_ERROR).format(error=error[0] if error else proc.returncode),
            ups=ups.name,
        )
    return power_from_upsc(parse_upsc(out), ups.name)
