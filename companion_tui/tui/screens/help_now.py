"""Get help now (f1, from every screen): crisis lines and a plain statement of what the app is not."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from companion_tui.core import assets


class HelpNowScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpNowScreen { align: center middle; }
    HelpNowScreen > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $error; background: $surface; padding: 1 2;
    }
    HelpNowScreen .title { text-style: bold; color: $error; margin-bottom: 1; }
    HelpNowScreen .line { margin-bottom: 0; }
    HelpNowScreen .region { text-style: bold; margin-top: 1; }
    HelpNowScreen .foot { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape", "close", "Back", id="helpnow.close"),
        Binding("f1", "close", "Back", show=False, id="helpnow.close_f1"),
    ]

    def compose(self) -> ComposeResult:
        info = assets.crisis()
        with VerticalScroll():
            yield Static("Get help now", classes="title")
            yield Static(info.intro)
            region = None
            for line in info.lines:
                if line.region != region:
                    region = line.region
                    yield Static(region, classes="region")
                yield Static(f"  [b]{line.contact}[/] — {line.name}. {line.notes}".rstrip(), classes="line")
            yield Static(info.elsewhere, classes="region")
            yield Static(info.not_for_emergencies, classes="foot", id="not-for-emergencies")
            yield Static("[b]escape[/] back", classes="foot")

    def action_close(self) -> None:
        self.dismiss(None)
