"""Forgot the passphrase: open with the recovery key and choose a new passphrase."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Input, Label, Static

from companion_tui.core.workspace import PassphraseTooShort, check_new_passphrase
from companion_tui.tui.gate.base import GateScreen
from companion_tui.tui.widgets.footer import KeysFooter


class RecoverScreen(GateScreen):
    BINDINGS = [Binding("escape", "back", "Back", id="recover.back")]

    def compose(self) -> ComposeResult:
        with Center(id="gate"), Vertical(classes="card"):
            yield Static("Use your recovery key", classes="brand")
            yield Static("Type the recovery key you wrote down, then choose a new passphrase.", classes="lead")
            yield Input(placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX", id="recovery")
            yield Input(placeholder="New passphrase", password=True, id="recover-new")
            yield Input(placeholder="New passphrase again", password=True, id="recover-confirm")
            yield Label("", id="recover-status", classes="status")
            yield Static("[b]enter[/] next   [b]escape[/] back   [b]f1[/] get help now", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#recovery", Input).focus()

    @on(Input.Submitted, "#recovery")
    def _to_new(self) -> None:
        self.query_one("#recover-new", Input).focus()

    @on(Input.Submitted, "#recover-new")
    def _to_confirm(self) -> None:
        self.query_one("#recover-confirm", Input).focus()

    @on(Input.Submitted, "#recover-confirm")
    def submit(self) -> None:
        key = self.query_one("#recovery", Input).value
        new = self.query_one("#recover-new", Input).value
        try:
            check_new_passphrase(new, self.query_one("#recover-confirm", Input).value)
        except PassphraseTooShort as exc:
            self.show_error(str(exc))
            return
        self.query_one("#recover-status", Label).update("Checking the recovery key…")
        self.gatekeeper.recover(key, new)

    def show_error(self, message: str) -> None:
        status = self.query_one("#recover-status", Label)
        status.update(message)
        status.set_classes("status error")

    def action_back(self) -> None:
        self.app.pop_screen()
