"""Which errors may be shown to a person as they are, for the TUI and the CLI alike.

Our own errors (the vault's keys, the file, the lock, the data folder, and validation) say what
happened in plain words and never hold record content; anything else is named by its type only.
Storage and keys are imported here, when an error is already being shown, so that a caller
(the TUI) needs no import of them.
"""

from __future__ import annotations


def fit_to_show(exc: BaseException) -> str:
    """A message fit to show for ``exc``: ours as they are; anything else never shows content."""
    from companion_tui.paths import DataFolderError
    from companion_tui.store.database import StoreError
    from companion_tui.store.lock import VaultBusy
    from companion_tui.vault import VaultError

    if isinstance(exc, (VaultError, StoreError, VaultBusy, DataFolderError, ValueError)):
        return str(exc)
    if isinstance(exc, OSError):
        return f"The vault could not be opened: {exc.strerror}."
    return f"Something went wrong ({type(exc).__name__}). Nothing was changed."
