"""The Today card suggesting one skill: of the skills that helped you, the one practised least
recently; with no such history, a catalogue skill (a different one each day).

``k`` on Today (or enter on the card) starts it: its guided exercise, or the log form.
The card redraws itself whenever Today comes back to the front.
"""

from __future__ import annotations

from datetime import date

from textual.binding import Binding
from textual.markup import escape
from textual.widgets import Static

from companion_tui.core.skills.catalogue import EXERCISES, Skill
from companion_tui.core.skills.what_works import HELPED_MUCH, suggest
from companion_tui.tui.host import host_of


def suggested_skill(ws, today: date) -> Skill | None:
    """The one skill Today suggests (None only when every skill is archived)."""
    available = [s.id for s in ws.skills.all()]
    skill_id = suggest(ws.practices.newest_first(), available, today)
    return ws.skills.get(skill_id) if skill_id else None


def _why(ws, skill: Skill, today: date) -> str:
    last = ws.practices.last_for(skill.id)
    if last is None:
        return "Something new to try"
    days = (today - last.day).days
    when = "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"
    helped = [p for p in ws.practices.filter(skill_id=skill.id)
              if p.helped in HELPED_MUCH or (p.drop is not None and p.drop > 0)]
    if helped:
        return f"Helped you before · last practised {when}"
    return f"Last practised {when}"


class TodaySkillCard(Static, can_focus=True):
    HELP_TITLE = "A skill to try"
    DEFAULT_CSS = """
    TodaySkillCard { height: auto; }
    TodaySkillCard:focus { background: $boost; }
    """
    BINDINGS = [Binding("enter", "app.pane('skills', 'suggested')", "Start this skill", show=False, id="today.skill_card")]

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._screen_changed)
        self.refresh_card()

    def _screen_changed(self, screen) -> None:
        if screen is self.screen:
            self.refresh_card()

    def refresh_card(self) -> None:
        ws = host_of(self.app).workspace
        if ws is None:
            return
        today = host_of(self.app).clock().date()
        skill = suggested_skill(ws, today)
        if skill is None:
            self.update("Every skill is archived. Press [b]s[/] to open Skills.")
            return
        minutes = f"[dim] · {skill.minutes} min[/]" if skill.minutes else ""
        start = EXERCISES[skill.exercise] if skill.exercise else "log how it went"
        self.update(
            f"[b]{escape(skill.name)}[/]{minutes}\n"
            f"{escape(skill.when)}\n"
            f"[dim]{_why(ws, skill, today)}[/]\n"
            f"[b]k[/] start · {start}"
        )
