"""The checklist's automatic checks: one probe per kind, run side by side.

A probe is registered under the `probe:` kind the centre file names for a
checklist item (internet, power, turn_system, ...); `run_probes` looks each item's
kind up in `PROBES`. Probes run before the write transaction: they may take
seconds and must not hold the database's write lock.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from macturnos.config.models import PcmSettings
from macturnos.domain.opening import ItemResult
from macturnos.hardware.probes import ProbeResult, ProbeState, probe_power
from macturnos.hardware.settings import UpsSettings
from macturnos.messages import N_, _, day_text, lag_text, t
from macturnos.server.auth import Role
from macturnos.server.context import ServerContext
from macturnos.server.day.internet import probe_pcm
from macturnos.server.db.models import Device
from macturnos.server.db.sync_models import SyncState
from macturnos.server.leds import led_views
from macturnos.server.pair.health import ReplicationHealth, assess
from macturnos.server.pair.monitor import pair_status
from macturnos.server.sync.appointments import appointments_on
from macturnos.server.sync.state import DOWNLOAD

logger = logging.getLogger(__name__)

PROBE_FAILED = N_("No se pudo hacer la comprobación automática: {error}")

FAIL_DISK_BYTES = 1 * 1024**3
"""Below this free space the turn system item fails (the day's log and backups need room)."""
WARN_DISK_BYTES = 5 * 1024**3
"""Below this free space the turn system item opens with an observation."""
INTERNET_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class Finding:
    """What an automatic check found: a probe state, a Spanish reason and details."""

    state: str
    """ok, warning, fail, unknown or not_applicable."""
    reason: str
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def result(self) -> ItemResult:
        """The checklist result this finding pre-fills (a warning is an ok with a note)."""
        if self.state == ProbeState.WARNING:
            return ItemResult.OK
        return ItemResult(self.state)

    @property
    def note(self) -> str:
        """The note pre-filled with the result."""
        if self.state == ProbeState.WARNING:
            return day_text("probe_warning", detalle=self.reason)
        return self.reason


def _finding(result: ProbeResult) -> Finding:
    detail = {k: v for k, v in result.detail.items() if _plain(v)}
    return Finding(str(result.state), result.reason, detail)


def _plain(value: object) -> bool:
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    return isinstance(value, str | int | float | bool) or value is None


def _internet_default(pcm: PcmSettings) -> ProbeResult:
    # The sync's endpoint with the sync's TLS trust (`pcm.ca_file`): the probe
    # must not call "captive portal" a PCM the sync reaches (issue 16, item 6).
    return probe_pcm(pcm.endpoint, pcm.ca_file, INTERNET_TIMEOUT_S)


@dataclass(frozen=True)
class CentreProbes:
    """How the server checks the centre; the defaults are the real probes (tests swap them)."""

    internet: Callable[[PcmSettings], ProbeResult] = _internet_default
    power: Callable[[UpsSettings | None], ProbeResult] = probe_power
    disk_usage: Callable[[Path], Any] = shutil.disk_usage


Probe = Callable[[ServerContext, CentreProbes, date], Finding]
"""A checklist probe: the server, how to reach the centre's devices, and the day checked."""

PROBES: dict[str, Probe] = {}
"""Probe kind (a checklist item's `probe:`) -> its probe; filled by `@probe`."""


def probe(kind: str) -> Callable[[Probe], Probe]:
    """Register the decorated function as the probe of checklist items of `kind`."""

    def register(fn: Probe) -> Probe:
        if kind in PROBES:
            raise ValueError(f"probe {kind!r} registered twice")
        PROBES[kind] = fn
        return fn

    return register


def _data_folder(ctx: ServerContext) -> Path:
    """Where the day's data lives: the SQLite file's folder, else the working folder."""
    url = make_url(ctx.db.url)
    if ctx.db.backend == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent
    return Path.cwd()


@probe("internet")
def _internet(ctx: ServerContext, probes: CentreProbes, day: date) -> Finding:
    pcm = ctx.runtime.setup.config.pcm
    if pcm is None:
        return Finding(ProbeState.UNKNOWN, day_text("no_pcm_endpoint"))
    return _finding(probes.internet(pcm))


@probe("power")
def _power(ctx: ServerContext, probes: CentreProbes, day: date) -> Finding:
    return _finding(probes.power(ctx.runtime.setup.config.power.ups))


@probe("turn_system")
def _turn_system(ctx: ServerContext, probes: CentreProbes, day: date) -> Finding:
    try:
        with ctx.db.read() as s:
            s.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any driver error means "not reachable"
        return Finding(
            ProbeState.FAIL, day_text("turn_system_db_error"), {"error": type(exc).__name__}
        )
    folder = _data_folder(ctx)
    free = int(probes.disk_usage(folder).free)
    detail = {"database": ctx.db.backend, "folder": str(folder), "free_bytes": free}
    gb = f"{free / 1024**3:.1f}"
    if free < FAIL_DISK_BYTES:
        return Finding(ProbeState.FAIL, day_text("turn_system_no_disk", libre=gb), detail)
    if free < WARN_DISK_BYTES:
        return Finding(ProbeState.WARNING, day_text("turn_system_low_disk", libre=gb), detail)
    return Finding(ProbeState.OK, day_text("turn_system_ok", libre=gb), detail)


@probe("appointments")
def _appointments(ctx: ServerContext, probes: CentreProbes, day: date) -> Finding:
    with ctx.db.read() as s:
        count = appointments_on(s, day)
        # A download the centre could not use kept the old appointments: say so,
        # or the count would look current (issue 16, item 9).
        download = s.get(SyncState, DOWNLOAD)
    if download is not None and download.last_error:
        reason = day_text("appointments_download_failed", cantidad=count, error=download.last_error)
        state = ProbeState.WARNING if count else ProbeState.UNKNOWN
        return Finding(state, reason, {"appointments": count})
    if count == 0:
        return Finding(ProbeState.UNKNOWN, day_text("appointments_none"), {"appointments": 0})
    return Finding(
        ProbeState.OK, day_text("appointments_loaded", cantidad=count), {"appointments": count}
    )


@probe("replication")
def _replication(ctx: ServerContext, probes: CentreProbes, day: date) -> Finding:
    return replication_finding(pair_status(ctx))


def replication_finding(status: dict[str, Any] | None) -> Finding:
    """The replication item's finding from the pair monitor's status (None: one server).

    Losing the standby is a warning, not a failure: the centre keeps working on
    one machine (issue 9), but the supervisor reads why and calls ICT.
    """
    h: ReplicationHealth = assess(status)
    if h.level == "single":
        return Finding(
            ItemResult.NOT_APPLICABLE, day_text("replication_single"), {"mode": "single"}
        )
    detail = {k: v for k, v in h.as_dict().items() if v is not None}
    names = {"principal": h.primary or "?", "respaldo": h.standby or "?"}
    lag = lag_text(h.lag_bytes, h.lag_seconds)
    if h.level == "unknown":
        return Finding(ProbeState.UNKNOWN, day_text("replication_not_checked"), detail)
    two = next(
        (a for a in (status or {}).get("alerts") or [] if a.get("code") == "PAIR_TWO_PRIMARIES"),
        None,
    )
    if two is not None:
        # An old primary came back writable: the server's alert names it and the fix.
        return Finding(ProbeState.WARNING, str(two.get("message") or ""), detail)
    if h.level == "ok":
        key = "replication_ok" if h.role == "primary" else "replication_ok_standby"
        return Finding(ProbeState.OK, day_text(key, retraso=lag, **names), detail)
    if h.problem in ("local_unreachable", "fenced"):
        reason = day_text(f"replication_{h.problem}", nodo=h.node or "?", otro=h.primary or "?")
    elif h.problem == "no_standby":
        reason = day_text("replication_no_standby", **names)
    elif h.problem == "not_synchronous":
        reason = day_text("replication_not_synchronous", estado=h.state or "?", **names)
    else:  # catching_up, lagging
        reason = day_text(f"replication_{h.problem}", retraso=lag, **names)
    return Finding(ProbeState.WARNING, reason, detail)


@probe("kiosk_printers")
def _kiosk_printers(ctx: ServerContext, probes: CentreProbes, day: date) -> Finding:
    kiosks = [(k.code, k.name, Role.KIOSK.value) for k in ctx.runtime.setup.config.kiosks]
    return _devices(ctx, day, kiosks)


@probe("call_screens")
def _call_screens(ctx: ServerContext, probes: CentreProbes, day: date) -> Finding:
    screens = [(d.code, d.name, Role.DISPLAY.value) for d in ctx.runtime.setup.config.displays]
    return _devices(ctx, day, screens)


@probe("led_displays")
def _led_displays(ctx: ServerContext, probes: CentreProbes, day: date) -> Finding:
    """Each module's display as its LED agent last found it (`server.leds`).

    No report, or one from another day or too old, leaves the display unverified
    (a person looks at it); a display that did not acknowledge fails the item.
    """
    views = led_views(ctx)
    if not views:
        return Finding(ItemResult.NOT_APPLICABLE, day_text("no_devices"))
    setup = ctx.runtime.setup
    states: list[str] = []
    notes: list[str] = []
    for v in views:
        label = f"{t('Módulo {n}', n=v['module'])} ({v['agent']})"
        reported = datetime.fromisoformat(v["reported_at"]) if v["reported_at"] else None
        if reported is None:
            state, note = "unknown", day_text("device_no_report", equipo=label)
        elif v["stale"] or setup.day_of(reported) != day:
            seen = setup.local(reported).strftime("%d/%m/%Y %H:%M")
            state, note = "unknown", day_text("device_stale", equipo=label, fecha=seen)
        elif v["state"] == "ok":
            state, note = "ok", None
        else:
            state, note = "fail", day_text("device_error", equipo=label, detalle=v["reason"])
        states.append(state)
        if note is not None:
            notes.append(note)
    worst = next(w for w in _WORST if w in states)
    reason = " ".join(notes) if notes else day_text("devices_ok", cantidad=len(views))
    per_device = [f"LED-{v['module']}:{s}" for v, s in zip(views, states, strict=True)]
    return Finding(worst, reason, {"devices": per_device})


_WORST = ("fail", "unknown", "warning", "ok")


def _devices(ctx: ServerContext, day: date, wanted: Sequence[tuple[str, str, str]]) -> Finding:
    """Judge devices (code, name, kind) from their last health report and pairing."""
    if not wanted:
        return Finding(ItemResult.NOT_APPLICABLE, day_text("no_devices"))
    with ctx.db.read() as s:
        rows = {d.code: d for d in s.scalars(select(Device).where(Device.active.is_(True)))}
    states: list[str] = []
    notes: list[str] = []
    per_device: list[str] = []
    for code, name, kind in wanted:
        state, note = _device_state(ctx, day, rows.get(code), f"{name} ({code})", kind)
        states.append(state)
        if note is not None:
            notes.append(note)
        per_device.append(f"{code}:{state}")
    worst = next(w for w in _WORST if w in states)
    reason = " ".join(notes) if notes else day_text("devices_ok", cantidad=len(wanted))
    return Finding(worst, reason, {"devices": per_device})


def _device_state(
    ctx: ServerContext,
    day: date,
    device: Device | None,
    label: str,
    kind: str,
) -> tuple[str, str | None]:
    """One device's state (ok, warning, fail, unknown) and the note that explains it."""
    setup = ctx.runtime.setup
    if device is None or device.kind != kind:
        return "fail", day_text("device_not_paired", equipo=label)
    if device.health is None or device.last_seen_at is None:
        return "unknown", day_text("device_no_report", equipo=label)
    if setup.day_of(device.last_seen_at) != day:
        seen = setup.local(device.last_seen_at).strftime("%d/%m/%Y %H:%M")
        return "unknown", day_text("device_stale", equipo=label, fecha=seen)
    status = str(device.health.get("status", ""))
    detail = ", ".join(f"{k}: {v}" for k, v in (device.health.get("detail") or {}).items())
    if status == "ok":
        return "ok", None
    if status == "warning":
        return "warning", day_text("device_warning", equipo=label, detalle=detail or status)
    return "fail", day_text("device_error", equipo=label, detalle=detail or status)


def run_probe(ctx: ServerContext, probes: CentreProbes, kind: str, day: date) -> Finding:
    """Run the probe registered for `kind`; a probe that breaks is a failed item, not a 500."""
    try:
        fn = PROBES[kind]
    except KeyError:
        raise ValueError(f"unknown probe {kind!r}") from None
    try:
        return fn(ctx, probes, day)
    except Exception as exc:  # noqa: BLE001 - the checklist must answer whatever a probe does
        logger.exception("checklist probe %s failed", kind)
        reason = _(PROBE_FAILED).format(error=exc)
        return Finding(ProbeState.FAIL, reason, {"error": type(exc).__name__})


def run_probes(
    ctx: ServerContext, day: date, probes: CentreProbes | None = None
) -> dict[str, Finding]:
    """Run every probe the checklist uses, side by side; item code -> finding."""
    probes = probes or CentreProbes()
    items = [item for _zone, item in ctx.runtime.setup.config.checklist_items() if item.probe]
    if not items:
        return {}
    with ThreadPoolExecutor(max_workers=len(items), thread_name_prefix="checklist") as pool:
        futures = {
            item.code: pool.submit(run_probe, ctx, probes, str(item.probe), day) for item in items
        }
        return {code: future.result() for code, future in futures.items()}
