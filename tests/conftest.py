"""Shared fixtures: an isolated data folder for every test, and real vaults to work on.

Vaults are real (Argon2id, AES-GCM, SQLite), created once per session with FLOOR_PARAMS
(the cheapest accepted cost) and copied into each test's data folder. ``workspace``
unlocks with the recovery key, which skips Argon2id and keeps tests fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from companion_tui.paths import Paths

if TYPE_CHECKING:
    from companion_tui.core.workspace import Workspace

PASSPHRASE = "correct horse battery staple"
SECRET_ENV = (
    "COMPANION_PASSPHRASE",
    "COMPANION_PASSPHRASE_FILE",
    "COMPANION_NEW_PASSPHRASE",
    "COMPANION_RECOVERY_KEY",
)


@dataclass(frozen=True)
class VaultInfo:
    paths: Paths
    passphrase: str
    recovery_key: str


@pytest.fixture(autouse=True)
def companion_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own COMPANION_HOME (not created yet) and no passphrase in the environment."""
    home = tmp_path / "companion-home"
    monkeypatch.setenv("COMPANION_HOME", str(home))
    for name in SECRET_ENV:
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def paths(companion_home: Path) -> Paths:
    return Paths(companion_home)


@pytest.fixture(scope="session")
def _vault_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, str]:
    from companion_tui.core.workspace import LockedVault
    from companion_tui.vault import FLOOR_PARAMS

    template = Paths(tmp_path_factory.mktemp("template") / "home")
    _vault, ws, recovery_key = LockedVault.create(template, PASSPHRASE, FLOOR_PARAMS)
    ws.close()
    return template.vault.read_bytes(), recovery_key


@pytest.fixture
def vault(paths: Paths, _vault_template: tuple[bytes, str]) -> VaultInfo:
    """An empty, closed vault in this test's data folder (passphrase: PASSPHRASE)."""
    content, recovery_key = _vault_template
    paths.ensure_home()
    paths.vault.write_bytes(content)
    paths.vault.chmod(0o600)
    return VaultInfo(paths, PASSPHRASE, recovery_key)


@pytest.fixture
def open_workspace(vault: VaultInfo) -> Iterator[Callable[[], Workspace]]:
    """Open and unlock the vault (with the recovery key: no Argon2id). Whatever is still open is closed after the test."""
    from companion_tui.core.workspace import LockedVault

    opened: list[Workspace] = []

    def _open() -> Workspace:
        ws = LockedVault.open(vault.paths).unlock_with_recovery(vault.recovery_key)
        opened.append(ws)
        return ws

    yield _open
    for ws in opened:
        if ws.vault.store._lock.held:
            ws.vault.close()


@pytest.fixture
def workspace(open_workspace: Callable[[], Workspace]) -> Workspace:
    return open_workspace()
