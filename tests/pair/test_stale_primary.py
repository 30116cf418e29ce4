"""Issue 16, item 1: after a failover, the old primary's PostgreSQL comes back and is never used.

The survivor keeps issuing tickets through clients that know both machines'
addresses (items 2 and 3: a 503 with Retry-After during the failover, never a
500, and no helper code choosing the server for them); the returning database
starts read-only at boot (`pair start`, the docs' boot unit) and, started by
hand as a writable primary on its old timeline, is fenced by the survivor; no
turn server opens a session on it; `GET /pair` and `pair status` raise the
alert; after `pair rejoin` the status reads right (item 4).
"""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import create_engine, text
from support.pair import needs_pair, wait_for

from bench.failover import PASSWORD, PairLab
from macturnos.client.api import ApiClient
from macturnos.client.errors import ClientError
from macturnos.server.pair import pg
from macturnos.server.pair.config import load_pair

pytestmark = [pytest.mark.slow, needs_pair]


def sessions_of_turn_servers(lab: PairLab, node: str) -> int:
    """Sessions the turn servers hold on `node`'s database (0 when it is down)."""
    config = load_pair(lab.pair_file)
    try:
        with pg.connect(config.conninfo(node=node, user=config.admin_user, dbname="postgres")) as c:
            row = c.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'macturnos-%'"
            ).fetchone()
    except psycopg.OperationalError:
        return 0
    assert row is not None
    return int(row[0])


def tickets_on(lab: PairLab, node: str) -> int:
    """How many tickets `node`'s own database holds."""
    config = load_pair(lab.pair_file)
    with pg.connect(config.conninfo(node=node)) as c:
        row = c.execute("SELECT count(*) FROM tickets").fetchone()
    assert row is not None
    return int(row[0])


def pair_status(lab: PairLab) -> dict[str, Any]:
    done = lab.macturnos("pair", "status", "--json", node="b")
    return json.loads(done.stdout)


def test_old_primary_back_at_boot_is_fenced_and_never_used(lab):
    tokens = lab.provision()
    both = f"{lab.url('a')},{lab.url('b')}"
    acked: list[tuple[int, str]] = []
    faults: list[str] = []
    stop = threading.Event()

    def kiosk() -> None:
        # Both addresses and nothing else: the client library follows the primary.
        with ApiClient(both, tokens["kiosk"]) as c:
            while not stop.is_set():
                try:
                    t = c.issue("DNI-DUP", idempotency_key=uuid.uuid4().hex)["ticket"]
                except ClientError as err:  # 500s, refusals, or a wait beyond the bound
                    faults.append(repr(err))
                    continue
                acked.append((t["id"], t["number"]))

    worker = threading.Thread(target=kiosk)
    worker.start()
    try:
        wait_for(lambda: len(acked) >= 20, timeout_s=60)
        lab.kill_postgres("a")
        lab.kill_server("a")
        done = lab.macturnos("failover", "--yes", node="b", check=False)
        assert done.returncode == 0, done.stderr
        after_failover = len(acked)
        wait_for(lambda: len(acked) >= after_failover + 20, timeout_s=60)
        assert faults == []  # no 500, no ServerUnreachable: 503s were waited out

        # The docs' boot unit starts the old primary's PostgreSQL: read-only from the start.
        boot = lab.macturnos("pair", "start", node="a")
        assert "solo lectura" in boot.stdout and "pair rejoin" in boot.stdout
        state = pg.probe(load_pair(lab.pair_file), "a")
        assert state.reachable and state.in_recovery is False and state.read_only
        stale_count = tickets_on(lab, "a")
        # A staff member logs in after the failover: the token lives on the new primary only.
        with ApiClient(both) as advisor:
            advisor.login("asesor1", PASSWORD)
            me = advisor.me()
        assert me["role"] == "advisor"

        # Worse: someone starts it by hand as the old unit did, a writable primary on
        # its old timeline. The survivor fences it; no turn server ever uses it.
        lab.pg_ctl("a", "stop", "-m", "fast", "-w")
        lab.pg_ctl("a", "start", "-w", "-l", str(lab.root / "a" / "pgdata.log"))
        status = pg.probe(load_pair(lab.pair_file), "a")
        assert status.reachable and status.in_recovery is False and status.timeline == 1
        # A turn server started afresh there (before the rejoin) asks both and takes b.
        lab.start_server("a")
        mark = len(acked)
        seen: list[int] = []
        snapshots: list[int] = []
        with httpx.Client(headers={"Authorization": f"Bearer {tokens['kiosk']}"}) as http:
            while len(acked) < mark + 40:
                seen.append(sessions_of_turn_servers(lab, "a"))
                for node in ("a", "b"):
                    snapshots.append(http.get(f"{lab.url(node)}/api/v1/snapshot").json()["seq"])
        assert faults == []
        assert max(seen) == 0  # never a session of either turn server on the stale database
        assert snapshots == sorted(snapshots)  # every snapshot from the one live log
        wait_for(lambda: pg.probe(load_pair(lab.pair_file), "a").read_only is True, timeout_s=10)
        assert tickets_on(lab, "a") == stale_count  # nothing written there

        pair = httpx.get(f"{lab.url('b')}/api/v1/pair").json()
        codes = [a["code"] for a in pair["alerts"]]
        assert "PAIR_TWO_PRIMARIES" in codes
        (alert,) = [a for a in pair["alerts"] if a["code"] == "PAIR_TWO_PRIMARIES"]
        assert "«a»" in alert["message"] and "pair rejoin" in alert["message"]
        report = pair_status(lab)
        assert report["b"]["state"] == "primary" and report["b"]["timeline"] == 2
        assert report["a"]["state"] == "fenced" and report["a"]["timeline"] == 1
        assert [a["code"] for a in report["a"]["alerts"]] == ["PAIR_TWO_PRIMARIES"]
        text_report = lab.macturnos("pair", "status", node="b").stdout
        assert "ALERTA: Dos bases de datos principales" in text_report
    finally:
        stop.set()
        worker.join(60)

    # Rejoin: the old primary follows the new one; the status reads right at once.
    lab.kill_server("a")
    done = lab.macturnos("pair", "rejoin", node="a", check=False)
    assert done.returncode == 0, done.stderr
    report = pair_status(lab)
    assert report["a"]["state"] == "standby" and report["a"]["timeline"] == 2
    assert report["a"]["receiver"]["replay_backlog_bytes"] >= 0
    assert "alerts" not in report["a"] and "alerts" not in report["b"]

    # Zero loss: every acknowledged ticket is in the surviving database, each number once.
    engine = create_engine(load_pair(lab.pair_file).app_url())
    with engine.connect() as conn:
        rows = {r[0]: r[1] for r in conn.execute(text("SELECT id, number FROM tickets"))}
        seqs = [r[0] for r in conn.execute(text("SELECT seq FROM events ORDER BY seq"))]
    engine.dispose()
    assert all(rows.get(i) == n for i, n in acked)
    assert len(set(rows.values())) == len(rows)
    assert seqs == list(range(1, len(seqs) + 1))
    with ApiClient(both, tokens["kiosk"]) as c:
        number = c.issue("DNI-DUP")["ticket"]["number"]
    assert number not in rows.values()
