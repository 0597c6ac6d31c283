"""Mood history: check-ins newest first, grouped under a line per day.

Only the newest ``limit`` check-ins are turned into rows (a few hundred at most); a last
row offers to show more, so years of history stay cheap to draw and to refresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from companion_tui.core.moods.checkins import CheckIn
from companion_tui.tui.widgets.emotion_picker import QUADRANT_STYLE, quadrant_of
from companion_tui.tui.widgets.mood_spark import mood_style

PAGE = 200
MORE = "more"


def day_label(day: date, today: date) -> str:
    delta = (today - day).days
    if delta == 0:
        return f"Today · {day:%a %-d %b}"
    if delta == 1:
        return f"Yesterday · {day:%a %-d %b}"
    if day.year == today.year:
        return f"{day:%A %-d %B}"
    return f"{day:%A %-d %B %Y}"


def first_words(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def mini_bar(score: int) -> str:
    """A 1–10 score in five cells, using half blocks: 7 → "███▌"."""
    return "█" * (score // 2) + ("▌" if score % 2 else "")


def row(c: CheckIn) -> Content:
    """One check-in as a single line: time, score with a small bar, emotions, the note's first words."""
    style = mood_style(c.score)
    parts: list[Content | tuple[str, str] | str] = [
        (f"  {c.at:%H:%M}  ", "$foreground-muted"),
        (f"{c.score:>2}", style),
        " ",
        (mini_bar(c.score), style.replace("bold ", "")),
        ("░" * (5 - (c.score + 1) // 2), "$foreground-muted"),
        "  ",
    ]
    if c.emotions:
        words = []
        for word in c.emotions:
            words.append(Content.assemble((word, QUADRANT_STYLE[quadrant_of(word)])))
        parts.append(Content(", ").join(words))
    text = c.note or c.trigger or c.response
    if text:
        parts.append((("  — " if c.emotions else "") + first_words(text), "$foreground-muted"))
    if not c.emotions and not text:
        parts.append(("(score only)", "italic $foreground-muted"))
    return Content.assemble(*parts)


class CheckInList(OptionList):
    HELP_TITLE = "Mood history"
    DEFAULT_CSS = """
    CheckInList {
        height: 1fr;
        border: none;
        padding: 0;
        background: transparent;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    CheckInList:focus {
        border: none;
        background-tint: $foreground 3%;
    }
    CheckInList > .option-list--option-disabled {
        color: $text-primary;
        text-style: bold;
    }
    """
    BINDINGS = [
        Binding("enter,v", "view", "View", id="mood.history.view"),
        Binding("e", "edit", "Edit", id="mood.history.edit"),
        Binding("delete,x", "delete", "Delete", id="mood.history.delete"),
    ]

    @dataclass
    class Chosen(Message):
        """The person asked to ``view``, ``edit`` or ``delete`` a check-in."""

        checkin_list: CheckInList
        what: str
        checkin_id: str

        @property
        def control(self) -> CheckInList:
            return self.checkin_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.limit = PAGE
        self.total = 0

    def show(self, checkins: Sequence[CheckIn], today: date, keep: str | None = None) -> None:
        """Rebuild the rows from ``checkins`` (newest first); keep the highlight on ``keep`` if given."""
        if keep is None:
            keep = self.highlighted_id
        self.total = len(checkins)
        shown = checkins[: self.limit]
        items: list[Option] = []
        current: date | None = None
        for c in shown:
            if c.day != current:
                current = c.day
                items.append(Option(day_label(c.day, today), disabled=True))
            items.append(Option(row(c), id=c.id))
        if self.total > len(shown):
            more = min(PAGE, self.total - len(shown))
            items.append(
                Option(
                    Content.assemble(
                        ("  ↓ ", "bold"),
                        f"show {more} older check-ins ",
                        (f"({len(shown):,} of {self.total:,} shown)", "$foreground-muted"),
                    ),
                    id=MORE,
                )
            )
        self.set_options(items)
        index = None
        if keep is not None:
            try:
                index = self.get_option_index(keep)
            except Exception:  # noqa: BLE001 - Textual raises OptionDoesNotExist or KeyError by version
                index = None
        if index is None:
            self.action_first()
        else:
            self.highlighted = index

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        if option is None or option.disabled or option.id in (None, MORE):
            return None
        return option.id

    def _ask(self, what: str) -> None:
        option = self.highlighted_option
        if option is None or option.disabled:
            return
        if option.id == MORE:
            self.post_message(self.Chosen(self, "more", ""))
            return
        if option.id is not None:
            self.post_message(self.Chosen(self, what, option.id))

    def action_view(self) -> None:
        self._ask("view")

    def action_edit(self) -> None:
        self._ask("edit")

    def action_delete(self) -> None:
        self._ask("delete")

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # A click (enter is bound to view above).
        event.stop()
        self._ask("view")
