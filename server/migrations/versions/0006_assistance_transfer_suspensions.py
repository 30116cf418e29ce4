"""Tickets that need assistance, the number a transferred citizen holds, issuing suspensions

- tickets.assistance: the assistance the citizen needs (sign language, ...).
- tickets.origin_number: for a transferred ticket, the number printed on the
  citizen's paper (filled from the origin ticket for the transfers already made).
- issuing_suspensions: an entity or a service whose issuing a supervisor stopped.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 10:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import macturnos.server.db.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("assistance", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("origin_number", sa.String(length=12), nullable=True))
    op.execute(
        "UPDATE tickets SET origin_number = ("
        " SELECT o.number FROM tickets o WHERE o.id = tickets.origin_ticket_id)"
        " WHERE origin_ticket_id IS NOT NULL"
    )
    op.create_table(
        "issuing_suspensions",
        sa.Column("scope", sa.String(length=8), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("suspended_by", sa.String(length=80), nullable=False),
        sa.Column(
            "suspended_at", macturnos.server.db.types.UTCDateTime(timezone=True), nullable=False
        ),
        sa.PrimaryKeyConstraint("scope", "code"),
    )


def downgrade() -> None:
    """Revert this migration (the suspensions in force are lifted)."""
    op.drop_table("issuing_suspensions")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_column("origin_number")
        batch_op.drop_column("assistance")
