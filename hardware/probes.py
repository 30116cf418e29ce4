"""Device health probes for the daily opening checklist: internet, printers, LED displays, power.

Every probe returns a ProbeResult with a state, a Spanish reason and a
timestamp, and returns within its timeout even when a device or the network
hangs. UNKNOWN is never OK: the checklist asks a person to confirm it.
"""

from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

import httpx

from macturnos.hardware import messages as msg
from macturnos.hardware.led import ModuleDisplay
from macturnos.hardware.messages import _
from macturnos.hardware.settings import UpsSettings
from macturnos.hardware.ticket import PaperState, TicketPrinter

_MAX_BODY_BYTES = 64 * 1024
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


def _result(state: ProbeState, reason: str, **detail: Any) -> ProbeResult:
    return ProbeResult(state=state, reason=reason, checked_at=_now(), detail=detail)


def _bounded(
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
        return _result(ProbeState.FAIL, _(msg.PROBE_FAILED).format(error=outcome))
    return outcome


# --- internet ----------------------------------------------------------------


def probe_internet(
    url: str,
    timeout_s: float = 5.0,
    *,
    expect_text: str | None = None,
    ca_file: str | None = None,
    slow_after_s: float | None = None,
) -> ProbeResult:
    """Resolve the host, then GET the HTTPS URL with a verified certificate and no redirects.

    OK needs a 2xx answer (containing expect_text, when given) from the real
    host: a redirect, a certificate error or another page is a captive portal,
    and a name that resolves without an HTTPS answer is not internet.
    """
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError(_(msg.NET_NOT_HTTPS))
    host = parts.hostname
    port = parts.port or 443
    deadline = time.monotonic() + timeout_s
    slow = timeout_s / 2 if slow_after_s is None else slow_after_s

    def work() -> ProbeResult:
        started = time.monotonic()
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            return _result(
                ProbeState.FAIL,
                _(msg.NET_DNS_FAILED).format(host=host),
                url=url,
                step="dns",
                error=str(exc),
            )
        addresses = sorted({str(info[4][0]) for info in infos})
        context = ssl.create_default_context(cafile=ca_file)
        remaining = max(0.001, deadline - time.monotonic())
        try:
            with httpx.Client(
                verify=context, timeout=httpx.Timeout(remaining), follow_redirects=False
            ) as client:
                with client.stream("GET", url) as response:
                    body = b""
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) >= _MAX_BODY_BYTES:
                            break
        except httpx.HTTPError as exc:
            if _caused_by(exc, ssl.SSLCertVerificationError):
                reason = _(msg.NET_TLS_FAILED).format(host=host)
                step = "tls"
            else:
                reason = _(msg.NET_DNS_ONLY).format(host=host)
                step = "https"
            return _result(
                ProbeState.FAIL,
                reason,
                url=url,
                step=step,
                addresses=addresses,
                error=type(exc).__name__,
            )
        elapsed = time.monotonic() - started
        detail: dict[str, Any] = {
            "url": url,
            "addresses": addresses,
            "status_code": response.status_code,
            "elapsed_s": round(elapsed, 3),
        }
        if response.is_redirect or 300 <= response.status_code < 400:
            detail["location"] = response.headers.get("location", "")
            return _result(ProbeState.FAIL, _(msg.NET_REDIRECTED), step="http", **detail)
        if not 200 <= response.status_code < 300:
            return _result(
                ProbeState.WARNING,
                _(msg.NET_UNEXPECTED_STATUS).format(host=host, status=response.status_code),
                step="http",
                **detail,
            )
        if expect_text is not None and expect_text.encode() not in body:
            return _result(
                ProbeState.FAIL,
                _(msg.NET_UNEXPECTED_CONTENT).format(host=host),
                step="content",
                **detail,
            )
        if elapsed > slow:
            return _result(ProbeState.WARNING, _(msg.NET_SLOW).format(seconds=elapsed), **detail)
        return _result(ProbeState.OK, _(msg.NET_OK).format(host=host), **detail)

    return _bounded(
        work,
        timeout_s,
        lambda: _result(ProbeState.FAIL, _(msg.NET_TIMEOUT), url=url, step="timeout"),
    )


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


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

    return _bounded(
        work,
        _device_timeout(printer),
        lambda: _result(ProbeState.UNKNOWN, _(msg.PROBE_TIMEOUT)),
    )


def probe_led(display: ModuleDisplay) -> ProbeResult:
    """OK when the display acknowledges a ping, FAIL otherwise."""

    def work() -> ProbeResult:
        if display.present():
            return _result(ProbeState.OK, _(msg.LED_PRESENT))
        return _result(ProbeState.FAIL, _(msg.LED_ABSENT))

    return _bounded(
        work, _device_timeout(display), lambda: _result(ProbeState.FAIL, _(msg.LED_ABSENT))
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
            return _result(ProbeState.FAIL, _(msg.POWER_LOW_BATTERY).format(charge=text), **detail)
        return _result(ProbeState.FAIL, _(msg.POWER_ON_BATTERY).format(charge=text), **detail)
    if "OL" in flags:
        if "RB" in flags:
            return _result(ProbeState.WARNING, _(msg.POWER_REPLACE_BATTERY), **detail)
        if "LB" in flags or (charge is not None and charge < _LOW_CHARGE_PERCENT):
            return _result(
                ProbeState.WARNING, _(msg.POWER_LOW_CHARGE).format(charge=text), **detail
            )
        return _result(ProbeState.OK, _(msg.POWER_ONLINE).format(charge=text), **detail)
    return _result(
        ProbeState.UNKNOWN,
        _(msg.POWER_UNKNOWN_STATUS).format(status=status or "?"),
        **detail,
    )


def probe_power(ups: UpsSettings | None) -> ProbeResult:
    """Mains power as the UPS reports it through `upsc`; without a UPS, ask for a manual check."""
    if ups is None:
        return _result(ProbeState.UNKNOWN, _(msg.POWER_MANUAL), manual=True)
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
        return _result(ProbeState.UNKNOWN, _(msg.POWER_UPSC_MISSING), ups=ups.name, error=str(exc))
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
        return _result(ProbeState.UNKNOWN, _(msg.POWER_UPSC_TIMEOUT), ups=ups.name)
    if proc.returncode != 0:
        error = (err or out).strip().splitlines()[:1]
        return _result(
            ProbeState.UNKNOWN,
            _(msg.POWER_UPSC_ERROR).format(error=error[0] if error else proc.returncode),
            ups=ups.name,
        )
    return power_from_upsc(parse_upsc(out), ups.name)
