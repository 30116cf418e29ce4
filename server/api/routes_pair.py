"""Routes of pair mode: replication state and lag."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from macturnos.server.api.deps import context
from macturnos.server.pair.health import assess
from macturnos.server.pair.monitor import pair_status

router = APIRouter(prefix="/api/v1")


@router.get("/pair", tags=["centre"])
def pair(request: Request) -> dict[str, Any]:
    """The pair's state: this machine's role, the standby, lag in bytes and seconds, alerts.

    `health` judges it (`server.pair.health.assess`): level ok, warning, error,
    unknown or single, the problem and the lag, the same judgement as the
    morning checklist's replication item. No authentication, like /health: the
    supervisor's monitor and the morning checklist read it, and it holds no
    personal data.
    """
    status = pair_status(context(request))
    body = {"mode": "single", "role": "primary", "alerts": []} if status is None else status
    return {**body, "health": assess(status).as_dict()}
