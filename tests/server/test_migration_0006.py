"""Migration 0006 (assistance, the transferred citizen's number, suspensions), both ways."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, inspect, text

from macturnos.server import migrate
from macturnos.server.db.engine import sqlite_url

_TICKET = (
    "INSERT INTO tickets (id, day, prefix, seq, number, service_code, entity_code, status,"
    " channel, issued_by, issued_at, arrival_at, recall_count, origin_ticket_id)"
    " VALUES (:id, '2026-11-25', :prefix, :seq, :number, :service, :entity, :status,"
    " :channel, 'kiosk:K1', '2026-11-25 15:00:00', '2026-11-25 15:00:00', 0, :origin)"
)


def test_0006_fills_the_transferred_numbers_and_goes_back(tmp_path):
    url = sqlite_url(tmp_path / "x.db")
    migrate.upgrade(url, "0005")
    engine = create_engine(url)
    with engine.begin() as conn:
        for row in (
            (1, "R", 2, "R-002", "DNI-DUP", "RENIEC", "transferred", "kiosk", None),
            (2, "B", 1, "B-001", "BN-PAGO", "BN", "issued", "transfer", 1),
            (3, "R", 3, "R-003", "DNI-DUP", "RENIEC", "issued", "kiosk", None),
        ):
            keys = ("id", "prefix", "seq", "number", "service", "entity", "status", "channel")
            conn.execute(text(_TICKET), {**dict(zip(keys, row, strict=False)), "origin": row[8]})
    migrate.upgrade(url)
    with engine.connect() as conn:
        numbers = dict(conn.execute(text("SELECT id, origin_number FROM tickets")).all())
        assert numbers == {1: None, 2: "R-002", 3: None}
        assert conn.execute(text("SELECT count(*) FROM issuing_suspensions")).scalar() == 0
        conn.execute(
            text(
                "INSERT INTO issuing_suspensions (scope, code, reason, suspended_by,"
                " suspended_at) VALUES ('entity', 'RENIEC', 'caída', 'user:sara',"
                " '2026-11-25 15:00:00')"
            )
        )
        conn.commit()
    command.downgrade(migrate.alembic_config(url), "0005")
    inspector = inspect(engine)
    columns = {c["name"] for c in inspector.get_columns("tickets")}
    assert "origin_number" not in columns and "assistance" not in columns
    assert "issuing_suspensions" not in inspector.get_table_names()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM tickets")).scalar() == 3
    engine.dispose()
    migrate.upgrade(url)  # and up again
    assert migrate.current_revisions(url) == migrate.head_revisions()
