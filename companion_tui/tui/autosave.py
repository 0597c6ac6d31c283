"""When unsaved work in the open forms becomes an encrypted draft: one schedule, owned by the app.

Forms run no timers of their own for this. Each form's ``DraftKeeper`` (``tui.draft_keeper``)
notes when its form changed, on the app's idle clock, and the app ticks them all through
``Autosave.tick``; a keeper writes its draft once its form has been still for its delay. Before
the app locks or quits (or crashes), ``keep_all`` has every keeper keep what is unsaved.

Tests give the app a fake idle clock and no ticking (``every=None``): a draft is written only
when the test moves the clock and calls ``tick``, never because the machine was slow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

TICK_SECONDS = 0.25


class Kept(Protocol):
    """What the schedule asks of a form's keeper."""

    def tick(self) -> None:
        """Write the draft if the form has been still long enough."""

    def keep(self) -> None:
        """Keep what is unsaved now (the app is about to lock, quit or stop)."""


class Autosave:
    def __init__(self, clock: Callable[[], float], every: float | None = TICK_SECONDS) -> None:
        self.clock = clock  # seconds; the app's idle clock
        self.every = every  # how often the app calls tick(); None: only when asked (tests)
        self._keepers: list[Kept] = []

    def join(self, keeper: Kept) -> None:
        if keeper not in self._keepers:
            self._keepers.append(keeper)

    def leave(self, keeper: Kept) -> None:
        if keeper in self._keepers:
            self._keepers.remove(keeper)

    @property
    def keepers(self) -> tuple[Kept, ...]:
        return tuple(self._keepers)

    def tick(self) -> None:
        for keeper in list(self._keepers):
            keeper.tick()

    def keep_all(self) -> None:
        for keeper in list(self._keepers):
            keeper.keep()

    def forget_all(self) -> None:
        """On lock: every form is closed with the panes, and its keeper with it."""
        self._keepers.clear()
