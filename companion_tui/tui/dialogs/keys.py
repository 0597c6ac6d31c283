"""The `?` help screen: every key that works right now, grouped by where it applies.

"Everywhere" is the app's keys as the app gives them (its own and, from the pane registry, one
per pane); then the pane's, and those of the widgets on it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def _describe(app: App, bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    rows = []
    seen = set()
    for one in bindings:
        b = one if isinstance(one, Binding) else Binding(*one)
        if not b.description or b.key in seen:
            continue
        seen.add(b.key)
        keys = " / ".join(app.get_key_display(one) for one in Binding.make_bindings([b]))
        rows.append((keys, b.description))
    return rows


class KeysScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    KeysScreen { align: center middle; }
    KeysScreen > Vertical {
        width: 70; max-width: 100%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 2; overflow-y: auto;
    }
    KeysScreen .group { text-style: bold; color: $accent; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,question_mark", "close", "Back", id="keys.close")]

    def __init__(self, pane: Screen | None, everywhere: Sequence[Binding]) -> None:
        super().__init__()
        self.pane = pane
        self.everywhere = everywhere

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Keys", classes="group")
            yield Static("Everything has a key. [b]ctrl+p[/] finds any action by name.")
            groups = [("Everywhere", _describe(self.app, self.everywhere))]
            if self.pane is not None:
                title = self.pane.title or type(self.pane).__name__
                groups.append((f"This pane ({title})", _describe(self.app, self.pane.BINDINGS)))
                seen_types = set()
                for widget in self.pane.query("*"):
                    kind = type(widget)
                    if kind in seen_types or not kind.__module__.startswith("companion_tui"):
                        continue
                    seen_types.add(kind)
                    rows = _describe(self.app, kind.BINDINGS)
                    if rows:
                        groups.append((getattr(widget, "HELP_TITLE", kind.__name__), rows))
            for title, rows in groups:
                if not rows:
                    continue
                yield Static(title, classes="group")
                width = max(len(k) for k, _ in rows)
                yield Static("\n".join(f"  [b]{k.ljust(width)}[/]  {d}" for k, d in rows))

    def action_close(self) -> None:
        self.dismiss(None)
