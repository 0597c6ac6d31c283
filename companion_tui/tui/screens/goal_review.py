"""The weekly review: how each of last week's goals went, what to do with it next, and two
questions — what helped? what got in the way?

Saved with ctrl+s (decisions applied, answers to the journal as a "weekly review" entry when
the journal is there). esc means "not now": the review is marked as skipped so it isn't
offered again on every open this week; it can still be done on demand (r), and anything
typed is kept as an encrypted draft until then.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, Select, Static, TextArea

from companion_tui.core.goals.model import Target
from companion_tui.core.goals.review import DECISION_LABELS, DECISIONS, ReviewItem
from companion_tui.core.kernel.clock import week_start
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.tui.dialogs.goal_form import HOW_OFTEN
from companion_tui.tui.draft_keeper import DraftKeeper
from companion_tui.tui.host import HostScreen, host_of, workspace_of
from companion_tui.tui.widgets.footer import KeysFooter

DRAFT = "weekly-review"


def target_of(value: str) -> Target:
    kind, _, n = value.partition(":")
    return Target.daily() if kind == "daily" else Target.once() if kind == "once" else Target.weekly(int(n))


def open_review(screen: Screen[Any], week: date | None = None, on_done: Callable[[Any], None] | None = None) -> None:
    """Push the review of ``week`` (default: last week)."""
    ws = workspace_of(screen.app)
    if week is None:
        today = host_of(screen.app).clock().date()
        week = week_start(today, ws.settings.value.week_start) - timedelta(days=7)
    screen.app.push_screen(ReviewScreen(week), on_done)


class ReviewScreen(HostScreen[object]):
    TITLE = "Weekly review"
    DEFAULT_CSS = """
    ReviewScreen #review { padding: 0 2; }
    ReviewScreen #review-title { text-style: bold; color: $text-primary; margin-top: 1; }
    ReviewScreen .intro { color: $text-muted; margin-bottom: 1; }
    ReviewScreen .item { height: auto; margin-bottom: 0; }
    ReviewScreen .item-head { width: 1fr; height: auto; padding-right: 1; }
    ReviewScreen .item Select { width: 24; margin-left: 1; }
    ReviewScreen .item Select.target { width: 16; }
    ReviewScreen .item Select.target.-hidden { display: none; }
    ReviewScreen Label.question { margin-top: 1; text-style: bold; }
    ReviewScreen TextArea { height: 5; }
    ReviewScreen #where { color: $text-muted; margin-top: 1; }
    ReviewScreen #review-errors { color: $text-error; height: auto; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save review", id="review.save"),
        Binding("escape", "later", "Not now", id="review.later"),
    ]

    def __init__(self, week: date) -> None:
        super().__init__()
        self.week = week
        self.items: list[ReviewItem] = []
        self.drafts = DraftKeeper(self, DRAFT, state=self._answers, data=self._draft_data,
                                  unsaved=lambda answers: any(a.strip() for a in answers))

    def compose(self) -> ComposeResult:
        ws = self.ws
        first = self.week.weekday()
        today = self.host.clock().date()
        self.items = ws.reviews.items_for(ws.goals, self.week, first, today)
        old = ws.reviews.for_week(self.week)
        if old is not None and not old.skipped:
            chosen = {i.goal_id: i for i in old.items}
            self.items = [chosen.get(i.goal_id, i) for i in self.items]
        end = self.week + timedelta(days=6)
        yield Header()
        with VerticalScroll(id="review"):
            yield Static(f"Week of {self.week:%a %-d %b} – {end:%a %-d %b %Y}", id="review-title")
            yield Static("A few minutes to look back, kindly: what happened, and what you'd like next.",
                         classes="intro")
            if not self.items:
                yield Static("There were no active goals that week — the two questions are still worth a moment.")
            for n, item in enumerate(self.items):
                with Horizontal(classes="item"):
                    yield Static(self._head(item), classes="item-head")
                    options = [(DECISION_LABELS[d], d) for d in DECISIONS]
                    yield Select(options, value=item.decision, allow_blank=False, compact=True, id=f"decision-{n}")
                    target = item.new_target or item.target
                    yield Select(HOW_OFTEN, value=_often(target), allow_blank=False, compact=True,
                                 id=f"target-{n}", classes="target" + ("" if item.decision == "adjust" else " -hidden"))
            yield Label("What helped?", classes="question")
            yield TextArea(id="helped")
            yield Label("What got in the way?", classes="question")
            yield TextArea(id="hindered")
            where = "Your answers are saved in your journal as a weekly review."
            yield Static(where + "  ctrl+s saves · esc for later", id="where")
            yield Static("", id="review-errors")
        yield KeysFooter()

    def _head(self, item: ReviewItem) -> Text:
        line = Text()
        line.append(item.title, "bold")
        line.append(f"  {item.done}/{item.needed} ")
        if item.met:
            line.append("met ✓", "bold green")
        else:
            line.append("not this time", "dim")
        return line

    def on_mount(self) -> None:
        self.drafts.start()
        draft = self.drafts.stored()
        if draft and draft.data.get("week") == self.week.isoformat():
            self.drafts.restore_now(self._restore, say=False)
        first = self.query(Select).first() if self.items else self.query_one("#helped", TextArea)
        first.focus()

    @on(Select.Changed)
    def _decision_changed(self, event: Select.Changed) -> None:
        sid = event.select.id or ""
        if sid.startswith("decision-"):
            n = sid.removeprefix("decision-")
            self.query_one(f"#target-{n}", Select).set_class(event.value != "adjust", "-hidden")

    def chosen_items(self) -> list[ReviewItem]:
        out = []
        for n, item in enumerate(self.items):
            decision = str(self.query_one(f"#decision-{n}", Select).value)
            new_target = target_of(str(self.query_one(f"#target-{n}", Select).value)) if decision == "adjust" else None
            out.append(ReviewItem(item.goal_id, item.title, item.done, item.needed, item.target, decision, new_target))
        return out

    def _answers(self) -> tuple[str, str]:
        return self.query_one("#helped", TextArea).text, self.query_one("#hindered", TextArea).text

    def on_unmount(self) -> None:
        self.drafts.stop()

    def _restore(self, data: dict) -> None:
        self.query_one("#helped", TextArea).text = data.get("helped", "")
        self.query_one("#hindered", TextArea).text = data.get("hindered", "")

    def _draft_data(self, answers: tuple[str, str]) -> dict:
        helped, hindered = answers
        return {"week": self.week.isoformat(), "helped": helped, "hindered": hindered}

    def action_save(self) -> None:
        ws = self.ws
        helped, hindered = self._answers()
        try:
            review = ws.reviews.save(ws.goals, self.week, self.chosen_items(), helped, hindered,
                                     journal=ws.journal)
        except ValidationError as exc:
            self.query_one("#review-errors", Static).update("\n".join(exc.errors.values()))
            return
        self.drafts.discard()
        where = " Your answers are in your journal." if review.journal_id else ""
        self.notify(f"Review saved.{where} Here's to the week ahead.", title="Weekly review")
        self.dismiss(review)

    def action_later(self) -> None:
        ws = self.ws
        self.drafts.keep()
        if ws.reviews.for_week(self.week) is None:
            ws.reviews.skip(self.week)
        self.notify("No problem — press r in Goals whenever you'd like to do it.", title="Weekly review")
        self.dismiss(None)


def _often(target: Target) -> str:
    return target.kind if target.kind in ("daily", "once") else f"weekly:{target.per_week}"
