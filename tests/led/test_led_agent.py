"""The LED agent end to end: a real server, a real call, the bytes on the display's serial line.

Each display is emulated on a pseudo-terminal (`PtyLedPanel`), opened by the agent's
driver exactly as it opens /dev/ttyUSB0; the tests read back what crossed the line.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
from datetime import timedelta
from typing import Any

import httpx
import pytest
from support import FIXTURES, device_client, wait_until
from support.led import agent_args

from macturnos.client.events import EventStream
from macturnos.hardware.led_emulator import PtyLedPanel

CLEAR_01 = b"$01,CLEAR*74\r\n"
SHOW_R001_AT_1 = b"$01,SHOW,R-001,1*51\r\n"
BLINK_01 = b"$01,BLINK,3*70\r\n"


def orders(panel: PtyLedPanel, address: int | None = None) -> list[bytes]:
    """The frames the host sent, without the presence checks (PING), oldest first."""
    lines = [line + b"\n" for line in bytes(panel.received).split(b"\n") if line]
    wanted = None if address is None else f"${address:02d},".encode()
    return [
        line
        for line in lines
        if b",PING*" not in line and (wanted is None or line.startswith(wanted))
    ]


def led(sara: httpx.Client, module: int) -> dict[str, Any]:
    """The monitor's view of one module's display (GET /leds)."""
    return next(v for v in sara.get("/api/v1/leds").json() if v["module"] == module)


def led_item(sara: httpx.Client) -> dict[str, Any]:
    """The opening checklist's LED item, as its probe pre-filled it."""
    r = sara.get("/api/v1/day/checklist")
    assert r.status_code == 200, r.text
    return next(i for i in r.json()["items"] if i["code"] == "ATE-LED")["prefill"]


def test_the_led_command_shows_a_real_call_and_reports_its_display(
    server, panel, advisor, kiosk, sara, tmp_path
):
    # Registered the way docs/led.md says, at the server's console.
    added = subprocess.run(
        [sys.executable, "-m", "macturnos", "device", "add", "--kind", "led", "--code", "LED-1",
         "--db", server.ctx.db.url, "--config", str(FIXTURES / "centre.yaml")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    code = re.search(r"LED-1: (\d{8})", added.stdout)
    assert code is not None, added.stdout
    argv = agent_args(server, tmp_path, "--device", "LED-1", "--pairing-code", code.group(1))
    agent = subprocess.Popen(
        [sys.executable, "-m", "macturnos", "led", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # Module 1 has no call yet: the display is blanked, then reported.
        wait_until(lambda: orders(panel) == [CLEAR_01], timeout=60)
        wait_until(lambda: led(sara, 1)["state"] == "ok")
        ana = advisor("ana", 1)
        assert kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).status_code == 201
        assert ana.post("/api/v1/modules/1/call-next").json()["number"] == "R-001"
        wait_until(lambda: orders(panel) == [CLEAR_01, SHOW_R001_AT_1])
        assert panel.current == ("R-001", 1)

        assert ana.post("/api/v1/modules/1/recall").status_code == 200
        wait_until(lambda: orders(panel)[2:] == [BLINK_01])
        assert ana.post("/api/v1/modules/1/return").status_code == 200
        wait_until(lambda: orders(panel)[3:] == [CLEAR_01])
        assert panel.current is None

        # The checklist reads what the display answered; modules 2 and 3's agent never ran.
        item = led_item(sara)
        assert "LED-1:ok" in item["detail"]["devices"]
        assert "LED-2:unknown" in item["detail"]["devices"]
        assert "Módulo 2 (LED-BUS): aún no informó su estado." in item["note"]
        view = led(sara, 1)
        assert view["agent"] == "LED-1" and view["paired"] and view["connected"]

        # The cable is cut: the agent's next ping fails, the monitor and checklist say so.
        panel.answering = False
        wait_until(lambda: led(sara, 1)["state"] == "error")
        assert led(sara, 1)["reason"] == "La pantalla LED del módulo no responde"
        item = led_item(sara)
        assert item["result"] == "fail" and "LED-1:fail" in item["detail"]["devices"]
        assert (
            "Módulo 1 (LED-1): con falla (La pantalla LED del módulo no responde)." in item["note"]
        )

        panel.answering = True
        wait_until(lambda: led(sara, 1)["state"] == "ok")
        assert led(sara, 1)["last_error"] == "La pantalla LED del módulo no responde"
    finally:
        agent.send_signal(signal.SIGTERM)
        out, err = agent.communicate(timeout=30)
    assert agent.returncode == 0, err
    assert "Agente LED LED-1: maneja las pantallas de los módulos 1" in out


def test_one_agent_drives_an_rs485_chain(server, bus, advisor, kiosk, start_agent, sara):
    start_agent("LED-BUS")
    beto, carla = advisor("beto", 2), advisor("carla", 3)
    kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"})
    kiosk.post("/api/v1/tickets", json={"service": "BN-PAGO"})
    beto.post("/api/v1/modules/2/call-next")
    carla.post("/api/v1/modules/3/call-next")
    wait_until(lambda: bus.showing(2) == ("R-001", 2) and bus.showing(3) == ("B-001", 3))
    assert orders(bus, 2)[-1] == b"$02,SHOW,R-001,2*51\r\n"
    assert orders(bus, 3)[-1] == b"$03,SHOW,B-001,3*41\r\n"
    wait_until(lambda: led(sara, 2)["state"] == led(sara, 3)["state"] == "ok")

    # One display of the chain stops answering; the other keeps working.
    bus.silent.add(3)
    wait_until(lambda: led(sara, 3)["state"] == "error")
    assert led(sara, 2)["state"] == "ok"
    item = led_item(sara)
    assert item["result"] == "fail"
    assert "Módulo 3 (LED-BUS)" in item["note"] and "Módulo 2" not in item["note"]
    assert {"LED-2:ok", "LED-3:fail"} <= set(item["detail"]["devices"])

    # It comes back blank after a power cut: the agent shows the call there again.
    bus.power_cycle(3)
    bus.silent.clear()
    wait_until(lambda: bus.showing(3) == ("B-001", 3))
    wait_until(lambda: led(sara, 3)["state"] == "ok")
    carla.post("/api/v1/modules/3/start")
    carla.post("/api/v1/modules/3/finish")
    wait_until(lambda: bus.showing(3) is None)
    assert bus.showing(2) == ("R-001", 2)


def _start(ana: httpx.Client) -> None:
    assert ana.post("/api/v1/modules/1/start").status_code == 200


UNDOS = {
    "return": lambda ana, sara, t: ana.post("/api/v1/modules/1/return"),
    "no-show": lambda ana, sara, t: ana.post("/api/v1/modules/1/no-show"),
    "finish": lambda ana, sara, t: (_start(ana), ana.post("/api/v1/modules/1/finish"))[1],
    "leave": lambda ana, sara, t: ana.delete("/api/v1/modules/1/session"),
    "transfer": lambda ana, sara, t: (
        _start(ana),
        ana.post(
            "/api/v1/modules/1/transfer",
            json={"ticket_id": t["id"], "service": "BN-PAGO", "note": "Pagar tasa"},
        ),
    )[1],
    "cancel": lambda ana, sara, t: sara.post(
        f"/api/v1/tickets/{t['id']}/cancel", json={"reason": "desistio"}
    ),
}


@pytest.mark.parametrize("undo", sorted(UNDOS))
def test_whatever_ends_the_call_blanks_the_display(
    undo, server, panel, advisor, kiosk, start_agent, sara
):
    start_agent("LED-1")
    ana = advisor("ana", 1)
    ticket = kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).json()["ticket"]
    ana.post("/api/v1/modules/1/call-next")
    wait_until(lambda: panel.current == ("R-001", 1))
    r = UNDOS[undo](ana, sara, ticket)
    assert r.status_code < 300, r.text
    wait_until(lambda: panel.current is None)
    assert orders(panel)[-1] == CLEAR_01


def test_an_agent_reports_only_the_displays_the_centre_gives_it(server, sara):
    led_1 = device_client(server, "led", "LED-1")
    ok = {"module": 1, "status": "ok", "reason": "La pantalla LED del módulo responde"}
    assert led_1.post("/api/v1/devices/me/leds", json={"displays": [ok]}).json() == {
        "ok": True,
        "modules": [1],
    }
    other = {**ok, "module": 2}
    r = led_1.post("/api/v1/devices/me/leds", json={"displays": [other]})
    assert r.status_code == 422 and r.json()["error"]["code"] == "INVALID_REQUEST"
    kiosk = device_client(server, "kiosk", "K1")
    r = kiosk.post("/api/v1/devices/me/leds", json={"displays": [ok]})
    assert r.status_code == 403 and r.json()["error"]["code"] == "FORBIDDEN_ROLE"
    assert led(sara, 1)["state"] == "ok" and led(sara, 2)["state"] == "unknown"
    events = sara.get("/api/v1/events").json()
    health = [e for e in events if e["kind"] == "device.health"]
    assert health[-1]["data"]["device"] == "LED-1"
    assert health[-1]["data"]["displays"]["1"]["status"] == "ok"


def test_a_configuration_reload_gives_the_agent_another_display(
    server, panel, bus, start_agent, sara
):
    from macturnos.server.auth import SYSTEM
    from macturnos.server.reload import put_in_force

    runner = start_agent("LED-1")
    wait_until(lambda: led(sara, 1)["state"] == "ok")
    ctx = server.ctx
    config = ctx.runtime.setup.config
    module_1 = next(m for m in config.modules if m.number == 1)
    assert module_1.led is not None
    # Module 4's new display hangs on the chain's line, and this agent now drives it.
    led_4 = module_1.led.model_copy(update={"port": bus.port, "address": 2, "agent": "LED-1"})
    modules = tuple(
        m.model_copy(update={"led": led_4}) if m.number == 4 else m for m in config.modules
    )
    with ctx.db.write() as s:
        put_in_force(s, ctx, SYSTEM, config.model_copy(update={"modules": modules}))
    wait_until(lambda: led(sara, 4)["state"] == "ok")
    assert led(sara, 4)["agent"] == "LED-1" and orders(bus, 2) == [b"$02,CLEAR*77\r\n"]
    assert runner.agent is not None and sorted(runner.agent.displays) == [1, 4]


def test_a_silent_agent_leaves_its_displays_unverified(server, sara):
    led_1 = device_client(server, "led", "LED-1")
    failing = {
        "module": 1,
        "status": "error",
        "reason": "La pantalla LED del módulo no responde",
        "last_error": "La pantalla LED del módulo no responde",
        "last_error_at": "2026-11-25T10:00:00-05:00",
    }
    assert led_1.post("/api/v1/devices/me/leds", json={"displays": [failing]}).status_code == 200
    assert led(sara, 1)["state"] == "error" and led_1.get("/api/v1/leds").status_code == 403
    # Four minutes without a report: the agent stopped; what it said is no longer trusted.
    server.ctx.clock.advance(timedelta(minutes=4))
    view = led(sara, 1)
    assert view["state"] == "unknown" and view["stale"]
    assert view["last_error"] == failing["last_error"]
    item = led_item(sara)
    assert item["result"] == "unknown"
    assert "Módulo 1 (LED-1): su último informe es del 25/11/2026 10:00." in item["note"]

    # Its stream reconnecting (the device "seen" again) does not make the old report current.
    token = led_1.headers["Authorization"].removeprefix("Bearer ")
    stream = EventStream(server.url, token, on_snapshot=lambda snap: None, on_event=lambda e: None)
    stream.start()
    try:
        wait_until(lambda: led(sara, 1)["connected"])
        assert led(sara, 1)["state"] == "unknown" and led(sara, 1)["stale"]
    finally:
        stream.stop()


def test_a_revoked_agent_stops_and_asks_to_be_paired_again(
    server, panel, pairing_code, sara, tmp_path, capsys
):
    from macturnos.led.main import arguments, run

    argv = agent_args(
        server, tmp_path, "--device", "LED-1", "--pairing-code", pairing_code("LED-1")
    )
    status: list[int] = []
    agent = threading.Thread(
        target=lambda: status.append(run(arguments().parse_args(argv))), daemon=True
    )
    agent.start()
    wait_until(lambda: led(sara, 1)["state"] == "ok", timeout=30)
    assert sara.post("/api/v1/devices/LED-1/revoke").status_code == 200
    agent.join(30)
    assert not agent.is_alive(), "the revoked agent kept running"
    assert status == [2]
    assert "ejecútelo una vez con --pairing-code" in capsys.readouterr().err
