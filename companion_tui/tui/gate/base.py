"""The gate's contract: what the create / unlock / recover screens ask of the app, and the one
thing the app asks of them (``show_error``, when opening, unlocking or creating failed)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual.app import App
from textual.screen import Screen


@runtime_checkable
class Gatekeeper(Protocol):
    """The app, as the gate screens see it. Each starts work off the UI thread and returns at once."""

    def unlock(self, passphrase: str) -> object: ...

    def recover(self, recovery_key: str, new_passphrase: str) -> object: ...

    def create_vault(self, passphrase: str) -> object: ...

    def prepare_first_pane(self) -> None: ...


def gatekeeper_of(app: App) -> Gatekeeper:
    if not isinstance(app, Gatekeeper):
        raise TypeError(f"{type(app).__name__} is not a companion app")
    return app


class GateScreen(Screen[None]):
    """A screen of the gate (before the vault is open)."""

    @property
    def gatekeeper(self) -> Gatekeeper:
        return gatekeeper_of(self.app)

    def show_error(self, message: str) -> None:
        """Opening, unlocking or creating failed: say so (the message is fit to show)."""
        self.notify(message, severity="error")
