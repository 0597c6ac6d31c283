"""Initial schema: meta (key envelope) and sealed record tables.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

RECORD_TABLES = ("checkins", "drafts", "settings")


def upgrade() -> None:
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.LargeBinary, nullable=False),
    )
    for name in RECORD_TABLES:
        op.create_table(
            name,
            sa.Column("id", sa.String(32), primary_key=True),
            sa.Column("version", sa.Integer, nullable=False),
            sa.Column("sealed", sa.LargeBinary, nullable=False),
        )


def downgrade() -> None:
    for name in RECORD_TABLES:
        op.drop_table(name)
    op.drop_table("meta")
