"""Reading one journal entry, rendered as Markdown. Dismisses with what to do next (or None)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown, Static

from companion_tui.core.journal.entries import Entry
from companion_tui.core.journal.prompts import Prompt
from companion_tui.tui.widgets.footer import KeysFooter

#: Longer entries are shown a part at a time (each part its own Markdown block, ending at a
#: paragraph outside any code fence) so opening even a 20,000-word entry stays quick.
CHUNK = 12_000


def parts(body: str, size: int = CHUNK) -> list[str]:
    """``body`` cut into pieces of about ``size`` characters at blank lines outside ``` fences."""
    out: list[str] = []
    start = 0
    while len(body) - start > size:
        cut = -1
        pos = start + size // 2
        while True:
            nxt = body.find("\n\n", pos)
            if nxt == -1 or nxt > start + 2 * size:
                break
            if body.count("```", start, nxt) % 2 == 0:
                cut = nxt
                if nxt >= start + size:
                    break
            pos = nxt + 2
        if cut == -1:
            break
        out.append(body[start:cut])
        start = cut + 2
    out.append(body[start:])
    return out


class JournalView(Screen[str | None]):
    TITLE = "Journal"
    CSS_PATH = "journal_view.tcss"
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
        self.parts = parts(entry.body)
        self.shown = 1  # parts mounted so far

    def compose(self) -> ComposeResult:
        e = self.entry
        yield Header()
        with VerticalScroll(id="view"):
            if e.title:
                yield Static(f"[b]{e.title}[/]", id="view-title")
            yield Static(self._meta(), id="view-meta", classes="" if e.title else "-first")
            if self.prompt is not None:
                yield Static(self.prompt.text, id="view-prompt")
            yield Markdown(self.parts[0], id="view-body", classes="view-part", open_links=False)
            yield Static("", id="view-more")
        yield KeysFooter()

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

    def _show_more_hint(self) -> None:
        left = len(self.parts) - self.shown
        words = sum(len(p.split()) for p in self.parts[self.shown:])
        hint = self.query_one("#view-more", Static)
        hint.update(f"[dim]… {words:,} more words. Press space to read on.[/]" if left > 0 else "")
        hint.display = left > 0

    async def action_more(self) -> None:
        if self.shown >= len(self.parts):
            return
        part = Markdown(self.parts[self.shown], classes="view-part", open_links=False)
        self.shown += 1
        await self.query_one("#view").mount(part, before=self.query_one("#view-more"))
        self._show_more_hint()

    def action_close(self, what: str | None) -> None:
        self.dismiss(what)
