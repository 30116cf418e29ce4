"""Merge the sync and day branches; index tickets by day, service and status

Revision ID: 0004
Revises: 0002, 0003
Create Date: 2026-11-25 11:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = ("0002", "0003")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_index("ix_tickets_day_service_status", "tickets", ["day", "service_code", "status"])


def downgrade() -> None:
    """Revert this migration."""
    op.drop_index("ix_tickets_day_service_status", table_name="tickets")
