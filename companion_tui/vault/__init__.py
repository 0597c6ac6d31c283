"""The crypto layer: key derivation, the key envelope, sealed records.

Pure: bytes and keys in, bytes out. No SQL, no UI, never prompts.
"""

from companion_tui.vault.envelope import BadRecoveryKey, Envelope, format_recovery_key, parse_recovery_key
from companion_tui.vault.errors import (
    DowngradeRefused,
    NewerFormat,
    NotAVault,
    TamperedRecord,
    VaultError,
    WrongPassphrase,
)
from companion_tui.vault.kdf import DEFAULT_PARAMS, FLOOR_PARAMS, KdfParams
from companion_tui.vault.seal import Sealer, bucket_size

__all__ = [
    "BadRecoveryKey",
    "DEFAULT_PARAMS",
    "DowngradeRefused",
    "Envelope",
    "FLOOR_PARAMS",
    "KdfParams",
    "NewerFormat",
    "NotAVault",
    "Sealer",
    "TamperedRecord",
    "VaultError",
    "WrongPassphrase",
    "bucket_size",
    "format_recovery_key",
    "parse_recovery_key",
]
