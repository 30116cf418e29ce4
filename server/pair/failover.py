"""`macturnos failover`: make sure the primary is really gone, then promote the local standby."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import psycopg
from psycopg import sql

from macturnos.messages import message
from macturnos.server.pair import pg
from macturnos.server.pair.config import PairConfig
from macturnos.server.pair.setup import Say, admin_connection


@dataclass
class Verdict:
    """Whether the peer is gone, with the reason when it is not."""

    gone: bool
    reason: str = ""
    checks: list[str] = field(default_factory=list)


def peer_is_gone(
    config: PairConfig,
    node: str,
    *,
    attempts: int = 3,
    interval_s: float = 0.3,
    timeout_s: float = 1.0,
    force: bool = False,
) -> Verdict:
    """Check several times that the peer's database and turn server are unreachable.

    Any sign of life in any attempt refuses: promoting while the old primary
    still takes tickets would give the centre two diverging queues.
    """
    peer = config.peer_of(node)
    there = config.node(peer)
    checks: list[str] = []
    for attempt in range(attempts):
        if attempt:
            time.sleep(interval_s)
        state = pg.probe(config, peer, timeout_s=max(1, round(timeout_s)))
        if state.reachable:
            # --force never overrides a writable primary that answers.
            if state.primary or not force:
                role = "primaria" if state.primary else "respaldo o solo lectura"
                return Verdict(
                    False, message("PAIR_PRIMARY_ALIVE", nodo=peer, detalle=role), checks
                )
            checks.append(f"intento {attempt + 1}: la base de datos responde sin ser primaria")
        else:
            checks.append(f"intento {attempt + 1}: base de datos sin respuesta ({state.error})")
        if pg.tcp_open(there.address, there.pg_port, timeout_s) and not force:
            return Verdict(False, message("PAIR_PORT_OPEN", nodo=peer), checks)
        try:
            resp = httpx.get(
                f"http://{there.address}:{there.api_port}/api/v1/health", timeout=timeout_s
            )
        except httpx.HTTPError as err:
            checks.append(
                f"intento {attempt + 1}: servidor de turnos sin respuesta ({type(err).__name__})"
            )
            continue
        # A turn server that answers 200 still reaches a writable database.
        if resp.status_code == 200:
            body = resp.json()
            if not force or (body.get("pair") or {}).get("local_database") == "primary":
                return Verdict(False, message("PAIR_PEER_SERVER_ALIVE", nodo=peer), checks)
        checks.append(f"intento {attempt + 1}: servidor de turnos responde {resp.status_code}")
    return Verdict(True, checks=checks)


def failover(config: PairConfig, node: str, say: Say, *, force: bool = False) -> None:
    """Promote this node's standby to primary after `peer_is_gone`; raise PairError if refused."""
    local = pg.probe(config, node)
    if not local.reachable:
        raise pg.PairError(message("PAIR_LOCAL_UNREACHABLE", nodo=node))
    if not local.in_recovery:
        raise pg.PairError(message("PAIR_LOCAL_NOT_STANDBY", nodo=node, estado="ya es principal"))
    verdict = peer_is_gone(config, node, force=force)
    for line in verdict.checks:
        say(line)
    if not verdict.gone:
        raise pg.PairError(verdict.reason)
    peer = config.peer_of(node)
    try:
        with admin_connection(config, node) as conn:
            # Alone now: synchronous commits would wait for a standby that is not
            # there. Cleared before promotion so no commit ever blocks on it.
            # Read-only until the sequences are set right: the turn servers'
            # read-write URL skips this database meanwhile.
            pg.set_system(conn, synchronous_standby_names="", default_transaction_read_only="on")
            row = conn.execute("SELECT pg_promote(true, 30)").fetchone()
            if not row or not row[0]:
                raise pg.PairError(message("PAIR_PROMOTE_FAILED", nodo=node, detalle="pg_promote"))
            with admin_connection(config, node, dbname=config.database) as db:
                realign_sequences(db)
            pg.set_system(conn, default_transaction_read_only=None)
            # Writes the new timeline into the control file at once (the fencing
            # check and pg_rewind read it there).
            conn.execute("CHECKPOINT")
    except psycopg.Error as err:
        raise pg.PairError(
            message("PAIR_PROMOTE_FAILED", nodo=node, detalle=str(err).strip())
        ) from err
    say(message("PAIR_PROMOTED_DONE", nodo=node, otro=peer))


def realign_sequences(conn: psycopg.Connection[Any]) -> None:
    """Set every column-owned sequence just past its column's largest value.

    A standby replays sequences as logged ahead of use (up to 32 values), so a
    promoted database would skip numbers: clients read a hole in the event
    log's sequence as a missed event.
    """
    rows = conn.execute(
        "SELECT s.oid::regclass::text, t.oid::regclass::text, a.attname"
        " FROM pg_class s"
        " JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid"
        "  AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')"
        " JOIN pg_class t ON t.oid = d.refobjid"
        " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid"
        " WHERE s.relkind = 'S'"
    ).fetchall()
    with conn.transaction():
        conn.execute("SET TRANSACTION READ WRITE")
        for seq, table, column in rows:
            conn.execute(
                sql.SQL(
                    "SELECT setval({}, coalesce((SELECT max({}) FROM {}), 0) + 1, false)"
                ).format(sql.Literal(seq), sql.Identifier(column), sql.SQL(table))
            )
