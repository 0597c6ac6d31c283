"""Command palette (ctrl+p): every app action by name.

The lines come from the app (``CompanionApp.commands``): its own actions and, from the pane
registry, every pane and what it offers. Lines that need the vault open show only while it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True)
class Command:
    title: str
    help: str
    action: str  # run with App.run_action
    needs_unlock: bool


@runtime_checkable
class HasCommands(Protocol):
    @property
    def unlocked(self) -> bool: ...

    def commands(self) -> Sequence[Command]: ...


class CompanionCommands(Provider):
    def _available(self) -> list[Command]:
        app = self.app
        if not isinstance(app, HasCommands):
            return []
        unlocked = app.unlocked
        return [c for c in app.commands() if unlocked or not c.needs_unlock]

    async def discover(self) -> Hits:
        for command in self._available():
            yield DiscoveryHit(command.title, partial(self.app.run_action, command.action), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._available():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), partial(self.app.run_action, command.action),
                          help=command.help)
