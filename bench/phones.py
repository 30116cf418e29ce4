"""Phones following their tickets: 500 live channels while the centre runs its load.

Starts `python -m macturnos server` (the demo centre, SQLite in a temporary folder,
its clock at an opening hour) with the citizen's pages on their own port, issues the
phones' tickets, and opens one live channel (`/t/<code>/live`, server-sent events)
per ticket from another process, as the phones would be other machines. Then, the
same work twice, first without phones and then with them: advisors at three modules
call the phones' tickets one after another while a kiosk keeps issuing. It prints

* issue and call latencies (p50/p99) without and with the phones (the floor of the
  same run: the phones' cost is the difference);
* for each call, the delay from the call's request to the phone that holds the
  ticket seeing "called" (goal: p99 <= 1 s).

Usage: .venv/bin/python bench/phones.py [--phones 500] [--calls 150]
Exit status 0 whatever the figures; non-zero only if the run went wrong.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from macturnos.config import DEMO_CENTRE_PATH, load_centre
from macturnos.demo import DEMO_PASSWORD, demo_start, prepare
from macturnos.server.main import ServerSettings, build_context

try:
    from bench.ports import free_port
    from bench.server_process import ServerProcess, server_args
except ImportError:  # run as a script: bench/ is on the path, not its parent
    from ports import free_port  # type: ignore[no-redef]
    from server_process import ServerProcess, server_args  # type: ignore[no-redef]

HOST = "127.0.0.1"
ADVISORS = (("asesor1", 1), ("asesor2", 2), ("asesor3", 3))
GOAL_SEEN_P99_S = 1.0


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile with linear interpolation (NaN for no values)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def start_server(
    data_dir: Path, port: int, public_port: int, phones: int
) -> tuple[ServerProcess, dict[str, str]]:
    """The demo centre's server with its citizen's pages, limits raised for one address."""
    config = load_centre(DEMO_CENTRE_PATH)
    start_at = demo_start(config, datetime.now().astimezone()) or datetime.now().astimezone()
    settings = ServerSettings(
        config_path=DEMO_CENTRE_PATH, data_dir=data_dir, host=HOST, port=port, zeroconf=False
    )
    ctx = build_context(settings, config)
    tokens = prepare(ctx, data_dir)
    ctx.db.dispose()
    args = server_args(
        config=DEMO_CENTRE_PATH,
        data_dir=data_dir,
        port=port,
        start_at=start_at.isoformat(),
        public_port=public_port,
    )
    # Every phone of the bench comes from 127.0.0.1: one address, many phones.
    env = os.environ | {
        "MACTURNOS_PUBLIC_STREAMS_PER_ADDRESS": str(phones + 10),
        "MACTURNOS_PUBLIC_BURST": str(phones * 4),
    }
    server = ServerProcess(args, port, data_dir / "server.log", env=env)
    server.start(timeout_s=30)
    return server, tokens


async def _phones(public_url: str, codes: list[str]) -> None:
    """The phones' process: one live channel per code; prints when each saw its call."""
    seen: dict[str, float] = {}
    opened = 0
    limits = httpx.Limits(max_connections=len(codes) + 10, max_keepalive_connections=0)
    async with httpx.AsyncClient(timeout=None, limits=limits) as client:

        async def follow(code: str) -> None:
            nonlocal opened
            async with client.stream("GET", f"{public_url}/t/{code}/live") as r:
                if r.status_code != 200:
                    raise RuntimeError(f"live channel refused: {r.status_code}")
                first = True
                async for line in r.aiter_lines():
                    if not line.startswith("data: "):
                        continue
                    if first:
                        opened += 1
                        first = False
                    data = json.loads(line[6:])
                    if data["state"] == "called" and data["number"] not in seen:
                        seen[data["number"]] = time.time()

        tasks = [asyncio.create_task(follow(c)) for c in codes]
        while opened < len(codes):
            await asyncio.sleep(0.05)
            failed = [t for t in tasks if t.done() and t.exception()]
            if failed:
                raise RuntimeError(str(failed[0].exception()))
        print("connected", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        for t in tasks:
            t.cancel()
    print(json.dumps(seen), flush=True)


def start_phones(public_url: str, codes: list[str]) -> subprocess.Popen[bytes]:
    """The phones in another process; answers once every channel is open."""
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--phones-of", public_url, *codes],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert proc.stdout is not None
    if proc.stdout.readline().strip() != b"connected":
        raise SystemExit("the phones did not connect")
    return proc


class Centre:
    """Advisors at three modules and a kiosk, timing each request."""

    def __init__(self, url: str, kiosk_token: str) -> None:
        self.http = httpx.Client(base_url=url, timeout=30)
        self.kiosk = {"Authorization": f"Bearer {kiosk_token}"}
        self.advisors: list[tuple[int, dict[str, str], str]] = []
        for username, module in ADVISORS:
            r = self.http.post(
                "/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD}
            )
            r.raise_for_status()
            headers = {"Authorization": f"Bearer {r.json()['token']}"}
            self.http.post(f"/api/v1/modules/{module}/session", headers=headers).raise_for_status()
            services = next(
                m
                for m in self.http.get("/api/v1/modules", headers=headers).json()
                if m["number"] == module
            )["services"]
            self.advisors.append((module, headers, services[0]))
        self.busy: set[int] = set()

    def issue(self, i: int) -> tuple[dict[str, Any], float]:
        t0 = time.perf_counter()
        r = self.http.post(
            "/api/v1/tickets", headers=self.kiosk, json={"service": self.advisors[i % 3][2]}
        )
        r.raise_for_status()
        return r.json(), time.perf_counter() - t0

    def call(self, i: int) -> tuple[str, float, float]:
        """Call the next at module i % 3: (number, wall time sent, seconds to answer)."""
        module, headers, _ = self.advisors[i % 3]
        if module in self.busy:
            for action in ("start", "finish"):
                self.http.post(
                    f"/api/v1/modules/{module}/{action}", headers=headers
                ).raise_for_status()
        wall, t0 = time.time(), time.perf_counter()
        r = self.http.post(f"/api/v1/modules/{module}/call-next", headers=headers)
        r.raise_for_status()
        self.busy.add(module)
        return r.json()["number"], wall, time.perf_counter() - t0


def run_round(
    centre: Centre, calls: int, offset: int
) -> tuple[list[float], list[float], dict[str, float]]:
    """`calls` calls, each beside an issue: (issue s, call s, number -> wall time called)."""
    issues, answers, sent = [], [], {}
    for i in range(calls):
        _, took = centre.issue(offset + i)
        issues.append(took)
        number, wall, took = centre.call(i)
        answers.append(took)
        sent[number] = wall
        time.sleep(0.05)
    return issues, answers, sent


def _ms(values: list[float]) -> str:
    return (
        f"p50 {percentile(values, 50) * 1000:6.1f} ms   p99 {percentile(values, 99) * 1000:6.1f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--phones-of"]:
        asyncio.run(_phones(argv[1], argv[2:]))
        return 0
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--phones", type=int, default=500)
    p.add_argument("--calls", type=int, default=150)
    opts = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="macturnos-phones-") as folder:
        port, public_port = free_port(), free_port()
        server, tokens = start_server(Path(folder), port, public_port, opts.phones)
        try:
            centre = Centre(server.url, tokens[load_centre(DEMO_CENTRE_PATH).kiosks[0].code])
            # The floor: the same calls and issues with no phone following.
            base_issue, base_call, _ = run_round(centre, opts.calls, 0)
            # The phones' tickets, in the order the modules will call them.
            codes = [centre.issue(i)[0]["code"] for i in range(opts.phones)]
            phones = start_phones(f"http://{HOST}:{public_port}", codes)
            issue_s, call_s, sent = run_round(centre, opts.calls, opts.phones)
            time.sleep(1.5)
            assert phones.stdin is not None and phones.stdout is not None
            phones.stdin.close()
            seen: dict[str, float] = json.loads(phones.stdout.readline() or b"{}")
            phones.wait(30)
        finally:
            server.stop()
    delays = [seen[n] - sent[n] for n in sent if n in seen]
    missed = len([n for n in sent if n not in seen])
    print(f"phones following: {opts.phones}, calls per round: {opts.calls} (3 modules, 1 kiosk)")
    print(f"issue   without phones: {_ms(base_issue)}   with: {_ms(issue_s)}")
    print(f"call    without phones: {_ms(base_call)}   with: {_ms(call_s)}")
    print(
        f"phone saw its call: {len(delays)} of {len(sent)} calls; "
        f"p50 {percentile(delays, 50):.3f} s  p99 {percentile(delays, 99):.3f} s  "
        f"max {max(delays, default=float('nan')):.3f} s  "
        f"(goal p99 <= {GOAL_SEEN_P99_S:.0f} s: "
        f"{'OK' if delays and percentile(delays, 99) <= GOAL_SEEN_P99_S else 'FAIL'})"
    )
    if missed:
        print(f"calls of tickets no phone saw: {missed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
