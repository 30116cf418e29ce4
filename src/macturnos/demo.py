"""`macturnos demo`: a whole centre on one machine, with simulated devices.

It runs the turn server on the embedded SQLite database with the bundled demo
centre, creates demo accounts and paired devices, registers the day's opening,
and starts the apps (kiosk, call screen, counter) when a screen is available.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import select

from macturnos.config import DEMO_CENTRE_PATH, CentreConfig, load_centre
from macturnos.server.auth import SYSTEM, Role, create_device, create_user, device_token
from macturnos.server.context import ServerContext
from macturnos.server.day import open_day
from macturnos.server.db.models import Device, User
from macturnos.server.main import ServerSettings, build_context, serve

DEMO_PASSWORD = "demo1234"
DEMO_KIOSK_PIN = "2468"
DEMO_USERS = (
    ("supervisor", "Sara Quispe (supervisora)", Role.SUPERVISOR, None),
    ("orientador", "Oscar Mamani (orientador)", Role.ORIENTATOR, None),
    ("tic", "Tania Huamán (especialista TIC)", Role.ICT, None),
    ("asesor1", "Ana Flores (asesora)", Role.ADVISOR, None),
    ("asesor2", "Beto Rojas (asesor)", Role.ADVISOR, None),
    ("asesor3", "Carla Díaz (asesora)", Role.ADVISOR, None),
)
WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
# The apps the demo starts, if they are installed: (module, role of its device).
APPS = (("macturnos.display", "display"), ("macturnos.kiosk", "kiosk"), ("macturnos.counter", None))


def demo_start(config: CentreConfig, now: datetime) -> datetime | None:
    """When to run the demo's clock from: None if the centre is open right now."""
    tz = config.centre.zoneinfo
    local = now.astimezone(tz)
    hours = config.hours_on(local.date())
    if hours is not None and hours[0] <= local.time() < hours[1]:
        return None
    day: date = (
        local.date()
        if hours is not None and local.time() < hours[0]
        else (local.date() + timedelta(days=1))
    )
    while config.hours_on(day) is None:
        day += timedelta(days=1)
    opens = config.hours_on(day)[0]  # type: ignore[index]
    return datetime.combine(day, opens, tzinfo=tz) + timedelta(hours=1)


def prepare(ctx: ServerContext, data_dir: Path) -> dict[str, str]:
    """Create the demo accounts and paired devices; returns the device tokens."""
    tokens: dict[str, str] = {}
    with ctx.db.write() as s:
        now = ctx.wall_now()
        for username, name, role, entity in DEMO_USERS:
            if s.scalar(select(User).where(User.username == username)) is None:
                create_user(
                    s,
                    username=username,
                    full_name=name,
                    role=role,
                    password=DEMO_PASSWORD,
                    now=now,
                    entity_code=entity,
                )
        cfg = ctx.runtime.setup.config
        devices = [(Role.KIOSK, k.code, k.name) for k in cfg.kiosks] + [
            (Role.DISPLAY, d.code, d.name) for d in cfg.displays
        ]
        for kind, code, name in devices:
            device = s.scalar(select(Device).where(Device.code == code))
            if device is None:
                device, _ = create_device(s, kind=kind, code=code, name=name, now=now)
            tokens[code] = device_token(s, device, now)
    token_file = data_dir / "demo-devices.json"
    token_file.write_text(json.dumps(tokens))
    token_file.chmod(0o600)
    open_day(ctx, SYSTEM)
    return tokens


def _has_screen() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _launch_apps(
    url: str, config: CentreConfig, tokens: dict[str, str], data_dir: Path
) -> list[subprocess.Popen[bytes]]:
    procs = []
    for module, role in APPS:
        if importlib.util.find_spec(f"{module}.__main__") is None:
            continue
        # Windows, not full screen: the whole centre shares one desktop here.
        args = [sys.executable, "-m", module, "--server", url, "--windowed"]
        if role == "kiosk" and config.kiosks:
            code = config.kiosks[0].code
            args += [
                "--device",
                code,
                "--token",
                tokens[code],
                "--staff-pin",
                DEMO_KIOSK_PIN,
                "--data-dir",
                str(data_dir / "kiosk"),
            ]
        elif role == "display" and config.displays:
            code = config.displays[0].code
            args += [
                "--device",
                code,
                "--token",
                tokens[code],
                "--data-dir",
                str(data_dir / "display"),
            ]
        procs.append(subprocess.Popen(args))
    return procs


def run_demo(args: argparse.Namespace) -> int:
    """Run the demo centre until interrupted."""
    data_dir = Path(args.data_dir or "var/demo").resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    config = load_centre(DEMO_CENTRE_PATH)
    settings = ServerSettings(
        config_path=DEMO_CENTRE_PATH,
        data_dir=data_dir,
        port=args.port,
        # The citizen's pages beside it (a phone on the same network follows a ticket).
        public_port=args.port + 1,
        # Known passwords: this machine only, unless the LAN is asked for (`--lan`).
        host="0.0.0.0" if getattr(args, "lan", False) else "127.0.0.1",
        zeroconf=bool(getattr(args, "lan", False)),
    )
    if args.start_at:
        from macturnos.cli import _start_instant

        settings.start_at = _start_instant(args.start_at, settings)
    else:
        settings.start_at = demo_start(config, datetime.now().astimezone())
    ctx = build_context(settings, config)
    tokens = prepare(ctx, data_dir)
    url = f"http://127.0.0.1:{args.port}"
    local = ctx.clock.now().astimezone(config.centre.zoneinfo)
    print(f"\n{config.centre.name}: servidor de turnos en {url}  (API: {url}/api/v1/docs)")
    if settings.start_at:
        weekday = WEEKDAYS[local.weekday()]
        print(f"Reloj de demostración: {weekday} {local:%d/%m/%Y %H:%M} (el centro está abierto)")
    print(
        f"Cuentas de demostración (contraseña «{DEMO_PASSWORD}»): "
        + ", ".join(u for u, *_ in DEMO_USERS)
    )
    print(f"PIN del menú del personal del quiosco: {DEMO_KIOSK_PIN}")
    procs: list[subprocess.Popen[bytes]] = []
    if not args.no_apps and _has_screen():

        def start_apps() -> None:
            for _ in range(100):
                try:
                    httpx.get(f"{url}/api/v1/health", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            procs.extend(_launch_apps(url, config, tokens, data_dir))

        threading.Thread(target=start_apps, daemon=True).start()
    elif not args.no_apps:
        print("No hay pantalla (DISPLAY): solo se inicia el servidor.")
    try:
        serve(settings, ctx)
    finally:
        for p in procs:
            p.terminate()
    return 0
