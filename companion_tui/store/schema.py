"""ORM models. Every record table has the same shape: (id, version, sealed).

Everything else about a record — timestamps included — lives inside the sealed blob.
"""

from __future__ import annotations

from sqlalchemy import Integer, LargeBinary, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Key slots and other non-secret, non-personal metadata (the vault envelope)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class _Sealed:
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    sealed: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)


class CheckInRow(_Sealed, Base):
    __tablename__ = "checkins"


class DraftRow(_Sealed, Base):
    __tablename__ = "drafts"


class SettingRow(_Sealed, Base):
    __tablename__ = "settings"


RECORD_TABLES: dict[str, type[_Sealed]] = {
    cls.__tablename__: cls for cls in (CheckInRow, DraftRow, SettingRow)
}
