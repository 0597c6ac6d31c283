"""Where data lives. Everything the app stores is inside one data folder.

``COMPANION_HOME`` overrides the platform's user data directory (platformdirs).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "companion_tui"


class DataFolderError(Exception):
    """The data folder cannot be used (missing parent, not writable, not a folder)."""


def default_home() -> Path:
    env = os.environ.get("COMPANION_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class Paths:
    home: Path

    @classmethod
    def default(cls) -> Paths:
        return cls(default_home())

    @property
    def vault(self) -> Path:
        return self.home / "vault.db"

    @property
    def lock(self) -> Path:
        return self.home / "vault.lock"

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    def exists(self) -> bool:
        return self.vault.exists()

    def ensure_home(self) -> None:
        """Create the data folder (0700). Its parent must already exist."""
        home = self.home
        if home.exists():
            if not home.is_dir():
                raise DataFolderError(f"{home} exists and is not a folder.")
        else:
            if not home.parent.exists():
                raise DataFolderError(
                    f"Cannot create the data folder {home}: its parent folder does not exist."
                )
            try:
                home.mkdir(mode=0o700)
            except OSError as exc:
                raise DataFolderError(f"Cannot create the data folder {home}: {exc.strerror}.") from None
        try:
            os.chmod(home, 0o700)
        except OSError:
            pass
        if not os.access(home, os.W_OK | os.X_OK):
            raise DataFolderError(f"The data folder {home} is not writable.")
