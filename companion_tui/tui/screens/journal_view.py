"""Reading one journal entry, rendered as Markdown. Dismisses with what to do next (or None)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, Static

from companion_tui.core.journal import Entry
from companion_tui.core.prompts import Prompt

#: Longer entries are shown a part at a time so opening one stays instant.
CHUNK = 40_000


class JournalView(Screen[str | None]):
    TITLE = "Journal"
    CSS_PATH = "../journal.tcss"
    BINDINGS = [
        Binding("escape", "close(None)", "Back", id="journal.view.back"),
        Binding("e", "close('edit')", "Edit", id="journal.view.edit"),
        Binding("asterisk", "close('star')", "Star", key_display="*", id="journal.view.star"),
        Binding("b", "close('therapy')", "Bring to therapy", id="journal.view.therapy"),
        Binding("x,delete", "close('delete')", "Delete", id="journal.view.delete"),
        Binding("space", "more", "Show more", show=False, id="journal.view.more"),
    ]

    def __init__(self, entry: Entry, prompt: Prompt | None = None) -> None:
        super().__init__()
        self.entry = entry
        self.prompt = prompt
        self.shown = min(len(entry.body), CHUNK)

    def compose(self) -> ComposeResult:
        e = self.entry
        yield Header()
        with VerticalScroll(id="view"):
            if e.title:
                yield Static(f"[b]{e.title}[/]", id="view-title")
            yield Static(self._meta(), id="view-meta", classes="" if e.title else "-first")
            if self.prompt is not None:
                yield Static(self.prompt.text, id="view-prompt")
            yield Markdown(self._chunk(), id="view-body", open_links=False)
            yield Static("", id="view-more")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.entry.title or "Reading"
        self._show_more_hint()
        self.query_one("#view").focus()

    def _meta(self) -> str:
        e = self.entry
        bits = [f"[b]{e.at:%A %-d %B %Y, %H:%M}[/]", f"{e.words:,} words"]
        if e.kind != "entry":
            bits.append(e.kind)
        if e.starred:
            bits.append("[$text-warning]★ starred[/]")
        if e.therapy:
            bits.append("[$text-accent]⚑ bring to therapy[/]")
        if e.tags:
            bits.append(" ".join(f"#{t}" for t in e.tags))
        return "  ·  ".join(bits)

    def _chunk(self) -> str:
        body = self.entry.body
        if self.shown >= len(body):
            return body
        cut = body.rfind("\n\n", 0, self.shown)  # end at a paragraph when possible
        if cut > self.shown // 2:
            self.shown = cut
        return body[: self.shown]

    def _show_more_hint(self) -> None:
        left = len(self.entry.body) - self.shown
        hint = self.query_one("#view-more", Static)
        hint.update(f"[dim]… {left:,} more characters. Press space to read on.[/]" if left > 0 else "")
        hint.display = left > 0

    def action_more(self) -> None:
        if self.shown >= len(self.entry.body):
            return
        self.shown = min(len(self.entry.body), self.shown + CHUNK)
        self.query_one("#view-body", Markdown).update(self._chunk())
        self._show_more_hint()

    def action_close(self, what: str | None) -> None:
        self.dismiss(what)
