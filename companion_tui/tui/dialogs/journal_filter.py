"""Filter the journal: tag, starred, bring to therapy, prompt category, date range.

Dismisses with the new ``Filter`` (``Filter()`` clears it) or None to leave it as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from companion_tui.core.journal.entries import Filter, normalize_tag
from companion_tui.core.journal.prompts import Category


def parse_day(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    return date.fromisoformat(text)  # ValueError on a bad date


class JournalFilterScreen(ModalScreen[Filter | None]):
    DEFAULT_CSS = """
    JournalFilterScreen { align: center middle; }
    JournalFilterScreen > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1; overflow-y: auto;
    }
    JournalFilterScreen .row { height: auto; margin-top: 1; }
    JournalFilterScreen Label { width: 12; padding-top: 0; color: $text-muted; }
    JournalFilterScreen Input { width: 1fr; }
    JournalFilterScreen Select { width: 1fr; }
    JournalFilterScreen .dates Input { width: 14; }
    JournalFilterScreen .dates .to { width: 4; content-align: center middle; }
    JournalFilterScreen #filter-error { color: $error; height: auto; }
    JournalFilterScreen .buttons { height: auto; margin-top: 1; align-horizontal: right; }
    JournalFilterScreen Button { margin-left: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", id="journal.filter.apply"),
        Binding("ctrl+r", "clear", "Clear all", id="journal.filter.clear"),
        Binding("escape", "cancel", "Cancel", id="journal.filter.cancel"),
    ]

    def __init__(self, current: Filter, tags: Sequence[str], categories: Sequence[Category]) -> None:
        super().__init__()
        self.current = current
        self.tags = list(tags)
        self.categories = list(categories)

    def compose(self) -> ComposeResult:
        f = self.current
        with Vertical() as box:
            box.border_title = "Filter entries"
            box.border_subtitle = "ctrl+s apply · ctrl+r clear · escape cancel"
            with Horizontal(classes="row"):
                yield Label("Tag")
                yield Input(f.tag or "", placeholder="any tag (→ completes)", compact=True, id="filter-tag",
                            suggester=SuggestFromList(self.tags, case_sensitive=False))
            with Horizontal(classes="row"):
                yield Checkbox("Starred", f.starred, compact=True, id="filter-starred")
                yield Checkbox("Bring to therapy", f.therapy, compact=True, id="filter-therapy")
            with Horizontal(classes="row"):
                yield Label("Prompt")
                yield Select([(c.label, c.id) for c in self.categories], value=f.category or Select.NULL,
                             prompt="any category or none", compact=True, id="filter-category")
            with Horizontal(classes="row dates"):
                yield Label("From")
                yield Input(f.since.isoformat() if f.since else "", placeholder="YYYY-MM-DD", compact=True,
                            id="filter-since")
                yield Static("to", classes="to")
                yield Input(f.until.isoformat() if f.until else "", placeholder="YYYY-MM-DD", compact=True,
                            id="filter-until")
            yield Static("", id="filter-error")
            with Horizontal(classes="buttons"):
                yield Button("Clear all", id="clear")
                yield Button("Apply", id="apply", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#filter-tag", Input).focus()

    def build(self) -> Filter:
        category = self.query_one("#filter-category", Select).value
        return Filter(
            tag=normalize_tag(self.query_one("#filter-tag", Input).value) or None,
            starred=self.query_one("#filter-starred", Checkbox).value,
            therapy=self.query_one("#filter-therapy", Checkbox).value,
            category=category if isinstance(category, str) else None,
            since=parse_day(self.query_one("#filter-since", Input).value),
            until=parse_day(self.query_one("#filter-until", Input).value),
            kind=self.current.kind,
        )

    def action_apply(self) -> None:
        try:
            flt = self.build()
        except ValueError:
            self.query_one("#filter-error", Static).update("Dates are written YYYY-MM-DD, e.g. 2026-03-14.")
            return
        if flt.since and flt.until and flt.since > flt.until:
            self.query_one("#filter-error", Static).update("The first date is after the second.")
            return
        self.dismiss(flt)

    def action_clear(self) -> None:
        self.dismiss(Filter())

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_apply()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "apply":
            self.action_apply()
        else:
            self.action_clear()
