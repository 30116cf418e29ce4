"""A module's current ticket is derived from the tickets table, not stored twice

The module's current ticket was kept both as module_sessions.current_ticket_id
and as the ticket's status and module, in step by hand. It is now read from
the tickets (status called or in_service, at that module), with an index.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 07:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("module_sessions", schema=None) as batch_op:
        batch_op.drop_column("current_ticket_id")
    op.create_index("ix_tickets_module_status", "tickets", ["module_number", "status"])


def downgrade() -> None:
    """Revert this migration (the column is filled again from the tickets)."""
    op.drop_index("ix_tickets_module_status", table_name="tickets")
    with op.batch_alter_table("module_sessions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "current_ticket_id",
                sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                nullable=True,
            )
        )
        batch_op.create_foreign_key(
            "fk_module_sessions_current_ticket_id", "tickets", ["current_ticket_id"], ["id"]
        )
    op.execute(
        "UPDATE module_sessions SET current_ticket_id = ("
        " SELECT t.id FROM tickets t WHERE t.module_number = module_sessions.number"
        " AND t.status IN ('called', 'in_service') ORDER BY t.id DESC LIMIT 1)"
    )
