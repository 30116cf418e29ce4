"""Fixtures of the LED agent's tests: emulated displays on ptys, a centre that has them."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from support import RunningServer, device_client, login
from support.led import agent_args

from macturnos.hardware.led_emulator import PtyLedPanel
from macturnos.hardware.settings import LedDisplaySettings
from macturnos.led.main import AgentRunner, arguments, connection_for

TIMEOUT_S = 0.3


@pytest.fixture
def panel() -> Iterator[PtyLedPanel]:
    """Module 1's display on its counter PC's own serial line (address 01)."""
    with PtyLedPanel(address=1) as p:
        yield p


@pytest.fixture
def bus() -> Iterator[PtyLedPanel]:
    """An RS-485 chain: the displays of modules 2 and 3 (addresses 02 and 03) on one line."""
    with PtyLedPanel(address=2, chain=[3]) as p:
        yield p


@pytest.fixture
def centre_config(centre_config, panel, bus):  # noqa: ANN001, ANN201
    """The test centre with LED displays: module 1 on its own line, 2 and 3 on one chain.

    No PCM: the checklist's internet probe then answers at once (these tests read
    only the LED item).
    """

    def led(port: str, address: int, agent: str | None = None) -> LedDisplaySettings:
        return LedDisplaySettings(
            connector="serial", port=port, address=address, timeout_s=TIMEOUT_S, agent=agent
        )

    leds = {1: led(panel.port, 1), 2: led(bus.port, 2, "LED-BUS"), 3: led(bus.port, 3, "LED-BUS")}
    modules = tuple(m.model_copy(update={"led": leds.get(m.number)}) for m in centre_config.modules)
    return centre_config.model_copy(update={"modules": modules, "pcm": None})


@pytest.fixture
def sara(server: RunningServer, staff) -> httpx.Client:  # noqa: ANN001
    """A supervisor, logged in."""
    staff("sara", "supervisor")
    return login(server, "sara")


@pytest.fixture
def advisor(server: RunningServer, staff) -> Callable[[str, int], httpx.Client]:  # noqa: ANN001
    """advisor('ana', 1): an advisor logged in and seated at a module."""

    def seat(username: str, module: int) -> httpx.Client:
        staff(username, "advisor")
        client = login(server, username)
        r = client.post(f"/api/v1/modules/{module}/session")
        assert r.status_code == 200, r.text
        return client

    return seat


@pytest.fixture
def kiosk(server: RunningServer) -> httpx.Client:
    """The entrance kiosk, paired."""
    return device_client(server, "kiosk", "K1")


@pytest.fixture
def pairing_code(sara) -> Callable[[str], str]:  # noqa: ANN001
    """pairing_code('LED-1'): register an LED agent the way the ICT specialist does."""

    def register(code: str) -> str:
        r = sara.post("/api/v1/devices", json={"kind": "led", "code": code, "name": code})
        assert r.status_code == 201, r.text
        return str(r.json()["pairing_code"])

    return register


@pytest.fixture
def start_agent(
    server: RunningServer,
    pairing_code,
    tmp_path: Path,  # noqa: ANN001
) -> Iterator[Callable[[str], AgentRunner]]:
    """start_agent('LED-BUS'): pair an agent and run it in this process until the test ends."""
    started: list[tuple[AgentRunner, threading.Thread]] = []

    def start(code: str) -> AgentRunner:
        argv = agent_args(server, tmp_path / code, "--device", code)
        args = arguments().parse_args([*argv, "--pairing-code", pairing_code(code)])
        runner = AgentRunner(connection_for(args), args)
        assert runner.link() and runner.code == code
        runner.configure()
        thread = threading.Thread(target=runner.run, daemon=True)
        thread.start()
        started.append((runner, thread))
        return runner

    yield start
    for runner, thread in started:
        runner.stopped.set()
        thread.join(15)
        runner.connection.close()
