"""Domain errors with messages fit to show a person."""

from __future__ import annotations


class ValidationError(ValueError):
    """One or more fields are invalid. ``errors`` maps field name to a plain message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))


class NotFound(LookupError):
    pass


class VaultLocked(RuntimeError):
    """The workspace was locked: its records (and keys) are gone until the vault is unlocked again."""

    def __init__(self, message: str = "The vault is locked: unlock it again to read or change your records.") -> None:
        super().__init__(message)
