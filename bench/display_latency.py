"""Call screen latency: from an advisor's call request to the number painted on the TV.

Starts `python -m macturnos server` as a subprocess on 127.0.0.1 with the demo
centre (SQLite in a temporary folder, its clock set to an opening hour),
provisions it like `macturnos demo`, then connects 20 call screens: one real
call screen (the Qt widget, offscreen unless a DISPLAY is set, without sound
and without a minimum highlight time so calls never wait on each other) and 19
lightweight displays using the client library's EventStream. Advisors on three
modules call citizens one after another; for each call it measures

* paint: from just before POST /modules/{n}/call-next to the number painted
  by the real call screen (target p99 <= 100 ms);
* events: from the same instant to the `ticket.called` event at each of the 19
  other displays.

Usage: .venv/bin/python bench/display_latency.py [--calls 300] [--displays 20]
The exit status is 0 whatever the figures, non-zero only if the run went wrong
(server did not start, a call never reached a display).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from macturnos.client.connection import Connection  # noqa: E402
from macturnos.client.credentials import CredentialStore, DeviceCredentials  # noqa: E402
from macturnos.client.events import EventStream  # noqa: E402
from macturnos.config import DEMO_CENTRE_PATH, load_centre  # noqa: E402
from macturnos.demo import DEMO_PASSWORD, demo_start, prepare  # noqa: E402
from macturnos.display.app import DisplayApp  # noqa: E402
from macturnos.server.main import ServerSettings, build_context  # noqa: E402

try:
    from bench.ports import free_port  # noqa: E402
    from bench.server_process import ServerProcess, server_args  # noqa: E402
except ImportError:  # run as a script: bench/ is on the path, not its parent
    from ports import free_port  # type: ignore[no-redef]  # noqa: E402
    from server_process import ServerProcess, server_args  # type: ignore[no-redef]  # noqa: E402

TARGET_P99_MS = 100.0
ADVISORS = (("asesor1", 1), ("asesor2", 2), ("asesor3", 3))
HOST = "127.0.0.1"


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile with linear interpolation (NaN for no values)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def start_server(data_dir: Path, port: int) -> tuple[ServerProcess, dict[str, str]]:
    """Provision the demo centre in `data_dir`, then run its server; returns it and device tokens."""
    config = load_centre(DEMO_CENTRE_PATH)
    start_at = demo_start(config, datetime.now().astimezone()) or datetime.now().astimezone()
    settings = ServerSettings(
        config_path=DEMO_CENTRE_PATH,
        data_dir=data_dir,
        host=HOST,
        port=port,
        zeroconf=False,
        start_at=start_at,
    )
    ctx = build_context(settings, config)
    tokens = prepare(ctx, data_dir)
    ctx.db.dispose()
    args = server_args(
        config=DEMO_CENTRE_PATH, data_dir=data_dir, port=port, start_at=start_at.isoformat()
    )
    server = ServerProcess(args, port, data_dir / "server.log")
    server.start(timeout_s=30)
    return server, tokens


class Driver(threading.Thread):
    """Issues tickets and calls them at the modules, timing each call."""

    def __init__(
        self,
        url: str,
        kiosk_token: str,
        calls: int,
        painted: dict[str, float],
        paint_event: threading.Condition,
    ) -> None:
        super().__init__(name="bench-driver", daemon=True)
        self.url = url
        self.kiosk_token = kiosk_token
        self.calls = calls
        self.painted = painted
        self.paint_event = paint_event
        self.sent: dict[str, float] = {}
        self.answered: dict[str, float] = {}
        self.sent_wall: dict[str, float] = {}
        self.order: list[str] = []
        self.error: str | None = None
        self.done = threading.Event()

    def run(self) -> None:
        try:
            self._run()
        except Exception as err:  # reported by the main thread
            self.error = repr(err)
        finally:
            self.done.set()

    def _run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=30) as http:
            advisors = []
            for username, module in ADVISORS:
                r = http.post(
                    "/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD}
                )
                r.raise_for_status()
                headers = {"Authorization": f"Bearer {r.json()['token']}"}
                r = http.post(f"/api/v1/modules/{module}/session", headers=headers)
                r.raise_for_status()
                services = next(
                    m
                    for m in http.get("/api/v1/modules", headers=headers).json()
                    if m["number"] == module
                )["services"]
                advisors.append((module, headers, services[0]))
            kiosk = {"Authorization": f"Bearer {self.kiosk_token}"}
            for i in range(self.calls):
                r = http.post(
                    "/api/v1/tickets",
                    headers=kiosk,
                    json={"service": advisors[i % len(advisors)][2]},
                )
                r.raise_for_status()
            current: dict[int, bool] = {}
            for i in range(self.calls):
                module, headers, _ = advisors[i % len(advisors)]
                if current.get(module):
                    for action in ("start", "finish"):
                        http.post(
                            f"/api/v1/modules/{module}/{action}", headers=headers
                        ).raise_for_status()
                wall = time.time()
                t0 = time.perf_counter()
                r = http.post(f"/api/v1/modules/{module}/call-next", headers=headers)
                r.raise_for_status()
                number = r.json()["number"]
                self.sent[number] = t0
                self.sent_wall[number] = wall
                self.answered[number] = time.perf_counter()
                self.order.append(number)
                current[module] = True
                with self.paint_event:
                    if not self.paint_event.wait_for(lambda n=number: n in self.painted, 5.0):
                        raise RuntimeError(f"{number} was never painted")
                time.sleep(0.02)  # calls a few tens of ms apart: a busy centre's peak


def run_streams(url: str, tokens: list[str]) -> int:
    """The lightweight displays' process: time every call event until stdin closes."""
    received: dict[str, list[float]] = {}
    lock = threading.Lock()

    def on_event(event: dict[str, Any]) -> None:
        if event.get("kind") == "ticket.called":
            with lock:
                received.setdefault(event["data"]["ticket"]["number"], []).append(time.time())

    streams = [
        EventStream(url, t, on_snapshot=lambda snap: None, on_event=on_event) for t in tokens
    ]
    for s in streams:
        s.start()
    deadline = time.monotonic() + 30
    while not all(s.connected for s in streams) and time.monotonic() < deadline:
        time.sleep(0.01)
    print("connected", flush=True)
    sys.stdin.read()  # the parent closes it when the calls are done
    for s in streams:
        s.stop()
    with lock:
        print(json.dumps(received), flush=True)
    return 0


def start_stream_displays(url: str, tokens: list[str], count: int) -> subprocess.Popen[bytes]:
    """`count` lightweight displays in another process, cycling over `tokens`.

    Another process, as on other machines: they must not share the measured screen's
    interpreter lock. Answers once they are all connected; write a line to stop them.
    """
    others = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--streams",
            url,
            *(tokens[i % len(tokens)] for i in range(count)),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert others.stdout is not None and others.stdin is not None
    if others.stdout.readline().strip() != b"connected":
        raise SystemExit("the lightweight displays did not connect")
    return others


def screen_credentials(data_dir: Path, url: str, token: str, code: str) -> CredentialStore:
    """The measured call screen's paired credentials, in its own folder."""
    store = CredentialStore(data_dir / "screen", name="display-bench")
    store.save(
        DeviceCredentials(
            token=token, role="display", device_code=code, centre=None, server_url=url
        )
    )
    return store


def screen_arguments(
    url: str, code: str, *, min_highlight: float, sound: bool
) -> argparse.Namespace:
    """The command-line arguments the measured call screen starts with."""
    return argparse.Namespace(
        server=url,
        centre=None,
        device=code,
        token=None,
        pairing_code=None,
        data_dir=None,
        min_highlight=min_highlight,
        notice=[],
        no_sound=not sound,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--streams"]:
        return run_streams(argv[1], argv[2:])
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--calls", type=int, default=300)
    p.add_argument("--displays", type=int, default=20)
    args = p.parse_args(argv)

    app = QApplication.instance() or QApplication([sys.argv[0]])
    tmp = tempfile.TemporaryDirectory(prefix="macturnos-bench-display-")
    data_dir = Path(tmp.name)
    port = free_port()
    url = f"http://{HOST}:{port}"
    server, tokens = start_server(data_dir, port)
    config = load_centre(DEMO_CENTRE_PATH)
    display_codes = [d.code for d in config.displays]
    all_zones = next(d.code for d in config.displays if d.zone is None)
    kiosk_token = tokens[config.kiosks[0].code]

    others = start_stream_displays(url, [tokens[c] for c in display_codes], args.displays - 1)
    assert others.stdout is not None and others.stdin is not None

    # The real call screen, painting into an offscreen window.
    store = screen_credentials(data_dir, url, tokens[all_zones], all_zones)
    screen_args = screen_arguments(url, all_zones, min_highlight=0.0, sound=False)
    display = DisplayApp(Connection(url, credentials=store), screen_args, report_health=False)
    display.screen.resize(1920, 1080)
    display.screen.show()
    painted: dict[str, float] = {}
    paint_event = threading.Condition()

    def on_paint(text: str) -> None:
        with paint_event:
            if text and text not in painted:
                painted[text] = time.perf_counter()
                paint_event.notify_all()

    display.screen.number.painted.connect(on_paint)
    display.start()

    deadline = time.monotonic() + 30
    while not display.presenter.seeded:
        app.processEvents()
        if time.monotonic() > deadline:
            raise SystemExit("the displays did not connect within 30 s")
        time.sleep(0.01)

    driver = Driver(url, kiosk_token, args.calls, painted, paint_event)
    driver.start()
    poll = QTimer()
    poll.timeout.connect(lambda: app.quit() if driver.done.is_set() else None)
    poll.start(50)
    app.exec()
    time.sleep(0.5)  # the last events reach the lightweight displays

    others.stdin.close()
    received: dict[str, list[float]] = json.loads(others.stdout.read() or b"{}")
    others.wait(15)
    display.close()
    # Qt objects go before the interpreter tears down (PySide crashes otherwise).
    display.screen.deleteLater()
    display.deleteLater()
    app.processEvents()
    del display
    server.stop()
    tmp.cleanup()
    if driver.error:
        print(f"run failed: {driver.error}", file=sys.stderr)
        return 1

    paint_ms = [(painted[n] - driver.sent[n]) * 1000 for n in driver.order]
    event_ms = [(t - driver.sent_wall[n]) * 1000 for n in driver.order for t in received.get(n, [])]
    http_ms = [(driver.answered[n] - driver.sent[n]) * 1000 for n in driver.order]
    missing = sum(args.displays - 1 - len(received.get(n, [])) for n in driver.order)
    p99 = percentile(paint_ms, 99)
    print(f"call screen latency, {len(paint_ms)} calls, {args.displays} displays connected")
    print(
        f"  request -> number painted : p50 {percentile(paint_ms, 50):6.1f} ms   "
        f"p99 {p99:6.1f} ms   max {max(paint_ms):6.1f} ms   "
        f"(target p99 <= {TARGET_P99_MS:.0f} ms: {'PASS' if p99 <= TARGET_P99_MS else 'FAIL'})"
    )
    print(
        f"  request -> event at the {args.displays - 1} other displays: "
        f"p50 {percentile(event_ms, 50):6.1f} ms   p99 {percentile(event_ms, 99):6.1f} ms   "
        f"missing {missing}"
    )
    print(
        f"  the call request's own answer   : p50 {percentile(http_ms, 50):6.1f} ms   "
        f"p99 {percentile(http_ms, 99):6.1f} ms"
    )
    # The screen's own share: from the server's answer to the paint (the event and the
    # answer leave the server together): stream, state, presenter and painting.
    after = [(painted[n] - driver.answered[n]) * 1000 for n in driver.order]
    print(
        f"  answer -> number painted        : p50 {percentile(after, 50):6.1f} ms   "
        f"p99 {percentile(after, 99):6.1f} ms"
    )
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
