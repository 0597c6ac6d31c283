"""Today: everything for the daily minute on one screen (80×24 and up).

Cards, in tab order: check-in (status, 14-day sparkline, days this week, this week's mood
next to last week's; enter or c checks in) · this week's goals (space ticks today) · the
prompt of the day (journal) · a suggested skill (skills). The last two are other areas'
widgets (``widgets.today_prompt``, ``widgets.today_skill``).

On the first open of a new week, when last week had goals, the weekly review opens once.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import timedelta
from itertools import takewhile
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ItemGrid, Vertical, VerticalScroll
from textual.widgets import Header, Static

from companion_tui.core.goals.weeks import week_grid
from companion_tui.core.insights.trends import week_vs_last
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.tui.panes.base import Pane
from companion_tui.tui.screens.goal_review import open_review
from companion_tui.tui.widgets.footer import KeysFooter
from companion_tui.tui.widgets.goal_today import TodayGoals
from companion_tui.tui.widgets.mood_spark import BLOCKS, GAP, mood_style, spark_text
from companion_tui.tui.widgets.today_prompt import TodayPrompt
from companion_tui.tui.widgets.today_skill import TodaySkillCard


def greeting(hour: int) -> str:
    if hour < 5:
        return "Still up"
    if hour < 12:
        return "Good morning"
    if hour < 18:
        return "Good afternoon"
    return "Good evening"


def week_spark(means: list[float | None], first, today) -> Text:
    """Two cells a day (so 14 days fit a half-width card): a block per day, a dot for no check-in,
    one-letter day names below with today in bold."""
    bars, days = Text(), Text(style="dim")
    for i, mean in enumerate(means):
        day = first + timedelta(days=i)
        if mean is None:
            bars.append(GAP + " ", "dim")
        else:
            index = min(len(BLOCKS) - 1, max(0, round((mean - 1) / 9 * (len(BLOCKS) - 1))))
            bars.append(BLOCKS[index] + " ", mood_style(mean))
        days.append(f"{day:%a}"[0] + " ", "bold not dim" if day == today else "")
    return Text("\n").join([bars, days])


class TodaySpark(Static):
    """The 14-day sparkline: three cells a day when the card is wide enough, else two.

    Filled before the pane's first layout, so it draws itself again once it knows its width."""

    _data: tuple | None = None
    _drawn_wide: bool | None = None

    def show(self, means: list[float | None], first, today) -> None:
        self._data = (means, first, today)
        self._draw()

    def _wide(self) -> bool:
        return self.size.width >= 14 * 3

    def _draw(self) -> None:
        if self._data is None:
            return
        means, first, today = self._data
        self._drawn_wide = self._wide()
        self.update(spark_text(means, first) if self._drawn_wide else week_spark(means, first, today))

    def on_resize(self) -> None:
        if self._data is not None and self._wide() != self._drawn_wide:
            self._draw()


class CheckInCard(Vertical, can_focus=True):
    """The check-in card: focusable, enter checks in."""

    HELP_TITLE = "Check-in card"
    BINDINGS = [Binding("enter", "app.pane('mood', 'new')", "Check in", show=False, id="today.checkin_card")]


class TodayScreen(Pane):
    TITLE = "Today"
    CSS_PATH = "today.tcss"
    BINDINGS = [
        Binding("c", "app.pane('mood', 'new')", "Check in", id="today.checkin"),
        Binding("w", "app.pane('journal', 'write_today')", "Write", id="today.write"),
        Binding("r", "review", "Weekly review", id="today.review"),
        Binding("k", "app.pane('skills', 'suggested')", "Suggested skill", id="today.skill"),
    ]

    #: Every card: check-ins, goals and their review, the prompt of the day, a skill to try.
    SHOWS: ClassVar[tuple[str, ...]] = ("settings", "moods", "prompts", "journal", "skills", "practices", "goals",
                                        "reviews")

    def __init__(self) -> None:
        super().__init__()
        self._review_offered = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="today", can_focus=False):
            yield Static("", id="greeting", classes="greeting")
            with ItemGrid(classes="today-row"):
                with CheckInCard(classes="card", id="checkin-card") as card:
                    card.border_title = "Check-in"
                    yield Static("", id="checkin-status")
                    yield TodaySpark("", id="spark")
                    yield Static("", id="week-count", classes="muted")
                    yield Static("", id="mood-week", classes="muted")
                with Vertical(classes="card", id="goals-card") as card:
                    card.border_title = "This week's goals"
                    card.border_subtitle = "space ticks today"
                    yield TodayGoals(id="today-goals")
                    yield Static("", id="goals-note", classes="muted")
            with ItemGrid(classes="today-row", id="extras-row"):
                with Vertical(classes="card", id="prompt-card") as card:
                    card.border_title = "Prompt of the day"
                    yield TodayPrompt()
                with Vertical(classes="card", id="skill-card") as card:
                    card.border_title = "A skill to try"
                    yield TodaySkillCard()
        yield KeysFooter()

    # Cards are filled by on_screen_resume, which also runs when the pane is first shown (or,
    # when the pane was built while the passphrase was typed, by the app just before showing it:
    # refresh_data, the Pane hook).

    def on_screen_resume(self) -> None:
        # Textual sends two in a row when the pane is first shown (creating the mode, switching to
        # it): the second finds nothing changed.
        self.refresh_if_changed()
        if not self._review_offered:
            self.call_after_refresh(self._offer_review)

    def data_stamp(self) -> Hashable:
        return (super().data_stamp(), self.host.clock().hour)  # the greeting follows the hour

    def refresh_data(self) -> None:
        if not self.unlocked:
            return
        ws = self.ws
        self.mark_filled()
        now = self.host.clock()
        today = now.date()
        first_weekday = ws.settings.value.week_start
        self.query_one("#greeting", Static).update(f"[b]{greeting(now.hour)}.[/]  {today:%A %-d %B %Y}")
        self._checkin(today, first_weekday)
        grid = week_grid(ws.goals, today, first_weekday, today)
        self.query_one("#today-goals", TodayGoals).show(grid)
        note = self.query_one("#goals-note", Static)
        due = ws.reviews.due(ws.goals, first_weekday, today)
        note.update("Last week's review is ready: press [b]r[/]." if due else "")
        note.display = bool(due)

    def _checkin(self, today, first_weekday: int) -> None:
        ws = self.ws
        todays = ws.moods.on_day(today)
        status = self.query_one("#checkin-status", Static)
        if todays:
            last = todays[0]
            n = len(todays)
            line = Text(f"You checked in {n} time{'s' if n > 1 else ''} today.\n")
            line.append(f"{'Latest' if n > 1 else 'At'} {last.at:%H:%M}  ", "dim")
            line.append(f"{last.score}/10", mood_style(last.score))
            if last.emotions:
                line.append(f"  {', '.join(last.emotions[:3])}")
            status.update(line)
        else:
            status.update("You haven't checked in today. Press [b]c[/] to check in.")
        first = today - timedelta(days=13)
        self.query_one("#spark", TodaySpark).show(ws.moods.daily_means(first, today), first, today)
        days = ws.moods.days_checked_in_week(today, first_weekday)
        self.query_one("#week-count", Static).update(
            f"Checked in on {days} day{'s' if days != 1 else ''} this week."
        )
        # Only the last two weeks matter: newest first, stop past them (with a day's margin for
        # check-ins made at other UTC offsets) rather than index ten years of check-ins.
        since = today - timedelta(days=15)
        recent = takewhile(lambda c: c.day >= since, ws.moods.newest_first())
        self.query_one("#mood-week", Static).update(week_vs_last(recent, today, first_weekday).sentence())

    @on(TodayGoals.Toggle)
    def _tick(self, event: TodayGoals.Toggle) -> None:
        try:
            ticked = self.ws.goals.toggle(event.goal_id, event.day)
        except ValidationError as exc:
            self.notify(" ".join(exc.errors.values()), severity="warning")
            return
        if ticked:
            self.notify(f"Ticked “{self.ws.goals.get(event.goal_id).title}” for today.", timeout=2)
        self.refresh_data()

    # -- the weekly review ----------------------------------------------------------------------

    def _offer_review(self) -> None:
        """Open last week's review once, on the first open of a new week."""
        if not self.unlocked or self._review_offered or self.app.screen is not self:
            return
        ws = self.ws
        self._review_offered = True
        today = self.host.clock().date()
        if ws.reviews.due(ws.goals, ws.settings.value.week_start, today):
            self.action_review()

    def action_review(self) -> None:
        open_review(self, on_done=lambda _: self.refresh_data())


PANE = TodayScreen
