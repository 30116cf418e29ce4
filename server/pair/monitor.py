"""Watching the pair from each turn server: role, replication lag, a lost standby, a stale primary.

Every second the monitor asks this machine's database whether it is primary or
standby (and announces that role on the LAN). On the primary it reads
pg_stat_replication: when the standby has been gone `standby_lost_after_s` it
clears synchronous_standby_names so tickets keep being issued on one machine
(alert `pair.standby_lost`), and it restores synchronous mode once the standby
streams again, caught up (`pair.standby_back`). A primary that finds the peer
promoted on a newer timeline fences itself read-only (the peer won a failover).
A primary that finds the peer writable too, on an older timeline (an old primary
restarted after a failover), fences the peer read-only and raises the alert
PAIR_TWO_PRIMARIES (`pair.two_primaries`) until the peer is rejoined.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import psycopg
from sqlalchemy import select

from macturnos.messages import message
from macturnos.server.context import ServerContext
from macturnos.server.db.models import Event
from macturnos.server.events import append_event
from macturnos.server.pair import pg
from macturnos.server.pair.config import PairConfig
from macturnos.server.pair.primary import PrimaryLocator

log = logging.getLogger("macturnos.pair.monitor")

ACTOR = "sistema"
RoleListener = Callable[[str], None]


class PairMonitor:
    """BackgroundService reporting and guarding the replication of the pair."""

    def __init__(
        self,
        ctx: ServerContext,
        config: PairConfig,
        node: str,
        *,
        interval_s: float = 1.0,
        locator: PrimaryLocator | None = None,
    ) -> None:
        self.ctx = ctx
        self.locator = locator
        """Told every primary timeline seen, so connections never go back to an older one."""
        self.config = config
        self.node = node
        self.peer = config.peer_of(node)
        self.interval_s = interval_s
        self.on_role: RoleListener | None = None
        """Told the new role ("primary", "standby", "unknown") when it changes (zeroconf)."""
        self._lock = threading.Lock()
        self._status: dict[str, Any] = self._blank_status("unknown")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lost_since: float | None = None
        self._was: str | None = None
        self._timeline: int | None = None

    # --- BackgroundService ---------------------------------------------------------------

    def start(self) -> None:
        """Start watching in a thread."""
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, name="macturnos-pair-monitor", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop watching."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self.interval_s + 10)

    # --- state -----------------------------------------------------------------------------

    def status(self) -> dict[str, Any]:
        """The pair's state as the health route reports it."""
        with self._lock:
            return dict(self._status)

    @property
    def role(self) -> str:
        """This turn server's role: primary when its own database is the primary."""
        return str(self.status()["role"])

    def _blank_status(self, local: str) -> dict[str, Any]:
        return {
            "mode": "pair",
            "node": self.node,
            "peer": self.peer,
            "role": "primary"
            if local == "primary"
            else "standby"
            if local == "standby"
            else "unknown",
            "local_database": local,
            "synchronous": None,
            "standby": None,
            "replication": None,
            "alerts": [],
            "checked_at": None,
        }

    def check(self) -> dict[str, Any]:
        """One round of checks (the thread runs it every `interval_s`); returns the status."""
        state = pg.probe(self.config, self.node)
        if not state.reachable:
            status = self._blank_status("unreachable")
            status["alerts"] = [
                {
                    "code": "PAIR_LOCAL_UNREACHABLE",
                    "message": message("PAIR_LOCAL_UNREACHABLE", nodo=self.node),
                }
            ]
        elif state.in_recovery:
            status = self._blank_status("standby")
            status["replication"] = self._standby_json()
        elif state.read_only:
            status = self._blank_status("fenced")
            status["alerts"] = [self._fenced_alert()]
        else:
            status = self._blank_status("primary")
            self._primary_round(status, state)
        status["checked_at"] = time.time()
        status["timeline"] = state.timeline
        if (
            status["local_database"] == "primary"
            and self._timeline is not None
            and (state.timeline or 0) > self._timeline
        ):
            # A newer timeline on this machine: its standby was promoted here.
            self._record("pair.promoted", "PAIR_PROMOTED", nodo=self.node)
        if state.timeline is not None and status["local_database"] in ("primary", "standby"):
            # Not while fenced: a promotion passes through a read-only moment already
            # on the new timeline, and the change is noticed when it takes writes.
            self._timeline = state.timeline
        self._role_changed(self._was, status["local_database"])
        self._was = status["local_database"]
        with self._lock:
            self._status = status
        return status

    # --- rounds -------------------------------------------------------------------------

    def _standby_json(self) -> dict[str, Any] | None:
        try:
            with pg.connect(self.config.conninfo(node=self.node)) as conn:
                return pg.receiver_state(conn)
        except psycopg.Error:
            return None

    def _fenced_alert(self) -> dict[str, str]:
        return {
            "code": "PAIR_FENCED",
            "message": message("PAIR_FENCED", nodo=self.node, otro=self.peer),
        }

    def _primary_round(self, status: dict[str, Any], state: pg.NodeProbe) -> None:
        peer = pg.probe(self.config, self.peer, timeout_s=1)
        if peer.primary and (peer.timeline or 0) > (state.timeline or 0):
            if self.locator is not None:
                self.locator.seen(peer.timeline)
            self._fence(status)
            return
        if self.locator is not None:
            self.locator.seen(state.timeline)
        stale = self._stale_peer(peer, state)
        with pg.connect(self.config.conninfo(node=self.node)) as conn:
            rows = pg.replication_rows(conn)
            names = str(conn.execute("SHOW synchronous_standby_names").fetchone()[0])  # type: ignore[index]
            ours = [r for r in rows if r["name"] == self.peer]
            streaming = [r for r in ours if r["state"] == "streaming"]
            status["replication"] = ours[0] if ours else None
            now = time.monotonic()
            if streaming:
                self._lost_since = None
                if not names:
                    # Back and caught up (a catching-up sender reports "catchup").
                    pg.set_system(conn, synchronous_standby_names=self.config.synchronous_names)
                    names = self.config.synchronous_names
                    log.warning("standby %s back and caught up: synchronous mode on", self.peer)
                    self._record("pair.standby_back", "PAIR_STANDBY_BACK", nodo=self.peer)
            else:
                self._lost_since = self._lost_since or now
                if names and now - self._lost_since >= self.config.standby_lost_after_s:
                    # Commits wait for the standby forever otherwise: go on alone.
                    pg.set_system(conn, synchronous_standby_names="")
                    names = ""
                    log.error("standby %s lost: continuing on one machine", self.peer)
                    self._record(
                        "pair.standby_lost", "PAIR_STANDBY_LOST", nodo=self.peer, primaria=self.node
                    )
        status["synchronous"] = bool(names)
        status["standby"] = self.peer if streaming else None
        if stale is not None:
            status["alerts"].append(stale)
        if not names:
            status["alerts"].append(
                {
                    "code": "PAIR_NO_STANDBY",
                    "message": message("PAIR_NO_STANDBY", primaria=self.node),
                }
            )

    def _stale_peer(self, peer: pg.NodeProbe, state: pg.NodeProbe) -> dict[str, str] | None:
        """The alert when the peer's database is a primary too (not following this one).

        A peer on an older timeline is an old primary that came back without
        `pair rejoin`: it is fenced read-only at once (no client can be using it:
        every turn server follows the newest timeline), whatever started it.
        """
        if not peer.reachable or peer.in_recovery is not False:
            return None
        if (peer.timeline or 0) < (state.timeline or 0) and not peer.read_only:
            log.error(
                "peer %s is a primary on the older timeline %s: fencing it",
                self.peer,
                peer.timeline,
            )
            try:
                with pg.connect(self.config.conninfo(node=self.peer, timeout_s=1)) as conn:
                    pg.set_system(conn, default_transaction_read_only="on")
            except psycopg.Error as err:
                log.error("fencing %s failed: %s", self.peer, str(err).strip()[:200])
        fields = {"antigua": self.peer, "nodo": self.node, "linea": str(peer.timeline)}
        self._record("pair.two_primaries", "PAIR_TWO_PRIMARIES", **fields)
        return {"code": "PAIR_TWO_PRIMARIES", "message": message("PAIR_TWO_PRIMARIES", **fields)}

    def _fence(self, status: dict[str, Any]) -> None:
        log.error("peer %s is primary on a newer timeline: fencing this database", self.peer)
        with pg.connect(self.config.conninfo(node=self.node)) as conn:
            pg.set_system(conn, default_transaction_read_only="on")
        # Pooled connections may still point here: the multi-host URL finds the peer.
        self.ctx.db.dispose()
        status.update(self._blank_status("fenced"))
        status["alerts"] = [self._fenced_alert()]

    def _role_changed(self, before: str | None, now: str) -> None:
        if before == now:
            return
        log.warning("this machine's database is now %s (was %s)", now, before)
        if self.on_role is not None:
            try:
                self.on_role(self._blank_status(now)["role"])
            except Exception:
                log.exception("announcing the new role failed")

    def _record(self, kind: str, code: str, **fields: str) -> None:
        """Append an alert event unless the newest pair event already says the same."""
        with self.ctx.db.write() as s:
            last = s.scalar(
                select(Event).where(Event.kind.like("pair.%")).order_by(Event.seq.desc()).limit(1)
            )
            if (
                last is not None
                and last.kind == kind
                and last.data.get("node") == fields.get("nodo")
            ):
                return
            now = self.ctx.clock.now()
            append_event(
                s,
                kind=kind,
                actor=ACTOR,
                at=now,
                day=self.ctx.runtime.setup.day_of(now),
                data={"node": fields.get("nodo"), "message": message(code, **fields)},
            )

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.check()
            except Exception:
                log.exception("pair check failed")
            self._stop.wait(self.interval_s)


def pair_monitor(ctx: ServerContext) -> PairMonitor | None:
    """The pair monitor among the context's services (None outside pair mode)."""
    return next((s for s in ctx.services if isinstance(s, PairMonitor)), None)


def pair_status(ctx: ServerContext) -> dict[str, Any] | None:
    """The pair's state for the health route (None outside pair mode)."""
    monitor = pair_monitor(ctx)
    return None if monitor is None else monitor.status()
