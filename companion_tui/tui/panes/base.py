"""The pane contract: what every pane is and what the app may ask of it.

A pane is one of the app's modes (Today, Mood, Journal, …): shown with its key, built when the
vault unlocks (Today already while the passphrase is typed) and dropped when it locks. It is
listed once, in ``panes.registry``; the app's keys, the command palette and the ``?`` list
come from there. The app asks a pane for exactly three things, declared here:

- ``open_for(what, came_from)``: do one of the things the pane offers in the palette (the
  ``what`` of its ``Offer``s, e.g. Mood's "new"), or that another pane's key asks for;
- ``asked_while_covered(what)``: the same, asked while another screen is open over the pane
  (the journal editor, a dialog): say so, or do nothing;
- ``refresh_data()``: show the workspace's data now (the app calls it on a pane that was built
  before the vault unlocked, just before showing it).

Unsaved form content is not the pane's business with the app: forms keep it through
``tui.draft_keeper`` and the app's ``autosave``.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on

from companion_tui.tui.host import HostScreen
from companion_tui.tui.textual_internals import is_styled


class Pane(HostScreen[None]):
    #: What ``open_for`` understands (checked by the registry's test against the palette's offers).
    OPENS: ClassVar[frozenset[str]] = frozenset()

    def open_for(self, what: str, came_from: str) -> None:
        """Do ``what`` (one of ``OPENS``), asked from the palette or another pane (``came_from``,
        a pane name, or "" when it was not another pane)."""

    def asked_while_covered(self, what: str) -> None:
        """``open_for`` was asked while another screen is open over this pane."""

    def refresh_data(self) -> None:
        """Show the workspace's data now."""

    @on(events.ScreenResume)
    def _resume_as_styled(self, event: events.ScreenResume) -> None:
        """A pane shown again keeps its styles when the stylesheet has not changed since.

        Textual restyles every node of a screen each time it is switched to (``refresh_styles``,
        ≈ 40 ms for a pane on a loaded machine), in case something changed while it was hidden;
        nothing does: a change of class or pseudo-class restyles its node when it happens, and a
        change of stylesheet (a theme) bumps the generation that ``is_styled`` compares, and the
        pane is then restyled as usual. Runs before Textual's own handler (a subclass's handlers
        come first in the MRO walk of message dispatch).
        """
        if is_styled(self):
            event.refresh_styles = False
