"""Log a practice by hand, or edit one: skill, when, situation, distress, helped, notes, therapy.

Exercise details (a thought record, grounding answers, breathing timing) are kept as they
are when the other fields are edited. A new practice's typed content is kept as an
encrypted draft (by a ``DraftKeeper``) when the app locks, and is back when the form opens.
"""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from companion_tui.core.kernel.errors import NotFound, ValidationError
from companion_tui.core.kernel.when import parse_when
from companion_tui.core.skills.practice import Practice, PracticeDraft
from companion_tui.tui.draft_keeper import DraftKeeper
from companion_tui.tui.host import HostModal
from companion_tui.tui.screens.skill_exercise import practice_summary
from companion_tui.tui.widgets.skill_pickers import DistressPicker, HelpedPicker

DRAFT = "skill-practice-form"
AT_FORMAT = "%Y-%m-%d %H:%M"


class PracticeFormScreen(HostModal[Practice | None]):
    DEFAULT_CSS = """
    PracticeFormScreen { align: center middle; }
    PracticeFormScreen > VerticalScroll {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 2;
    }
    PracticeFormScreen .question { margin-top: 1; color: $text-muted; }
    PracticeFormScreen .row { height: auto; }
    PracticeFormScreen .row > Input { width: 1fr; background: $boost; }
    PracticeFormScreen .row > Input:focus { background: $primary 25%; }
    PracticeFormScreen .row > #at { width: 18; margin-right: 1; }
    PracticeFormScreen #skill { background: $boost; }
    PracticeFormScreen #notes { height: 4; }
    PracticeFormScreen #form-errors { color: $error; height: auto; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="skills.practice_form.save"),
        Binding("escape", "cancel", "Cancel", id="skills.practice_form.cancel"),
    ]

    def __init__(self, practice: Practice | None = None, skill_id: str | None = None) -> None:
        super().__init__()
        self.practice = practice
        self.skill_id = practice.skill_id if practice else skill_id
        # Only a new practice is kept as a draft (an edit is either saved or not).
        self.drafts = DraftKeeper(self, DRAFT, state=self.state,
                                  unsaved=lambda state: self.practice is None and state != self.drafts.baseline)

    def compose(self) -> ComposeResult:
        ws = self.ws
        skills = ws.skills.all()
        if self.skill_id and self.skill_id not in {s.id for s in skills} and self.skill_id in ws.skills:
            skills.append(ws.skills.get(self.skill_id))  # an archived skill being edited
        options = [(f"{s.name}  ·  {s.category_label}", s.id) for s in skills]
        with VerticalScroll():
            yield Static("[b]Edit practice[/]" if self.practice else "[b]Log a practice[/]", id="form-title")
            yield Static("", id="form-errors")
            yield Static("Skill", classes="question")
            yield Select(options, prompt="Choose a skill", value=self.skill_id or Select.NULL, id="skill", compact=True)
            yield Static("When (YYYY-MM-DD HH:MM) and the situation or trigger", classes="question")
            with Horizontal(classes="row"):
                yield Input(id="at", classes="short-at", compact=True)
                yield Input(placeholder="what was going on (optional)", id="situation", compact=True)
            yield Static("Distress before (0–10)", classes="question")
            yield DistressPicker(id="before")
            yield Static("Distress after", classes="question")
            yield DistressPicker(id="after")
            yield Static("How much did it help?", classes="question")
            yield HelpedPicker(id="helped")
            yield Static("Notes — what worked, what didn't (for you or your therapist)", classes="question")
            yield TextArea(id="notes")
            yield Checkbox("Bring to therapy", id="therapy")
            yield Static("[b]ctrl+s[/] save  ·  [b]escape[/] cancel", classes="hint")

    def on_mount(self) -> None:
        self.drafts.start()
        p = self.practice
        at = p.at if p else self.host.clock()
        self.query_one("#at", Input).value = f"{at:{AT_FORMAT}}"
        if p:
            self.query_one("#situation", Input).value = p.situation
            self.query_one("#before", DistressPicker).value = p.before
            self.query_one("#after", DistressPicker).value = p.after
            self.query_one("#helped", HelpedPicker).level = p.helped
            self.query_one("#notes", TextArea).load_text(p.notes)
            self.query_one("#therapy", Checkbox).value = p.therapy
        self.drafts.mark_clean()
        if p is None:
            self.drafts.restore_now(self.set_state)
        self.query_one("#skill" if not self.skill_id else "#before").focus()

    def state(self) -> dict:
        skill = self.query_one("#skill", Select).value
        return {
            "skill": None if skill is Select.NULL else skill,
            "at": self.query_one("#at", Input).value,
            "situation": self.query_one("#situation", Input).value,
            "before": self.query_one("#before", DistressPicker).value,
            "after": self.query_one("#after", DistressPicker).value,
            "helped": self.query_one("#helped", HelpedPicker).level,
            "notes": self.query_one("#notes", TextArea).text,
            "therapy": self.query_one("#therapy", Checkbox).value,
        }

    def set_state(self, s: dict) -> None:
        if s.get("skill") in self.ws.skills:
            self.query_one("#skill", Select).value = s["skill"]
        self.query_one("#at", Input).value = s.get("at", "")
        self.query_one("#situation", Input).value = s.get("situation", "")
        self.query_one("#before", DistressPicker).value = s.get("before")
        self.query_one("#after", DistressPicker).value = s.get("after")
        self.query_one("#helped", HelpedPicker).level = s.get("helped")
        self.query_one("#notes", TextArea).load_text(s.get("notes", ""))
        self.query_one("#therapy", Checkbox).value = bool(s.get("therapy"))

    def on_unmount(self) -> None:
        self.drafts.stop()

    def draft(self) -> PracticeDraft:
        s = self.state()
        errors = {}
        at: datetime | None = None
        try:  # what the journal's date field reads: 2026-11-24 21:30, yesterday 22:00, 21:30
            keep = self.practice.at.time() if self.practice else None
            at = parse_when(s["at"], self.host.clock(), keep)
            if self.practice and f"{self.practice.at:{AT_FORMAT}}" == s["at"].strip():
                at = self.practice.at  # unchanged: keep its seconds and offset
        except ValidationError as exc:
            errors["at"] = exc.errors["at"]
        if errors:
            raise ValidationError(errors)
        return PracticeDraft(
            skill_id=s["skill"] or "", at=at, situation=s["situation"], before=s["before"], after=s["after"],
            helped=s["helped"], notes=s["notes"], therapy=s["therapy"],
            details=self.practice.details if self.practice else None,
        )

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        try:
            draft = self.draft()
            if self.practice is None:
                saved = self.ws.practices.add(draft)
            else:
                saved = self.ws.practices.update(self.practice.id, draft)
        except ValidationError as exc:
            self.query_one("#form-errors", Static).update("\n".join(exc.errors.values()))
            return
        except NotFound:
            self.notify("That practice no longer exists.", severity="error")
            self.dismiss(None)
            return
        if self.practice is None:
            self.drafts.discard()
        name = self.ws.skills.name_of(saved.skill_id)
        self.notify(f"{escape(name)} · {practice_summary(saved)}",
                    title="Practice updated" if self.practice else "Practice saved")
        self.dismiss(saved)

    def action_cancel(self) -> None:
        if self.practice is None:
            self.drafts.discard()
        self.dismiss(None)
