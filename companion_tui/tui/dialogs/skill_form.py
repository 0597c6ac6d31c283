"""Add or edit one of your own skills (for example one your therapist taught you)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Input, Select, Static, TextArea

from companion_tui.core.kernel import assets
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.skills.catalogue import EXERCISES, Skill, SkillDraft
from companion_tui.tui.host import HostModal


class SkillFormScreen(HostModal[Skill | None]):
    DEFAULT_CSS = """
    SkillFormScreen { align: center middle; }
    SkillFormScreen > VerticalScroll {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 2;
    }
    SkillFormScreen .question { margin-top: 1; color: $text-muted; }
    SkillFormScreen #steps { height: 6; }
    SkillFormScreen #minutes { width: 12; }
    SkillFormScreen #skill-errors { color: $error; height: auto; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="skills.skill_form.save"),
        Binding("escape", "cancel", "Cancel", id="skills.skill_form.cancel"),
    ]

    def __init__(self, skill: Skill | None = None) -> None:
        super().__init__()
        self.skill = skill

    def compose(self) -> ComposeResult:
        s = self.skill
        with VerticalScroll():
            yield Static("[b]Edit your skill[/]" if s else "[b]Add your own skill[/]")
            yield Static("", id="skill-errors")
            yield Static("Name", classes="question")
            yield Input(s.name if s else "", placeholder="e.g. Safe place imagery", id="name")
            yield Static("Category", classes="question")
            yield Select([(label, cid) for cid, label in assets.skill_categories()], allow_blank=False,
                         value=s.category if s else "other", id="category")
            yield Static("When it helps", classes="question")
            yield Input(s.when if s else "", placeholder="e.g. when I can't switch off at night", id="when")
            yield Static("Steps — one per line", classes="question")
            yield TextArea("\n".join(s.steps) if s else "", id="steps")
            yield Static("Typical minutes", classes="question")
            yield Input(str(s.minutes or "") if s else "", type="integer", id="minutes")
            yield Static("Guided exercise it starts", classes="question")
            yield Select([(label, key) for key, label in EXERCISES.items()], allow_blank=False,
                         value=s.exercise if s else "", id="exercise")
            yield Static("[b]ctrl+s[/] save  ·  [b]escape[/] cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def action_save(self) -> None:
        ws = self.ws
        draft = SkillDraft(
            name=self.query_one("#name", Input).value,
            category=str(self.query_one("#category", Select).value),
            when=self.query_one("#when", Input).value,
            steps=self.query_one("#steps", TextArea).text,
            minutes=self.query_one("#minutes", Input).value,
            exercise=str(self.query_one("#exercise", Select).value),
        )
        try:
            saved = ws.skills.update(self.skill.id, draft) if self.skill else ws.skills.add(draft)
        except ValidationError as exc:
            self.query_one("#skill-errors", Static).update("\n".join(exc.errors.values()))
            return
        self.notify(escape(saved.name), title="Skill updated" if self.skill else "Skill added")
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)
