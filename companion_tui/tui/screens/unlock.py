"""The unlock screen: passphrase in, key derivation and loading in a worker, with progress."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, ProgressBar, Static


class UnlockScreen(Screen):
    BINDINGS = [
        Binding("ctrl+r", "recover", "Use recovery key", id="unlock.recover"),
    ]

    def compose(self) -> ComposeResult:
        with Center(id="gate"):
            with Vertical(classes="card"):
                yield Static("companion", classes="brand")
                yield Static("Welcome back. Unlock your vault to continue.", classes="lead")
                yield Input(placeholder="Passphrase", password=True, id="passphrase")
                yield Label("", id="unlock-status", classes="status")
                yield ProgressBar(total=1.0, show_eta=False, show_percentage=False, id="unlock-progress")
                yield Static(
                    "[b]enter[/] unlock   [b]ctrl+r[/] recovery key   [b]f1[/] get help now   [b]ctrl+q[/] quit",
                    classes="hint",
                )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#unlock-progress").display = False
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted, "#passphrase")
    def submit(self, event: Input.Submitted) -> None:
        if not event.value:
            self.show_error("Type your passphrase, then press enter.")
            return
        self.busy(True)
        self.app.unlock(event.value)  # type: ignore[attr-defined]

    def busy(self, busy: bool) -> None:
        field = self.query_one("#passphrase", Input)
        field.disabled = busy
        bar = self.query_one("#unlock-progress", ProgressBar)
        bar.display = busy
        bar.update(progress=0.0)
        if busy:
            self.query_one("#unlock-status", Label).update("Unlocking…")
            self.query_one("#unlock-status").set_classes("status")

    def progress(self, fraction: float, label: str) -> None:
        self.query_one("#unlock-progress", ProgressBar).update(progress=fraction)
        self.query_one("#unlock-status", Label).update(label)

    def show_error(self, message: str) -> None:
        self.busy(False)
        status = self.query_one("#unlock-status", Label)
        status.update(message)
        status.set_classes("status error")
        field = self.query_one("#passphrase", Input)
        field.value = ""
        field.focus()

    def action_recover(self) -> None:
        from companion_tui.tui.screens.recover import RecoverScreen

        self.app.push_screen(RecoverScreen())
