"""When a journal entry is about: a one-line field read by ``core.when``, and the note under it.

The field shows "YYYY-MM-DD HH:MM". Left as it is, it means the entry's own time when editing
and "now" (at save) for a new entry — an untouched new-entry field follows the clock. Typed
text ("yesterday", "21:30", "2026-11-24"…) is read as you type; leaving the field (tab, enter)
rewrites it as the date it means, so a draft never holds a relative word.
"""

from __future__ import annotations

from datetime import datetime, time

from textual.content import Content
from textual.widgets import Input

from companion_tui.core.kernel.clock import Clock
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.kernel.when import HINT, Unreadable, describe, read_when, show


class WhenInput(Input):
    HELP_TITLE = "Date"
    BINDINGS = []  # Input's own keys still work (bindings are inherited); this keeps them out of the ? list

    def __init__(
        self, clock: Clock, *, default_at: datetime | None, start_at: datetime | None = None, text: str = "",
        id: str | None = None,
    ) -> None:
        """``default_at``: what an untouched field means (None: now, at save). ``start_at`` / ``text``:
        what a restored draft held (a date, or text that couldn't be read)."""
        self.clock = clock
        self.default_at = default_at
        self.follows_clock = default_at is None and start_at is None and not text
        self.default_text = show(default_at if default_at is not None else clock())
        self._keep = start_at or default_at  # a date alone keeps this time of day (else now's)
        shown = text or (show(start_at) if start_at is not None else self.default_text)
        super().__init__(shown, placeholder="YYYY-MM-DD HH:MM", compact=True, id=id)

    @property
    def untouched(self) -> bool:
        text = " ".join(self.value.split())
        return not text or text == self.default_text

    def reading(self) -> tuple[datetime | None, ValidationError | None]:
        """(what the field means — None for "now" —, or the problem with what was typed)."""
        if self.untouched:
            return self.default_at, None
        keep: time | None = self._keep.time() if self._keep is not None else None
        try:
            return read_when(self.value, self.clock(), keep), None
        except ValidationError as exc:
            return None, exc

    def tidy(self) -> None:
        """Rewrite readable text as the date it means ("yesterday" -> "2026-11-24 21:30")."""
        at, problem = self.reading()
        if problem is not None or at is None:
            return
        self._keep = at
        text = show(at)
        if text != self.value:
            self.value = text

    def follow_clock(self) -> None:
        """An untouched new-entry field keeps showing the current minute."""
        if not self.follows_clock or self.has_focus or self.value != self.default_text:
            return
        now = show(self.clock())
        if now != self.default_text:
            self.default_text = now
            self.value = now

    def note(self, error: str | None = None) -> tuple[Content, bool]:
        """The line under the field: (text, is it a problem). ``error`` forces a message."""
        at, problem = self.reading()
        if error is None and problem is not None:
            if self.has_focus and isinstance(problem, Unreadable):
                return Content(HINT), False  # still typing, perhaps
            error = problem.errors["at"]
        if error is not None:
            return Content.assemble(("⚠ ", "bold"), error), True
        today = self.clock().date()
        if self.has_focus:
            meaning = describe(at or self.clock(), today)
            return Content.assemble(("→ ", "bold"), (meaning, "bold"), "\n", (HINT, "dim")), False
        if self.untouched:
            return Content(""), False
        return Content.assemble("dated ", (describe(at or self.clock(), today), "bold")), False
