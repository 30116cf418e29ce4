"""Call screen under bursts: every call on screen within 1 s, every call heard within 30 s.

Starts the demo centre's server as a subprocess (see bench/display_latency.py, whose
set-up it reuses), connects 20 call screens (one real Qt call screen, offscreen, plus
19 lightweight event streams in another process) and drives three advisors:

* burst: 10 calls within 2 s (a call every 0.2 s, round the three modules);
  for each call, from just before its POST .../call-next to the number on the
  real screen (the large number or a row of the list; target <= 1 s) and to
  the end of its sentence (target <= 30 s);
* sustained: 30 calls a minute for `--minutes`; the announcement backlog is
  sampled every call and must not grow.

Sound is real-time but goes to files: espeak-ng renders each sentence to a WAV
file and the fake speaker waits for that file's length (the chime its 1.65 s),
as a sound device would, so the times heard are those of a real TV.

Usage: .venv/bin/python bench/display_burst.py [--minutes 1] [--displays 20]
The exit status is 0 whatever the figures, non-zero only if the run went wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

import httpx

os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from macturnos.client.connection import Connection  # noqa: E402
from macturnos.config import DEMO_CENTRE_PATH, load_centre  # noqa: E402
from macturnos.demo import DEMO_PASSWORD  # noqa: E402
from macturnos.display.app import DisplayApp  # noqa: E402
from macturnos.display.audio import SAMPLE_RATE, AudioStatus, chime_samples, render_speech  # noqa: E402
from macturnos.display.speech import spanish_ticket  # noqa: E402

try:
    from bench.display_latency import (  # noqa: E402
        ADVISORS,
        HOST,
        percentile,
        screen_arguments,
        screen_credentials,
        start_server,
        start_stream_displays,
    )
    from bench.ports import free_port  # noqa: E402
except ImportError:  # run as a script: bench/ is on the path, not its parent
    from display_latency import (  # type: ignore[no-redef]  # noqa: E402
        ADVISORS,
        HOST,
        percentile,
        screen_arguments,
        screen_credentials,
        start_server,
        start_stream_displays,
    )
    from ports import free_port  # type: ignore[no-redef]  # noqa: E402

PAINT_TARGET_S = 1.0
HEARD_TARGET_S = 30.0
BURST = 10
BURST_SPAN_S = 2.0
SUSTAINED_PER_MIN = 30


class FileSpeaker:
    """Renders speech to WAV files with espeak-ng and takes each file's real length."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.chime_s = len(chime_samples()) / SAMPLE_RATE
        self.said: list[tuple[str, float, float]] = []  # (text, start, end), perf_counter
        self.lock = threading.Lock()

    def status(self) -> AudioStatus:
        return AudioStatus(True, "Sonido a archivos (banco de pruebas).")

    def chime(self, volume: int) -> None:
        time.sleep(self.chime_s)

    def say(self, text: str, voice: str, volume: int) -> None:
        start = time.perf_counter()
        path = render_speech(text, voice, self.workdir / "speech.wav")
        with wave.open(str(path), "rb") as w:
            length = w.getnframes() / w.getframerate()
        # The rendering counts as part of the sound, as on the TV.
        time.sleep(max(0.0, length - (time.perf_counter() - start)))
        with self.lock:
            self.said.append((text, start, time.perf_counter()))

    def heard_at(self, number: str) -> float | None:
        """When the sentence naming `number` ended."""
        words = f"{spanish_ticket(number)},".lower()
        with self.lock:
            return next((end for text, _, end in self.said if words in text.lower()), None)


class Driver(threading.Thread):
    """Three advisors: a burst of calls, then a steady rate."""

    def __init__(self, url: str, kiosk_token: str, minutes: float, screen: Screen) -> None:
        super().__init__(name="bench-driver", daemon=True)
        self.url = url
        self.kiosk_token = kiosk_token
        self.minutes = minutes
        self.screen = screen
        self.sent: dict[str, float] = {}
        self.burst: list[str] = []
        self.sustained: list[str] = []
        self.backlog: list[int] = []
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
        sustained = int(self.minutes * SUSTAINED_PER_MIN)
        with httpx.Client(base_url=self.url, timeout=30) as http:
            advisors = []
            for username, module in ADVISORS:
                r = http.post(
                    "/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD}
                )
                r.raise_for_status()
                headers = {"Authorization": f"Bearer {r.json()['token']}"}
                http.post(f"/api/v1/modules/{module}/session", headers=headers).raise_for_status()
                services = next(
                    m
                    for m in http.get("/api/v1/modules", headers=headers).json()
                    if m["number"] == module
                )["services"]
                advisors.append((module, headers, services[0]))
            kiosk = {"Authorization": f"Bearer {self.kiosk_token}"}
            for i in range(BURST + sustained):
                service = advisors[i % len(advisors)][2]
                http.post(
                    "/api/v1/tickets", headers=kiosk, json={"service": service}
                ).raise_for_status()
            busy: set[int] = set()

            def call(i: int) -> str:
                module, headers, _ = advisors[i % len(advisors)]
                if module in busy:
                    for action in ("start", "finish"):
                        http.post(
                            f"/api/v1/modules/{module}/{action}", headers=headers
                        ).raise_for_status()
                t0 = time.perf_counter()
                r = http.post(f"/api/v1/modules/{module}/call-next", headers=headers)
                r.raise_for_status()
                busy.add(module)
                number = str(r.json()["number"])
                self.sent[number] = t0
                return number

            start = time.perf_counter()
            for i in range(BURST):
                time.sleep(max(0.0, start + i * BURST_SPAN_S / BURST - time.perf_counter()))
                self.burst.append(call(i))
            # Let the burst be heard, then the steady rate.
            self._wait(lambda: all(self.screen.speaker.heard_at(n) for n in self.burst), 60)
            period = 60.0 / SUSTAINED_PER_MIN
            start = time.perf_counter()
            for i in range(sustained):
                time.sleep(max(0.0, start + i * period - time.perf_counter()))
                self.backlog.append(self.screen.backlog())
                self.sustained.append(call(BURST + i))
            self._wait(lambda: all(self.screen.speaker.heard_at(n) for n in self.sustained), 60)

    @staticmethod
    def _wait(done: object, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while not done() and time.monotonic() < deadline:  # type: ignore[operator]
            time.sleep(0.05)


class Screen:
    """The real call screen and when each number first showed on it."""

    def __init__(self, display: DisplayApp, speaker: FileSpeaker) -> None:
        self.display = display
        self.speaker = speaker
        self.on_screen: dict[str, float] = {}
        self._backlog = 0
        # Connected after the view's own slots: the texts are set when these run.
        display.presenter.currentChanged.connect(self._seen)
        display.presenter.historyChanged.connect(self._seen)

    def _seen(self, _: object) -> None:
        now = time.perf_counter()
        screen = self.display.screen
        shown = [screen.number.text()] + [r.number.text() for r in screen.rows if r.isVisible()]
        for number in shown:
            if number and number not in self.on_screen:
                self.on_screen[number] = now
        presenter = self.display.presenter
        self._backlog = len(presenter.to_announce) + len(presenter.pending)

    def backlog(self) -> int:
        """Calls on screen not yet being announced (read from the driver thread)."""
        return self._backlog


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--minutes", type=float, default=1.0, help="sustained part (30 calls/min)")
    p.add_argument("--displays", type=int, default=20)
    args = p.parse_args(argv)

    app = QApplication.instance() or QApplication([sys.argv[0]])
    tmp = tempfile.TemporaryDirectory(prefix="macturnos-bench-burst-")
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
    store = screen_credentials(data_dir, url, tokens[all_zones], all_zones)
    screen_args = screen_arguments(url, all_zones, min_highlight=4.0, sound=True)
    (data_dir / "sound").mkdir()
    speaker = FileSpeaker(data_dir / "sound")
    display = DisplayApp(
        Connection(url, credentials=store), screen_args, speaker=speaker, report_health=False
    )
    display.screen.resize(1920, 1080)
    display.screen.show()
    screen = Screen(display, speaker)
    display.start()
    deadline = time.monotonic() + 30
    while not display.presenter.seeded:
        app.processEvents()
        if time.monotonic() > deadline:
            raise SystemExit("the displays did not connect within 30 s")
        time.sleep(0.01)

    driver = Driver(url, kiosk_token, args.minutes, screen)
    driver.start()
    poll = QTimer()
    poll.timeout.connect(lambda: app.quit() if driver.done.is_set() else None)
    poll.start(50)
    app.exec()
    time.sleep(0.5)
    others.stdin.close()
    received: dict[str, list[float]] = json.loads(others.stdout.read() or b"{}")
    others.wait(15)
    display.close()
    display.screen.deleteLater()
    display.deleteLater()
    app.processEvents()
    del display
    server.stop()
    tmp.cleanup()
    if driver.error:
        print(f"run failed: {driver.error}", file=sys.stderr)
        return 1

    def figures(numbers: list[str]) -> tuple[list[float], list[float], int]:
        painted = [screen.on_screen[n] - driver.sent[n] for n in numbers if n in screen.on_screen]
        heard = [h - driver.sent[n] for n in numbers if (h := speaker.heard_at(n)) is not None]
        unheard = len(numbers) - len(heard)  # not dropped: still queued when the run ended
        return painted, heard, unheard + len(numbers) - len(painted)

    load = os.getloadavg()
    print(
        f"call screen bursts, {args.displays} displays connected, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores"
    )
    painted, heard, missing = figures(driver.burst)
    print(
        f"  burst of {BURST} calls in {BURST_SPAN_S:.0f} s: on screen max {max(painted):.2f} s "
        f"(target <= {PAINT_TARGET_S:.0f} s: {'PASS' if max(painted) <= PAINT_TARGET_S else 'FAIL'})"
        f"; heard max {max(heard):.1f} s (target <= {HEARD_TARGET_S:.0f} s: "
        f"{'PASS' if max(heard) <= HEARD_TARGET_S else 'FAIL'}); not shown or not yet heard {missing}"
    )
    s_painted, s_heard, s_missing = figures(driver.sustained)
    half = len(driver.backlog) // 2
    first, second = driver.backlog[:half] or [0], driver.backlog[half:] or [0]
    growing = max(second) > max(first) + 1
    print(
        f"  sustained {SUSTAINED_PER_MIN}/min, {len(driver.sustained)} calls: on screen p99 "
        f"{percentile(s_painted, 99):.2f} s; heard p50 {percentile(s_heard, 50):.1f} s "
        f"max {max(s_heard or [float('nan')]):.1f} s; backlog max {max(first)} then "
        f"{max(second)} ({'FAIL: growing' if growing else 'PASS: not growing'}); "
        f"not shown or not yet heard at the end {s_missing}"
    )
    lost = sum(args.displays - 1 - len(received.get(n, [])) for n in driver.sent)
    print(f"  call events missing at the {args.displays - 1} other displays: {lost}")
    return 1 if lost else 0


if __name__ == "__main__":
    raise SystemExit(main())
