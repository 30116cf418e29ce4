"""The replication's health in one judgement, from the pair monitor's status.

Pure (no I/O): the morning checklist (`server.day`) words it as a finding and
GET /api/v1/pair hands it to the supervisor's monitor, so both use the same
thresholds and say the same thing about the same state.

Levels: `ok` (both machines keep every ticket), `warning` (the standby follows
but not as it should: asynchronous, catching up, behind), `error` (no machine
receives the data: the centre runs on one disk), `unknown` (not checked yet),
`single` (one server, no replication to check).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

LAG_WARNING_BYTES = 16 * 1024**2
"""A standby this far behind (one WAL segment) is lagging, though still streaming."""
LAG_WARNING_S = 5.0
"""A standby whose replay is this many seconds behind is lagging."""

Level = Literal["ok", "warning", "error", "unknown", "single"]
Problem = Literal[
    "not_checked",
    "local_unreachable",
    "fenced",
    "no_standby",
    "catching_up",
    "not_synchronous",
    "lagging",
]


@dataclass(frozen=True)
class ReplicationHealth:
    """What is wrong with the replication, if anything, seen from one turn server."""

    level: Level
    problem: Problem | None = None
    node: str | None = None
    """This turn server's machine."""
    role: str | None = None
    """Its database's role: primary, standby or unknown."""
    primary: str | None = None
    """The machine whose database takes the writes (as far as this one knows)."""
    standby: str | None = None
    """The machine that should receive the data."""
    state: str | None = None
    """PostgreSQL's word for the link: streaming, catchup, sync, async, stopped..."""
    lag_bytes: int | None = None
    lag_seconds: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape GET /api/v1/pair answers as `health`."""
        return asdict(self)


def _num(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _lagging(lag_bytes: int | None, lag_seconds: float | None) -> bool:
    return (lag_bytes or 0) > LAG_WARNING_BYTES or (lag_seconds or 0.0) > LAG_WARNING_S


def assess(status: Mapping[str, Any] | None) -> ReplicationHealth:
    """Judge the status of `PairMonitor.status()` (None, or mode single: one server)."""
    if status is None or status.get("mode") != "pair":
        return ReplicationHealth("single", role="primary")
    node = str(status.get("node") or "") or None
    peer = str(status.get("peer") or "") or None
    local = str(status.get("local_database") or "unknown")
    # Every judgement names this machine and its role; each branch adds what it found
    # with `replace`, which mypy checks field by field (a ** splat would hide a mix-up).
    base = ReplicationHealth("unknown", node=node, role=str(status.get("role") or "unknown"))
    if local == "unknown" or status.get("checked_at") is None:
        return replace(base, problem="not_checked")
    if local == "unreachable":
        # This turn server still writes to the other machine (the URL names both hosts).
        return replace(base, level="error", problem="local_unreachable", primary=peer, standby=node)
    if local == "fenced":
        return replace(base, level="error", problem="fenced", primary=peer, standby=node)
    if local == "standby":
        rx = status.get("replication") or {}
        state = str(rx.get("receiver") or "stopped")
        backlog = _num(rx.get("replay_backlog_bytes"))
        lag_bytes = None if backlog is None else int(backlog)
        found = replace(base, primary=peer, standby=node, state=state, lag_bytes=lag_bytes)
        if state != "streaming":
            return replace(found, level="error", problem="no_standby")
        if _lagging(lag_bytes, None):
            return replace(found, level="warning", problem="lagging")
        return replace(found, level="ok")
    # This machine's database is the primary: pg_stat_replication tells about the peer.
    row = status.get("replication") or {}
    lag_bytes_n, lag_seconds = _num(row.get("lag_bytes")), _num(row.get("lag_seconds"))
    lag_bytes = None if lag_bytes_n is None else int(lag_bytes_n)
    streaming = row.get("state") == "streaming"
    sync_state = str(row.get("sync_state") or "") or None
    found = replace(
        base,
        primary=node,
        standby=peer,
        state=(sync_state if streaming else row.get("state")) or "stopped",
        lag_bytes=lag_bytes,
        lag_seconds=lag_seconds,
    )
    if not row:
        return replace(found, level="error", problem="no_standby")
    if not streaming:
        # Connected again but still replaying what it missed: synchronous mode waits for it.
        return replace(found, level="warning", problem="catching_up")
    if not status.get("synchronous") or sync_state not in ("sync", "quorum"):
        return replace(found, level="warning", problem="not_synchronous")
    if _lagging(lag_bytes, lag_seconds):
        return replace(found, level="warning", problem="lagging")
    return replace(found, level="ok")
