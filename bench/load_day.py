"""Load benchmark: the largest centre's day, compressed in time, against a real turn server.

Starts `python -m macturnos server` as a subprocess on 127.0.0.1 (SQLite in a
temporary data folder, or a fresh PostgreSQL database), provisions advisors,
displays and kiosks, then:

1. day phase: kiosk workers issue the day's tickets following an opening-hours
   arrival profile, advisor loops call, start and finish them with compressed
   service times, and WebSocket display clients (in a process of their own, as
   the screens are separate machines) timestamp every `ticket.called`;
2. burst phase: kiosk workers issue as fast as the server answers, to measure
   the sustained issuance rate.

It prints latency percentiles, throughput and the server's memory next to the
targets with PASS/FAIL. The exit status is 0 whatever the figures; it is
non-zero only when the run itself went wrong (server did not start, unexpected
HTTP answers, lost or out-of-order events at a display).

Usage: .venv/bin/python bench/load_day.py [--db sqlite|postgresql] [--tickets 6000] ...
See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import multiprocessing
import os
import random
import re
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psutil
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from macturnos.config import CentreConfig, load_centre

try:
    from bench.http_client import HttpClient, Reply, TransportError
    from bench.ports import free_port
    from bench.server_process import ServerProcess, ServerStartError, server_args
except ImportError:  # run as a script: bench/ is on the path, not its parent
    from http_client import HttpClient, Reply, TransportError  # type: ignore[no-redef]
    from ports import free_port  # type: ignore[no-redef]
    from server_process import (  # type: ignore[no-redef]
        ServerProcess,
        ServerStartError,
        server_args,
    )

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_CENTRE = BENCH_DIR / "centre.yaml"
DEFAULT_PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PASSWORD = "clave-de-carga-2026"
START_AT = "10:00"
HOST = "127.0.0.1"
RETRIES = 2

# The issue's targets on the reference 2-core machine with SQLite.
TARGET_CALL_EVENT_P99_MS = 25.0
TARGET_ISSUE_P99_MS = 20.0
TARGET_ISSUES_PER_S = 300.0
TARGET_RSS_MB = 150.0

# The printed event starts `{"type": "event", "seq": N, ...` (server.events.event_view);
# reading seq from the head avoids parsing every frame at 20 displays.
_SEQ_RE = re.compile(r'"seq":\s*(\d+)')
_CALLED_RE = re.compile(r'"kind":\s*"ticket\.called"')


# --- figures -----------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation; NaN for no values."""
    if not values:
        return math.nan
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0-100, got {q}")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def summary_ms(samples_s: Sequence[float]) -> dict[str, float | int]:
    """Count, p50, p99 and max of latencies given in seconds, in milliseconds."""
    return {
        "n": len(samples_s),
        "p50_ms": percentile(samples_s, 50) * 1000,
        "p99_ms": percentile(samples_s, 99) * 1000,
        "max_ms": (max(samples_s) * 1000) if samples_s else math.nan,
    }


# --- the day's shape ---------------------------------------------------------------

# Relative arrivals per opening hour of a Lima centre: a queue at the door in
# the morning, a lull at lunch, a smaller afternoon peak, a quiet last hour.
HOURLY_PROFILE = (1.45, 1.35, 1.2, 1.0, 0.8, 0.85, 1.0, 0.95, 0.8, 0.6)


def arrival_offsets(
    count: int, duration_s: float, rng: random.Random, profile: Sequence[float] = HOURLY_PROFILE
) -> list[float]:
    """`count` sorted arrival instants in [0, duration_s) following a piecewise-constant profile."""
    if count < 0 or duration_s <= 0:
        raise ValueError("count must be >= 0 and duration positive")
    total = sum(profile)
    bounds: list[float] = []
    acc = 0.0
    for w in profile:
        acc += w / total
        bounds.append(acc)
    width = duration_s / len(profile)
    out = []
    for _ in range(count):
        u = rng.random()
        i = next((k for k, b in enumerate(bounds) if u < b), len(profile) - 1)
        lo = bounds[i - 1] if i else 0.0
        frac = (u - lo) / (bounds[i] - lo)
        out.append(min((i + frac) * width, math.nextafter(duration_s, 0)))
    out.sort()
    return out


def staffed_modules(cfg: CentreConfig, count: int) -> list[int]:
    """`count` module numbers interleaved across entities, so a small run still serves many."""
    by_entity: dict[str, list[int]] = {}
    for m in cfg.modules:
        by_entity.setdefault(m.entity, []).append(m.number)
    order: list[int] = []
    depth = max(len(v) for v in by_entity.values())
    for i in range(depth):
        order.extend(nums[i] for nums in by_entity.values() if i < len(nums))
    if count > len(order):
        raise ValueError(f"the centre has {len(order)} modules, {count} asked for")
    return sorted(order[:count])


def service_weights(cfg: CentreConfig, modules: Sequence[int]) -> dict[str, float]:
    """Demand per walk-in service, proportional to the staffed modules that serve it.

    A module serving k services adds 1/k to each, so demand matches capacity.
    """
    weights: dict[str, float] = {}
    walk_in = {s.code for s in cfg.services if s.mode == "walk_in"}
    for number in modules:
        served = [s for s in cfg.services_of_module(number) if s in walk_in]
        for s in served:
            weights[s] = weights.get(s, 0.0) + 1 / len(served)
    return weights


# --- the server process ------------------------------------------------------------


class BenchError(Exception):
    """The run could not be carried out (not a figure missing its target)."""


@contextlib.contextmanager
def postgres_database(admin_dsn: str) -> Iterator[str]:
    """A fresh PostgreSQL database for the run, dropped afterwards; yields its SQLAlchemy URL."""
    import psycopg
    from psycopg import sql

    name = f"macturnos_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    info = psycopg.conninfo.conninfo_to_dict(admin_dsn)
    user = info.get("user", "postgres")
    host = info.get("host", HOST)
    port = info.get("port", "5432")
    try:
        yield f"postgresql+psycopg://{user}@{host}:{port}/{name}"
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def provision_accounts(db_url: str, cfg: CentreConfig, modules: Sequence[int]) -> None:
    """Create the schema, a supervisor and one advisor per staffed module.

    This is what `macturnos user add` does, in one process: 120 separate
    commands would spend minutes starting Python.
    """
    from macturnos.server import migrate
    from macturnos.server.auth import Role, create_user
    from macturnos.server.db.engine import Database

    migrate.upgrade(db_url)
    db = Database(db_url)
    try:
        now = datetime.now(UTC)
        with db.write() as s:
            create_user(
                s,
                username="bench-supervisor",
                full_name="Supervisión de carga",
                role=Role.SUPERVISOR,
                password=PASSWORD,
                now=now,
            )
            for number in modules:
                create_user(
                    s,
                    username=f"asesor{number:03d}",
                    full_name=f"Asesor {number}",
                    role=Role.ADVISOR,
                    password=PASSWORD,
                    now=now,
                    entity_code=cfg.module(number).entity,
                )
    finally:
        db.dispose()


class CpuMeter:
    """CPU seconds used by the server, by this bench client and by everything else."""

    def __init__(self, server: ServerProcess, helpers: Sequence[int] = ()) -> None:
        self.server = server
        self.me = [psutil.Process(), *(psutil.Process(pid) for pid in helpers)]
        self._start = self._read()

    def _read(self) -> tuple[float, float, float, float]:
        t = psutil.cpu_times()
        busy = sum(t) - t.idle - getattr(t, "iowait", 0.0)
        mine = 0.0
        for proc in self.me:
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                mine += times.user + times.system
        return time.perf_counter(), busy, self.server.cpu_seconds(), mine

    def shares(self) -> dict[str, float]:
        """Cores used on average since the meter started: server, client, others."""
        now = self._read()
        wall = max(now[0] - self._start[0], 1e-9)
        busy, server, client = (now[i] - self._start[i] for i in (1, 2, 3))
        return {
            "server": server / wall,
            "client": client / wall,
            "others": max(0.0, busy - server - client) / wall,
        }


# --- the run -----------------------------------------------------------------------


@dataclass
class Options:
    """What to run (from the command line)."""

    db: str = "sqlite"
    pg_admin: str = DEFAULT_PG_ADMIN
    config: Path = DEFAULT_CENTRE
    tickets: int = 6000
    modules: int = 120
    displays: int = 20
    kiosks: int = 8
    duration_s: float = 120.0
    service_min: float = 10.0
    walk_min: float = 0.75
    no_show: float = 0.03
    preferential: float = 0.08
    drain_timeout_s: float = 30.0
    burst_s: float = 10.0
    burst_workers: int = 8
    seed: int = 2026
    port: int | None = None
    json_path: Path | None = None
    keep_data: bool = False


@dataclass
class Figures:
    """Everything measured during one run."""

    issue_day: list[float] = field(default_factory=list)
    issue_burst: list[float] = field(default_factory=list)
    call: list[float] = field(default_factory=list)
    other_actions: list[float] = field(default_factory=list)
    login: list[float] = field(default_factory=list)
    call_sent: dict[int, float] = field(default_factory=dict)
    rss: list[int] = field(default_factory=list)
    loop_lag: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    error_examples: list[str] = field(default_factory=list)
    refusals: Counter[str] = field(default_factory=Counter)
    empty_calls: int = 0
    issued_day: int = 0
    issued_burst: int = 0
    not_issued: int = 0
    retries: int = 0
    ended: int = 0
    no_shows: int = 0
    burst_window_s: float = 0.0
    day_window_s: float = 0.0
    drain_s: float = 0.0
    left_waiting: int = 0
    cpu: dict[str, dict[str, float]] = field(default_factory=dict)
    rss_idle: int = 0

    def error(self, kind: str, detail: str) -> None:
        """Count a failure of the run and keep a few examples."""
        self.errors[kind] += 1
        if len(self.error_examples) < 10:
            self.error_examples.append(f"{kind}: {detail}")


class Display:
    """One call screen's WebSocket: timestamps each `ticket.called` on arrival."""

    def __init__(self, code: str, url: str, token: str, figures: Figures) -> None:
        self.code = code
        self.url = url
        self.token = token
        self.figures = figures
        self.arrivals: dict[int, float] = {}
        self.frames = 0
        self.last_seq = -1
        self.ready = asyncio.Event()
        self.closing = False
        self._ws: ClientConnection | None = None

    async def run(self) -> None:
        """Connect, take the snapshot and read events until closed."""
        try:
            async with connect(self.url, proxy=None, max_size=64 * 2**20, open_timeout=30) as ws:
                self._ws = ws
                await ws.send(json.dumps({"type": "hello", "token": self.token, "since": None}))
                first = json.loads(await ws.recv())
                if first.get("type") != "snapshot":
                    raise BenchError(f"{self.code}: expected a snapshot, got {first.get('type')}")
                self.last_seq = int(first["seq"])
                self.ready.set()
                async for raw in ws:
                    arrived = time.perf_counter()
                    self._frame(raw if isinstance(raw, str) else raw.decode(), arrived)
        except ConnectionClosed as err:
            if not self.closing:
                self.figures.error("display_disconnected", f"{self.code}: {err}")
        except (OSError, BenchError, ValueError, KeyError) as err:
            self.figures.error("display_failed", f"{self.code}: {err!r}")
        finally:
            self.ready.set()

    def _frame(self, raw: str, arrived: float) -> None:
        self.frames += 1
        m = _SEQ_RE.search(raw, 0, 64)
        if m is not None:
            seq = int(m.group(1))
        else:
            msg = json.loads(raw)
            if msg.get("type") == "pong":
                return
            if not isinstance(msg.get("seq"), int):
                self.figures.error("display_bad_frame", f"{self.code}: {raw[:80]}")
                return
            seq = msg["seq"]
        if seq != self.last_seq + 1:
            self.figures.error("event_gap", f"{self.code}: seq {seq} after {self.last_seq}")
        self.last_seq = max(self.last_seq, seq)
        if _CALLED_RE.search(raw):
            ev = json.loads(raw)
            tid = ev.get("ticket_id")
            if isinstance(tid, int) and tid not in self.arrivals:
                self.arrivals[tid] = arrived

    async def close(self) -> None:
        """Leave the server."""
        self.closing = True
        if self._ws is not None:
            await self._ws.close()


@dataclass
class DisplayResult:
    """What one call screen saw, handed back by the display process."""

    code: str
    arrivals: dict[int, float]
    frames: int


async def _display_fleet(url: str, tokens: Sequence[str], conn: Any) -> None:
    loop = asyncio.get_running_loop()
    fig = Figures()
    displays = [Display(f"display-{i + 1}", url, tok, fig) for i, tok in enumerate(tokens)]
    tasks = [asyncio.create_task(d.run()) for d in displays]
    await asyncio.gather(*(d.ready.wait() for d in displays))
    conn.send(("ready", dict(fig.errors)))
    await loop.run_in_executor(None, conn.recv)  # the parent says stop
    for d in displays:
        await d.close()
    await asyncio.gather(*tasks)
    results = [DisplayResult(d.code, d.arrivals, d.frames) for d in displays]
    conn.send(("done", (results, dict(fig.errors), fig.error_examples)))


def _display_process(url: str, tokens: list[str], conn: Any) -> None:
    """Entry point of the display process."""
    try:
        asyncio.run(_display_fleet(url, tokens, conn))
    except BaseException as err:  # tell the parent rather than leave it waiting
        conn.send(("failed", repr(err)))
        raise


class DisplayFleet:
    """The call screens in a process of their own, as they are separate machines.

    Sharing the load generator's event loop, 20 screens' frames delayed the
    kiosks' and advisors' answers and inflated every latency with the client's
    own work. Arrival times are `time.perf_counter()` (CLOCK_MONOTONIC on
    Linux), comparable across processes of the machine.
    """

    def __init__(self, url: str, tokens: Sequence[str]) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_display_process, args=(url, list(tokens), child), daemon=True
        )

    async def _recv(self, timeout_s: float) -> tuple[str, Any]:
        loop = asyncio.get_running_loop()
        ok = await loop.run_in_executor(None, self._conn.poll, timeout_s)
        if not ok:
            raise BenchError("the display process did not answer")
        kind, payload = self._conn.recv()
        if kind == "failed":
            raise BenchError(f"the display process failed: {payload}")
        return kind, payload

    async def start(self) -> dict[str, int]:
        """Connect every screen; answers the errors seen while connecting."""
        self.process.start()
        _kind, errors = await self._recv(120.0)
        return dict(errors)

    async def stop(self) -> tuple[list[DisplayResult], dict[str, int], list[str]]:
        """Disconnect the screens; answers what each saw, and the errors."""
        self._conn.send("stop")
        _kind, (results, errors, examples) = await self._recv(60.0)
        self.process.join(10)
        return results, errors, examples


class Waiting:
    """The bench's own count of waiting tickets per service, as a counter app shows it.

    Advisors call only when one of their services has someone waiting, as a real
    advisor looking at the queue would; a race with a colleague is still
    possible and answered QUEUE_EMPTY by the server.
    """

    def __init__(self, cfg: CentreConfig, modules: Sequence[int]) -> None:
        self.count: Counter[str] = Counter()
        self.services = {n: cfg.services_of_module(n) for n in modules}
        self.modules_of: dict[str, list[int]] = {}
        for n, services in self.services.items():
            for s in services:
                self.modules_of.setdefault(s, []).append(n)
        self.wake = {n: asyncio.Event() for n in modules}

    def issued(self, service: str) -> None:
        """A ticket joined `service`'s queue."""
        self.count[service] += 1
        for n in self.modules_of.get(service, ()):
            self.wake[n].set()

    def take(self, module: int) -> str | None:
        """An advisor about to call takes one waiting ticket off the count; its service.

        Colleagues see the queue shrink at once, as their counter apps would.
        """
        for s in self.services[module]:
            if self.count[s] > 0:
                self.count[s] -= 1
                return s
        return None

    def called(self, taken: str, service: str) -> None:
        """The call answered a ticket of `service` (not necessarily the one `taken`)."""
        if service != taken:
            self.count[taken] += 1
            self.count[service] = max(0, self.count[service] - 1)

    def give_back(self, taken: str) -> None:
        """The call failed without an answer about the queue: the ticket still waits."""
        self.count[taken] += 1

    def any_for(self, module: int) -> bool:
        """Whether someone waits for one of the module's services."""
        return any(self.count[s] > 0 for s in self.services[module])

    def total(self) -> int:
        """Tickets waiting in all services."""
        return sum(self.count.values())


class Run:
    """One benchmark run against a started server."""

    def __init__(self, opts: Options, cfg: CentreConfig, server: ServerProcess) -> None:
        self.opts = opts
        self.cfg = cfg
        self.server = server
        self.fig = Figures()
        self.rng = random.Random(opts.seed)
        self.modules = staffed_modules(cfg, opts.modules)
        self.weights = service_weights(cfg, self.modules)
        self.preferential = [c.code for c in cfg.preferential_categories]
        self.waiting = Waiting(cfg, self.modules)
        self.advisor_tokens: dict[int, str] = {}
        self.kiosk_tokens: list[str] = []
        self.display_tokens: list[str] = []
        self.supervisor = ""
        self.http: HttpClient | None = None
        self.stop_advisors = asyncio.Event()
        self.displays: list[DisplayResult] = []
        self.helper_pids: list[int] = []
        self.login_slots = asyncio.Semaphore(4)
        self.day_deadline = math.inf
        hours = cfg.hours_on(datetime.now(ZoneInfo(cfg.centre.timezone)).date())
        day_s = 10 * 3600.0
        if hours is not None:
            opens, closes = hours
            day_s = (closes.hour * 60 + closes.minute - opens.hour * 60 - opens.minute) * 60.0
        # Real seconds of the centre's day per second of the run.
        self.compression = day_s / opts.duration_s

    # -- HTTP helpers --

    @property
    def client(self) -> HttpClient:
        """The keep-alive HTTP client of the run."""
        if self.http is None:
            raise BenchError("HTTP client not open")
        return self.http

    async def post(
        self,
        path: str,
        token: str,
        body: dict[str, Any] | None = None,
    ) -> tuple[Reply | None, float]:
        """POST an action with a fresh Idempotency-Key; returns the answer and its latency.

        A request without answer (typically a keep-alive connection the server
        closed just as it was reused) is sent again with the same key, as the
        real clients do; the latency runs from the first attempt. One that
        still gets no answer is an error of the run and is answered None.
        """
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex}
        t0 = time.perf_counter()
        for attempt in range(RETRIES + 1):
            try:
                r = await self.client.post(path, json=body, headers=headers)
            except TransportError as err:
                if attempt == RETRIES:
                    self.fig.error(f"no_answer_{type(err).__name__}", path)
                    return None, time.perf_counter() - t0
                self.fig.retries += 1
                continue
            return r, time.perf_counter() - t0
        raise AssertionError("unreachable")

    async def must(
        self, path: str, token: str, body: dict[str, Any] | None = None, status: int = 200
    ) -> dict[str, Any]:
        """A setup step that has to succeed; its answer's JSON."""
        r, _ = await self.post(path, token, body)
        if r is None:
            raise BenchError(f"{path}: no answer from the server")
        if r.status_code != status:
            raise BenchError(f"{path} refused: {r.status_code} {r.text[:200]}")
        return dict(r.json())

    def unexpected(self, what: str, r: Reply) -> None:
        """Count an answer the bench did not expect."""
        self.fig.error(f"{what}_http_{r.status_code}", r.text[:200])

    @staticmethod
    def code_of(r: Reply) -> str:
        """The stable error code of a refusal."""
        try:
            return str(r.json()["error"]["code"])
        except (ValueError, KeyError, TypeError):
            return f"HTTP_{r.status_code}"

    # -- setup --

    async def login(self, username: str) -> str:
        """A staff member's bearer token."""
        # Password checks are slow on purpose (argon2) and serialised by the
        # server: log in a few at a time, as advisors arriving do.
        async with self.login_slots:
            t0 = time.perf_counter()
            try:
                r = await self.client.post(
                    "/api/v1/auth/login",
                    json={"username": username, "password": PASSWORD},
                    timeout=120.0,
                )
            except TransportError as err:
                raise BenchError(f"login of {username}: no answer ({err!r})") from err
            self.fig.login.append(time.perf_counter() - t0)
        if r.status_code != 200:
            raise BenchError(f"login of {username} refused: {r.status_code} {r.text[:200]}")
        return str(r.json()["token"])

    async def pair(self, kind: str, code: str) -> str:
        """Register a device as the supervisor and pair it; returns its token."""
        device = await self.must(
            "/api/v1/devices",
            self.supervisor,
            {"kind": kind, "code": code, "name": f"{kind} {code}"},
            status=201,
        )
        pr = await self.client.post(
            "/api/v1/devices/pair", json={"pairing_code": device["pairing_code"]}
        )
        if pr.status_code != 200:
            raise BenchError(f"pairing {code} refused: {pr.status_code} {pr.text[:200]}")
        return str(pr.json()["token"])

    async def setup(self) -> None:
        """Log everyone in, pair the devices, open the day and the modules."""
        self.supervisor = await self.login("bench-supervisor")
        tokens = await asyncio.gather(*(self.login(f"asesor{n:03d}") for n in self.modules))
        self.advisor_tokens = dict(zip(self.modules, tokens, strict=True))
        display_codes = [d.code for d in self.cfg.displays][: self.opts.displays]
        display_codes += [
            f"BENCH-TV-{i:02d}" for i in range(len(display_codes), self.opts.displays)
        ]
        kiosk_codes = [k.code for k in self.cfg.kiosks][: self.opts.kiosks]
        kiosk_codes += [f"BENCH-K-{i:02d}" for i in range(len(kiosk_codes), self.opts.kiosks)]
        for code in display_codes:
            self.display_tokens.append(await self.pair("display", code))
        for code in kiosk_codes:
            self.kiosk_tokens.append(await self.pair("kiosk", code))
        await self.open_day()
        for n in self.modules:
            await self.must(f"/api/v1/modules/{n}/session", self.advisor_tokens[n])

    async def open_day(self) -> None:
        """The supervisor runs the morning checklist ("Registrar apertura") and the day opens.

        Items the server's probes found fine stay as they are; the supervisor
        confirms the rest (guards, lighting, ...) by hand, with a note.
        """
        r = await self.client.get(
            "/api/v1/day/checklist", headers={"Authorization": f"Bearer {self.supervisor}"}
        )
        if r.status_code != 200:
            raise BenchError(f"the checklist was refused: {r.status_code} {r.text[:200]}")
        answers = [
            {"code": item["code"], "result": "ok", "note": "Verificado para la prueba de carga"}
            for item in r.json()["items"]
            if (item.get("prefill") or {}).get("result") not in ("ok", "not_applicable")
        ]
        body = await self.must(
            "/api/v1/day/checklist",
            self.supervisor,
            {"items": answers, "note": "Prueba de carga"},
        )
        if not body.get("opened"):
            raise BenchError(f"the checklist did not open the day: {body.get('blocking_reasons')}")

    # -- day phase --

    def pick_ticket(self) -> dict[str, Any]:
        """A citizen's request at the kiosk: service and, sometimes, a preferential category."""
        services = list(self.weights)
        service = self.rng.choices(services, weights=[self.weights[s] for s in services])[0]
        body: dict[str, Any] = {"service": service}
        if self.preferential and self.rng.random() < self.opts.preferential:
            body["preferential"] = self.rng.choice(self.preferential)
        return body

    async def issue(self, token: str, body: dict[str, Any], sink: list[float]) -> bool:
        """Issue one ticket; records its latency in `sink`."""
        r, dt = await self.post("/api/v1/tickets", token, body)
        if r is None:
            return False
        if r.status_code == 201:
            sink.append(dt)
            self.waiting.issued(body["service"])
            return True
        if r.status_code == 409:
            # A refusal the centre's rules give (capacity, hours): measured, not an error.
            self.fig.refusals[self.code_of(r)] += 1
        else:
            self.unexpected("issue", r)
        return False

    async def kiosk(self, token: str, arrivals: asyncio.Queue[dict[str, Any] | None]) -> None:
        """One kiosk serving the citizens who reach it, one at a time."""
        while (body := await arrivals.get()) is not None:
            if time.perf_counter() > self.day_deadline:
                # The server fell too far behind: the run stays bounded in time.
                self.fig.not_issued += 1
                continue
            if await self.issue(token, body, self.fig.issue_day):
                self.fig.issued_day += 1

    async def door(self, arrivals: asyncio.Queue[dict[str, Any] | None], start: float) -> None:
        """Citizens arrive at the kiosks on the day's schedule."""
        offsets = arrival_offsets(self.opts.tickets, self.opts.duration_s, self.rng)
        for offset in offsets:
            delay = start + offset - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            arrivals.put_nowait(self.pick_ticket())
        for _ in self.kiosk_tokens:
            arrivals.put_nowait(None)

    def scaled(self, real_minutes: float) -> float:
        """Seconds of the run for `real_minutes` of the centre's day."""
        return real_minutes * 60 / self.compression

    async def advisor(self, number: int, rng: random.Random) -> None:
        """One module's advisor: call, wait for the citizen, serve, finish, again."""
        token = self.advisor_tokens[number]
        base = f"/api/v1/modules/{number}"
        wake = self.waiting.wake[number]
        # Log-normal attention times around the configured mean (sigma 0.5).
        mu = math.log(self.opts.service_min) - 0.125
        recheck = max(self.scaled(2.0), 0.05)
        while not self.stop_advisors.is_set():
            if not self.waiting.any_for(number):
                await self.idle(wake, recheck)
                continue
            # A free advisor notices the queue after a human moment (2-20 s), so
            # colleagues do not all press "call" in the same millisecond.
            await asyncio.sleep(self.scaled(rng.uniform(2, 20) / 60))
            taken = self.waiting.take(number)
            if taken is None:
                continue
            t0 = time.perf_counter()
            r, dt = await self.post(f"{base}/call-next", token)
            if r is None or r.status_code != 200:
                if r is not None and r.status_code == 409 and self.code_of(r) == "QUEUE_EMPTY":
                    # A colleague was quicker: wait for the next arrival to the queue.
                    self.fig.empty_calls += 1
                else:
                    self.waiting.give_back(taken)
                    if r is not None:
                        self.unexpected("call", r)
                await self.idle(wake, recheck)
                continue
            ticket = r.json()
            self.fig.call.append(dt)
            self.fig.call_sent[int(ticket["id"])] = t0
            self.waiting.called(taken, ticket["service"])
            await asyncio.sleep(self.scaled(rng.uniform(0.3, 1.2) * self.opts.walk_min))
            if rng.random() < self.opts.no_show:
                steps = ["recall", "no-show"]
                self.fig.no_shows += 1
            else:
                steps = ["start", "finish"]
            for i, step in enumerate(steps):
                if i:
                    minutes = (
                        rng.lognormvariate(mu, 0.5) if step == "finish" else self.opts.walk_min
                    )
                    await asyncio.sleep(self.scaled(minutes))
                r, dt = await self.post(f"{base}/{step}", token)
                if r is None or r.status_code != 200:
                    if r is not None:
                        self.unexpected(step, r)
                    break
                self.fig.other_actions.append(dt)
            self.fig.ended += 1

    async def idle(self, wake: asyncio.Event, timeout: float) -> None:
        """Wait until a ticket joins one of the module's queues (or `timeout` passes)."""
        wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), timeout)

    # -- burst phase --

    async def burst_worker(self, token: str, until: float) -> None:
        """Issue back to back until the window closes."""
        while time.perf_counter() < until:
            if await self.issue(token, self.pick_ticket(), self.fig.issue_burst):
                self.fig.issued_burst += 1

    # -- monitors --

    async def sample_rss(self, stop: asyncio.Event) -> None:
        """The server's resident memory every 200 ms."""
        while not stop.is_set():
            self.fig.rss.append(self.server.rss_bytes())
            if not self.server.alive():
                self.fig.error("server_died", self.server.log_tail(5))
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.2)

    async def watch_loop(self, stop: asyncio.Event) -> None:
        """How late this client's own event loop runs (a saturated client inflates figures)."""
        period = 0.01
        while not stop.is_set():
            t0 = time.perf_counter()
            await asyncio.sleep(period)
            self.fig.loop_lag.append(max(0.0, time.perf_counter() - t0 - period))

    # -- the whole run --

    async def run(self) -> None:
        """Setup, day phase, drain, burst phase."""
        connections = len(self.modules) + self.opts.kiosks + self.opts.burst_workers + 8
        async with HttpClient(self.server.url, max_connections=connections) as http:
            self.http = http
            await self.setup()
            self.fig.rss_idle = self.server.rss_bytes()
            ws_url = f"ws://{HOST}:{self.server.port}/api/v1/events"
            fleet = DisplayFleet(ws_url, self.display_tokens)
            self.fig.errors.update(await fleet.start())
            self.helper_pids = [fleet.process.pid or 0]
            stop_monitors = asyncio.Event()
            monitors = [
                asyncio.create_task(self.sample_rss(stop_monitors)),
                asyncio.create_task(self.watch_loop(stop_monitors)),
            ]

            print(
                f"day phase: {self.opts.tickets} tickets over {self.opts.duration_s:.0f} s "
                f"(x{self.compression:.0f}), {len(self.modules)} modules, "
                f"{len(self.display_tokens)} displays, {len(self.kiosk_tokens)} kiosks",
                flush=True,
            )
            meter = CpuMeter(self.server, self.helper_pids)
            arrivals: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
            seeds = [self.rng.randrange(2**32) for _ in self.modules]
            advisors = [
                asyncio.create_task(self.advisor(n, random.Random(s)))
                for n, s in zip(self.modules, seeds, strict=True)
            ]
            start = time.perf_counter()
            self.day_deadline = start + self.opts.duration_s + max(30.0, self.opts.duration_s / 2)
            kiosks = [asyncio.create_task(self.kiosk(tok, arrivals)) for tok in self.kiosk_tokens]
            await self.door(arrivals, start)
            await asyncio.gather(*kiosks)
            self.fig.day_window_s = time.perf_counter() - start
            self.fig.cpu["day"] = meter.shares()
            drain_start = time.perf_counter()
            while (
                self.fig.ended < self.fig.issued_day
                and time.perf_counter() - drain_start < self.opts.drain_timeout_s
                and not self.fig.errors["server_died"]
            ):
                await asyncio.sleep(0.1)
            self.fig.drain_s = time.perf_counter() - drain_start
            self.fig.left_waiting = self.waiting.total()
            self.stop_advisors.set()
            await asyncio.gather(*advisors)

            print(
                f"burst phase: {self.opts.burst_workers} kiosk workers for "
                f"{self.opts.burst_s:.0f} s",
                flush=True,
            )
            meter = CpuMeter(self.server, self.helper_pids)
            t0 = time.perf_counter()
            until = t0 + self.opts.burst_s
            await asyncio.gather(
                *(
                    self.burst_worker(self.kiosk_tokens[i % len(self.kiosk_tokens)], until)
                    for i in range(self.opts.burst_workers)
                )
            )
            self.fig.burst_window_s = time.perf_counter() - t0
            self.fig.cpu["burst"] = meter.shares()

            # Let the displays take the last calls' events before leaving.
            await asyncio.sleep(0.5)
            stop_monitors.set()
            await asyncio.gather(*monitors)
            self.displays, errors, examples = await fleet.stop()
            self.fig.errors.update(errors)
            self.fig.error_examples.extend(examples[: max(0, 10 - len(self.fig.error_examples))])

    def call_to_event(self) -> tuple[list[float], int]:
        """Latencies from each call's request to its event at each display; and how many never came."""
        samples: list[float] = []
        missing = 0
        for d in self.displays:
            for tid, sent in self.fig.call_sent.items():
                arrived = d.arrivals.get(tid)
                if arrived is None:
                    missing += 1
                else:
                    samples.append(arrived - sent)
        return samples, missing


# --- report ------------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    """PASS, FAIL or n/a."""
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def build_report(opts: Options, run: Run) -> dict[str, Any]:
    """The run's figures as one JSON-able dictionary."""
    fig = run.fig
    c2e, missing = run.call_to_event()
    for _ in range(min(missing, 1)):
        fig.error("call_event_missing", f"{missing} display-call pairs without an event")
    issue = summary_ms(fig.issue_day)
    call = summary_ms(fig.call)
    event = summary_ms(c2e)
    rate = fig.issued_burst / fig.burst_window_s if fig.burst_window_s else 0.0
    rss_peak = max(fig.rss, default=0) / 2**20
    targets = {
        "call_to_event_p99_ms": (
            TARGET_CALL_EVENT_P99_MS,
            event["p99_ms"] <= TARGET_CALL_EVENT_P99_MS if event["n"] else None,
        ),
        "issue_p99_ms": (
            TARGET_ISSUE_P99_MS,
            issue["p99_ms"] <= TARGET_ISSUE_P99_MS if issue["n"] else None,
        ),
        "issues_per_s": (
            TARGET_ISSUES_PER_S,
            rate >= TARGET_ISSUES_PER_S if fig.issued_burst else None,
        ),
        "server_rss_mb": (TARGET_RSS_MB, rss_peak <= TARGET_RSS_MB if fig.rss else None),
    }
    return {
        "database": opts.db,
        "centre": str(opts.config),
        "tickets": opts.tickets,
        "modules": len(run.modules),
        "displays": opts.displays,
        "kiosks": opts.kiosks,
        "duration_s": opts.duration_s,
        "compression": run.compression,
        "issue_day": issue,
        "call_next": call,
        "other_actions": summary_ms(fig.other_actions),
        "call_to_event": event,
        "issue_burst": summary_ms(fig.issue_burst),
        "login": summary_ms(fig.login),
        "issues_per_s": rate,
        "issued_day": fig.issued_day,
        "issued_burst": fig.issued_burst,
        "not_issued_in_time": fig.not_issued,
        "retried_requests": fig.retries,
        "day_issue_rate": fig.issued_day / fig.day_window_s if fig.day_window_s else 0.0,
        "calls": len(fig.call),
        "ended": fig.ended,
        "no_shows": fig.no_shows,
        "empty_calls": fig.empty_calls,
        "drain_s": fig.drain_s,
        "left_waiting": fig.left_waiting,
        "refusals": dict(fig.refusals),
        "events_per_display": [d.frames for d in run.displays],
        "server_rss_mb": {
            "idle": fig.rss_idle / 2**20,
            "peak": rss_peak,
            "end": (fig.rss[-1] / 2**20) if fig.rss else math.nan,
        },
        "cpu_cores": fig.cpu,
        "load_average": list(psutil.getloadavg()),
        "client_loop_lag": summary_ms(fig.loop_lag),
        "targets": {k: {"target": t, "result": verdict(ok)} for k, (t, ok) in targets.items()},
        "errors": dict(fig.errors),
        "error_examples": fig.error_examples,
    }


def print_report(rep: dict[str, Any]) -> None:
    """The figures as a table, targets and PASS/FAIL last."""

    def ms(v: float) -> str:
        """A latency cell."""
        return "-" if math.isnan(v) else f"{v:8.1f} ms"

    print()
    print(
        f"MAC Turnos load benchmark - {rep['database']}, {rep['tickets']} tickets, "
        f"{rep['modules']} modules, {rep['displays']} displays, {rep['kiosks']} kiosks"
    )
    print(
        f"day compressed into {rep['duration_s']:.0f} s (x{rep['compression']:.0f}), "
        f"centre {rep['centre']}"
    )
    print()
    print(f"{'latency':34} {'n':>7} {'p50':>11} {'p99':>11} {'max':>11}")
    for key, label in (
        ("issue_day", "issue (day phase)"),
        ("call_next", "call-next"),
        ("other_actions", "start / finish / recall / no-show"),
        ("call_to_event", "call -> ticket.called at display"),
        ("issue_burst", "issue (burst phase)"),
        ("login", "staff login (setup)"),
        ("client_loop_lag", "bench client loop lag"),
    ):
        s = rep[key]
        print(
            f"{label:34} {s['n']:>7} {ms(s['p50_ms']):>11} {ms(s['p99_ms']):>11} "
            f"{ms(s['max_ms']):>11}"
        )
    print()
    rss = rep["server_rss_mb"]
    print(
        f"day phase:   {rep['issued_day']} issued ({rep['day_issue_rate']:.1f}/s), "
        f"{rep['calls']} called, {rep['ended']} ended ({rep['no_shows']} no-shows), "
        f"{rep['empty_calls']} empty calls, drained in {rep['drain_s']:.1f} s, "
        f"{rep['left_waiting']} left waiting"
    )
    if rep["not_issued_in_time"]:
        print(
            f"WARNING:     {rep['not_issued_in_time']} arrivals were not issued: the server fell "
            "too far behind the arrivals and the day phase was cut short"
        )
    print(f"burst phase: {rep['issued_burst']} issued, {rep['issues_per_s']:.1f} issues/s")
    frames = rep["events_per_display"]
    if frames:
        print(f"displays:    {min(frames)}-{max(frames)} frames each")
    print(
        f"server:      RSS idle {rss['idle']:.1f} MB, peak {rss['peak']:.1f} MB, "
        f"end {rss['end']:.1f} MB"
    )
    for phase, cpu in rep["cpu_cores"].items():
        print(
            f"CPU ({phase}):{' ' * (9 - len(phase))}server {cpu['server']:.2f} cores, "
            f"bench client {cpu['client']:.2f}, other processes {cpu['others']:.2f} "
            f"(of {psutil.cpu_count()})"
        )
    busy = max((c["others"] for c in rep["cpu_cores"].values()), default=0.0)
    if busy > 0.15:
        print(
            f"WARNING:     other processes used up to {busy:.2f} cores during the run; "
            "the figures are pessimistic. Run again on an idle machine."
        )
    if rep["retried_requests"]:
        print(f"retries:     {rep['retried_requests']} requests sent again after no answer")
    if rep["refusals"]:
        print(f"refusals:    {rep['refusals']}")
    print()
    t = rep["targets"]
    rows = (
        (
            "call -> event p99",
            f"{rep['call_to_event']['p99_ms']:.1f} ms",
            f"<= {t['call_to_event_p99_ms']['target']:.0f} ms",
            t["call_to_event_p99_ms"],
        ),
        (
            "issue p99",
            f"{rep['issue_day']['p99_ms']:.1f} ms",
            f"<= {t['issue_p99_ms']['target']:.0f} ms",
            t["issue_p99_ms"],
        ),
        (
            "sustained issues/s",
            f"{rep['issues_per_s']:.0f} /s",
            f">= {t['issues_per_s']['target']:.0f} /s",
            t["issues_per_s"],
        ),
        (
            "server RSS peak",
            f"{rss['peak']:.0f} MB",
            f"<= {t['server_rss_mb']['target']:.0f} MB",
            t["server_rss_mb"],
        ),
    )
    print(f"{'target':22} {'measured':>12} {'target':>12}  result")
    for name, measured, target, res in rows:
        print(f"{name:22} {measured:>12} {target:>12}  {res['result']}")
    if rep["errors"]:
        print()
        print(f"ERRORS: {rep['errors']}")
        for ex in rep["error_examples"]:
            print(f"  {ex}")


# --- entry point -------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> Options:
    """Options from the command line."""
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    p.add_argument(
        "--pg-admin",
        default=DEFAULT_PG_ADMIN,
        help="PostgreSQL connection used to create and drop the run's database",
    )
    p.add_argument("--config", type=Path, default=DEFAULT_CENTRE, help="centre file")
    p.add_argument("--tickets", type=int, default=6000, help="tickets of the day phase")
    p.add_argument("--modules", type=int, default=120, help="staffed modules (advisors)")
    p.add_argument("--displays", type=int, default=20, help="connected call displays")
    p.add_argument("--kiosks", type=int, default=8, help="kiosks issuing in the day phase")
    pace = p.add_mutually_exclusive_group()
    pace.add_argument(
        "--duration", type=float, help="seconds the day is compressed into (default 120)"
    )
    pace.add_argument(
        "--rate", type=float, help="average issues per second of the day phase (sets the duration)"
    )
    p.add_argument(
        "--service-min", type=float, default=10.0, help="mean attention time in real minutes"
    )
    p.add_argument("--no-show", type=float, default=0.03, help="share of called citizens absent")
    p.add_argument("--preferential", type=float, default=0.08, help="share of preferential tickets")
    p.add_argument(
        "--drain-timeout",
        type=float,
        default=30.0,
        help="seconds to let advisors finish the queues after the last arrival",
    )
    p.add_argument("--burst-seconds", type=float, default=10.0)
    p.add_argument("--burst-workers", type=int, default=8)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--port", type=int, help="server port (default: a free one)")
    p.add_argument("--json", type=Path, dest="json_path", help="also write the figures here")
    p.add_argument(
        "--keep-data",
        action="store_true",
        help="keep the data folder (database, server log) and print where",
    )
    a = p.parse_args(argv)
    if a.rate is not None and a.rate <= 0:
        p.error("--rate must be positive")
    duration = a.tickets / a.rate if a.rate else (a.duration or 120.0)
    for name, value in (
        ("--tickets", a.tickets),
        ("--modules", a.modules),
        ("--displays", a.displays),
        ("--kiosks", a.kiosks),
        ("--burst-workers", a.burst_workers),
    ):
        if value < 1:
            p.error(f"{name} must be at least 1")
    if duration <= 0 or a.burst_seconds <= 0:
        p.error("durations must be positive")
    return Options(
        db=a.db,
        pg_admin=a.pg_admin,
        config=a.config.resolve(),
        tickets=a.tickets,
        modules=a.modules,
        displays=a.displays,
        kiosks=a.kiosks,
        duration_s=duration,
        service_min=a.service_min,
        no_show=a.no_show,
        preferential=a.preferential,
        drain_timeout_s=a.drain_timeout,
        burst_s=a.burst_seconds,
        burst_workers=a.burst_workers,
        seed=a.seed,
        port=a.port,
        json_path=a.json_path,
        keep_data=a.keep_data,
    )


def run_async(main: Callable[[], Awaitable[None]]) -> None:
    """Run on uvloop when available, as the server does."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main())
        return
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(main())


def bench(opts: Options) -> dict[str, Any]:
    """Carry out one run and return its report (raises BenchError when it cannot)."""
    cfg = load_centre(opts.config)
    modules = staffed_modules(cfg, opts.modules)
    data_dir = Path(tempfile.mkdtemp(prefix="macturnos-bench-"))
    stack = contextlib.ExitStack()
    try:
        db_url = None
        if opts.db == "postgresql":
            db_url = stack.enter_context(postgres_database(opts.pg_admin))
        print(f"provisioning {len(modules)} advisors in {data_dir} ({opts.db})", flush=True)
        from macturnos.server.db.engine import sqlite_url

        provision_accounts(db_url or sqlite_url(data_dir / "macturnos.db"), cfg, modules)
        port = opts.port or free_port()
        args = server_args(
            config=opts.config, data_dir=data_dir, port=port, start_at=START_AT, db_url=db_url
        )
        server = ServerProcess(args, port, data_dir / "server.log")
        stack.callback(server.stop)
        try:
            server.start()
        except ServerStartError as err:
            raise BenchError(str(err)) from err
        run = Run(opts, cfg, server)
        run_async(run.run)
        server.stop()
        report = build_report(opts, run)
        if not server.log_path.exists() or "Traceback" in server.log_path.read_text(
            errors="replace"
        ):
            report["errors"]["server_traceback"] = 1
            report["error_examples"].append("server log has a traceback:\n" + server.log_tail())
        return report
    finally:
        stack.close()
        if opts.keep_data:
            print(f"data kept in {data_dir}")
        else:
            import shutil

            shutil.rmtree(data_dir, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; 0 when it ran (whatever the figures), 1 on errors, 2 if it could not."""
    opts = parse_args(argv)
    try:
        report = bench(opts)
    except BenchError as err:
        print(f"benchmark failed: {err}", file=sys.stderr)
        return 2
    print_report(report)
    if opts.json_path:
        opts.json_path.write_text(json.dumps(report, indent=2, default=str) + "\n")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
