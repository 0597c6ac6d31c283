"""The journal's list of entries: newest first, two lines each, search matches highlighted.

Only the first ``limit`` entries become rows (a last row offers more), so ten years of
entries stay cheap to draw and to filter as you type.
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

from companion_tui.core.journal.entries import Entry
from companion_tui.core.journal.search import Query, find_spans, snippet

PAGE = 200
MORE = "more"
MATCH_STYLE = "bold $text-accent on $accent 25%"


def when(at, today: date) -> str:
    if at.date() == today:
        return f"Today {at:%H:%M}"
    if at.year == today.year:
        return f"{at:%a %-d %b} {at:%H:%M}"
    return f"{at:%-d %b %Y} {at:%H:%M}"


def highlighted(text: str, spans: Sequence[tuple[int, int]], style: str = "") -> Content:
    content = Content.styled(text, style) if style else Content(text)
    for a, b in spans:
        content = content.stylize(MATCH_STYLE, a, b)
    return content


def row(entry: Entry, today: date, query: Query | None, width: int = 110) -> Content:
    """Two lines: when, flags and the headline; then a search snippet, or tags and size."""
    flags = Content.assemble(
        ("★" if entry.starred else " ", "$text-warning"),
        ("⚑" if entry.therapy else " ", "$text-accent"),
    )
    headline = " ".join(entry.headline.split())[:width] or "(empty)"
    title_spans = find_spans(headline, query) if query is not None and query.terms else []
    first = Content.assemble(
        (f"{when(entry.at, today):>16}  ", "$text-muted"),
        flags,
        " ",
        highlighted(headline, title_spans, "bold" if entry.title else ""),
    )
    if entry.kind != "entry":
        first = first.append(Content.styled(f"  · {entry.kind}", "$text-muted italic"))
    piece = snippet(entry.body, query, width=width) if query is not None and query.terms else None
    if piece is not None and piece.spans and (entry.title or not piece.text.startswith(headline[:30])):
        second = highlighted(piece.text, piece.spans, "$text-muted")
    else:
        bits = [f"#{t}" for t in entry.tags]
        bits.append(f"{entry.words:,} words")
        second = Content.styled(" · ".join(bits), "$text-muted")
    return Content.assemble(first, "\n", (" " * 21, ""), second)


class EntryList(OptionList):
    HELP_TITLE = "Entries"
    DEFAULT_CSS = """
    EntryList, EntryList:focus {
        height: 1fr; max-height: 100%; border: none; padding: 0; background: transparent;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    """
    BINDINGS = [
        Binding("enter", "choose('view')", "Read", id="journal.list.view"),
        Binding("e", "choose('edit')", "Edit", id="journal.list.edit"),
        Binding("asterisk", "choose('star')", "Star", key_display="*", id="journal.list.star"),
        Binding("b", "choose('therapy')", "Bring to therapy", id="journal.list.therapy"),
        Binding("x,delete", "choose('delete')", "Delete", id="journal.list.delete"),
    ]

    @dataclass
    class Chosen(Message):
        """An entry was chosen for ``what``: view, edit, star, therapy, delete, or "more"."""

        entry_list: EntryList
        entry_id: str
        what: str

        @property
        def control(self) -> EntryList:
            return self.entry_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.limit = PAGE
        self.total = 0

    def show(self, entries: Sequence[Entry], today: date, query: Query | None = None, keep: str | None = None) -> None:
        """Fill the list (the first ``limit`` entries), keeping the highlight on ``keep`` or where it was."""
        current = self.highlighted_option.id if self.highlighted_option is not None else None
        keep = keep or current
        self.total = len(entries)
        # Snippets as wide as the list shows (after the 21-column indent), so the match is in view.
        width = max(30, min(160, (self.size.width or 110) - 22))
        options: list[Option] = [Option(row(e, today, query, width), id=e.id) for e in entries[: self.limit]]
        if len(entries) > self.limit:
            more = min(PAGE, len(entries) - self.limit)
            options.append(Option(Content.styled(f"  Show {more} more of {len(entries) - self.limit:,}…", "$text-accent"), id=MORE))
        self.set_options(options)
        if not options:
            return
        index = 0
        if keep is not None:
            try:
                index = self.get_option_index(keep)
            except Exception:  # noqa: BLE001 - gone: stay near the top
                index = 0
        self.highlighted = index

    @property
    def current_id(self) -> str | None:
        option = self.highlighted_option
        if option is None or option.id == MORE:
            return None
        return option.id

    def action_choose(self, what: str) -> None:
        option = self.highlighted_option
        if option is None:
            return
        if option.id == MORE:
            self.post_message(self.Chosen(self, MORE, MORE))
        elif option.id is not None:
            self.post_message(self.Chosen(self, option.id, what))
