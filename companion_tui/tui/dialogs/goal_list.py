"""All goals, whatever their status: enter edits one, p pauses or resumes it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from companion_tui.tui.host import HostModal

STATUS_ORDER = {"active": 0, "paused": 1, "done": 2, "archived": 3}


class GoalListScreen(HostModal[str | None]):
    HELP_TITLE = "All goals"
    DEFAULT_CSS = """
    GoalListScreen { align: center middle; }
    GoalListScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    GoalListScreen #list-title { text-style: bold; color: $text-primary; }
    GoalListScreen OptionList { height: auto; max-height: 16; border: none; }
    GoalListScreen .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("p", "pause", "Pause/resume", id="goal_list.pause"),
        Binding("escape", "close", "Back", id="goal_list.close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("All goals", id="list-title")
            yield OptionList(id="goal-options")
            yield Static("enter edit (status too) · p pause/resume · esc back", classes="hint")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self, keep: str | None = None) -> None:
        ws = self.ws
        goals = sorted(ws.goals.all(), key=lambda g: STATUS_ORDER.get(g.status, 9))
        options = self.query_one(OptionList)
        options.clear_options()
        if not goals:
            options.add_option(Option(Text("No goals yet — press esc, then a to add one.", "dim"), disabled=True))
            return
        for g in goals:
            line = Text()
            line.append(f"{g.title}", "bold" if g.status == "active" else "")
            line.append(f"  {g.target.label()} · {g.category}", "dim")
            line.append(f"  [{g.status}]", "green" if g.status == "active" else "dim")
            options.add_option(Option(line, id=g.id))
        if keep:
            options.highlighted = options.get_option_index(keep)
        else:
            options.highlighted = 0

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pause(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        goal_id = options.get_option_at_index(options.highlighted).id
        if goal_id is None:
            return
        ws = self.ws
        goal = ws.goals.get(goal_id)
        if goal.status not in ("active", "paused"):
            self.notify(f"“{goal.title}” is {goal.status}; press enter to change its status.")
            return
        ws.goals.set_status(goal_id, "active" if goal.status == "paused" else "paused")
        self._fill(goal_id)

    def action_close(self) -> None:
        self.dismiss(None)
