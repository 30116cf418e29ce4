"""Backups (issue 16, item 14): an online copy during load, retention, and a tested restore.

The backup is taken while four kiosks issue tickets; restored into a fresh data
folder (or a fresh PostgreSQL database), it holds every ticket acknowledged and
every event logged before the backup started, and it is consistent: each ticket
it holds has its `ticket.issued` event.
"""

from __future__ import annotations

import os
import stat
import tarfile
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from support import device_client

from macturnos.server.backup import (
    PREFIX,
    SUFFIX,
    BackupError,
    backup,
    prune,
    read_manifest,
    restore,
)


def _rows(url: str) -> tuple[dict[int, str], dict[int, tuple[str, int | None]]]:
    """Tickets (id -> number) and events (seq -> kind, ticket id) of a database."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tickets = {r[0]: r[1] for r in conn.execute(text("SELECT id, number FROM tickets"))}
            events = {
                r[0]: (r[1], r[2])
                for r in conn.execute(text("SELECT seq, kind, ticket_id FROM events"))
            }
    finally:
        engine.dispose()
    return tickets, events


@pytest.fixture
def fresh_pg(db_url: str) -> Iterator[str | None]:
    """An empty PostgreSQL database to restore into (None on SQLite), dropped afterwards."""
    if not db_url.startswith("postgresql"):
        yield None
        return
    name = f"macturnos_restore_{uuid.uuid4().hex[:8]}"
    admin_url = db_url.rsplit("/", 1)[0] + "/postgres"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield db_url.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_backup_during_load_restores_every_acknowledged_ticket(server, db_url, tmp_path, fresh_pg):
    data = tmp_path / "data"
    data.mkdir()
    (data / "ticket-signing.key").write_text("ab" * 32)
    kiosk = device_client(server)
    token = kiosk.headers["Authorization"]
    acked: list[int] = []
    lock = threading.Lock()
    stop = threading.Event()

    def issue() -> None:
        with httpx.Client(base_url=server.url, headers={"Authorization": token}, timeout=30) as c:
            while not stop.is_set():
                r = c.post("/api/v1/tickets", json={"service": "DNI-DUP"})
                assert r.status_code == 201, r.text
                with lock:
                    acked.append(r.json()["ticket"]["id"])

    workers = [threading.Thread(target=issue) for _ in range(4)]
    for w in workers:
        w.start()
    try:
        deadline = time.monotonic() + 30
        while len(acked) < 40 and time.monotonic() < deadline:
            time.sleep(0.02)
        with lock:
            before = set(acked)
        _tickets, events_before = _rows(db_url)
        result = backup(db_url, data, tmp_path / "backups")
        with lock:
            during = len(acked) - len(before)
    finally:
        stop.set()
        for w in workers:
            w.join(30)
    assert len(before) >= 40
    assert during > 0 or db_url.startswith("postgresql")  # the centre kept issuing

    # The archive: private, named by its UTC time, with the key and a manifest.
    assert result.path.name.startswith(PREFIX) and result.path.name.endswith(SUFFIX)
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(result.path.parent.stat().st_mode) == 0o700
    manifest = read_manifest(result.path)
    assert manifest["signing_key"] is True and manifest["backend"] == result.backend
    if result.backend == "sqlite":
        assert manifest["tickets"] >= len(before)

    # Restored into a fresh data folder: every acknowledged ticket and event is there.
    fresh = tmp_path / "fresh"
    restored = restore(result.path, fresh, db_url=fresh_pg)
    if fresh_pg is None:
        from macturnos.server.db.engine import sqlite_url

        url = sqlite_url(fresh / "macturnos.db")
        assert Path(restored.target) == fresh / "macturnos.db"
    else:
        url = fresh_pg
    assert (fresh / "ticket-signing.key").read_text() == "ab" * 32
    assert stat.S_IMODE((fresh / "ticket-signing.key").stat().st_mode) == 0o600
    tickets, events = _rows(url)
    assert before <= set(tickets)
    assert set(events_before) <= set(events)
    assert all(events[seq] == events_before[seq] for seq in events_before)
    # Consistent: one instant, so no ticket without its issue event.
    issued = {ticket for kind, ticket in events.values() if kind == "ticket.issued"}
    assert set(tickets) <= issued
    # And nothing that the live database does not have.
    live_tickets, _live_events = _rows(db_url)
    assert set(tickets) <= set(live_tickets)


def test_restore_never_overwrites_without_force(sqlite_db_url, tmp_path):
    data = tmp_path / "data"
    archive = backup(sqlite_db_url, data, tmp_path / "b").path
    fresh = tmp_path / "fresh"
    restore(archive, fresh)
    with pytest.raises(BackupError, match="Ya hay datos"):
        restore(archive, fresh)
    again = restore(archive, fresh, force=True)
    assert Path(again.target).is_file()
    moved = [p.name for p in fresh.iterdir() if "antes-de-restaurar" in p.name]
    assert any(name.startswith("macturnos.db.") for name in moved)


def test_what_is_not_a_backup_is_refused(tmp_path, sqlite_db_url):
    junk = tmp_path / "x.tar.gz"
    junk.write_bytes(b"no es un tar")
    with pytest.raises(BackupError, match="no es un respaldo"):
        restore(junk, tmp_path / "fresh")
    with tarfile.open(tmp_path / "y.tar.gz", "w:gz") as tar:
        tar.add(__file__, arcname="otra-cosa.py")
    with pytest.raises(BackupError, match="no es un respaldo"):
        read_manifest(tmp_path / "y.tar.gz")
    with pytest.raises(BackupError, match="No hay base de datos"):
        backup("sqlite+pysqlite:////nonexistent/x.db", tmp_path, tmp_path / "b")


def test_retention_keeps_n_days_and_only_touches_backups(sqlite_db_url, tmp_path):
    folder = tmp_path / "b"
    now = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
    made = [
        backup(sqlite_db_url, tmp_path, folder, now=now - timedelta(days=d)).path
        for d in (20, 15, 7, 1)
    ]
    other = folder / "notas.txt"
    other.write_text("no tocar")
    result = backup(sqlite_db_url, tmp_path, folder, now=now, keep_days=14)
    assert set(result.pruned) == set(made[:2])
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([*(p.name for p in made[2:]), result.path.name, "notas.txt"])
    # The backup just made survives even a clock far ahead of its name.
    assert prune(folder, 0, now=now + timedelta(days=400), keep=result.path) != []
    assert result.path.exists() and other.exists()


def test_two_backups_in_the_same_second_do_not_collide(sqlite_db_url, tmp_path):
    now = datetime(2026, 11, 26, 3, 0, tzinfo=UTC)
    a = backup(sqlite_db_url, tmp_path, tmp_path / "b", now=now).path
    b = backup(sqlite_db_url, tmp_path, tmp_path / "b", now=now).path
    assert a != b and a.exists() and b.exists()
    assert not [p for p in (tmp_path / "b").iterdir() if p.name.startswith(".")]
    assert os.access(b, os.R_OK)


def test_the_pair_url_becomes_a_libpq_conninfo_that_follows_the_primary():
    from macturnos.server.backup import _libpq

    url = (
        "postgresql+psycopg://macturnos:s3cr%27t@/turnos?host=10.0.0.1:5432&host=10.0.0.2:5433"
        "&target_session_attrs=read-write&connect_timeout=3&passfile=/etc/macturnos/pgpass"
    )
    from sqlalchemy.engine import make_url

    conninfo, env = _libpq(make_url(url))
    assert "host='10.0.0.1,10.0.0.2'" in conninfo and "port='5432,5433'" in conninfo
    assert "target_session_attrs='read-write'" in conninfo and "dbname='turnos'" in conninfo
    assert "passfile='/etc/macturnos/pgpass'" in conninfo and "s3cr" not in conninfo
    assert env["PGPASSWORD"] == "s3cr't"
