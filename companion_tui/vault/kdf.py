"""Argon2id key derivation from a passphrase. Pure: bytes in, bytes out."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from companion_tui.vault.errors import DowngradeRefused

KEY_BYTES = 32
SALT_BYTES = 16

# The floor below which a vault is refused as a downgrade.
MIN_MEMORY_KIB = 64 * 1024
MIN_ITERATIONS = 3
MIN_LANES = 1
# Upper bounds keep a hostile header from asking for absurd work.
MAX_MEMORY_KIB = 4 * 1024 * 1024
MAX_ITERATIONS = 64
MAX_LANES = 64


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int = 128 * 1024
    iterations: int = 3
    lanes: int = 4

    def check(self) -> None:
        if self.memory_kib < MIN_MEMORY_KIB or self.iterations < MIN_ITERATIONS or self.lanes < MIN_LANES:
            raise DowngradeRefused(
                f"Key-derivation parameters ({self.memory_kib // 1024} MiB, {self.iterations} iterations) "
                f"are below the safety floor ({MIN_MEMORY_KIB // 1024} MiB, {MIN_ITERATIONS} iterations); "
                "refusing to open this vault."
            )
        if self.memory_kib > MAX_MEMORY_KIB or self.iterations > MAX_ITERATIONS or self.lanes > MAX_LANES:
            raise DowngradeRefused("Key-derivation parameters are out of the accepted range.")


DEFAULT_PARAMS = KdfParams()
# The lowest accepted parameters; tests and benchmarks create vaults with these to save time.
FLOOR_PARAMS = KdfParams(memory_kib=MIN_MEMORY_KIB, iterations=MIN_ITERATIONS, lanes=4)


def normalize_passphrase(passphrase: str) -> bytes:
    """NFC-normalise so the same passphrase typed on another keyboard layout still matches."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    params.check()
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    return Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    ).derive(normalize_passphrase(passphrase))
