"""The complaints and compliments book (issue 20)

- complaints: each entry with its number (LR-<year>-<seq>), kind, state, text,
  deadline, what it is about (ticket, entity, service, module, advisor), the
  complainant's identity (read only by the coordinator) and the answer.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 11:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import macturnos.server.db.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC = macturnos.server.db.types.UTCDateTime(timezone=True)


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "complaints",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("filed_at", UTC, nullable=False),
        sa.Column("filed_by", sa.String(length=80), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("ticket_id", BIG_ID, nullable=True),
        sa.Column("entity_code", sa.String(length=40), nullable=True),
        sa.Column("service_code", sa.String(length=40), nullable=True),
        sa.Column("module_number", sa.Integer(), nullable=True),
        sa.Column("advisor_id", sa.Integer(), nullable=True),
        sa.Column("complainant_name", sa.String(length=120), nullable=True),
        sa.Column("document_type", sa.String(length=12), nullable=True),
        sa.Column("document_number", sa.String(length=20), nullable=True),
        sa.Column("contact", sa.String(length=120), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_at", UTC, nullable=True),
        sa.Column("answered_by", sa.String(length=80), nullable=True),
        sa.ForeignKeyConstraint(["advisor_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
        sa.UniqueConstraint("year", "seq", name="uq_complaints_year_seq"),
    )
    op.create_index(
        "ix_complaints_state_deadline", "complaints", ["state", "deadline"], unique=False
    )


def downgrade() -> None:
    """Revert this migration (the book's entries are dropped)."""
    op.drop_index("ix_complaints_state_deadline", table_name="complaints")
    op.drop_table("complaints")
