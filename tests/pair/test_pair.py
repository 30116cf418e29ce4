"""Pair mode on this machine: two clusters with synchronous replication, two turn servers,
clients through both, SIGKILL of the primary, failover, rejoin and a lost standby."""

from __future__ import annotations

import threading
import time
import uuid

import httpx
import pytest
from sqlalchemy import create_engine, text
from support.pair import needs_pair, wait_for

from bench.failover import PairLab
from macturnos.client.api import ApiClient
from macturnos.client.errors import ApiRefusal, ClientError
from macturnos.client.events import EventStream
from macturnos.server.pair.config import load_pair

pytestmark = [pytest.mark.slow, needs_pair]


def first_alive(lab: PairLab) -> str:
    """What zeroconf gives a client in the lab: a turn server that answers."""
    for node in ("a", "b"):
        try:
            if httpx.get(f"{lab.url(node)}/api/v1/health", timeout=1).status_code == 200:
                return lab.url(node)
        except httpx.HTTPError:
            pass
    raise ClientError("ningún servidor responde")


class Recorder:
    """A display: every event its stream delivers, in order."""

    def __init__(self, lab: PairLab, node: str, token: str) -> None:
        self.seqs: list[int] = []
        self.kinds: dict[int, str] = {}
        self.snapshots = 0
        self.stream = EventStream(
            lab.url(node),
            token,
            on_snapshot=self.snapshot,
            on_event=self.event,
            resolver=lambda: first_alive(lab),
            resolve_after_failures=1,
            backoff_min_s=0.1,
            backoff_max_s=0.5,
            ping_interval_s=1.0,
            dead_after_s=3.0,
        )

    def snapshot(self, snap: dict) -> None:
        # Reconnections resume by sequence: one snapshot at the start, never again.
        self.snapshots += 1
        self.seqs.append(snap["seq"])

    def event(self, ev: dict) -> None:
        self.seqs.append(ev["seq"])
        self.kinds[ev["seq"]] = ev["kind"]


def pair_event(lab: PairLab, node: str, kind: str, supervisor: str) -> list[dict]:
    events = httpx.get(
        f"{lab.url(node)}/api/v1/events",
        params={"limit": 10000},
        headers={"Authorization": f"Bearer {supervisor}"},
    ).json()
    return [e for e in events if e["kind"] == kind]


def test_events_reach_the_other_server_in_order_and_failover_refused(lab):
    tokens = lab.provision()
    display = Recorder(lab, "b", tokens["kiosk"])
    display.stream.start()
    try:
        wait_for(lambda: display.stream.connected)
        issued = []
        with ApiClient(lab.url("a"), tokens["kiosk"]) as kiosk:
            for _ in range(30):
                issued.append(kiosk.issue("DNI-DUP")["ticket"]["number"])
        with ApiClient(lab.url("a"), tokens["advisors"][0]) as advisor:
            advisor.call_next(1)
        wait_for(lambda: "ticket.called" in display.kinds.values(), timeout_s=10)
        first = display.seqs[0]
        # Every event issued through A reached B's display, once, in order, no gap.
        assert display.seqs == list(range(first, first + len(display.seqs)))
        assert list(display.kinds.values()).count("ticket.issued") == 30
        assert len(set(issued)) == 30
    finally:
        display.stream.stop()

    # The primary is alive: failover refuses with a Spanish reason and changes nothing.
    done = lab.macturnos("failover", "--yes", node="b", check=False)
    assert done.returncode == 2
    assert "No se conmuta" in done.stderr and "«a»" in done.stderr
    assert lab.macturnos("failover", "--yes", node="a", check=False).returncode == 2
    health = httpx.get(f"{lab.url('b')}/api/v1/health").json()
    assert health["role"] == "standby" and health["pair"]["local_database"] == "standby"
    pair = httpx.get(f"{lab.url('a')}/api/v1/pair").json()
    assert pair["role"] == "primary" and pair["synchronous"] is True
    assert pair["replication"]["sync_state"] == "sync"
    assert pair["replication"]["lag_bytes"] >= 0 and pair["alerts"] == []


def test_kill_primary_fail_over_lose_nothing_and_rejoin(lab):
    tokens = lab.provision()
    acked: list[tuple[int, str]] = []
    called: list[int] = []
    errors: list[str] = []
    stop = threading.Event()

    def kiosk(node: str) -> None:
        # A kiosk retries one ticket with one key until it is acknowledged,
        # moving to the server discovery finds when its own is gone.
        with ApiClient(lab.url(node), tokens["kiosk"], retries=1, backoff_s=0.05) as c:
            while not stop.is_set():
                key = uuid.uuid4().hex
                while not stop.is_set():
                    try:
                        t = c.issue("DNI-DUP", idempotency_key=key)["ticket"]
                        acked.append((t["id"], t["number"]))
                        break
                    except ApiRefusal as err:
                        errors.append(err.code)
                        return
                    except ClientError:
                        time.sleep(0.1)
                        try:
                            c.base_url = first_alive(lab)
                        except ClientError:
                            pass

    def advisor() -> None:
        with ApiClient(lab.url("b"), tokens["advisors"][0], retries=1, backoff_s=0.05) as c:
            while not stop.is_set():
                try:
                    ticket = c.call_next(1)
                    called.append(ticket["id"])
                    c.start(1)
                    c.finish(1)
                except ApiRefusal as err:
                    if err.code not in (
                        "QUEUE_EMPTY",
                        "MODULE_BUSY",
                        "NO_CURRENT_TICKET",
                        "ILLEGAL_TRANSITION",
                    ):
                        errors.append(err.code)
                        return
                    if err.code == "MODULE_BUSY":
                        # A call whose answer was lost in the failover: serve it and go on.
                        for step in (c.start, c.finish):
                            try:
                                step(1)
                            except ApiRefusal:
                                pass
                    time.sleep(0.05)
                except ClientError:
                    time.sleep(0.1)

    displays = [Recorder(lab, "a", tokens["kiosk"]), Recorder(lab, "b", tokens["kiosk"])]
    for d in displays:
        d.stream.start()
    workers = [threading.Thread(target=kiosk, args=(n,)) for n in ("a", "a", "b", "b")]
    workers.append(threading.Thread(target=advisor))
    for w in workers:
        w.start()
    try:
        wait_for(lambda: len(acked) >= 60 and len(called) >= 3, timeout_s=60)
        before = len(acked)
        lab.kill_postgres("a")
        lab.kill_server("a")
        done = lab.macturnos("failover", "--yes", node="b", check=False)
        assert done.returncode == 0, done.stderr
        assert "Conmutación hecha" in done.stdout
        # How long it takes: bench/failover.py.
        wait_for(lambda: len(acked) >= before + 40, timeout_s=60)
        wait_for(
            lambda: all(
                d.stream.connected and d.stream.address.port == lab.api_port["b"] for d in displays
            ),
            timeout_s=30,
        )
        calls_after = len(called)
        wait_for(lambda: len(called) > calls_after + 2, timeout_s=30)
    finally:
        stop.set()
        for w in workers:
            w.join(30)
    try:
        assert not errors, errors
        config = load_pair(lab.pair_file)
        engine = create_engine(config.app_url())
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, number, seq, status FROM tickets")).all()
            events = conn.execute(text("SELECT seq, kind FROM events ORDER BY seq")).all()
        engine.dispose()
        numbers = [r[1] for r in rows]
        assert len(numbers) == len(set(numbers))  # no number issued twice
        by_id = {r[0]: r for r in rows}
        for ticket_id, number in acked:  # every acknowledged ticket is there, as acknowledged
            assert by_id[ticket_id][1] == number
        assert len({n for _i, n in acked}) == len(acked)
        assert all(by_id[i][3] != "issued" for i in called)  # acknowledged calls kept
        seqs = sorted(r[2] for r in rows)
        assert seqs == list(range(1, len(seqs) + 1))
        assert [e[0] for e in events] == list(range(1, len(events) + 1))
        # The displays resumed on the new primary and saw the log whole and in order.
        for d in displays:
            assert d.seqs[-1] == len(events)
            gaps = [(x, y) for x, y in zip(d.seqs, d.seqs[1:], strict=False) if y != x + 1]
            assert not gaps and d.snapshots == 1
        health = httpx.get(f"{lab.url('b')}/api/v1/health").json()
        assert health["role"] == "primary"
        assert health["pair"]["alerts"][0]["code"] == "PAIR_NO_STANDBY"
        promoted = pair_event(lab, "b", "pair.promoted", tokens["supervisor"])
        assert len(promoted) == 1 and "«b»" in promoted[0]["data"]["message"]
    finally:
        for d in displays:
            d.stream.stop()

    # The old primary rejoins as the standby with one command; synchronous mode returns.
    done = lab.macturnos("pair", "rejoin", node="a", check=False)
    assert done.returncode == 0, done.stderr
    assert "pg_rewind" in done.stdout
    lab.start_server("a")
    wait_for(lambda: httpx.get(f"{lab.url('b')}/api/v1/pair").json()["synchronous"] is True)
    pair = httpx.get(f"{lab.url('b')}/api/v1/pair").json()
    assert pair["replication"]["sync_state"] == "sync" and pair["alerts"] == []
    assert httpx.get(f"{lab.url('a')}/api/v1/health").json()["role"] == "standby"
    with ApiClient(lab.url("a"), tokens["kiosk"]) as kiosk:  # A's server writes to B now
        number = kiosk.issue("DNI-DUP")["ticket"]["number"]
    assert number not in numbers


def test_standby_lost_primary_goes_on_with_alert(lab):
    tokens = lab.provision()
    with ApiClient(
        lab.url("a"), tokens["kiosk"], retries=0, timeout=httpx.Timeout(15.0, connect=2.0)
    ) as kiosk:
        kiosk.issue("DNI-DUP")
        lab.kill_postgres("b")
        # The commit waits for the standby until the monitor relaxes synchronous mode
        # (within the client's 15 s timeout).
        kiosk.issue("DNI-DUP")
        for _ in range(5):
            kiosk.issue("DNI-DUP")
    pair = httpx.get(f"{lab.url('a')}/api/v1/pair").json()
    assert pair["synchronous"] is False and pair["standby"] is None
    assert pair["alerts"][0]["code"] == "PAIR_NO_STANDBY"
    lost = pair_event(lab, "a", "pair.standby_lost", tokens["supervisor"])
    assert len(lost) == 1 and "«b»" in lost[0]["data"]["message"]
    # b's monitor notices its own database gone at its next check (every second).
    wait_for(
        lambda: httpx.get(f"{lab.url('b')}/api/v1/pair").json()["local_database"] == "unreachable",
        timeout_s=10,
    )

    # The standby comes back: it catches up and synchronous mode is restored.
    lab.pg_ctl("b", "start", "-w", "-l", str(lab.root / "b" / "pgdata.log"))
    wait_for(lambda: httpx.get(f"{lab.url('a')}/api/v1/pair").json()["synchronous"] is True)
    back = pair_event(lab, "a", "pair.standby_back", tokens["supervisor"])
    assert len(back) == 1
