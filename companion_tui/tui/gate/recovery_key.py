"""Shows the recovery key once. The user must acknowledge before going on."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Static


class RecoveryKeyScreen(Screen[None]):
    BINDINGS = [Binding("enter", "done", "Continue", id="recovery.continue", show=False)]

    def __init__(self, recovery_key: str) -> None:
        super().__init__()
        self.recovery_key = recovery_key

    def compose(self) -> ComposeResult:
        with Center(id="gate"), Vertical(classes="card"):
            yield Static("Your recovery key", classes="brand")
            yield Static(
                "If you forget your passphrase, this key is the only other way in. "
                "Write it down and keep it somewhere safe, away from this computer. "
                "It is shown [b]only now[/]. Without the passphrase [b]and[/] this key, "
                "your data cannot be recovered by anyone.",
                classes="lead",
            )
            yield Static(self.recovery_key, id="recovery-key")
            yield Checkbox("I have written it down somewhere safe  (space)", id="ack")
            yield Button("Continue", id="continue", variant="primary", disabled=True)

    def on_mount(self) -> None:
        self.query_one("#ack", Checkbox).focus()

    @on(Checkbox.Changed, "#ack")
    def toggle(self, event: Checkbox.Changed) -> None:
        button = self.query_one("#continue", Button)
        button.disabled = not event.value
        if event.value:
            button.focus()

    @on(Button.Pressed, "#continue")
    def action_done(self) -> None:
        if self.query_one("#ack", Checkbox).value:
            self.dismiss(None)
        else:
            self.notify("Tick the box once the key is written down.", severity="warning")
