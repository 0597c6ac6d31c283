"""Unfinished writing, offered back: drafts the editor kept before a lock, a quit or a crash.

Dismisses with ``("resume", name)``, ``("discard", name)`` or None (later).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from companion_tui.core.journal.entries import EntryDraft, word_count
from companion_tui.core.kernel.drafts import Draft


def describe(draft: Draft) -> Content:
    d = EntryDraft.from_dict(draft.data)
    first = d.title or next((line.strip() for line in d.body.splitlines() if line.strip()), "") or "(untitled)"
    first = " ".join(first.split())[:60]
    kind = "changes to an entry" if draft.data.get("entry_id") else "new entry"
    saved = draft.saved.astimezone()
    return Content.assemble(
        (first, "bold"),
        "\n",
        (f"{kind} · {word_count(d.body):,} words · kept {saved:%a %-d %b, %H:%M}", "$text-muted"),
    )


class JournalDraftsScreen(ModalScreen[tuple[str, str] | None]):
    DEFAULT_CSS = """
    JournalDraftsScreen { align: center middle; }
    JournalDraftsScreen > Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    JournalDraftsScreen OptionList { height: auto; max-height: 14; border: none; margin: 1 0; }
    JournalDraftsScreen .foot { color: $text-muted; }
    """
    BINDINGS = [
        Binding("enter", "answer('resume')", "Continue writing", id="journal.drafts.resume"),
        Binding("x,delete", "answer('discard')", "Discard", id="journal.drafts.discard"),
        Binding("escape", "later", "Later", id="journal.drafts.later"),
    ]

    def __init__(self, drafts: Sequence[Draft]) -> None:
        super().__init__()
        self.drafts = list(drafts)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Unfinished writing"
            box.border_subtitle = "enter continue · x discard · escape later"
            yield Static("You have writing that wasn't saved last time. It was kept, encrypted:")
            yield OptionList(*(Option(describe(d), id=d.name) for d in self.drafts), id="drafts")
            yield Static("You can come back to these with [b]u[/] in the journal.", classes="foot")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def _current(self) -> str | None:
        option = self.query_one(OptionList).highlighted_option
        return option.id if option is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.dismiss(("resume", event.option.id))

    def action_answer(self, what: str) -> None:
        name = self._current()
        if name is not None:
            self.dismiss((what, name))

    def action_later(self) -> None:
        self.dismiss(None)
