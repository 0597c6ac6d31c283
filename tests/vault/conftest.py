"""Shared fixtures for the vault (crypto layer) tests.

Vaults are created with FLOOR_PARAMS (64 MiB, 3 iterations): the real Argon2id runs, just
at the cheapest accepted cost. Session scope keeps the number of KDF runs low.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from companion_tui.vault import FLOOR_PARAMS, Envelope, Sealer

PASSPHRASE = "correct horse battery staple"


@dataclass(frozen=True)
class MadeVault:
    passphrase: str
    envelope: Envelope
    data_key: bytes
    recovery_key: str
    header: bytes


@pytest.fixture(scope="session")
def made_vault() -> MadeVault:
    env, data_key, recovery_key = Envelope.create(PASSPHRASE, FLOOR_PARAMS)
    return MadeVault(PASSPHRASE, env, data_key, recovery_key, env.to_bytes())


@pytest.fixture(scope="session")
def data_key() -> bytes:
    return os.urandom(32)


@pytest.fixture(scope="session")
def sealer(data_key: bytes) -> Sealer:
    return Sealer(data_key)
