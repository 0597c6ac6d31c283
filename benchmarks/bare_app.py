"""The baseline for key → frame figures: a bare Textual app with six panes, nothing else.

    python -m benchmarks.bare_app

Six modes (``m j g s i d`` switch to them with ``switch_mode``), each a screen with a header,
a dozen Statics, an Input and a 200-row DataTable: about what a pane of companion_tui
draws, with none of its work. ``benchmarks.bench_keys`` drives it in a pseudo-terminal the
same way as the real app, in the same run, so ``key_pane_switch_ratio`` compares like with
like on the same machine at the same load. ``ctrl+q`` quits.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

#: mode name → (key, title shown in the header, a text only this pane shows)
PANES = {
    "today": ("d", "Bare Today", "bare pane today"),
    "mood": ("m", "Bare Mood", "bare pane mood"),
    "journal": ("j", "Bare Journal", "bare pane journal"),
    "goals": ("g", "Bare Goals", "bare pane goals"),
    "skills": ("s", "Bare Skills", "bare pane skills"),
    "insights": ("i", "Bare Insights", "bare pane insights"),
}


class BarePane(Screen):
    AUTO_FOCUS = "DataTable"
    DEFAULT_CSS = """
    BarePane #statics { width: 40; }
    BarePane Static { height: 1; }
    BarePane DataTable { height: 1fr; }
    """

    def __init__(self, name: str) -> None:
        super().__init__(name=name)
        self.pane = name
        self.title = PANES[name][1]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="statics"):
                yield Static(PANES[self.pane][2])
                for i in range(1, 12):
                    yield Static(f"{self.pane} label {i}: some text to draw")
                yield Input(placeholder=f"type in {self.pane}")
            yield DataTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("day", "time", "score", "words", "note")
        table.add_rows(
            (f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", f"{8 + i % 14:02d}:{i % 60:02d}", str(1 + i % 10), str(37 * i % 900),
             f"{self.pane} row {i}")
            for i in range(200)
        )  # fmt: skip


class BareApp(App):
    MODES = {name: (lambda name=name: BarePane(name)) for name in PANES}
    DEFAULT_MODE = "today"
    BINDINGS = [Binding(key, f"switch_mode({name!r})", title) for name, (key, title, _) in PANES.items()]


if __name__ == "__main__":
    BareApp().run()
