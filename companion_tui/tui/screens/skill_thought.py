"""The thought record: situation, automatic thought, emotions 0–100, thinking traps, evidence
for and against, a balanced thought, emotions re-rated — saved as a "Challenge a thought" practice.

One scrolling form (tab moves on, ctrl+s saves). What is typed is kept as an encrypted draft
a couple of seconds after each change and when the app locks; it comes back next time.
Opened with a practice, it edits that practice.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Header, Input, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from companion_tui.core.kernel import assets
from companion_tui.core.kernel.errors import NotFound, ValidationError
from companion_tui.core.skills.catalogue import Skill
from companion_tui.core.skills.practice import Practice, PracticeDraft
from companion_tui.tui.dialogs.confirm import ConfirmScreen
from companion_tui.tui.draft_keeper import DraftKeeper
from companion_tui.tui.host import HostScreen
from companion_tui.tui.screens.skill_exercise import practice_summary
from companion_tui.tui.widgets.footer import KeysFooter
from companion_tui.tui.widgets.skill_pickers import DistressPicker, HelpedPicker

DRAFT = "skill-thought-record"
ROWS = 3
AUTOSAVE_SECONDS = 2.0
TEXTS = ("thought", "evidence-for", "evidence-against", "balanced")


class ThoughtRecordScreen(HostScreen[Practice | None]):
    TITLE = "Thought record"
    CSS_PATH = "skill_thought.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="skills.thought.save"),
        Binding("escape", "back", "Back", id="skills.thought.back"),
    ]

    def __init__(self, skill: Skill, practice: Practice | None = None) -> None:
        super().__init__()
        self.skill = skill
        self.practice = practice
        self.draft_name = DRAFT if practice is None else f"{DRAFT}:{practice.id}"
        self._loading = False
        self.drafts = DraftKeeper(self, self.draft_name, state=self.state, idle=AUTOSAVE_SECONDS)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="thought-form"):
            title = "Edit thought record" if self.practice else "Thought record — challenge a thought"
            yield Static(f"[b]{title}[/]", classes="exercise-title")
            yield Static("", id="thought-errors", classes="error")
            yield Static("How distressed do you feel right now? (0–10, optional)", classes="question")
            yield DistressPicker(id="before")
            yield Static("1 · The situation — where were you, what was happening?", classes="question")
            yield Input(id="situation", compact=True)
            yield Static("2 · The automatic thought — what went through your mind?", classes="question")
            yield TextArea(id="thought", classes="short-text")
            yield Static("3 · Emotions, and how strong each one is (0–100)", classes="question")
            for i in range(ROWS):
                with Horizontal(classes="row"):
                    yield Input(placeholder="e.g. anxious", id=f"emo-name-{i}", compact=True)
                    yield Input(placeholder="0–100", type="integer", id=f"emo-before-{i}", classes="short", compact=True)
            yield Static("4 · Thinking traps that might fit (space picks)", classes="question")
            yield SelectionList[str](*[Selection(d.name, d.id) for d in assets.distortions()], id="distortions")
            yield Static("", id="trap-help", classes="hint")
            yield Static("5 · Evidence for the thought", classes="question")
            yield TextArea(id="evidence-for", classes="short-text")
            yield Static("6 · Evidence against the thought", classes="question")
            yield TextArea(id="evidence-against", classes="short-text")
            yield Static("7 · A more balanced thought", classes="question")
            yield TextArea(id="balanced", classes="short-text")
            yield Static("8 · Re-rate the emotions now (0–100)", classes="question")
            for i in range(ROWS):
                with Horizontal(classes="row"):
                    yield Static("", id=f"emo-label-{i}", classes="label")
                    yield Input(placeholder="0–100", type="integer", id=f"emo-after-{i}", classes="short", compact=True)
            yield Static("How distressed do you feel now?", classes="question")
            yield DistressPicker(id="after")
            yield Static("How much did it help?", classes="question")
            yield HelpedPicker(id="helped")
            yield Static("Notes", classes="question")
            yield Input(placeholder="optional", id="notes", compact=True)
            yield Checkbox("Bring to therapy", id="therapy")
            yield Static("[b]ctrl+s[/] save  ·  [b]escape[/] back", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.drafts.start()
        if self.practice is not None:
            self.set_state(state_of(self.practice))
        self.drafts.mark_clean()
        self.drafts.restore_now(self.set_state)
        self._update_labels()
        self.query_one("#thought-errors").display = False
        self.query_one("#before" if self.practice is None else "#situation").focus()

    # -- state <-> fields ---------------------------------------------------------------------

    def state(self) -> dict:
        q = self.query_one
        return {
            "before": q("#before", DistressPicker).value,
            "situation": q("#situation", Input).value,
            **{key: q(f"#{key}", TextArea).text for key in TEXTS},
            "emotions": [[q(f"#emo-name-{i}", Input).value, q(f"#emo-before-{i}", Input).value,
                          q(f"#emo-after-{i}", Input).value] for i in range(ROWS)],
            "distortions": list(q("#distortions", SelectionList).selected),
            "after": q("#after", DistressPicker).value,
            "helped": q("#helped", HelpedPicker).level,
            "notes": q("#notes", Input).value,
            "therapy": q("#therapy", Checkbox).value,
        }

    def set_state(self, s: dict) -> None:
        q = self.query_one
        self._loading = True
        q("#before", DistressPicker).value = s.get("before")
        q("#situation", Input).value = s.get("situation", "")
        for key in TEXTS:
            q(f"#{key}", TextArea).load_text(s.get(key, ""))
        rows = list(s.get("emotions", [])) + [["", "", ""]] * ROWS
        for i in range(ROWS):
            name, before, after = (list(rows[i]) + ["", "", ""])[:3]
            q(f"#emo-name-{i}", Input).value = name or ""
            q(f"#emo-before-{i}", Input).value = "" if before is None else str(before)
            q(f"#emo-after-{i}", Input).value = "" if after is None else str(after)
        traps = q("#distortions", SelectionList)
        traps.deselect_all()
        for trap in s.get("distortions", []):
            traps.select(trap)
        q("#after", DistressPicker).value = s.get("after")
        q("#helped", HelpedPicker).level = s.get("helped")
        q("#notes", Input).value = s.get("notes", "")
        q("#therapy", Checkbox).value = bool(s.get("therapy"))
        self.call_after_refresh(setattr, self, "_loading", False)

    def draft(self) -> PracticeDraft:
        s = self.state()
        emotions = [{"name": n, "before": b or None, "after": a or None} for n, b, a in s["emotions"] if n.strip()]
        details = {"kind": "thought_record", "thought": s["thought"], "emotions": emotions,
                   "distortions": s["distortions"], "evidence_for": s["evidence-for"],
                   "evidence_against": s["evidence-against"], "balanced": s["balanced"]}
        return PracticeDraft(
            skill_id=self.skill.id, at=self.practice.at if self.practice else self.host.clock(),
            situation=s["situation"], before=s["before"], after=s["after"], helped=s["helped"],
            notes=s["notes"], therapy=s["therapy"], details=details,
        )

    # -- changes and drafts ---------------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(SelectionList.SelectedChanged)
    @on(Checkbox.Changed)
    @on(DistressPicker.Changed)
    def _changed(self) -> None:
        self._update_labels()
        if self._loading:
            return
        self.drafts.changed()

    def _update_labels(self) -> None:
        for i in range(ROWS):
            name = self.query_one(f"#emo-name-{i}", Input).value.strip()
            self.query_one(f"#emo-label-{i}", Static).update(name or f"[dim]emotion {i + 1}[/]")

    @on(SelectionList.SelectionHighlighted, "#distortions")
    def _trap_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        trap = next((d for d in assets.distortions() if d.id == event.selection.value), None)
        if trap:
            self.query_one("#trap-help", Static).update(f"{trap.explanation}\n[i]For example: {trap.example}[/]")

    @property
    def dirty(self) -> bool:
        return self.drafts.dirty

    def on_unmount(self) -> None:
        self.drafts.stop()

    def save_draft(self) -> None:
        self.drafts.save_now()

    def _discard_draft(self) -> None:
        self.drafts.discard()

    # -- actions ----------------------------------------------------------------------------------

    def action_save(self) -> None:
        practices = self.ws.practices
        try:
            if self.practice is None:
                saved = practices.add(self.draft())
            else:
                saved = practices.update(self.practice.id, self.draft())
        except ValidationError as exc:
            errors = self.query_one("#thought-errors", Static)
            errors.update("\n".join(exc.errors.values()))
            errors.display = True
            self.query_one("#thought-form").scroll_home(animate=False)
            self.notify(" ".join(exc.errors.values()), title="Not saved yet", severity="error")
            return
        except NotFound:
            self.notify("That practice no longer exists.", severity="error")
            return
        self._discard_draft()
        self.notify(f"Thought record · {practice_summary(saved)}",
                    title="Practice updated" if self.practice else "Practice saved")
        self.dismiss(saved)

    def action_back(self) -> None:
        if not self.dirty:
            self._discard_draft()
            self.dismiss(None)
            return
        self.app.push_screen(
            ConfirmScreen("Leave the thought record? What you typed is kept as a draft for next time.",
                          yes="Leave", no="Stay"),
            self._leave,
        )

    def _leave(self, leave: bool | None) -> None:
        if leave:
            self.save_draft()
            self.dismiss(None)


def state_of(p: Practice) -> dict:
    d = p.details or {}
    return {
        "before": p.before, "situation": p.situation, "thought": d.get("thought", ""),
        "evidence-for": d.get("evidence_for", ""), "evidence-against": d.get("evidence_against", ""),
        "balanced": d.get("balanced", ""),
        "emotions": [[e["name"], e.get("before"), e.get("after")] for e in d.get("emotions", [])],
        "distortions": list(d.get("distortions", [])), "after": p.after, "helped": p.helped, "notes": p.notes,
        "therapy": p.therapy,
    }
