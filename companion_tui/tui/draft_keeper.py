"""One draft keeper for every form whose unsaved content is kept as an encrypted draft.

A form (the check-in form, the journal editor, the practice form, the thought record, the goal
form, the weekly review) makes one ``DraftKeeper`` with a name (``ws.drafts`` key) and a way to
read its state, and tells it three things: "this is clean" (``mark_clean``, the baseline: a new
form, a loaded record), "something changed" (``changed``) and "it was saved or thrown away"
(``discard``). The keeper then

- writes the draft once the form has been still for ``idle`` seconds (or ``at_most`` seconds
  after the first unsaved change, when typing goes on), on the app's clock and the app's ticks
  (``tui.autosave``): never per keystroke, never on a timer of its own;
- keeps what is unsaved when the app locks, quits or crashes (``keep``), and drops the draft it
  wrote or restored once the form is clean again;
- offers a waiting draft back (``offer``: "Restore …?") or puts it back at once
  (``restore_now``), and holds still while the question is open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.screen import Screen

from companion_tui.tui.dialogs.confirm import ConfirmScreen
from companion_tui.tui.host import host_of

if TYPE_CHECKING:
    from companion_tui.core.kernel.drafts import Draft
    from companion_tui.core.workspace import Workspace

S = TypeVar("S")

RESTORED_TITLE = "Draft restored"
RESTORED_MESSAGE = "What you typed last time is back."


class DraftKeeper(Generic[S]):
    """Keeps one form's unsaved content as the encrypted draft ``name``.

    ``state`` reads the form (anything comparable); ``data`` turns a state into the JSON-able
    dict that is stored (default: the state itself, which must then be a dict); ``unsaved``
    says whether a state is worth keeping (default: it differs from the baseline). ``idle`` is
    None for a form kept only on lock; ``settled`` is told after each autosave (the state, and
    whether a draft is now kept).
    """

    def __init__(
        self,
        screen: Screen[Any],
        name: str,
        *,
        state: Callable[[], S],
        data: Callable[[S], dict] | None = None,
        unsaved: Callable[[S], bool] | None = None,
        idle: float | None = None,
        at_most: float | None = None,
        settled: Callable[[S, bool], None] | None = None,
    ) -> None:
        self.screen = screen
        self.name = name
        self._state = state
        self._data = data
        self._unsaved = unsaved
        self.idle = idle
        self.at_most = at_most
        self._settled = settled
        self.baseline: S | None = None
        self.owns = False  # the stored draft is this form's (written or restored here)
        self.holding = False  # a restore question is open: write nothing, drop nothing
        self._first_change: float | None = None
        self._last_change = 0.0
        self._started = False

    # -- life -------------------------------------------------------------------------------------

    def start(self) -> None:
        """Join the app's schedule (from the form's ``on_mount``)."""
        host_of(self.screen.app).autosave.join(self)
        self._started = True

    def stop(self) -> None:
        """Leave it (from the form's ``on_unmount``)."""
        self._started = False
        self._first_change = None
        host_of(self.screen.app).autosave.leave(self)

    def _workspace(self) -> Workspace | None:
        return host_of(self.screen.app).workspace

    def _now(self) -> float:
        return host_of(self.screen.app).autosave.clock()

    # -- state --------------------------------------------------------------------------------------

    def mark_clean(self) -> None:
        """What the form shows now is what there is to lose nothing of (a new form, a record just loaded)."""
        self.baseline = self._state()

    def state(self) -> S:
        return self._state()

    def is_unsaved(self, state: S) -> bool:
        if self._unsaved is not None:
            return self._unsaved(state)
        return state != self.baseline

    @property
    def dirty(self) -> bool:
        return self.is_unsaved(self._state())

    def data(self, state: S) -> dict:
        if self._data is not None:
            return self._data(state)
        if not isinstance(state, dict):
            raise TypeError(f"{self.name}: give DraftKeeper a data() for a state that is not a dict")
        return state

    # -- autosave -------------------------------------------------------------------------------------

    def changed(self) -> None:
        """The form changed (cheap: called per keystroke)."""
        if self.idle is None or not self._started:
            return
        now = self._now()
        if self._first_change is None:
            self._first_change = now
        self._last_change = now

    @property
    def pending(self) -> bool:
        """A change waits to be written."""
        return self._first_change is not None

    def tick(self) -> None:
        if self._first_change is None or self.idle is None:
            return
        now = self._now()
        still = now - self._last_change >= self.idle
        long_enough = self.at_most is not None and now - self._first_change >= self.at_most
        if still or long_enough:
            self.save_now()

    def save_now(self) -> None:
        """Write the draft now (or drop this form's draft when nothing is unsaved any more)."""
        self._first_change = None
        ws = self._workspace()
        if ws is None or self.holding:
            return
        state = self._state()
        kept = self._write(ws, state)
        if self._settled is not None:
            self._settled(state, kept)

    def keep(self) -> None:
        """Before lock, quit or a crash: keep what is unsaved; a clean form drops its own old draft."""
        self._first_change = None
        ws = self._workspace()
        if ws is None or self.holding:
            return
        self._write(ws, self._state())

    def _write(self, ws: Workspace, state: S) -> bool:
        old = ws.drafts.get(self.name)
        if self.is_unsaved(state):
            data = self.data(state)
            if old is None or old.data != data:
                ws.drafts.save(self.name, data)
            self.owns = True
            return True
        if old is not None and self.owns:
            ws.drafts.discard(self.name)
        self.owns = False
        return False

    def discard(self) -> None:
        """Saved or thrown away: no draft any more, nothing pending."""
        self._first_change = None
        self.owns = False
        ws = self._workspace()
        if ws is not None and ws.drafts.get(self.name) is not None:
            ws.drafts.discard(self.name)

    # -- offer and restore ------------------------------------------------------------------------------

    def stored(self) -> Draft | None:
        """The draft waiting under this name, if any."""
        ws = self._workspace()
        return ws.drafts.get(self.name) if ws is not None else None

    def offer(self, question: str, restore: Callable[[dict], None], then: Callable[[], None] | None = None) -> bool:
        """Ask whether to restore the waiting draft (restore it, or drop it), then ``then``.
        False when there is none."""
        if self.stored() is None:
            return False
        self.holding = True

        def answer(yes: bool | None) -> None:
            self.holding = False
            draft = self.stored()
            if draft is not None:
                if yes:
                    restore(dict(draft.data))
                self.discard()
            if then is not None:
                then()

        self.screen.app.push_screen(ConfirmScreen(question, yes="Restore", no="Discard", default=True), answer)
        return True

    def restore_now(self, restore: Callable[[dict], None], *, say: bool = True) -> bool:
        """Put the waiting draft back in the form at once (it stays this form's draft). False when there is none."""
        draft = self.stored()
        if draft is None:
            return False
        restore(dict(draft.data))
        self.owns = True
        if say:
            self.screen.notify(RESTORED_MESSAGE, title=RESTORED_TITLE)
        return True
