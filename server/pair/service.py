"""Switching a turn server's context into pair mode (relay and monitor services)."""

from __future__ import annotations

from macturnos.server.context import ServerContext
from macturnos.server.pair.config import PairConfig
from macturnos.server.pair.monitor import PairMonitor
from macturnos.server.pair.primary import PrimaryLocator
from macturnos.server.pair.relay import CHANNEL, EventRelay


def enable_pair_mode(ctx: ServerContext, config: PairConfig, node: str) -> PairMonitor:
    """Relay events through the database and watch the pair; returns the monitor."""
    # Every connection, the relay's included, goes to the current primary only:
    # never to an old primary that came back on an older timeline.
    locator = PrimaryLocator(config, node)
    ctx.db.connect_with(locator.connect)
    # Events reach this server's clients from the shared log, whichever server
    # wrote them: the relay publishes, never the local commit.
    ctx.db.notify_channel = CHANNEL
    ctx.publish_locally = False
    monitor = PairMonitor(ctx, config, node, locator=locator)
    ctx.services.append(EventRelay(ctx, locator))
    ctx.services.append(monitor)
    return monitor
