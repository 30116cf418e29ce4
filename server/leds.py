"""The LED displays over the modules: which agent drives each, and what it last reported.

An LED agent (`macturnos led`, a paired device of kind `led`) drives the
displays the centre file assigns to it (`led.agent`, by default `LED-<module>`)
and reports each one's health here. The opening checklist's LED item and the
supervisor's monitor (`GET /leds`) read the same views, so both show the state
the displays really answered with, not the configuration.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from macturnos.config.models import CentreConfig
from macturnos.server.auth import Actor, Role
from macturnos.server.context import ServerContext
from macturnos.server.db.models import Device
from macturnos.server.errors import ApiError
from macturnos.server.events import append_event

REPORT_STALE_AFTER = timedelta(minutes=3)
"""An agent reports every 30 s by default; a report older than this is not trusted."""


def agent_of(module: int, agent: str | None) -> str:
    """The device code of the agent that drives a module's display."""
    return agent or f"LED-{module}"


def assigned_displays(config: CentreConfig) -> dict[int, str]:
    """Module number -> code of its display's agent, for every module with a display."""
    return {m.number: agent_of(m.number, m.led.agent) for m in config.modules if m.led}


def report_leds(ctx: ServerContext, actor: Actor, displays: list[dict[str, Any]]) -> dict[str, Any]:
    """An LED agent's report on its displays; a change of any display's state is logged.

    A module the centre file does not give to this agent is refused: an agent
    reporting for another's display would hide that display's real state.
    """
    if actor.device_id is None or actor.role is not Role.LED:
        raise ApiError("FORBIDDEN_ROLE", rol=actor.role.value if actor.role else "sistema")
    assigned = assigned_displays(ctx.runtime.setup.config)
    with ctx.db.write() as s:
        device = s.get(Device, actor.device_id)
        if device is None:
            raise ApiError("NOT_AUTHENTICATED")
        mine = {n for n, agent in assigned.items() if agent == device.code}
        if any(int(d["module"]) not in mine for d in displays):
            raise ApiError("INVALID_REQUEST", campo="module")
        now = ctx.clock.now()
        failing = sum(1 for d in displays if d["status"] != "ok")
        status = "ok" if not failing else ("error" if failing == len(displays) else "warning")
        report = {
            "status": status,
            "detail": {"displays": len(displays), "failing": failing},
            "displays": {str(d["module"]): {**d, "at": now.isoformat()} for d in displays},
        }
        before = device.health or {}
        changed = before.get("status") != status or _states(before) != _states(report)
        device.health = report
        device.last_seen_at = now
        if changed:
            append_event(
                s,
                kind="device.health",
                actor=actor.label,
                at=now,
                day=ctx.runtime.setup.day_of(now),
                data={"device": device.code, "kind": device.kind, **report},
            )
        return {"ok": True, "modules": sorted(mine)}


def _states(health: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """What a change is judged on: each display's status and reason (not its times)."""
    displays = health.get("displays") or {}
    return {m: (d.get("status"), d.get("reason")) for m, d in displays.items()}


def led_views(ctx: ServerContext) -> list[dict[str, Any]]:
    """Every module's display: its agent, whether the agent is linked, and its last state.

    `state` is `ok` (the display acknowledged), `error` (it did not: the reason
    says why), or `unknown` (its agent is not paired, never reported, or its
    last report is stale).
    """
    assigned = assigned_displays(ctx.runtime.setup.config)
    now = ctx.clock.now()
    with ctx.db.read() as s:
        agents = {
            d.code: d
            for d in s.scalars(
                select(Device).where(Device.active.is_(True), Device.kind == Role.LED.value)
            )
        }
        return [
            _view(ctx, module, code, agents.get(code), now) for module, code in assigned.items()
        ]


def _view(
    ctx: ServerContext, module: int, code: str, agent: Device | None, now: datetime
) -> dict[str, Any]:
    view: dict[str, Any] = {
        "module": module,
        "agent": code,
        "paired": agent is not None,
        "connected": agent is not None and ctx.presence.is_connected(agent.id),
        "reported_at": None,
        "state": "unknown",
        "stale": False,
        "reason": None,
        "last_error": None,
        "last_error_at": None,
    }
    entry = ((agent.health if agent else None) or {}).get("displays", {}).get(str(module))
    if entry is None or not entry.get("at"):
        return view
    # The report's own time, not the device's last_seen_at: a reconnection refreshes
    # that one and must not make an old report look current.
    reported = datetime.fromisoformat(entry["at"])
    view["reported_at"] = entry["at"]
    view["reason"] = entry.get("reason")
    view["last_error"] = entry.get("last_error")
    view["last_error_at"] = entry.get("last_error_at")
    view["stale"] = now - reported > REPORT_STALE_AFTER
    if not view["stale"]:
        view["state"] = "ok" if entry.get("status") == "ok" else "error"
    return view
