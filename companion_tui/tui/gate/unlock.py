"""The unlock screen: passphrase in, key derivation and loading in a worker, with progress."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Input, Label, ProgressBar, Static

from companion_tui.tui.gate.base import GateScreen
from companion_tui.tui.widgets.footer import KeysFooter

PROGRESS_EVERY = 0.2  # seconds between redraws of the progress bar while unlocking
BUSY_AFTER = 0.01  # seconds after enter before the screen shows that it is unlocking


class UnlockScreen(GateScreen):
    BINDINGS = [
        Binding("ctrl+r", "recover", "Use recovery key", id="unlock.recover"),
    ]

    _busy = False
    _shown_label = ""
    _latest: tuple[float, str] | None = None  # the unlock worker's last report
    _drawn: tuple[float, str] | None = None
    _sampler = None

    def compose(self) -> ComposeResult:
        with Center(id="gate"), Vertical(classes="card"):
            yield Static("companion", classes="brand")
            yield Static("Welcome back. Unlock your vault to continue.", classes="lead")
            yield Input(placeholder="Passphrase", password=True, id="passphrase")
            yield Label("", id="unlock-status", classes="status")
            yield ProgressBar(total=1.0, show_eta=False, show_percentage=False, id="unlock-progress")
            yield Static(
                "[b]enter[/] unlock   [b]ctrl+r[/] recovery key   [b]f1[/] get help now   [b]ctrl+q[/] quit",
                classes="hint",
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#unlock-progress").display = False
        self.query_one("#passphrase", Input).focus()

    @on(Input.Changed, "#passphrase")
    def typing(self, event: Input.Changed) -> None:
        if event.value:  # the time it takes to type is time to get the first pane ready
            self.call_after_refresh(self.gatekeeper.prepare_first_pane)

    @on(Input.Submitted, "#passphrase")
    def submit(self, event: Input.Submitted) -> None:
        if self._busy:
            return
        if not event.value:
            self.show_error("Type your passphrase, then press enter.")
            return
        self._busy = True
        self._latest = self._drawn = None
        self.gatekeeper.unlock(event.value)
        # Its thread can only start once this one lets go of the interpreter lock. Showing that it
        # runs (a restyle and a layout pass, ≈ 3 ms) waits a moment, for the key derivation to be
        # under way: it leaves this thread free (Argon2 runs without the lock).
        self.set_timer(BUSY_AFTER, self._show_busy)

    def _show_busy(self) -> None:
        if self._busy:  # (not when an error came first)
            self.busy(True)
            self._draw_progress()  # what the worker has reported so far ("Deriving your key…")

    def busy(self, busy: bool) -> None:
        self._busy = busy
        if not busy:
            self._latest = self._drawn = None
        if self._sampler is not None:
            self._sampler.stop()
            self._sampler = None
        if busy:
            self._sampler = self.set_interval(PROGRESS_EVERY, self._draw_progress)
        field = self.query_one("#passphrase", Input)
        field.disabled = busy
        bar = self.query_one("#unlock-progress", ProgressBar)
        bar.display = busy
        bar.update(progress=0.0)
        if busy:
            self._shown_label = "Unlocking…"
            self.query_one("#unlock-status", Label).update("Unlocking…")
            self.query_one("#unlock-status").set_classes("status")

    def report(self, fraction: float, label: str) -> None:
        """How far unlocking has got; called by the unlock worker, on its thread.

        Only noted here: the screen draws the latest report five times a second. Drawing on the
        worker's every report (and making it wait for that) took the UI thread away from the
        loading, which needs the same interpreter lock: ≈ 20 ms on a 10-year vault, and each
        draw still costs the loading ≈ 2 ms."""
        self._latest = (fraction, label)

    def _draw_progress(self) -> None:
        latest = self._latest
        if self._busy and latest is not None and latest != self._drawn:
            self._drawn = latest
            self.progress(*latest)

    def progress(self, fraction: float, label: str) -> None:
        self.query_one("#unlock-progress", ProgressBar).update(progress=fraction)
        if label != self._shown_label:
            self._shown_label = label
            # One short line in a full-width label: no layout pass needed (error messages, which
            # may wrap, go through show_error).
            self.query_one("#unlock-status", Label).update(label, layout=False)

    def show_error(self, message: str) -> None:
        self.busy(False)
        status = self.query_one("#unlock-status", Label)
        self._shown_label = message
        status.update(message)
        status.set_classes("status error")
        field = self.query_one("#passphrase", Input)
        field.value = ""
        field.focus()

    def unlocked(self) -> None:
        """The vault is open: this screen waits in the gate for the next lock (keeping it is cheaper
        than pruning it now and composing a new one then), without the passphrase."""
        if self._sampler is not None:
            self._sampler.stop()
            self._sampler = None
        self._busy = False
        self.query_one("#passphrase", Input).value = ""

    def reset(self) -> None:
        """Shown again on lock: ready for the passphrase."""
        self.busy(False)
        status = self.query_one("#unlock-status", Label)
        self._shown_label = ""
        status.update("")
        status.set_classes("status")
        self.query_one("#passphrase", Input).focus()

    def action_recover(self) -> None:
        from companion_tui.tui.gate.recover import RecoverScreen

        self.app.push_screen(RecoverScreen())
