"""Sync benchmark: a backlog of events delivered to the real PCM receiver over HTTP.

Creates a centre database (SQLite in a temporary folder, or a fresh PostgreSQL
database) holding a backlog of realistic events (ticket-shaped payloads), starts
the reference receiver as `python -m macturnos.pcm.receiver serve` on 127.0.0.1,
and times `PcmSync.upload_all()` until the PCM has acknowledged every event.
Then it checks the receiver holds each sequence number exactly once.

Target: 50,000 events in <= 30 s on the 2-core reference machine.

With `--outages 5,30,90` it measures recovery instead (issue 16, item 11): the sync
runs as in production (its own thread, default settings) while attention goes on;
the receiver is killed with SIGKILL, kept down for each given number of seconds,
started again, and the bench times, from the moment the receiver answers again,
the first event delivered, the backlog of the outage caught up, and both
directions' status clean. Target: the first delivery <= 10 s after the return.

Usage: .venv/bin/python bench/sync_backlog.py [--events 50000] [--batch 500] [--db sqlite|postgresql]
       .venv/bin/python bench/sync_backlog.py --outages 5,30,90 [--db sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

try:
    from bench.ports import free_port
    from bench.server_process import ServerProcess, ServerStartError
except ImportError:  # run as a script: bench/ is on the path, not its parent
    from ports import free_port  # type: ignore[no-redef]
    from server_process import ServerProcess, ServerStartError  # type: ignore[no-redef]

TARGET_S = 30.0
RECOVERY_TARGET_S = 10.0
PG_ADMIN_URL = os.environ.get(
    "MACTURNOS_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
CENTRE_FILE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "centre.yaml"


def _fill(ctx, n: int) -> None:  # noqa: ANN001
    """Append n ticket-shaped events in chunks (the shape and size of a real day)."""
    from macturnos.server.events import append_event

    now = datetime.now(UTC)
    day = ctx.runtime.setup.day_of(now)
    kinds = ("ticket.issued", "ticket.called", "ticket.started", "ticket.finished")
    for start in range(0, n, 5000):
        with ctx.db.write() as s:
            for i in range(start, min(n, start + 5000)):
                number = f"R-{i // 4 % 1000:03d}"
                append_event(
                    s,
                    kind=kinds[i % 4],
                    actor="kiosk:K1",
                    at=now,
                    day=day,
                    ticket_id=i // 4 + 1,
                    module_number=1 + i % 12,
                    data={
                        "ticket": {
                            "id": i // 4 + 1,
                            "number": number,
                            "service": "DNI-DUP",
                            "entity": "RENIEC",
                            "status": "issued",
                            "channel": "kiosk",
                            "issued_at": now.isoformat(),
                        },
                        "queue": {
                            "service": "DNI-DUP",
                            "waiting": i % 40,
                            "estimated_wait_min": i % 35,
                        },
                    },
                )
            s.info.pop("events", None)


def _database(kind: str, folder: Path) -> tuple[str, str | None]:
    from macturnos.server.db.engine import sqlite_url

    if kind == "sqlite":
        return sqlite_url(folder / "centre.db"), None
    name = f"macturnos_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}", name


def _drop(name: str | None) -> None:
    if name is None:
        return
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def run(events: int, batch: int, db: str) -> int:
    """Run the benchmark; returns the process exit status."""
    from macturnos.config import load_centre
    from macturnos.pcm.models import Centre, ReceivedEvent
    from macturnos.pcm.store import ReceiverStore
    from macturnos.server import migrate
    from macturnos.server.clock import Clock
    from macturnos.server.context import ServerContext
    from macturnos.server.db.engine import Database
    from macturnos.server.events import last_seq
    from macturnos.server.runtime import CentreRuntime
    from macturnos.server.sync.service import PcmSync, SyncSettings

    with tempfile.TemporaryDirectory(prefix="macturnos-sync-bench-") as tmp:
        folder = Path(tmp)
        url, pg_name = _database(db, folder)
        receiver: ServerProcess | None = None
        try:
            migrate.upgrade(url)
            config = load_centre(CENTRE_FILE)
            ctx = ServerContext(
                db=Database(url),
                runtime=CentreRuntime(config),
                clock=Clock(),
                secret=os.urandom(32),
            )
            print(f"filling a backlog of {events} events ({db}) ...", flush=True)
            _fill(ctx, events)
            receiver_url = f"sqlite+pysqlite:///{folder / 'pcm.db'}"
            store = ReceiverStore(receiver_url)
            token = store.add_centre(config.centre.code)
            port = free_port()
            args = ["--db", receiver_url, "serve", "--host", "127.0.0.1", "--port", str(port)]
            base = f"http://127.0.0.1:{port}/api/mac/v1"
            receiver = ServerProcess(
                args,
                port,
                folder / "receiver.log",
                module="macturnos.pcm.receiver",
                health_url=f"{base}/health",
            )
            try:
                receiver.start(timeout_s=30)
            except ServerStartError as err:
                print(f"the receiver did not start: {err}", file=sys.stderr)
                return 2
            sync = PcmSync(
                ctx,
                SyncSettings(
                    endpoint=base,
                    centre=config.centre.code,
                    token=token,
                    batch_size=batch,
                    timeout_s=30,
                ),
            )
            started = time.perf_counter()
            sent = sync.upload_all()
            elapsed = time.perf_counter() - started
            sync.stop()
            with ctx.db.read() as s:
                newest = last_seq(s)
            with store.session() as s:
                held = s.scalar(select(func.count()).select_from(ReceivedEvent))
                distinct = s.scalar(select(func.count(func.distinct(ReceivedEvent.seq))))
                acked = s.scalar(select(Centre.acked_seq))
            ctx.db.dispose()
            store.dispose()
            rate = sent / elapsed if elapsed else float("inf")
            verdict = "PASS" if elapsed <= TARGET_S else "FAIL"
            print(f"events sent:        {sent}")
            print(f"batch size:         {batch}")
            print(f"time:               {elapsed:.2f} s  (target <= {TARGET_S:.0f} s: {verdict})")
            print(f"rate:               {rate:,.0f} events/s")
            print(f"receiver holds:     {held} ({distinct} distinct), acknowledged {acked}")
            if not (held == distinct == newest == acked):
                print(
                    "MISMATCH: the receiver does not hold every event exactly once", file=sys.stderr
                )
                return 1
            return 0
        finally:
            if receiver is not None:
                receiver.stop()
            _drop(pg_name)


def _receiver_count(url: str) -> int:
    """Events the receiver holds, read from its database (it may be down)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM pcm_events")).scalar() or 0)
    finally:
        engine.dispose()


def _answers(url: str) -> bool:
    import httpx

    try:
        return httpx.get(url, timeout=0.5, trust_env=False).status_code == 200
    except httpx.HTTPError:
        return False


def _poll(predicate, timeout_s: float = 600.0, step_s: float = 0.02) -> float:  # noqa: ANN001
    """Poll until `predicate()` holds; returns the perf_counter() when it did."""
    deadline = time.perf_counter() + timeout_s
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("not reached")
        time.sleep(step_s)
    return time.perf_counter()


def run_outages(outages: list[float], db: str) -> int:
    """Receiver outages of the given lengths; prints the recovery figures."""
    import subprocess
    import threading

    from macturnos.config import load_centre
    from macturnos.pcm.store import ReceiverStore
    from macturnos.server import migrate
    from macturnos.server.clock import Clock
    from macturnos.server.context import ServerContext
    from macturnos.server.db.engine import Database
    from macturnos.server.events import append_event
    from macturnos.server.runtime import CentreRuntime
    from macturnos.server.sync.service import PcmSync, SyncSettings
    from macturnos.server.sync.state import sync_status

    with tempfile.TemporaryDirectory(prefix="macturnos-sync-outage-") as tmp:
        folder = Path(tmp)
        url, pg_name = _database(db, folder)
        receiver: subprocess.Popen[bytes] | None = None
        stop = threading.Event()
        try:
            migrate.upgrade(url)
            config = load_centre(CENTRE_FILE)
            ctx = ServerContext(
                db=Database(url),
                runtime=CentreRuntime(config),
                clock=Clock(),
                secret=os.urandom(32),
            )
            receiver_url = f"sqlite+pysqlite:///{folder / 'pcm' / 'pcm.db'}"
            store = ReceiverStore(receiver_url)
            token = store.add_centre(config.centre.code)
            store.dispose()
            port = free_port()
            base = f"http://127.0.0.1:{port}/api/mac/v1"
            argv = [sys.executable, "-m", "macturnos.pcm.receiver", "--db", receiver_url]
            argv += ["serve", "--host", "127.0.0.1", "--port", str(port)]
            log = (folder / "receiver.log").open("ab")

            def start_receiver() -> tuple[subprocess.Popen[bytes], float]:
                proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
                return proc, _poll(lambda: _answers(f"{base}/health"), 60)

            def status() -> dict:  # type: ignore[type-arg]
                with ctx.db.read() as s:
                    return sync_status(s, enabled=True)

            def attention() -> None:
                # Attention goes on: about five events a second, as a busy centre.
                while not stop.wait(0.2):
                    with ctx.db.write() as s:
                        now = ctx.clock.now()
                        append_event(
                            s,
                            kind="ticket.called",
                            actor="advisor:ana",
                            at=now,
                            day=ctx.runtime.setup.day_of(now),
                            data={"module": 3},
                        )
                        s.info.pop("events", None)

            receiver, _ = start_receiver()
            sync = PcmSync(ctx, SyncSettings(endpoint=base, centre=config.centre.code, token=token))
            sync.start()
            _poll(lambda: status()["backlog"] == 0 and status()["last_error"] is None, 60)
            filler = threading.Thread(target=attention, daemon=True)
            filler.start()
            settings = sync.settings
            print(
                f"sync settings: interval {settings.interval_s:.0f} s, backoff "
                f"{settings.backoff_base_s:.0f}-{settings.backoff_cap_s:.0f} s, link probe every "
                f"{settings.probe_interval_s:.0f} s while down ({db})"
            )
            print("outage  backlog  first event  caught up  status clean   (after the return)")
            worst = 0.0
            for outage in outages:
                receiver.kill()
                receiver.wait(10)
                time.sleep(outage)
                held = _receiver_count(receiver_url)
                backlog = status()["backlog"]
                receiver, back = start_receiver()
                target = status()["upload"]["last_seq"]
                first = _poll(lambda: _receiver_count(receiver_url) > held)  # noqa: B023
                caught = _poll(lambda: status()["upload"]["cursor"] >= target)  # noqa: B023
                clean = _poll(
                    lambda: (
                        status()["upload"]["last_error"] is None
                        and status()["download"]["last_error"] is None
                    )
                )
                worst = max(worst, first - back)
                print(
                    f"{outage:5.0f} s  {backlog:7d}  {first - back:9.2f} s  "
                    f"{caught - back:7.2f} s  {clean - back:10.2f} s"
                )
            stop.set()
            filler.join(5)
            sync.stop()
            ctx.db.dispose()
            verdict = "PASS" if worst <= RECOVERY_TARGET_S else "FAIL"
            print(
                f"worst delay to the first delivered event: {worst:.2f} s "
                f"(target <= {RECOVERY_TARGET_S:.0f} s: {verdict})"
            )
            return 0 if verdict == "PASS" else 1
        finally:
            stop.set()
            if receiver is not None and receiver.poll() is None:
                receiver.kill()
                receiver.wait(10)
            _drop(pg_name)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--outages", default=None, help="receiver outages to recover from, in seconds: 5,30,90"
    )
    opts = parser.parse_args(argv)
    if opts.outages:
        return run_outages([float(x) for x in opts.outages.split(",")], opts.db)
    return run(opts.events, opts.batch, opts.db)


if __name__ == "__main__":
    sys.exit(main())
