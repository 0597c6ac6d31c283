"""First run: create the vault. Passphrase twice with a strength hint, then the recovery key."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Input, Label, Static

from companion_tui.core.workspace import PassphraseTooShort, check_new_passphrase, strength_label
from companion_tui.tui.gate.base import GateScreen
from companion_tui.tui.widgets.footer import KeysFooter

WELCOME = (
    "A private place for the work between therapy sessions: check in with your mood, "
    "write, practise skills, keep small goals. Everything stays encrypted on this computer. "
    "It is not therapy and not for emergencies — press [b]f1[/] any time for crisis lines."
)


class CreateScreen(GateScreen):
    def compose(self) -> ComposeResult:
        with Center(id="gate"), Vertical(classes="card"):
            yield Static("companion", classes="brand")
            yield Static(WELCOME, classes="lead")
            yield Static("Choose a passphrase (at least 8 characters; a few random words work well).")
            yield Input(placeholder="Passphrase", password=True, id="new-passphrase")
            yield Label("", id="strength", classes="status")
            yield Input(placeholder="The same passphrase again", password=True, id="confirm-passphrase")
            yield Label("", id="create-status", classes="status")
            yield Static("[b]enter[/] next / create   [b]f1[/] get help now   [b]ctrl+q[/] quit", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#new-passphrase", Input).focus()

    @on(Input.Changed, "#new-passphrase")
    def show_strength(self, event: Input.Changed) -> None:
        label = self.query_one("#strength", Label)
        if not event.value:
            label.update("")
            return
        strength = strength_label(event.value)
        label.update(f"Strength: {strength}")
        label.set_classes(f"status strength-{strength.replace(' ', '-')}")

    @on(Input.Submitted, "#new-passphrase")
    def next_field(self) -> None:
        self.query_one("#confirm-passphrase", Input).focus()

    @on(Input.Submitted, "#confirm-passphrase")
    def create(self) -> None:
        passphrase = self.query_one("#new-passphrase", Input).value
        confirm = self.query_one("#confirm-passphrase", Input).value
        try:
            check_new_passphrase(passphrase, confirm)
        except PassphraseTooShort as exc:
            self.show_error(str(exc))
            return
        self.query_one("#create-status", Label).update("Creating your vault…")
        for field in self.query(Input):
            field.disabled = True
        self.gatekeeper.create_vault(passphrase)

    def show_error(self, message: str) -> None:
        status = self.query_one("#create-status", Label)
        status.update(message)
        status.set_classes("status error")
        for field in self.query(Input):
            field.disabled = False
        self.query_one("#confirm-passphrase", Input).value = ""
        self.query_one("#confirm-passphrase", Input).focus()
