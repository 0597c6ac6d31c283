"""Record tables for journaling, skills practice, goals and weekly reviews.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

RECORD_TABLES = ("journal", "prompts", "skills", "practices", "goals", "ticks", "reviews")


def upgrade() -> None:
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
