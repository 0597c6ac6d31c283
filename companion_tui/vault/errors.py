"""Errors the vault raises. Messages are safe to show: they never contain content or keys."""

from __future__ import annotations


class VaultError(Exception):
    """Base class for every vault problem."""


class NotAVault(VaultError):
    """The bytes are not a companion vault header (wrong magic, truncated, garbled)."""


class NewerFormat(VaultError):
    """The vault was written by a newer version of the app."""


class DowngradeRefused(VaultError):
    """Key-derivation parameters are below the safety floor."""


class WrongPassphrase(VaultError):
    """The passphrase (or recovery key) does not unwrap the data key."""


class TamperedRecord(VaultError):
    """A sealed record failed authentication: changed, moved or rolled back."""

    def __init__(self, table: str, record_id: str, reason: str = "failed authentication") -> None:
        self.table = table
        self.record_id = record_id
        self.reason = reason
        super().__init__(f"record {table}/{record_id} {reason}")
