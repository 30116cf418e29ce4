"""Starting the turn server: settings, context, HTTP server, announcement."""

from __future__ import annotations

import gc
import logging
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import uvicorn

from macturnos.config import DEMO_CENTRE_PATH, CentreConfig, load_centre
from macturnos.server import migrate
from macturnos.server.abandoned import attach as attach_abandoned_sweep
from macturnos.server.app import create_app, load_secret
from macturnos.server.clock import Clock
from macturnos.server.context import ServerContext
from macturnos.server.db.engine import Database, sqlite_url
from macturnos.server.discovery import Advertiser, lan_addresses, service_info
from macturnos.server.pair.config import PairConfigError, load_pair
from macturnos.server.pair.monitor import pair_monitor
from macturnos.server.pair.service import enable_pair_mode
from macturnos.server.public.app import create_public_app
from macturnos.server.public.limits import Limiter
from macturnos.server.runtime import CentreRuntime
from macturnos.server.sync.appointments import DNI_KEY_FILE, load_dni_key
from macturnos.server.sync.service import attach as attach_pcm_sync

log = logging.getLogger("macturnos.server")

PUBLIC_PORT = 8471
"""The citizen's listener: the only port the centre's guest Wi-Fi may reach."""
PUBLIC_SHUTDOWN_S = 2
"""Phones' live channels never end by themselves: a stopping server cuts them after this."""


def default_data_dir() -> Path:
    """Where the embedded database and keys live (MACTURNOS_DATA_DIR or ./var)."""
    return Path(os.environ.get("MACTURNOS_DATA_DIR", "var")).resolve()


@dataclass
class ServerSettings:
    """How to run this turn server (from the command line or the environment)."""

    config_path: Path = field(
        default_factory=lambda: Path(os.environ.get("MACTURNOS_CONFIG", str(DEMO_CENTRE_PATH)))
    )
    data_dir: Path = field(default_factory=default_data_dir)
    database_url: str | None = field(default_factory=lambda: os.environ.get("MACTURNOS_DB"))
    host: str = "0.0.0.0"
    port: int = 8470
    zeroconf: bool = True
    start_at: datetime | None = None
    """Run the centre's clock from this instant (training and demo only)."""
    pair_file: Path | None = field(
        default_factory=lambda: Path(p) if (p := os.environ.get("MACTURNOS_PAIR")) else None
    )
    """Pair mode: the file describing the two machines (see docs/pair.md)."""
    pair_node: str | None = field(default_factory=lambda: os.environ.get("MACTURNOS_PAIR_NODE"))
    """Pair mode: which of the two machines this one is."""
    public_port: int = field(
        default_factory=lambda: int(os.environ.get("MACTURNOS_PUBLIC_PORT") or PUBLIC_PORT)
    )
    """The citizen's pages (follow your turn) listen here; 0: not served (docs/citizen.md)."""
    public_url: str | None = field(default_factory=lambda: os.environ.get("MACTURNOS_PUBLIC_URL"))
    """How phones on the guest Wi-Fi reach those pages (default: this machine's first LAN
    address and `public_port`); printed in each ticket's QR."""

    def citizen_url(self) -> str | None:
        """The address printed in tickets' QR codes, or None without citizen's pages."""
        if not self.public_port:
            return None
        if self.public_url:
            return self.public_url.rstrip("/")
        host = self.host
        if host in ("0.0.0.0", ""):
            host = (lan_addresses() or ["127.0.0.1"])[0]
        return f"http://{host}:{self.public_port}"

    @property
    def db_url(self) -> str:
        """The database URL: the configured one, the pair's two hosts, or SQLite."""
        if self.database_url:
            return self.database_url
        if self.pair_file is not None:
            return load_pair(self.pair_file).app_url()
        return sqlite_url(self.data_dir / "macturnos.db")


def build_context(settings: ServerSettings, config: CentreConfig | None = None) -> ServerContext:
    """Migrate the database and assemble the server's parts."""
    config = config or load_centre(settings.config_path)
    migrate.upgrade(settings.db_url)
    clock = Clock.starting_at(settings.start_at) if settings.start_at else Clock()
    ctx = ServerContext(
        db=Database(settings.db_url),
        runtime=CentreRuntime(config, source=str(settings.config_path)),
        clock=clock,
        wall=Clock(),
        public_url=settings.citizen_url(),
        secret=load_secret(settings.data_dir / "ticket-signing.key"),
        # Its own key, not the ticket-signing one; an installation puts it outside the
        # data folder with MACTURNOS_DNI_KEY_FILE (docs/security.md).
        dni_key=load_dni_key(
            Path(os.environ.get("MACTURNOS_DNI_KEY_FILE") or settings.data_dir / DNI_KEY_FILE)
        ),
    )
    if settings.pair_file is not None:
        if not settings.pair_node:
            raise PairConfigError(
                "Falta MACTURNOS_PAIR_NODE: indique cuál máquina del par es esta."
            )
        enable_pair_mode(ctx, load_pair(settings.pair_file), settings.pair_node)
    attach_pcm_sync(ctx)
    attach_abandoned_sweep(ctx)
    return ctx


def serve(settings: ServerSettings, ctx: ServerContext | None = None) -> None:
    """Run the server until interrupted."""
    ctx = ctx or build_context(settings)
    advertiser = None
    if settings.zeroconf:
        if settings.host in ("0.0.0.0", ""):
            addresses = lan_addresses() or ["127.0.0.1"]
            interfaces = None
        else:
            addresses = [settings.host]
            interfaces = [settings.host]
        monitor = pair_monitor(ctx)
        role = monitor.check()["role"] if monitor is not None else "primary"
        info = service_info(
            ctx.runtime.setup.config.centre.code, settings.port, addresses, role=role
        )
        advertiser = Advertiser(info, interfaces)
        if monitor is not None:
            monitor.on_role = advertiser.set_role
    app = create_app(ctx, advertise=advertiser)
    public = start_public_listener(ctx, settings)
    log.info(
        "MAC Turnos server for %s on %s:%d (%s)",
        ctx.runtime.setup.config.centre.name,
        settings.host,
        settings.port,
        ctx.db.backend,
    )
    # Everything loaded so far lives as long as the process: keep it out of the
    # collector's full passes, which otherwise pause every request of the moment.
    gc.collect()
    gc.freeze()
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level="info",
        ws_ping_interval=20,
        ws_ping_timeout=20,
        # Events are small JSON on a LAN: compressing each frame once per client
        # cost more CPU than the whole fan-out and saves nothing that matters.
        ws_per_message_deflate=False,
        # Kiosks and counters keep their connections between two citizens.
        timeout_keep_alive=75,
        # One line per request costs time and says nothing the event log does not.
        access_log=False,
    )
    if public is not None:
        public.should_exit = True
    ctx.db.dispose()


def start_public_listener(ctx: ServerContext, settings: ServerSettings) -> uvicorn.Server | None:
    """Serve the citizen's pages on their own port, in a thread beside the API.

    A separate listener, not a path of the API, so the guest network is let through
    to this port alone (docs/citizen.md). Its event loop is its own; the event hub
    hands each loop its events.
    """
    if not settings.public_port:
        return None
    server = uvicorn.Server(
        uvicorn.Config(
            create_public_app(ctx, Limiter.from_environment()),
            host=settings.host,
            port=settings.public_port,
            log_level="warning",
            access_log=False,
            timeout_keep_alive=30,
            timeout_graceful_shutdown=PUBLIC_SHUTDOWN_S,
        )
    )
    threading.Thread(target=server.run, name="public-pages", daemon=True).start()
    log.info("citizen's pages on %s:%d", settings.host, settings.public_port)
    return server
