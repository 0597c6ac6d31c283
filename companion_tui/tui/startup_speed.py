"""Getting ready ahead of time, and staying out of the way, so that unlocking shows Today soon.

What unlocking has to do after the key is derived (10-year vault, see ``docs/benchmarks.md``):
load every record (the core, ≈ 250 ms), fill Today's cards and draw them. Everything else the
TUI used to do on that path now happens earlier or not at all:

- the Today pane is built while the passphrase is typed (``CompanionApp.prepare_first_pane``);
- a new pane's stylesheet is read before the pane is mounted, and the pane is not restyled
  again (``StyleAhead``);
- the cyclic garbage collector neither runs while the records arrive nor scans them afterwards
  (``records_arriving``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from textual.app import App
from textual.screen import Screen

from companion_tui.tui.textual_internals import css_generation, keep_parsed_css, mark_styled


@contextmanager
def records_arriving() -> Iterator[None]:
    """Around building the workspace: tens of thousands of long-lived objects arrive at once.

    The collector would scan them all as they arrive (≈ 17 ms, on the unlock worker) and again in
    every full collection for as long as the vault stays open (on whichever thread allocates
    next); none of them is garbage while unlocked. So it waits, and on success they are frozen:
    kept out of collections until ``records_gone`` (on lock) gives them back to it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if enabled:
            gc.enable()


def long_lived() -> None:
    """What was just built (a pane on its first show, the journal's search index) lives until
    lock: keep it out of full collections too, as the records are.

    Each full collection scans every object not frozen; with the panes' widgets and the indexes
    built after unlock, that was ≈ 130 ms, every few key presses, on a 10-year vault. Cyclic
    garbage frozen with them is freed on lock (``records_gone``)."""
    gc.freeze()


def records_gone(app: App) -> None:
    """After lock: the collector sees the vault's objects again, and frees the cycles among them
    once the unlock screen is up (a full collection, ≈ 150 ms on a 10-year vault)."""
    gc.unfreeze()
    app.call_after_refresh(gc.collect)


class StyleAhead(App):
    """A new pane gets its stylesheet before it is mounted, and is marked as styled.

    Otherwise, on a pane's first show, Textual (8.2.8) re-parses every stylesheet of the app from
    scratch three times (once for the pane's file and twice to restyle, on creating the mode and
    on switching to it) and restyles every node each time: ≈ 25 ms on unlock. That restyling is
    for a screen mounted with an outdated stylesheet, which a new pane is not — unless the theme
    changed and Textual has not refreshed the CSS yet; then it goes the usual way. Screens on the
    stack restyle themselves when they come back to the front (ScreenResume).

    Textual keeps track with a private counter (the app's is bumped when the CSS goes stale; a
    screen whose own matches it is not restyled), read and set through ``textual_internals``:
    the one thing here that depends on Textual's insides, covered by ``tests/tui/test_unlock_path.py``.
    """

    _css_fresh_at = 0  # the app's counter when its stylesheet was last brought up to date
    #: How many CSS sources' parsed rules the stylesheet keeps (see ``keep_parsed_css``): all of this app's.
    PARSED_CSS_KEPT = 1024

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        keep_parsed_css(self, self.PARSED_CSS_KEPT)

    def refresh_css(self, animate: bool = True) -> None:
        super().refresh_css(animate)
        self._css_fresh_at = css_generation(self)

    def style_ahead(self, screen: Screen) -> None:
        stylesheet = self.stylesheet
        new = [path for path in screen.css_path if not stylesheet.has_source(str(path), "")]
        for path in new:
            stylesheet.read(path)
        if new:
            stylesheet.parse()  # only the new files are parsed: the others' rules are cached
        generation = css_generation(self)
        if self._css_fresh_at == generation:
            mark_styled(screen, generation)
