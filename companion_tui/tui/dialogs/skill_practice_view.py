"""One practice in full — including a whole thought record, the grounding answers or the
breathing timing. ``e`` edits, ``x`` deletes (after asking). Dismisses with "edit",
"deleted" or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Static

from companion_tui.core.skills.exercises import GROUNDING_STEPS
from companion_tui.core.skills.practice import Practice
from companion_tui.core.skills.practice_details import distortion_names


def _text(value: str) -> str:
    return escape(value) if value.strip() else "[dim]—[/]"


def describe(p: Practice, skill_name: str) -> str:
    """The practice as markup, every field shown."""
    lines = [f"[b]{escape(skill_name)}[/]   {p.at:%A %-d %B %Y, %H:%M}"]
    if p.therapy:
        lines.append("[b $warning]★ bring to therapy[/]")
    before = "–" if p.before is None else p.before
    after = "–" if p.after is None else p.after
    change = ""
    if p.drop is not None:
        change = f"  (down {p.drop})" if p.drop > 0 else f"  (up {-p.drop})" if p.drop < 0 else "  (no change)"
    lines += [
        "",
        f"[b]Distress[/]  before {before}  →  after {after}{change}",
        f"[b]Helped[/]    {p.helped_label or '[dim]not said[/]'}",
        f"[b]Situation[/] {_text(p.situation)}",
    ]
    d = p.details or {}
    if p.kind == "thought_record":
        lines += ["", "[b u]Thought record[/]", f"[b]Automatic thought[/]\n  {_text(d.get('thought', ''))}",
                  "[b]Emotions[/] (0–100, before → after)"]
        for e in d.get("emotions", []):
            before_e = "–" if e.get("before") is None else e["before"]
            after_e = "–" if e.get("after") is None else e["after"]
            lines.append(f"  {escape(e['name'])}: {before_e} → {after_e}")
        if not d.get("emotions"):
            lines.append("  [dim]—[/]")
        traps = distortion_names(d.get("distortions", []))
        lines.append(f"[b]Thinking traps[/]\n  {escape(', '.join(traps)) if traps else '[dim]—[/]'}")
        lines.append(f"[b]Evidence for[/]\n  {_text(d.get('evidence_for', ''))}")
        lines.append(f"[b]Evidence against[/]\n  {_text(d.get('evidence_against', ''))}")
        lines.append(f"[b]Balanced thought[/]\n  {_text(d.get('balanced', ''))}")
    elif p.kind == "grounding":
        lines += ["", "[b u]5-4-3-2-1 grounding[/]"]
        for step in GROUNDING_STEPS:
            items = d.get(step.sense, [])
            lines.append(f"[b]{step.prompt}[/]: {escape(', '.join(items)) if items else '[dim]—[/]'}")
    elif p.kind == "breathing":
        timing = "-".join(str(s) for s in d.get("phases", []) if s)
        lines += ["", "[b u]Breathing[/]",
                  f"{d.get('completed_rounds', 0)} of {d.get('rounds', 0)} rounds of {timing} "
                  f"({d.get('seconds', 0) // 60}:{d.get('seconds', 0) % 60:02d})"]
    lines += ["", f"[b]Notes[/]\n  {_text(p.notes)}"]
    return "\n".join(lines)


class PracticeViewScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    PracticeViewScreen { align: center middle; }
    PracticeViewScreen > VerticalScroll {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 2;
    }
    PracticeViewScreen #practice-text { height: auto; }
    """
    BINDINGS = [
        Binding("e", "close('edit')", "Edit", id="skills.view.edit"),
        Binding("x,delete", "close('delete')", "Delete", id="skills.view.delete"),
        Binding("escape,enter", "close('')", "Back", id="skills.view.back"),
    ]

    def __init__(self, practice: Practice, skill_name: str) -> None:
        super().__init__()
        self.practice = practice
        self.skill_name = skill_name

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_subtitle = "e edit · x delete · escape back"
            yield Static(describe(self.practice, self.skill_name), id="practice-text")

    def action_close(self, what: str) -> None:
        self.dismiss(what or None)
