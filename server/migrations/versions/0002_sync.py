"""sync with the PCM: upload cursor and status, appointments, catalogue offers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 10:02:53.104640
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import macturnos.server.db.types

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "appointments",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("at", macturnos.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("service_code", sa.String(length=40), nullable=False),
        sa.Column("dni_digest", sa.String(length=64), nullable=False),
        sa.Column(
            "received_at", macturnos.server.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "checked_in_at", macturnos.server.db.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("ticket_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ref", name="uq_appointments_ref"),
    )
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.create_index("ix_appointments_day_dni", ["day", "dni_digest"], unique=False)

    op.create_table(
        "catalogue_offers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("version", sa.String(length=80), nullable=False),
        sa.Column(
            "received_at", macturnos.server.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column(
            "decided_at", macturnos.server.db.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("decided_by", sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "sync_state",
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("cursor", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.String(length=80), nullable=True),
        sa.Column(
            "last_attempt_at", macturnos.server.db.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "last_success_at", macturnos.server.db.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column(
            "failing_since", macturnos.server.db.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("channel"),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("sync_state")
    op.drop_table("catalogue_offers")
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_index("ix_appointments_day_dni")

    op.drop_table("appointments")
