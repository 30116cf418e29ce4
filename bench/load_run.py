"""One load benchmark run against a started server: the staff and devices, the day, the burst.

`Run` plays the phases on the HTTP side of `load_client`: kiosks issue on the
day's arrival profile while advisors call, serve and finish, then kiosk workers
issue back to back. The call screens run in a process of their own
(`display_fleet`).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psutil

from macturnos.config import CentreConfig

try:
    from bench.display_fleet import DisplayFleet, DisplayResult
    from bench.http_client import HttpClient
    from bench.load_client import Client, Figures
    from bench.load_shape import Waiting, arrival_offsets, service_weights, staffed_modules
    from bench.server_process import ServerProcess
except ImportError:  # run as a script: bench/ is on the path, not its parent
    from display_fleet import DisplayFleet, DisplayResult  # type: ignore[no-redef]
    from http_client import HttpClient  # type: ignore[no-redef]
    from load_client import Client, Figures  # type: ignore[no-redef]
    from load_shape import (  # type: ignore[no-redef]
        Waiting,
        arrival_offsets,
        service_weights,
        staffed_modules,
    )
    from server_process import ServerProcess  # type: ignore[no-redef]

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_CENTRE = BENCH_DIR / "centre.yaml"
DEFAULT_PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
HOST = "127.0.0.1"


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


def _day_seconds(cfg: CentreConfig) -> float:
    """Real seconds of today's opening hours at the centre (10 h when closed today)."""
    hours = cfg.hours_on(datetime.now(ZoneInfo(cfg.centre.timezone)).date())
    if hours is None:
        return 10 * 3600.0
    opens, closes = hours
    return (closes.hour * 60 + closes.minute - opens.hour * 60 - opens.minute) * 60.0


class Run(Client):
    """One benchmark run against a started server."""

    def __init__(self, opts: Options, cfg: CentreConfig, server: ServerProcess) -> None:
        super().__init__(Figures())
        self.opts = opts
        self.cfg = cfg
        self.server = server
        self.rng = random.Random(opts.seed)
        self.modules = staffed_modules(cfg, opts.modules)
        self.weights = service_weights(cfg, self.modules)
        self.preferential = [c.code for c in cfg.preferential_categories]
        self.waiting = Waiting(cfg, self.modules)
        self.advisor_tokens: dict[int, str] = {}
        self.kiosk_tokens: list[str] = []
        self.display_tokens: list[str] = []
        self.stop_advisors = asyncio.Event()
        self.displays: list[DisplayResult] = []
        self.helper_pids: list[int] = []
        self.day_deadline = math.inf
        # Real seconds of the centre's day per second of the run.
        self.compression = _day_seconds(cfg) / opts.duration_s

    # -- setup --

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

    # -- day phase: kiosks --

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

    # -- day phase: advisors --

    def scaled(self, real_minutes: float) -> float:
        """Seconds of the run for `real_minutes` of the centre's day."""
        return real_minutes * 60 / self.compression

    async def advisor(self, number: int, rng: random.Random) -> None:
        """One module's advisor: call, wait for the citizen, serve, finish, again."""
        wake = self.waiting.wake[number]
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
            if not await self.call(number, taken):
                await self.idle(wake, recheck)
                continue
            await asyncio.sleep(self.scaled(rng.uniform(0.3, 1.2) * self.opts.walk_min))
            await self.attend(number, rng)
            self.fig.ended += 1

    async def call(self, number: int, taken: str) -> bool:
        """Call the next citizen to module `number`; whether a ticket was called."""
        t0 = time.perf_counter()
        r, dt = await self.post(f"/api/v1/modules/{number}/call-next", self.advisor_tokens[number])
        if r is None or r.status_code != 200:
            if r is not None and r.status_code == 409 and self.code_of(r) == "QUEUE_EMPTY":
                # A colleague was quicker: wait for the next arrival to the queue.
                self.fig.empty_calls += 1
            else:
                self.waiting.give_back(taken)
                if r is not None:
                    self.unexpected("call", r)
            return False
        ticket = r.json()
        self.fig.call.append(dt)
        self.fig.call_sent[int(ticket["id"])] = t0
        self.waiting.called(taken, ticket["service"])
        return True

    async def attend(self, number: int, rng: random.Random) -> None:
        """The called citizen: served (start, finish) or absent (recall, no-show)."""
        # Log-normal attention times around the configured mean (sigma 0.5).
        mu = math.log(self.opts.service_min) - 0.125
        if rng.random() < self.opts.no_show:
            steps = ["recall", "no-show"]
            self.fig.no_shows += 1
        else:
            steps = ["start", "finish"]
        for i, step in enumerate(steps):
            if i:
                minutes = rng.lognormvariate(mu, 0.5) if step == "finish" else self.opts.walk_min
                await asyncio.sleep(self.scaled(minutes))
            r, dt = await self.post(f"/api/v1/modules/{number}/{step}", self.advisor_tokens[number])
            if r is None or r.status_code != 200:
                if r is not None:
                    self.unexpected(step, r)
                break
            self.fig.other_actions.append(dt)

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
            try:
                self.fig.errors.update(await fleet.start())
                self.helper_pids = [fleet.pid]
                stop_monitors = asyncio.Event()
                monitors = [
                    asyncio.create_task(self.sample_rss(stop_monitors)),
                    asyncio.create_task(self.watch_loop(stop_monitors)),
                ]
                await self.day_phase()
                await self.burst_phase()
                # Let the displays take the last calls' events before leaving.
                await asyncio.sleep(0.5)
                stop_monitors.set()
                await asyncio.gather(*monitors)
                self.displays, errors, examples = await fleet.stop()
                self.fig.errors.update(errors)
                room = max(0, 10 - len(self.fig.error_examples))
                self.fig.error_examples.extend(examples[:room])
            finally:
                await fleet.close()

    async def day_phase(self) -> None:
        """The day's arrivals at the kiosks, advisors serving, then the queues drained."""
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

    async def burst_phase(self) -> None:
        """Kiosk workers issue back to back for the burst window."""
        print(
            f"burst phase: {self.opts.burst_workers} kiosk workers for {self.opts.burst_s:.0f} s",
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
