"""Alembic migrations of the turn server's database."""
