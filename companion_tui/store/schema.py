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


class JournalRow(_Sealed, Base):
    __tablename__ = "journal"


class PromptRow(_Sealed, Base):
    """The user's own prompts and edits/hides of built-in ones."""

    __tablename__ = "prompts"


class SkillRow(_Sealed, Base):
    """The user's own skills and archive state of built-in ones."""

    __tablename__ = "skills"


class PracticeRow(_Sealed, Base):
    __tablename__ = "practices"


class GoalRow(_Sealed, Base):
    __tablename__ = "goals"


class TickRow(_Sealed, Base):
    __tablename__ = "ticks"


class ReviewRow(_Sealed, Base):
    __tablename__ = "reviews"


class LedgerRow(_Sealed, Base):
    """The sealed version ledger: which (table, id, version) the app last wrote (core/ledger.py)."""

    __tablename__ = "ledger"


RECORD_TABLES: dict[str, type[_Sealed]] = {
    cls.__tablename__: cls
    for cls in (
        CheckInRow,
        DraftRow,
        SettingRow,
        JournalRow,
        PromptRow,
        SkillRow,
        PracticeRow,
        GoalRow,
        TickRow,
        ReviewRow,
        LedgerRow,
    )
}
