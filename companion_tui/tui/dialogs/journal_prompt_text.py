"""One line of text for a new or edited journal prompt (from the prompt library)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class PromptTextScreen(ModalScreen[str | None]):
    """One line of text for a new or edited prompt."""

    DEFAULT_CSS = """
    PromptTextScreen { align: center middle; }
    PromptTextScreen > Vertical {
        width: 76; max-width: 100%; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    PromptTextScreen Input { margin: 1 0 0 0; }
    PromptTextScreen #prompt-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="journal.prompt_text.cancel")]

    def __init__(self, title: str, text: str = "") -> None:
        super().__init__()
        self.title_text, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            box.border_subtitle = "enter save · escape cancel"
            yield Input(self.text, placeholder="A question or an invitation to write…", id="prompt-text")
            yield Static("", id="prompt-error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.query_one("#prompt-error", Static).update("Write the prompt first (or escape to cancel).")
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
