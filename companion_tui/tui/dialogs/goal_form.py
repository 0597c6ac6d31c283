"""Add or edit a goal: title, why it matters, category, how often, a linked skill, start date
and (when editing) its status. Saving goes through a callback so the core's validation
messages can be shown right here; the form closes only once the goal is stored. What is typed
is kept as an encrypted draft if the app locks first (``open_goal_form`` offers it back)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static
from textual.widgets.select import InvalidSelectValueError

from companion_tui.core.goals.model import CATEGORIES, STATUSES, Goal, GoalDraft
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.tui.draft_keeper import DraftKeeper
from companion_tui.tui.host import HostModal, host_of, workspace_of

if TYPE_CHECKING:
    from companion_tui.core.workspace import Workspace

HOW_OFTEN = [(f"{n}× a week" if n > 1 else "once a week", f"weekly:{n}") for n in range(1, 8)]
HOW_OFTEN += [("every day", "daily"), ("just once", "once")]
FIELD_IDS = {"title": "title", "why": "why", "category": "category", "per_week": "often", "kind": "often",
             "skill_id": "skill", "start": "start", "status": "status"}


@dataclass(frozen=True)
class FormResult:
    draft: GoalDraft
    status: str | None = None  # only when editing


Save = Callable[[FormResult], object]


def often_value(kind: str, per_week: int) -> str:
    return kind if kind in ("daily", "once") else f"weekly:{per_week}"


def skill_choices(ws: Workspace) -> list[tuple[str, str]]:
    """(name, id) of every skill to link."""
    return [(s.name, s.id) for s in ws.skills.all()]


def skill_name(ws: Workspace, skill_id: str | None) -> str | None:
    return ws.skills.name_of(skill_id) if skill_id else None


def open_goal_form(screen: Screen[Any], goal_id: str | None = None,
                   on_done: Callable[[Any], None] | None = None) -> None:
    """Push the add (or edit) form; the core validates and stores; a draft is restored if there is one."""
    ws = workspace_of(screen.app)
    goal = ws.goals.get(goal_id) if goal_id else None
    name = f"goal-edit:{goal_id}" if goal_id else "goal-form"
    draft = ws.drafts.get(name)

    def save(result: FormResult) -> object:
        if goal is None:
            return ws.goals.add(result.draft)
        new = ws.goals.update(goal.id, result.draft)
        if result.status and result.status != new.status:
            new = ws.goals.set_status(goal.id, result.status)
        return new

    def done(saved: Any) -> None:
        if ws.drafts.get(name) is not None:
            ws.drafts.discard(name)
        if saved is not None:
            verb = "Saved" if goal else "Added"
            screen.notify(f"{verb} “{saved.title}” ({saved.target.label()}).")
        if on_done is not None:
            on_done(saved)

    screen.app.push_screen(
        GoalFormScreen(save, goal=goal, skills=skill_choices(ws), cap_note=None if goal else ws.goals.cap_note(),
                       state=draft.data if draft else None, today=host_of(screen.app).clock().date()),
        done,
    )


class GoalFormScreen(HostModal[object]):
    HELP_TITLE = "Goal form"
    DEFAULT_CSS = """
    GoalFormScreen { align: center middle; }
    GoalFormScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    GoalFormScreen #form-title { text-style: bold; color: $text-primary; }
    GoalFormScreen #cap-note { color: $text; background: $primary 15%; padding: 0 1; margin: 0 0 1 0; }
    GoalFormScreen VerticalScroll { height: auto; max-height: 16; }
    GoalFormScreen .row { height: auto; }
    GoalFormScreen .row Label { width: 16; padding: 0 1 0 0; color: $text-muted; }
    GoalFormScreen .row Input, GoalFormScreen .row Select { width: 1fr; }
    GoalFormScreen #errors { color: $text-error; height: auto; display: none; }
    GoalFormScreen #errors.-shown { display: block; }
    GoalFormScreen #buttons { height: auto; align-horizontal: right; }
    GoalFormScreen Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="goal_form.save"),
        Binding("escape", "cancel", "Cancel", id="goal_form.cancel"),
    ]

    def __init__(self, save: Save, *, goal: Goal | None = None, skills: list[tuple[str, str]] | None = None,
                 cap_note: str | None = None, state: dict | None = None, today: date | None = None) -> None:
        super().__init__()
        self._save = save
        self.goal = goal
        self.skills = skills  # (name, id) pairs, or None when skills aren't there
        self.cap_note = cap_note
        self._state = state
        self._today = today or date.today()
        self.drafts = DraftKeeper(self, self.draft_name, state=self.state, unsaved=lambda _: self.dirty())

    @property
    def draft_name(self) -> str:
        return f"goal-edit:{self.goal.id}" if self.goal else "goal-form"

    def compose(self) -> ComposeResult:
        g = self.goal
        with Vertical():
            yield Static("Edit goal" if g else "A new small goal", id="form-title")
            if self.cap_note:
                yield Static(self.cap_note, id="cap-note")
            with VerticalScroll():
                yield from self._row("Title", Input(g.title if g else "", placeholder="e.g. Walk 20 minutes",
                                                    id="title", compact=True, max_length=120))
                yield from self._row("Why it matters", Input(g.why if g else "", placeholder="optional",
                                                             id="why", compact=True))
                yield from self._row("Category", Select([(c, c) for c in CATEGORIES], value=g.category if g else "other",
                                                        allow_blank=False, id="category", compact=True))
                often = often_value(g.target.kind, g.target.per_week) if g else "weekly:1"
                yield from self._row("How often", Select(HOW_OFTEN, value=often, allow_blank=False, id="often",
                                                         compact=True))
                if self.skills is not None:
                    options = [("no skill", "")] + [(name, sid) for name, sid in self.skills]
                    value = g.skill_id if g and g.skill_id in {s for _, s in self.skills} else ""
                    yield from self._row("Linked skill", Select(options, value=value, allow_blank=False, id="skill",
                                                                compact=True))
                start = (g.start if g else self._today).isoformat()
                yield from self._row("Starts", Input(start, placeholder="YYYY-MM-DD", id="start", compact=True))
                if g is not None:
                    yield from self._row("Status", Select([(s, s) for s in STATUSES], value=g.status,
                                                          allow_blank=False, id="status", compact=True))
            yield Static("", id="errors")
            with Horizontal(id="buttons"):
                yield Button("Cancel (esc)", id="cancel", compact=True)
                label = "Save (ctrl+s)" if g else ("Add anyway (ctrl+s)" if self.cap_note else "Add (ctrl+s)")
                yield Button(label, id="save", variant="primary", compact=True)

    def _row(self, label: str, widget) -> ComposeResult:
        with Horizontal(classes="row"):
            yield Label(label)
            yield widget

    def on_mount(self) -> None:
        self.drafts.start()
        if self._state:
            self.load_state(self._state)
            self.drafts.owns = True  # restored from its draft: kept, or dropped once cleared
        self.query_one("#title", Input).focus()

    def on_unmount(self) -> None:
        self.drafts.stop()

    # -- state (for drafts) ---------------------------------------------------------------------

    def state(self) -> dict:
        out = {
            "title": self.query_one("#title", Input).value,
            "why": self.query_one("#why", Input).value,
            "category": self.query_one("#category", Select).value,
            "often": self.query_one("#often", Select).value,
            "start": self.query_one("#start", Input).value,
        }
        if self.skills is not None:
            out["skill"] = self.query_one("#skill", Select).value
        return out

    def load_state(self, state: dict) -> None:
        for key in ("title", "why", "start"):
            if isinstance(state.get(key), str):
                self.query_one(f"#{key}", Input).value = state[key]
        for key in ("category", "often", "skill"):
            value = state.get(key)
            if not self.query(f"#{key}"):
                continue
            select = self.query_one(f"#{key}", Select)
            try:
                select.value = value
            except InvalidSelectValueError:
                pass  # no longer one of the choices: keep the form's own

    def dirty(self) -> bool:
        g = self.goal
        if g is None:
            return bool(self.state()["title"].strip() or self.state()["why"].strip())
        return self.state()["title"] != g.title or self.state()["why"] != g.why

    # -- saving ---------------------------------------------------------------------------------

    def build(self) -> FormResult:
        s = self.state()
        often = str(s["often"])
        kind, _, n = often.partition(":")
        start_text = s["start"].strip()
        try:
            start = date.fromisoformat(start_text) if start_text else None
        except ValueError:
            raise ValidationError({"start": f"Can't read the start date {start_text!r}: use YYYY-MM-DD."}) from None
        draft = GoalDraft(title=s["title"], why=s["why"], category=str(s["category"]), kind=kind,
                          per_week=n or (7 if kind == "daily" else 1), skill_id=s.get("skill") or None, start=start)
        status = str(self.query_one("#status", Select).value) if self.goal is not None else None
        return FormResult(draft, status)

    def action_save(self) -> None:
        errors = self.query_one("#errors", Static)
        try:
            result = self._save(self.build())
        except ValidationError as exc:
            errors.update("\n".join(exc.errors.values()))
            errors.add_class("-shown")
            first = next(iter(exc.errors), None)
            widget_id = FIELD_IDS.get(first or "", "title")
            if self.query(f"#{widget_id}"):
                self.query_one(f"#{widget_id}").focus()
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()
