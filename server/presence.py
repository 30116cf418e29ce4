"""Which kiosks and call screens are connected now, and the log of their comings and goings.

A call screen that loses its link cannot report itself; the server sees its
event stream close. The first stream of a device logs `device.connected`, the
last one to close logs `device.disconnected`, so the supervisor's monitor and
the morning checklist know which screens are really there.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from typing import Any

from sqlalchemy import select

from macturnos.server.auth import Actor
from macturnos.server.db.models import Device
from macturnos.server.events import append_event

log = logging.getLogger("macturnos.server.presence")


class Presence:
    """Live event streams per paired device, on this server."""

    def __init__(self) -> None:
        self._streams: Counter[int] = Counter()
        self._lock = threading.Lock()

    def is_connected(self, device_id: int) -> bool:
        """Whether the device has a live stream to this server."""
        with self._lock:
            return self._streams[device_id] > 0

    def opened(self, ctx: Any, actor: Actor) -> None:
        """A device's stream opened (call from a worker thread)."""
        if actor.device_id is None:
            return
        with self._lock:
            self._streams[actor.device_id] += 1
            first = self._streams[actor.device_id] == 1
        if first:
            self._record(ctx, actor, "device.connected")

    def closed(self, ctx: Any, actor: Actor) -> None:
        """A device's stream closed (call from a worker thread)."""
        if actor.device_id is None:
            return
        with self._lock:
            self._streams[actor.device_id] -= 1
            last = self._streams[actor.device_id] <= 0
            if last:
                del self._streams[actor.device_id]
        if last:
            self._record(ctx, actor, "device.disconnected")

    @staticmethod
    def _record(ctx: Any, actor: Actor, kind: str) -> None:
        try:
            with ctx.db.write() as s:
                now = ctx.clock.now()
                device = s.get(Device, actor.device_id)
                if device is None:
                    return
                device.last_seen_at = ctx.wall_now()
                append_event(
                    s,
                    kind=kind,
                    actor=actor.label,
                    at=now,
                    day=ctx.runtime.setup.day_of(now),
                    data={"device": device.code, "kind": device.kind, "name": device.name},
                )
        except Exception:  # a server shutting down must not fail on this
            log.warning("could not record %s for %s", kind, actor.label, exc_info=True)


def device_views(ctx: Any) -> list[dict[str, Any]]:
    """Every paired device with its last health report and whether it is connected."""
    with ctx.db.read() as s:
        devices = list(s.scalars(select(Device).order_by(Device.kind, Device.code)))
        return [
            {
                "code": d.code,
                "kind": d.kind,
                "name": d.name,
                "active": d.active,
                "connected": ctx.presence.is_connected(d.id),
                "last_seen_at": d.last_seen_at.isoformat() if d.last_seen_at else None,
                "health": d.health,
            }
            for d in devices
        ]
