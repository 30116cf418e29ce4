"""Applying the Alembic migrations (`macturnos db upgrade`, and at server start)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic configuration for the database at `url` (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "heads") -> None:
    """Bring the database at `url` to `revision`."""
    if url.startswith("sqlite"):
        from macturnos.server.db.engine import Database

        # Create the file with WAL on, as the server will use it.
        Database(url).dispose()
    command.upgrade(alembic_config(url), revision)


def current_revisions(url: str) -> set[str]:
    """The revisions the database is at (empty when new)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return set(MigrationContext.configure(conn).get_current_heads())
    finally:
        engine.dispose()


def head_revisions() -> set[str]:
    """The newest revisions shipped."""
    return set(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())
