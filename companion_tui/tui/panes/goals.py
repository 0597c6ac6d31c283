"""Goals pane: this week's grid (tick with space), streaks and strength, add/edit, weekly review."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, Static

from companion_tui.core.goals.weeks import progress, week_grid
from companion_tui.core.kernel.clock import week_start
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.tui.dialogs.goal_form import open_goal_form, skill_name
from companion_tui.tui.panes.base import Pane
from companion_tui.tui.screens.goal_review import open_review
from companion_tui.tui.widgets.footer import KeysFooter
from companion_tui.tui.widgets.goal_detail import GoalDetail
from companion_tui.tui.widgets.goal_grid import GoalGrid


class GoalsScreen(Pane):
    TITLE = "Goals"
    CSS_PATH = "goals.tcss"
    BINDINGS = [
        Binding("a", "add", "Add goal", id="goals.add"),
        Binding("e", "edit", "Edit", id="goals.edit"),
        Binding("p", "pause", "Pause/resume", id="goals.pause"),
        Binding("left_square_bracket", "week(-1)", "Week before", id="goals.prev_week"),
        Binding("right_square_bracket", "week(1)", "Week after", id="goals.next_week"),
        Binding("w", "this_week", "This week", id="goals.this_week"),
        Binding("r", "review", "Weekly review", id="goals.review"),
        Binding("l", "all_goals", "All goals", id="goals.all"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.week_of: date | None = None  # None: the week with today in it

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="goals"):
            yield Static("", id="week-title")
            with Vertical(id="grid-panel", classes="panel"):
                yield GoalGrid(id="grid")
            with Vertical(id="detail-panel", classes="panel"):
                yield GoalDetail(id="detail")
            yield Static("", id="goals-note")
        yield KeysFooter()

    @property
    def today(self) -> date:
        return self.host.clock().date()

    @property
    def first_weekday(self) -> int:
        return self.ws.settings.value.week_start

    @property
    def grid(self) -> GoalGrid:
        return self.query_one("#grid", GoalGrid)

    def on_mount(self) -> None:
        self.grid.focus()
        self.refresh_grid()

    def on_screen_resume(self) -> None:
        self.refresh_if_changed()

    def refresh_data(self) -> None:
        self.refresh_grid()

    def refresh_grid(self, keep: str | None = None) -> None:
        if not self.unlocked:
            return
        today = self.today
        grid = week_grid(self.ws.goals, self.week_of or today, self.first_weekday, today)
        self.grid.show(grid, keep)
        title = self.query_one("#week-title", Static)
        title.update(f"[b]{grid.title()}[/]   [dim]\\[ ] other weeks · space ticks[/]")
        self._show_detail()
        paused = self.ws.goals.with_status("paused")
        note = self.query_one("#goals-note", Static)
        lines = []
        if paused:
            lines.append(f"Paused: {', '.join(g.title for g in paused)}  [dim](l to see all goals)[/]")
        if self.ws.reviews.due(self.ws.goals, self.first_weekday, today):
            lines.append("Last week's review is ready when you are: press [b]r[/].")
        note.update("\n".join(lines))
        self.mark_filled()

    def _show_detail(self) -> None:
        row = self.grid.selected_row
        detail = self.query_one("#detail", GoalDetail)
        if row is None:
            detail.show(None)
            return
        p = progress(self.ws.goals, row.goal, self.first_weekday, self.today)
        detail.show(p, skill_name(self.ws, row.goal.skill_id))

    @on(GoalGrid.Selected)
    def _selected(self) -> None:
        self._show_detail()

    @on(GoalGrid.Toggle)
    def _toggle(self, event: GoalGrid.Toggle) -> None:
        try:
            self.ws.goals.toggle(event.goal_id, event.day)
        except ValidationError as exc:
            self.notify(" ".join(exc.errors.values()), severity="warning")
            return
        self.refresh_grid(event.goal_id)

    # -- actions --------------------------------------------------------------------------------

    def action_week(self, step: int) -> None:
        week_of = (self.week_of or self.today) + timedelta(days=7 * step)
        same = week_start(week_of, self.first_weekday) == week_start(self.today, self.first_weekday)
        self.week_of = None if same else week_of
        self.refresh_grid()

    def action_this_week(self) -> None:
        self.week_of = None
        self.refresh_grid()

    def action_add(self) -> None:
        open_goal_form(self, on_done=lambda g: self.refresh_grid(g.id if g else None))

    def action_edit(self) -> None:
        row = self.grid.selected_row
        if row is None:
            self.notify("There is no goal here to edit yet: press a to add one.")
            return
        open_goal_form(self, row.goal.id, on_done=lambda g: self.refresh_grid(row.goal.id))

    def action_pause(self) -> None:
        row = self.grid.selected_row
        if row is None:
            return
        goal = row.goal
        new = "active" if goal.status == "paused" else "paused"
        self.ws.goals.set_status(goal.id, new)
        self.notify(f"“{goal.title}” is {'back on' if new == 'active' else 'paused — it will be here when you want it'}.")
        self.refresh_grid(goal.id)

    def action_review(self) -> None:
        open_review(self, on_done=lambda _: self.refresh_grid())

    def action_all_goals(self) -> None:
        from companion_tui.tui.dialogs.goal_list import GoalListScreen

        def chosen(goal_id: str | None) -> None:
            self.refresh_grid()
            if goal_id:
                open_goal_form(self, goal_id, on_done=lambda g: self.refresh_grid(goal_id))

        self.app.push_screen(GoalListScreen(), chosen)

    # -- asked from elsewhere (the palette, Today) ----------------------------------------------

    OPENS: ClassVar[frozenset[str]] = frozenset({"add", "review"})
    #: Goals and ticks, reviews, linked skills (ticked by practices), the week's first day.
    SHOWS: ClassVar[tuple[str, ...]] = ("settings", "skills", "practices", "goals", "reviews")

    def open_for(self, what: str, came_from: str) -> None:
        if what == "add":
            self.action_add()
        elif what == "review":
            self.action_review()


PANE = GoalsScreen
