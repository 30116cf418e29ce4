"""LED display latency: from an advisor's call to the number on the module's LED display.

Starts `python -m macturnos server` (bench/centre.yaml, SQLite in a temporary folder)
and `python -m macturnos led` as subprocesses, the way a centre runs them. The
displays of modules 1 to N hang on one RS-485 chain emulated on a pseudo-terminal
(`PtyLedPanel`), driven by one agent. Advisors at those modules call citizens in
turn; for each call it measures

* show: from just before POST /modules/{n}/call-next to the display at that module
  showing the number (the SHOW frame acknowledged on the serial line);
* clear: from just before POST /modules/{n}/return to the display going blank.

Usage: .venv/bin/python bench/led_latency.py [--calls 200] [--modules 3]
The exit status is 0 whatever the figures, non-zero only if the run went wrong.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import httpx

from macturnos.config import load_centre
from macturnos.demo import demo_start
from macturnos.hardware.led_emulator import PtyLedPanel
from macturnos.hardware.settings import LedDisplaySettings
from macturnos.server.auth import SYSTEM, Role, create_device, create_user, device_token
from macturnos.server.day import open_day
from macturnos.server.main import ServerSettings, build_context

try:
    from bench.ports import free_port
    from bench.server_process import ServerProcess, server_args
except ImportError:  # run as a script: bench/ is on the path, not its parent
    from ports import free_port  # type: ignore[no-redef]
    from server_process import ServerProcess, server_args  # type: ignore[no-redef]

BENCH_CENTRE = Path(__file__).resolve().parent / "centre.yaml"
PASSWORD = "clave-de-banco-1"
AGENT = "LED-BENCH"


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile with linear interpolation (NaN for no values)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def centre_with_leds(folder: Path, port: str, modules: int) -> Path:
    """bench/centre.yaml with the displays of modules 1..`modules` on one chain (JSON is YAML)."""
    config = load_centre(BENCH_CENTRE)
    led = {
        n: LedDisplaySettings(connector="serial", port=port, address=n, agent=AGENT)
        for n in range(1, modules + 1)
    }
    changed = config.model_copy(
        update={
            "modules": tuple(
                m.model_copy(update={"led": led.get(m.number)}) for m in config.modules
            )
        }
    )
    path = folder / "centre.json"
    path.write_text(json.dumps(changed.model_dump(mode="json", exclude_none=True)))
    return path


def provision(config_path: Path, data_dir: Path, modules: int) -> tuple[datetime, str, str]:
    """Advisors, a kiosk and the LED agent, and the day opened; returns start, kiosk and agent tokens."""
    config = load_centre(config_path)
    start_at = demo_start(config, datetime.now().astimezone()) or datetime.now().astimezone()
    settings = ServerSettings(
        config_path=config_path, data_dir=data_dir, zeroconf=False, start_at=start_at
    )
    ctx = build_context(settings, config)
    with ctx.db.write() as s:
        now = ctx.wall_now()
        for n in range(1, modules + 1):
            create_user(
                s,
                username=f"asesor{n}",
                full_name=f"Asesor {n}",
                role=Role.ADVISOR,
                password=PASSWORD,
                now=now,
            )
        kiosk, _ = create_device(s, kind=Role.KIOSK, code="K-BENCH", name="Quiosco", now=now)
        agent, _ = create_device(s, kind=Role.LED, code=AGENT, name="Agente LED", now=now)
        tokens = device_token(s, kiosk, now), device_token(s, agent, now)
    open_day(ctx, SYSTEM)
    ctx.db.dispose()
    return start_at, *tokens


def wait(predicate: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Poll every millisecond (the figure's resolution) until `predicate` holds."""
    deadline = time.perf_counter() + timeout_s
    while not predicate():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{what} did not happen within {timeout_s} s")
        time.sleep(0.001)


def drive(
    url: str, panel: PtyLedPanel, kiosk: str, modules: int, calls: int
) -> tuple[list[float], list[float]]:
    """Call and return tickets at the modules; the show and clear latencies in ms."""
    shows: list[float] = []
    clears: list[float] = []
    with httpx.Client(base_url=url, timeout=30) as http:
        advisors = []
        for n in range(1, modules + 1):
            r = http.post(
                "/api/v1/auth/login", json={"username": f"asesor{n}", "password": PASSWORD}
            )
            r.raise_for_status()
            headers = {"Authorization": f"Bearer {r.json()['token']}"}
            http.post(f"/api/v1/modules/{n}/session", headers=headers).raise_for_status()
            advisors.append(headers)
        http.post(
            "/api/v1/tickets",
            headers={"Authorization": f"Bearer {kiosk}"},
            json={"service": "RENIEC-DUP"},
        ).raise_for_status()
        wait(lambda: all(panel.showing(n) is None for n in range(1, modules + 1)), 30, "blank")
        for i in range(calls):
            module = i % modules + 1
            headers = advisors[module - 1]
            t0 = time.perf_counter()
            r = http.post(f"/api/v1/modules/{module}/call-next", headers=headers)
            r.raise_for_status()
            shown = (r.json()["number"], module)
            wait(lambda s=shown, m=module: panel.showing(m) == s, 10, f"SHOW {shown}")
            shows.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            # Returned to the queue: the same ticket is called again next, so one issued
            # ticket serves the whole run.
            http.post(f"/api/v1/modules/{module}/return", headers=headers).raise_for_status()
            wait(lambda m=module: panel.showing(m) is None, 10, f"CLEAR at {module}")
            clears.append((time.perf_counter() - t0) * 1000)
    return shows, clears


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--calls", type=int, default=200)
    p.add_argument("--modules", type=int, default=3)
    args = p.parse_args(argv)
    with (
        tempfile.TemporaryDirectory() as tmp,
        PtyLedPanel(address=1, chain=range(2, args.modules + 1)) as panel,
    ):
        folder = Path(tmp)
        config_path = centre_with_leds(folder, panel.port, args.modules)
        start_at, kiosk, agent_token = provision(config_path, folder, args.modules)
        port = free_port()
        server = ServerProcess(
            server_args(
                config=config_path, data_dir=folder, port=port, start_at=start_at.isoformat()
            ),
            port,
            folder / "server.log",
        )
        server.start(timeout_s=30)
        agent = subprocess.Popen(
            [sys.executable, "-m", "macturnos", "led", "--server", server.url,
             "--device", AGENT, "--token", agent_token, "--data-dir", str(folder / "led")],
            stdout=subprocess.DEVNULL,
            stderr=open(folder / "led.log", "wb"),  # noqa: SIM115 - closed with the folder
        )  # fmt: skip
        try:
            shows, clears = drive(server.url, panel, kiosk, args.modules, args.calls)
        finally:
            agent.terminate()
            agent.wait(30)
            server.stop()
    print(f"LED latency: {args.calls} calls at {args.modules} modules on one RS-485 chain")
    for name, values in (("call -> SHOW on the display", shows), ("return -> CLEAR", clears)):
        print(
            f"  {name:<28} p50 {percentile(values, 50):6.1f} ms  p95 {percentile(values, 95):6.1f}"
            f" ms  p99 {percentile(values, 99):6.1f} ms  max {max(values):6.1f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
