"""Starting the turn server: settings, context, HTTP server, announcement."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import uvicorn

from macturnos.config import DEMO_CENTRE_PATH, CentreConfig, load_centre
from macturnos.server import migrate
from macturnos.server.app import create_app, load_secret
from macturnos.server.clock import Clock
from macturnos.server.context import ServerContext
from macturnos.server.db.engine import Database, sqlite_url
from macturnos.server.discovery import Advertiser, lan_addresses, service_info
from macturnos.server.runtime import CentreRuntime

log = logging.getLogger("macturnos.server")


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

    @property
    def db_url(self) -> str:
        """The database URL: the configured one, or SQLite in the data folder."""
        return self.database_url or sqlite_url(self.data_dir / "macturnos.db")


def build_context(settings: ServerSettings, config: CentreConfig | None = None) -> ServerContext:
    """Migrate the database and assemble the server's parts."""
    config = config or load_centre(settings.config_path)
    migrate.upgrade(settings.db_url)
    clock = Clock.starting_at(settings.start_at) if settings.start_at else Clock()
    return ServerContext(
        db=Database(settings.db_url),
        runtime=CentreRuntime(config, source=str(settings.config_path)),
        clock=clock,
        wall=Clock(),
        secret=load_secret(settings.data_dir / "ticket-signing.key"),
    )


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
        info = service_info(ctx.runtime.view.config.centre.code, settings.port, addresses)
        advertiser = Advertiser(info, interfaces)
    app = create_app(ctx, advertise=advertiser)
    log.info("MAC Turnos server for %s on %s:%d (%s)", ctx.runtime.view.config.centre.name,
             settings.host, settings.port, ctx.db.backend)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info",
                ws_ping_interval=20, ws_ping_timeout=20)
    ctx.db.dispose()
