"""Every use of Textual's private API (names starting with ``_``) in the TUI, and only here.

Written against Textual 8.2.8. Each function says why it is needed and what to check on a
Textual upgrade; the tests named there fail when one of them stops working. Nothing else in
``companion_tui.tui`` may touch a ``_name`` of Textual's: add it here, with the same notes.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rich.console import RenderableType
from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen

# -- styles: a pane's stylesheet read before it is mounted (startup_speed.StyleAhead) ----------------


def css_generation(app: App) -> int:
    """Textual's count of stylesheet changes (``_css_update_count``): the app's is bumped when its
    CSS goes stale; a screen whose own count matches the app's is not restyled when shown.

    Needed so that a pane styled ahead of time is not restyled again on its first show
    (≈ 25 ms on unlock). On an upgrade: check ``App.refresh_css`` and ``Screen._on_screen_resume``
    still compare these counters; ``tests/tui/test_unlock_path.py`` counts re-parses and fails
    (slower, not broken) when they don't.
    """
    return app._css_update_count


def mark_styled(screen: Screen, generation: int) -> None:
    """Tell Textual this screen already has the styles of stylesheet generation ``generation``."""
    screen._css_update_count = generation


def keep_parsed_css(app: App, sources: int) -> None:
    """Let the app's stylesheet keep the parsed rules of up to ``sources`` CSS sources.

    Textual (8.2.8) re-parses every source of the stylesheet each time a widget class is first
    mounted (its DEFAULT_CSS is a new source), taking the others' rules from a cache of 64
    sources (``Stylesheet._parse_cache``). This app has more than 64 (its files and the default
    CSS of every widget class it shows): walked in order, a cache that small misses every one,
    so opening the palette, a dialog or a pane with a new kind of widget re-parsed all of them
    (≈ 100 ms on a loaded machine). On an upgrade: check ``Stylesheet.parse`` still goes through
    ``_parse_cache`` (a ``textual.cache.LRUCache``); ``tests/tui/test_speed.py`` counts the
    sources parsed when the palette opens and fails when it stops working.
    """
    app.stylesheet._parse_cache.maxsize = max(app.stylesheet._parse_cache.maxsize, sources)


def is_styled(screen: Screen) -> bool:
    """The screen has the styles of the app's current stylesheet (see ``css_generation``)."""
    return screen._css_update_count == screen.app._css_update_count


# -- modes: the first pane built while the passphrase is typed ----------------------------------------


def build_mode(app: App, mode: str) -> None:
    """Create a mode's first screen and mount it, without switching to the mode.

    ``switch_mode`` does this first for a new mode (``_init_mode``); there is no public way to do
    it alone. Needed to build Today while the passphrase is typed, so unlocking only fills it. On
    an upgrade: check ``App.switch_mode`` still starts with ``_init_mode(mode)``;
    ``tests/tui/test_unlock_path.py::test_today_is_built_while_typing_then_filled_once`` fails
    when it no longer builds the pane.
    """
    app._init_mode(mode)


# -- bindings: the panes' keys, which come from the pane registry, not the class ---------------------------


def insert_bindings(node: DOMNode, bindings: Sequence[Binding], after_id: str) -> None:
    """Give this one node (not its class) more key bindings, placed after the binding with
    ``after_id`` (the footer shows keys in this order).

    Textual merges ``BINDINGS`` once per class (``_merged_bindings``) and copies them to each
    node (``_bindings``); ``App.bind`` adds one but takes no id and only appends. Needed because
    the panes (and their keys) are given to the app when it is made. On an upgrade: check
    ``DOMNode._bindings`` is still the BindingsMap the key handling and the footer read;
    ``tests/tui/test_pane_registry.py`` fails when the keys stop working.
    """
    old = node._bindings.key_to_bindings
    new: dict[str, list[Binding]] = {}
    for key, found in old.items():
        new[key] = list(found)
        if any(b.id == after_id for b in found):
            for binding in bindings:
                new.setdefault(binding.key, []).append(binding)
    if not any(b.id == after_id for found in old.values() for b in found):
        for binding in bindings:
            new.setdefault(binding.key, []).append(binding)
    node._bindings = BindingsMap.from_keys(new)


# -- crashes: a report with no content in it ------------------------------------------------------------------


class OwnCrashReport(App):
    """Replaces Textual's crash report, which prints local variables (passphrases, entries).

    Textual calls the private ``_fatal_error`` when an exception escapes a handler; its default
    writes a traceback with locals on exit. The app says what to show in ``crash_report``
    (public, ours). On an upgrade: check ``App._fatal_error`` is still what a crash calls and
    that ``_exit_renderables`` / ``_close_messages_no_wait`` still print on exit and close;
    ``tests/tui/test_app.py::test_crash_report_shows_no_content`` fails when they don't.
    """

    def crash_report(self, exc: BaseException | None) -> RenderableType:
        """What to print on the way out (override)."""
        return f"companion stopped because of an unexpected error ({type(exc).__name__ if exc else 'unknown'})."

    def _fatal_error(self) -> None:
        exc = sys.exc_info()[1] or self._exception
        message = self.crash_report(exc)
        self.bell()
        self._exit_renderables.append(message)
        self._close_messages_no_wait()
