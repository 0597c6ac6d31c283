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

A pane shown again refills only when what it shows changed: it names the workspace parts it
shows in ``SHOWS`` and calls ``refresh_if_changed()`` on resume, which compares their change
count (``Workspace.change_count``, bumped by every write) and the day with those of its last
fill (``mark_filled()``); nothing is re-read, re-sorted or rebuilt when they are the same.

Unsaved form content is not the pane's business with the app: forms keep it through
``tui.draft_keeper`` and the app's ``autosave``.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from companion_tui.tui.host import HostScreen


class Pane(HostScreen[None]):
    #: What ``open_for`` understands (checked by the registry's test against the palette's offers).
    OPENS: ClassVar[frozenset[str]] = frozenset()
    #: The workspace parts whose records the pane shows (``Workspace`` part names).
    SHOWS: ClassVar[tuple[str, ...]] = ()

    _filled_at: Hashable = None  # data_stamp() at the last fill
    refills = 0  # fills by refresh_if_changed (tests count them)

    def open_for(self, what: str, came_from: str) -> None:
        """Do ``what`` (one of ``OPENS``), asked from the palette or another pane (``came_from``,
        a pane name, or "" when it was not another pane)."""

    def asked_while_covered(self, what: str) -> None:
        """``open_for`` was asked while another screen is open over this pane."""

    def refresh_data(self) -> None:
        """Show the workspace's data now."""

    def data_stamp(self) -> Hashable:
        """What the pane's content depends on, as a value that differs whenever it may have:
        the change count of the parts it shows, and the day."""
        return (self.ws.change_count(*self.SHOWS), self.host.clock().date())

    def mark_filled(self) -> None:
        """The pane now shows the workspace as it is (its ``refresh_data`` or its own fill)."""
        self._filled_at = self.data_stamp() if self.unlocked else None

    def refresh_if_changed(self) -> bool:
        """``refresh_data()`` if anything it shows changed since the last fill; whether it did."""
        if not self.unlocked:
            return False
        stamp = self.data_stamp()
        if stamp == self._filled_at:
            return False
        self.refills += 1
        self.refresh_data()
        self._filled_at = stamp
        return True
