"""What the parts of the TUI need from the app, typed: the unlocked workspace, the clocks and
the autosave schedule. ``CompanionApp`` is the one host; panes, screens, dialogs and widgets
reach it through ``host_of(self.app)`` (or the ``host``/``ws`` of the bases below), never by
guessing at attributes of ``App``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from textual import events, on
from textual.app import App
from textual.screen import ModalScreen, Screen

from companion_tui.tui.textual_internals import is_styled

if TYPE_CHECKING:
    from companion_tui.core.kernel.clock import Clock
    from companion_tui.core.workspace import Workspace
    from companion_tui.tui.autosave import Autosave

ResultT = TypeVar("ResultT")


class Locked(RuntimeError):
    """The workspace was asked for while the vault is locked."""


@runtime_checkable
class Host(Protocol):
    workspace: Workspace | None  # while unlocked
    clock: Clock  # wall clock (aware datetime)
    idle_clock: Callable[[], float]  # monotonic seconds: idle time, exercise timing, autosave
    autosave: Autosave


def host_of(app: App) -> Host:
    if not isinstance(app, Host):
        raise TypeError(f"{type(app).__name__} is not a companion app")
    return app


def workspace_of(app: App) -> Workspace:
    ws = host_of(app).workspace
    if ws is None:
        raise Locked("the vault is locked")
    return ws


class _HostAccess:
    """What a screen or dialog of the app may read of it, typed (shared by the two bases below)."""

    app: App[object]  # the screen's own (Textual's MessagePump.app)

    @property
    def host(self) -> Host:
        return host_of(self.app)

    @property
    def unlocked(self) -> bool:
        return self.host.workspace is not None

    @property
    def ws(self) -> Workspace:
        """The unlocked workspace (``Locked`` while locked: check ``unlocked`` where that can be)."""
        return workspace_of(self.app)


def resume_as_styled(screen: Screen, event: events.ScreenResume) -> None:
    """A screen shown again keeps its styles when the stylesheet has not changed since.

    Textual restyles every node of a screen each time its mode is switched to
    (``ScreenResume.refresh_styles``: ≈ 40–100 ms for a pane on a loaded machine), in case
    something changed while it was hidden; nothing does: a change of class or pseudo-class
    restyles its node when it happens, and a change of stylesheet (a theme) bumps the generation
    that ``is_styled`` compares, and the screen is then restyled as usual. Called from a handler
    of the bases below, which runs before Textual's own (a subclass's handlers come first in
    the MRO walk of message dispatch).
    """
    if is_styled(screen):
        event.refresh_styles = False


class HostScreen(_HostAccess, Screen[ResultT]):
    """A full screen of the app with typed access to what it needs from it."""

    @on(events.ScreenResume)
    def _resume_as_styled(self, event: events.ScreenResume) -> None:
        resume_as_styled(self, event)


class HostModal(_HostAccess, ModalScreen[ResultT]):
    """A dialog of the app with typed access to what it needs from it."""

    @on(events.ScreenResume)
    def _resume_as_styled(self, event: events.ScreenResume) -> None:
        resume_as_styled(self, event)
