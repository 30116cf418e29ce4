"""Putting a new centre configuration in force: a reload of the file, or an accepted catalogue.

The configuration changes with its `config.reloaded` event in one transaction
of the log, and the running server takes the new configuration only once that
transaction has committed (under the write lock, before the live queues fold
the event): no client or writer sees a configuration the log does not tell.
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from macturnos.config import CentreConfig, ConfigError, diff_configs, load_centre
from macturnos.server.auth import Actor
from macturnos.server.context import ServerContext
from macturnos.server.errors import ApiError
from macturnos.server.events import append_event

log = logging.getLogger("macturnos.server")

AFTER_COMMIT = "after_commit"
"""`session.info` key: callables `Database.write` runs once the transaction committed."""


def put_in_force(s: Session, ctx: ServerContext, actor: Actor, new: CentreConfig) -> list[str]:
    """Log the change to `new` in this transaction; it takes effect when it commits.

    Returns the changes (Spanish lines, `config.diff_configs`).
    """
    changes = diff_configs(ctx.runtime.setup.config, new)
    now = ctx.clock.now()
    append_event(
        s,
        kind="config.reloaded",
        actor=actor.label,
        at=now,
        day=ctx.runtime.setup.day_of(now),
        data={"changes": changes},
    )
    s.info.setdefault(AFTER_COMMIT, []).append(lambda: ctx.runtime.replace(new))
    return changes


def reload_centre(ctx: ServerContext, actor: Actor) -> list[str]:
    """Read the centre file again and put it in force; returns the changes.

    Tickets refer to services by code and live in the database, so the day's
    tickets survive; a bad file is refused and the old configuration stays.
    """
    source = ctx.runtime.source
    if source is None:
        return []
    try:
        new = load_centre(source)
    except ConfigError as err:
        raise ApiError("CONFIG_INVALID", detalle=str(err)) from err
    except OSError as err:
        raise ApiError("CONFIG_INVALID", detalle=f"{source}: {err.strerror}") from err
    with ctx.db.write() as s:
        changes = put_in_force(s, ctx, actor, new)
    log.info("configuration reloaded: %d changes", len(changes))
    return changes
