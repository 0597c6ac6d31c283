"""The tables: ``meta`` (the key envelope) and the sealed record tables, all of one shape.

Every record table is ``(id, version, sealed)``; everything else about a record —
timestamps included — lives inside the sealed blob. The store doesn't know which record
tables exist: the core's record-type registry names them, and the migrations create them.
``sealed_table(name)`` gives the SQLAlchemy table for any such name.
"""

from __future__ import annotations

import re
from functools import cache

from sqlalchemy import Column, Integer, LargeBinary, MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: A record table's name: lowercase letters and underscores (it is written into SQL).
TABLE_NAME = re.compile(r"^[a-z][a-z_]*$")


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Key slots and other non-secret, non-personal metadata (the vault envelope)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


_SEALED = MetaData()  # apart from Base.metadata: these tables are named at run time
_NOT_RECORDS = {Meta.__tablename__, "alembic_version"}


@cache
def sealed_table(name: str) -> Table:
    """The record table ``name`` (id, version, sealed). Raises ValueError for a name that isn't one."""
    if not TABLE_NAME.fullmatch(name) or name in _NOT_RECORDS or name.startswith("sqlite_"):
        raise ValueError(f"{name!r} is not a record table name.")
    return Table(
        name,
        _SEALED,
        Column("id", String(32), primary_key=True),
        Column("version", Integer, nullable=False),
        Column("sealed", LargeBinary, nullable=False),
    )
