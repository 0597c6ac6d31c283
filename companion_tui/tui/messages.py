"""App-wide messages."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class Unlocked(Message):
    """The vault was unlocked (or created); the workspace is on ``app.workspace``."""


@dataclass
class UnlockFailed(Message):
    message: str
