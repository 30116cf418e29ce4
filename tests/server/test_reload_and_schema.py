"""Configuration changes during the day, and the database schema."""

from __future__ import annotations

import shutil

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine
from support import FIXTURES, device_client, login

from macturnos.server import migrate
from macturnos.server.db.models import Base


def test_reload_adds_module_and_keeps_the_days_tickets(server, staff, tmp_path):
    kiosk = device_client(server)
    for _ in range(3):
        kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"})
    staff("tic", "ict")
    tic = login(server, "tic")
    changed = tmp_path / "centre.yaml"
    text = (FIXTURES / "centre.yaml").read_text()
    text = text.replace(
        "  - {number: 4, entity: MIGRA, zone: ZB}",
        "  - {number: 4, entity: MIGRA, zone: ZB}\n  - {number: 5, entity: RENIEC, zone: ZB}",
    )
    text = text.replace("    daily_capacity: 3", "    daily_capacity: 10")
    changed.write_text(text)
    server.ctx.runtime.source = str(changed)
    r = tic.post("/api/v1/config/reload")
    assert r.status_code == 200, r.text
    assert any("5" in line for line in r.json()["changes"])
    modules = [m["number"] for m in tic.get("/api/v1/modules").json()]
    assert 5 in modules
    assert len(kiosk.get("/api/v1/snapshot").json()["waiting"]) == 3
    assert (
        kiosk.post("/api/v1/tickets", json={"service": "DNI-DUP"}).json()["ticket"]["number"]
        == "R-004"
    )
    # A broken file is refused with its line, and the configuration in force stays.
    changed.write_text(text.replace("prefix: B", "prefix: 7"))
    bad = tic.post("/api/v1/config/reload")
    assert bad.status_code == 422
    assert "centre.yaml:" in bad.json()["error"]["message"]
    assert 5 in [m["number"] for m in tic.get("/api/v1/modules").json()]


def test_a_new_configuration_takes_effect_only_when_its_event_commits(ctx):
    import pytest

    from macturnos.server.auth import SYSTEM
    from macturnos.server.events import events_after
    from macturnos.server.reload import put_in_force

    old = ctx.runtime.setup.config
    new = old.model_copy(update={"rules": old.rules.model_copy(update={"max_recalls": 5})})
    with pytest.raises(RuntimeError), ctx.db.write() as s:
        put_in_force(s, ctx, SYSTEM, new)
        assert ctx.runtime.setup.config is old  # not before the commit
        raise RuntimeError("the commit fails")
    assert ctx.runtime.setup.config is old  # rolled back: the event and the change
    with ctx.db.read() as s:
        assert "config.reloaded" not in [e["kind"] for e in events_after(s, 0)]
    with ctx.db.write() as s:
        put_in_force(s, ctx, SYSTEM, new)
    assert ctx.runtime.setup.config.rules.max_recalls == 5
    with ctx.db.read() as s:
        assert [e["kind"] for e in events_after(s, 0)][-1] == "config.reloaded"


def test_migrations_match_the_models(sqlite_db_url):
    engine = create_engine(sqlite_db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []
    assert migrate.current_revisions(sqlite_db_url) == migrate.head_revisions()


def test_upgrade_is_repeatable(tmp_path):
    from macturnos.server.db.engine import sqlite_url

    url = sqlite_url(tmp_path / "x.db")
    migrate.upgrade(url)
    migrate.upgrade(url)
    assert migrate.current_revisions(url) == migrate.head_revisions()
    shutil.rmtree(tmp_path)


def test_the_current_ticket_column_goes_and_comes_back_from_the_tickets(tmp_path):
    """Migration 0005 drops module_sessions.current_ticket_id; its downgrade refills it."""
    from alembic import command
    from sqlalchemy import text

    from macturnos.server.db.engine import sqlite_url

    url = sqlite_url(tmp_path / "x.db")
    migrate.upgrade(url, "0004")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO tickets (id, day, prefix, seq, number, service_code, entity_code,"
                " status, channel, issued_by, issued_at, arrival_at, recall_count, module_number)"
                " VALUES (7, '2026-11-25', 'R', 1, 'R-001', 'DNI-DUP', 'RENIEC', 'called',"
                " 'kiosk', 'kiosk:K1', '2026-11-25 15:00:00', '2026-11-25 15:00:00', 0, 2)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO module_sessions (number, current_ticket_id, since)"
                " VALUES (2, 7, '2026-11-25 15:01:00'), (3, NULL, '2026-11-25 15:01:00')"
            )
        )
    migrate.upgrade(url)
    with engine.connect() as conn:
        columns = [r[1] for r in conn.execute(text("PRAGMA table_info(module_sessions)"))]
        assert "current_ticket_id" not in columns
        assert conn.execute(text("SELECT count(*) FROM module_sessions")).scalar() == 2
    command.downgrade(migrate.alembic_config(url), "0004")
    with engine.connect() as conn:
        query = text("SELECT number, current_ticket_id FROM module_sessions")
        rows = {number: current for number, current in conn.execute(query)}
    assert rows == {2: 7, 3: None}
    engine.dispose()
