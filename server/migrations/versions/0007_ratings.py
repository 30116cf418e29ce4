"""The citizen's ratings of their attentions (issue 20, the satisfaction survey)

- ratings: one per finished ticket (score 1-5, an optional reason and comment),
  tied to the entity, service, module and advisor of the attention.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import macturnos.server.db.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "ratings",
        sa.Column("ticket_id", BIG_ID, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("at", macturnos.server.db.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("entity_code", sa.String(length=40), nullable=False),
        sa.Column("service_code", sa.String(length=40), nullable=False),
        sa.Column("module_number", sa.Integer(), nullable=True),
        sa.Column("advisor_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["advisor_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"]),
        sa.PrimaryKeyConstraint("ticket_id"),
    )
    op.create_index("ix_ratings_day", "ratings", ["day"], unique=False)


def downgrade() -> None:
    """Revert this migration (the ratings are dropped)."""
    op.drop_index("ix_ratings_day", table_name="ratings")
    op.drop_table("ratings")
