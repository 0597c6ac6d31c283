"""Get help now (f1, from every screen): crisis lines and a plain statement of what the app is not."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from companion_tui.core.kernel import assets


class HelpNowScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpNowScreen { align: center middle; }
    HelpNowScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $error; background: $surface; padding: 0 2; overflow-y: auto;
    }
    HelpNowScreen .title { text-style: bold; color: $error; }
    HelpNowScreen .lines { margin: 1 0; }
    HelpNowScreen .foot { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "close", "Back", id="helpnow.close"),
        Binding("f1", "close", "Back", show=False, id="helpnow.close_f1"),
    ]

    def compose(self) -> ComposeResult:
        info = assets.crisis()
        width = max(len(line.region) for line in info.lines)
        rows = []
        last = None
        for line in info.lines:
            region = line.region if line.region != last else ""
            last = line.region
            rows.append(f"[b]{region:<{width}}[/]  [b $accent]{line.contact}[/] · {line.name}")
        with Vertical() as box:
            box.border_title = "Get help now"
            box.border_subtitle = "escape back"
            yield Static(info.intro, classes="title")
            yield Static("\n".join(rows), classes="lines", id="crisis-lines")
            yield Static(info.elsewhere)
            yield Static(info.not_for_emergencies, classes="foot", id="not-for-emergencies")

    def action_close(self) -> None:
        self.dismiss(None)
