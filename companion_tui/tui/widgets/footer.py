"""The footer of every screen: Textual's, rebuilt only when the keys it shows change.

Textual's ``Footer`` recomposes (a new widget per key, each restyled) whenever the screen's
bindings *may* have changed: every time a pane is shown again, every focus move (Tab between
fields), every dialog closed. With the app's and a pane's keys that is 15–20 keys, ≈ 50–80 ms
on a loaded 2-core machine, and almost always for the very same keys. ``KeysFooter`` compares
what it would show with what it shows and rebuilds only on a difference.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen, show_command_palette: bool) -> tuple[Hashable, ...]:
    """Everything the footer's ``compose`` reads of the screen's bindings, as a comparable value."""
    app = screen.app
    keys: list[Hashable] = []
    for _node, binding, enabled, tooltip in screen.active_bindings.values():
        if binding.show:
            group = binding.group
            keys.append((binding.key, app.get_key_display(binding), binding.description, binding.action,
                         enabled, tooltip, None if group is None else (id(group), group.description, group.compact)))
    palette = None
    if show_command_palette and app.ENABLE_COMMAND_PALETTE:
        found = screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
        if found is not None:
            palette = (found.binding.key, app.get_key_display(found.binding), found.binding.description, found.enabled)
    return (tuple(keys), palette)


class KeysFooter(Footer):
    """A ``Footer`` that rebuilds its keys only when they differ from the ones it shows."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[Hashable, ...] | None = None  # the keys of the last rebuild asked for
        self.rebuilds = 0  # how many rebuilds were asked for (tests count them)

    def bindings_changed(self, screen: Screen) -> None:
        # As Footer.bindings_changed: a rebuild only while the app has focus, for its own screen.
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            keys = shown_keys(screen, self.show_command_palette)
            if keys == self._shown:
                return
            self._shown = keys
            self.rebuilds += 1
        super().bindings_changed(screen)
