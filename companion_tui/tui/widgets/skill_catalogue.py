"""The skill catalogue: skills grouped by category on the left, the highlighted one in full
on the right (when it helps, steps, duration, how it has gone for you)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from companion_tui.core.skills.catalogue import EXERCISES, Skill
from companion_tui.core.skills.what_works import SkillStats


def skill_detail(skill: Skill, stats: SkillStats | None, last: str) -> str:
    lines = [f"[b]{escape(skill.name)}[/]", f"[dim]{skill.category_label}"
             + (f" · about {skill.minutes} min" if skill.minutes else "")
             + ("" if skill.builtin else " · your own skill") + (" · archived" if skill.archived else "") + "[/]", ""]
    if skill.when:
        lines += [f"[b]When it helps[/]  {escape(skill.when)}", ""]
    if skill.steps:
        lines.append("[b]Steps[/]")
        lines += [f"  {i}. {escape(step)}" for i, step in enumerate(skill.steps, 1)]
        lines.append("")
    lines.append(f"[b]For you[/]  {stats.verdict() if stats else 'not practised yet'}"
                 + (f" · last {last}" if last else ""))
    lines.append("")
    if skill.exercise:
        lines.append(f"[b]enter[/] start the guided exercise ({EXERCISES[skill.exercise]})")
    else:
        lines.append("[b]enter[/] log a practice of this skill")
    own = "[b]e[/] edit · " if not skill.builtin else ""
    lines.append(f"[dim][b]a[/] add your own skill · {own}[b]x[/] {'restore' if skill.archived else 'archive'} · "
                 "[b]h[/] show archived[/]")
    return "\n".join(lines)


class SkillCatalogueView(Horizontal):
    """``show(skills, ...)`` fills it; posts ``Chosen`` when a skill is picked with enter."""

    DEFAULT_CSS = """
    SkillCatalogueView { height: 1fr; }
    SkillCatalogueView > #skill-list { width: 36; height: 1fr; }
    SkillCatalogueView > #skill-detail { width: 1fr; height: 1fr; padding: 0 1; }
    """

    @dataclass
    class Chosen(Message):
        skill_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._skills: dict[str, Skill] = {}
        self._stats: dict[str, SkillStats] = {}
        self._last: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield OptionList(id="skill-list")
        with VerticalScroll(id="skill-detail"):
            yield Static("", id="skill-text")

    @property
    def options(self) -> OptionList:
        return self.query_one("#skill-list", OptionList)

    @property
    def highlighted(self) -> Skill | None:
        options = self.options
        if options.highlighted is None:
            return None
        return self._skills.get(options.get_option_at_index(options.highlighted).id or "")

    def show(self, skills: list[Skill], stats: dict[str, SkillStats], last: dict[str, str],
             keep: str | None = None) -> None:
        keep = keep or (self.highlighted.id if self.highlighted else None)
        self._skills = {s.id: s for s in skills}
        self._stats, self._last = stats, last
        options = self.options
        options.clear_options()
        category = None
        items: list[Option] = []
        for s in skills:
            if s.category != category:
                category = s.category
                items.append(Option(f"[b $text-primary]{s.category_label}[/]", disabled=True))
            mark = "" if s.builtin else " [dim](yours)[/]"
            mark += " [dim](archived)[/]" if s.archived else ""
            items.append(Option(f"  {escape(s.name)}{mark}", id=s.id))
        options.add_options(items)
        ids = [o.id for o in items]
        if keep is not None and keep in ids:
            options.highlighted = ids.index(keep)
        elif skills:
            options.highlighted = ids.index(skills[0].id)
        self._show_detail()

    def select(self, skill_id: str) -> None:
        ids = [self.options.get_option_at_index(i).id for i in range(self.options.option_count)]
        if skill_id in ids:
            self.options.highlighted = ids.index(skill_id)

    @on(OptionList.OptionHighlighted, "#skill-list")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(OptionList.OptionSelected, "#skill-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))

    def _show_detail(self) -> None:
        skill = self.highlighted
        text = self.query_one("#skill-text", Static)
        if skill is None:
            text.update("No skills here yet. Press [b]a[/] to add your own.")
            return
        text.update(skill_detail(skill, self._stats.get(skill.id), self._last.get(skill.id, "")))
