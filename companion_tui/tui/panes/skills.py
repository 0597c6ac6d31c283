"""Skills pane: the catalogue, the practice log, and what works for you; guided exercises start here.

Keys: 1/2/3 switch tabs; enter starts the highlighted skill (its guided exercise, or the
log form); n logs a practice; b breathing pacer; 5 grounding; r thought record; a/e/x add,
edit, archive your own skills (x archives built-in ones too; h shows archived); in the log,
enter views, e edits and x deletes a practice (after asking).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.markup import escape
from textual.widgets import DataTable, Header, TabbedContent, TabPane

from companion_tui.core.kernel import assets
from companion_tui.core.kernel.errors import NotFound
from companion_tui.core.skills.catalogue import Skill
from companion_tui.core.skills.practice import Practice
from companion_tui.core.skills.what_works import series, what_works
from companion_tui.tui.dialogs.confirm import ConfirmScreen
from companion_tui.tui.panes.base import Pane
from companion_tui.tui.widgets.footer import KeysFooter
from companion_tui.tui.widgets.skill_catalogue import SkillCatalogueView
from companion_tui.tui.widgets.skill_log import PracticeLogView
from companion_tui.tui.widgets.skill_what_works import WhatWorksView

TABS = {"catalogue": "tab-catalogue", "log": "tab-log", "works": "tab-works"}
EXERCISE_KINDS = {"breathing": "breathing:box", "grounding": "grounding", "thought_record": "thought_record"}


class SkillsScreen(Pane):
    TITLE = "Skills"
    CSS_PATH = "skills.tcss"
    BINDINGS = [
        Binding("1", "tab('catalogue')", "Catalogue", show=False, id="skills.tab_catalogue"),
        Binding("2", "tab('log')", "Practice log", show=False, id="skills.tab_log"),
        Binding("3", "tab('works')", "What works", show=False, id="skills.tab_works"),
        Binding("n", "log_practice", "Log practice", id="skills.log"),
        Binding("b", "exercise('breathing')", "Breathe", id="skills.breathe"),
        Binding("5", "exercise('grounding')", "5-4-3-2-1", id="skills.grounding"),
        Binding("r", "exercise('thought_record')", "Thought record", id="skills.thought_record"),
        Binding("a", "add_skill", "Add your own skill", show=False, id="skills.add"),
        Binding("e", "edit", "Edit", show=False, id="skills.edit"),
        Binding("x,delete", "remove", "Archive skill / delete practice", show=False, id="skills.remove"),
        Binding("h", "toggle_archived", "Show archived", show=False, id="skills.archived"),
        Binding("escape", "back", "Back", show=False, id="skills.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_archived = False

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="skills-tabs"):
            with TabPane("1 Catalogue", id=TABS["catalogue"]):
                yield SkillCatalogueView(id="catalogue")
            with TabPane("2 Practice log", id=TABS["log"]):
                yield PracticeLogView(id="log")
            with TabPane("3 What works", id=TABS["works"]):
                yield WhatWorksView(id="works")
        yield KeysFooter()

    @property
    def tab(self) -> str:
        active = self.query_one(TabbedContent).active
        return next((name for name, pane in TABS.items() if pane == active), "catalogue")

    def on_mount(self) -> None:
        self.query_one(WhatWorksView).series_for = lambda sid: series(self.ws.practices.newest_first(), sid)
        self.refresh_all()
        self.query_one("#skill-list").focus()

    def on_screen_resume(self) -> None:
        self.refresh_if_changed()

    def refresh_data(self) -> None:
        self.refresh_all()

    # -- drawing --------------------------------------------------------------------------------

    def refresh_all(self, keep_skill: str | None = None, keep_practice: str | None = None) -> None:
        ws = self.ws
        practices = ws.practices.newest_first()
        stats = what_works(practices)
        by_skill = {s.skill_id: s for s in stats}
        last = {sid: f"{s.last:%a %-d %b %Y}" for sid, s in by_skill.items() if s.last}
        skills = ws.skills.all(include_archived=self.show_archived)
        self.query_one(SkillCatalogueView).show(skills, by_skill, last, keep=keep_skill)
        names = {s.id: s.name for s in ws.skills.all(include_archived=True)}
        log = self.query_one(PracticeLogView)
        log.set_choices([(label, cid) for cid, label in assets.skill_categories()],
                        [(s.name, s.id) for s in ws.skills.all(include_archived=True)])
        self._refresh_log(keep_practice)
        self.query_one(WhatWorksView).show(stats, names)
        self.mark_filled()

    def _refresh_log(self, keep: str | None = None) -> None:
        log = self.query_one(PracticeLogView)
        f = log.current_filter()
        practices = self.ws.practices
        rows = practices.filter(skill_id=f.skill_id, category=f.category, first=f.first, last=f.last)
        names = {s.id: s.name for s in self.ws.skills.all(include_archived=True)}
        log.show(rows, names, len(practices), keep=keep)

    @on(PracticeLogView.FilterChanged)
    def _filter_changed(self) -> None:
        self._refresh_log()

    # -- tabs and bindings ------------------------------------------------------------------------

    def action_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = TABS[name]
        target = {"catalogue": "#skill-list", "log": "#log-table", "works": "#works-table"}[name]
        self.query_one(target).focus()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        tab = self.tab
        if action == "edit":
            # In the catalogue a built-in skill gets a message saying why it can't be edited.
            return tab == "catalogue" or (tab == "log" and self.query_one(PracticeLogView).highlighted_id is not None)
        if action == "remove":
            return tab in ("catalogue", "log")
        if action == "toggle_archived":
            return tab == "catalogue"
        return True

    def action_back(self) -> None:
        if self.tab != "catalogue" or self.focused is None or self.focused.id != "skill-list":
            self.action_tab(self.tab)

    # -- starting things ------------------------------------------------------------------------

    OPENS: ClassVar[frozenset[str]] = frozenset({"log", "works", "suggested", *EXERCISE_KINDS})
    SHOWS: ClassVar[tuple[str, ...]] = ("skills", "practices")

    def open_for(self, what: str, came_from: str) -> None:
        self.start(what)

    def start(self, what: str) -> None:
        """Start something from outside (Today, the palette): "log", "works", "suggested" (Today's
        suggestion), an exercise kind or a skill id."""
        if what == "suggested":
            from companion_tui.tui.widgets.today_skill import suggested_skill

            skill = suggested_skill(self.ws, self.host.clock().date())
            what = skill.id if skill else "catalogue"
        if what == "log":
            self.action_log_practice()
        elif what == "works":
            self.action_tab("works")
        elif what in EXERCISE_KINDS:
            self.action_exercise(what)
        elif what in self.ws.skills:
            self.action_tab("catalogue")
            self.query_one(SkillCatalogueView).select(what)
            self.start_skill(self.ws.skills.get(what))

    def start_skill(self, skill: Skill) -> None:
        """The skill's guided exercise, or the log form when it has none."""
        from companion_tui.tui.dialogs.skill_practice_form import PracticeFormScreen
        from companion_tui.tui.screens.skill_grounding import GroundingScreen
        from companion_tui.tui.screens.skill_pacer import PacerScreen
        from companion_tui.tui.screens.skill_thought import ThoughtRecordScreen

        kind = skill.exercise.partition(":")[0]
        screen = {"breathing": PacerScreen, "grounding": GroundingScreen, "thought_record": ThoughtRecordScreen}.get(kind)
        if screen is None:
            self.app.push_screen(PracticeFormScreen(skill_id=skill.id), self._saved)
        else:
            self.app.push_screen(screen(skill), self._saved)

    def _saved(self, practice: Practice | None) -> None:
        if practice is not None:
            self.refresh_all(keep_practice=practice.id)

    @on(SkillCatalogueView.Chosen)
    def _chosen(self, event: SkillCatalogueView.Chosen) -> None:
        self.start_skill(self.ws.skills.get(event.skill_id))

    def action_exercise(self, kind: str) -> None:
        skills = self.ws.skills
        highlighted = self.query_one(SkillCatalogueView).highlighted
        skill: Skill | None = highlighted
        if not (self.tab == "catalogue" and highlighted and highlighted.exercise.startswith(kind)):
            skill = skills.with_exercise(EXERCISE_KINDS[kind])
        if skill is not None:
            self.start_skill(skill)

    def action_log_practice(self) -> None:
        from companion_tui.tui.dialogs.skill_practice_form import PracticeFormScreen

        highlighted = self.query_one(SkillCatalogueView).highlighted if self.tab == "catalogue" else None
        self.app.push_screen(PracticeFormScreen(skill_id=highlighted.id if highlighted else None), self._saved)

    # -- own skills --------------------------------------------------------------------------------

    def action_add_skill(self) -> None:
        from companion_tui.tui.dialogs.skill_form import SkillFormScreen

        self.action_tab("catalogue")
        self.app.push_screen(SkillFormScreen(), self._skill_saved)

    def _skill_saved(self, skill: Skill | None) -> None:
        if skill is not None:
            self.refresh_all(keep_skill=skill.id)

    def action_edit(self) -> None:
        if self.tab == "log":
            self._edit_practice()
            return
        skill = self.query_one(SkillCatalogueView).highlighted
        if skill is None or skill.builtin:
            self.notify("Built-in skills can't be edited; press [b]a[/] to add your own version.")
            return
        from companion_tui.tui.dialogs.skill_form import SkillFormScreen

        self.app.push_screen(SkillFormScreen(skill), self._skill_saved)

    def action_remove(self) -> None:
        if self.tab == "log":
            self._delete_practice()
            return
        if self.tab != "catalogue":
            return
        skill = self.query_one(SkillCatalogueView).highlighted
        if skill is None:
            return
        updated = self.ws.skills.archive(skill.id, archived=not skill.archived)
        self.refresh_all(keep_skill=updated.id)
        if updated.archived:
            self.notify(f"{escape(updated.name)} is archived; its practices stay. [b]h[/] shows archived skills.",
                        title="Archived")
        else:
            self.notify(escape(updated.name), title="Back in the catalogue")

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.refresh_all()
        self.notify("Showing archived skills (x brings one back)." if self.show_archived else
                    "Archived skills hidden.")

    # -- practices ------------------------------------------------------------------------------

    def _highlighted_practice(self) -> Practice | None:
        practice_id = self.query_one(PracticeLogView).highlighted_id
        try:
            return self.ws.practices.get(practice_id) if practice_id else None
        except NotFound:
            return None

    @on(DataTable.RowSelected, "#log-table")
    def _view_practice(self) -> None:
        from companion_tui.tui.dialogs.skill_practice_view import PracticeViewScreen

        practice = self._highlighted_practice()
        if practice is not None:
            self.app.push_screen(PracticeViewScreen(practice, self.ws.skills.name_of(practice.skill_id)),
                                 self._after_view)

    def _after_view(self, what: str | None) -> None:
        if what == "edit":
            self._edit_practice()
        elif what == "delete":
            self._delete_practice()

    @on(DataTable.RowSelected, "#works-table")
    def _works_selected(self, event: DataTable.RowSelected) -> None:
        skill_id = event.row_key.value
        if skill_id is not None and skill_id in self.ws.skills:
            self.action_tab("catalogue")
            self.query_one(SkillCatalogueView).select(skill_id)

    def _edit_practice(self) -> None:
        from companion_tui.tui.dialogs.skill_practice_form import PracticeFormScreen
        from companion_tui.tui.screens.skill_thought import ThoughtRecordScreen

        practice = self._highlighted_practice()
        if practice is None:
            return
        if practice.kind == "thought_record" and practice.skill_id in self.ws.skills:
            self.app.push_screen(ThoughtRecordScreen(self.ws.skills.get(practice.skill_id), practice), self._saved)
        else:
            self.app.push_screen(PracticeFormScreen(practice), self._saved)

    def _delete_practice(self) -> None:
        practice = self._highlighted_practice()
        if practice is None:
            return
        name = self.ws.skills.name_of(practice.skill_id)
        question = f"Delete the practice of {escape(name)} on {practice.at:%a %-d %b %Y, %H:%M}? This can't be undone."

        def answer(yes: bool | None) -> None:
            if yes:
                try:
                    self.ws.practices.delete(practice.id)
                except NotFound:
                    pass
                self.refresh_all()
                self.notify(escape(name), title="Practice deleted")

        self.app.push_screen(ConfirmScreen(question, yes="Delete", no="Keep"), answer)


PANE = SkillsScreen
