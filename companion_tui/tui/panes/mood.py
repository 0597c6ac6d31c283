"""Mood pane: the check-in form and the history of check-ins.

The form saves through ``ws.moods`` (which validates); unsaved form content is kept as an
encrypted draft (name ``"mood-form"``, by a ``DraftKeeper``): ~2 s after the last change, and
before the app locks or quits. A draft is offered back when the pane opens. Editing a check-in
loads it into the same form; saving then updates it.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Header, Static

from companion_tui.core.kernel.errors import NotFound, ValidationError
from companion_tui.core.moods.checkins import CheckIn
from companion_tui.tui.dialogs.checkin_view import CheckInView
from companion_tui.tui.dialogs.confirm import ConfirmScreen
from companion_tui.tui.draft_keeper import DraftKeeper
from companion_tui.tui.panes.base import Pane
from companion_tui.tui.widgets.checkin_form import AT_FORMAT, CheckInForm
from companion_tui.tui.widgets.checkin_list import PAGE, CheckInList
from companion_tui.tui.widgets.footer import KeysFooter

DRAFT = "mood-form"
AUTOSAVE_SECONDS = 2.0
AUTO_AT_REFRESH_SECONDS = 30.0


def when_label(at: datetime, now: datetime) -> str:
    """ "Wed 25 Nov, 20:30" (with the year when it is not this year)."""
    if at.year == now.year:
        return f"{at:%a %-d %b, %H:%M}"
    return f"{at:%a %-d %b %Y, %H:%M}"


class MoodScreen(Pane):
    TITLE = "Mood"
    CSS_PATH = "mood.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="mood.save"),
        Binding("n", "new", "New check-in", id="mood.new"),
        Binding("t", "app.pane('insights', 'chart')", "Trends", id="mood.trends"),
        Binding("escape", "escape", "Back", id="mood.escape"),
    ]

    OPENS: ClassVar[frozenset[str]] = frozenset({"new"})
    SHOWS: ClassVar[tuple[str, ...]] = ("moods",)

    def __init__(self) -> None:
        super().__init__()
        self.editing: CheckIn | None = None
        self._known_tags: list[str] = []
        self._focus_label: DOMNode | None = None  # the form row's label marked -current
        self.drafts = DraftKeeper(self, DRAFT, state=self._form_state, data=self._draft_data, idle=AUTOSAVE_SECONDS)

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="mood"):
            with VerticalScroll(id="form-panel") as form_panel:
                form_panel.border_title = "New check-in"
                yield CheckInForm(known_tags=lambda: self._known_tags, id="form")
            with Vertical(id="history-panel") as history_panel:
                history_panel.border_title = "History"
                yield Static(
                    "No check-ins yet.\n\nA mood score is all a check-in needs: "
                    "press a number, then [b]ctrl+s[/]. Everything else is optional.",
                    id="history-empty",
                )
                yield CheckInList(id="history")
        yield KeysFooter()

    @property
    def form(self) -> CheckInForm:
        return self.query_one(CheckInForm)

    @property
    def history(self) -> CheckInList:
        return self.query_one(CheckInList)

    def now(self) -> datetime:
        return self.host.clock()

    def on_mount(self) -> None:
        self.drafts.start()
        self._refresh_vocabulary()
        self.form.clear(self.now())
        self.drafts.mark_clean()
        self.refresh_history()
        self.form.focus_field("score")
        self.set_interval(AUTO_AT_REFRESH_SECONDS, self._refresh_auto_at)
        self._offer_draft()

    def on_unmount(self) -> None:
        self.drafts.stop()

    def on_screen_resume(self) -> None:
        if not self.unlocked:
            return
        if not self.refresh_if_changed():
            self._refresh_auto_at()

    def refresh_data(self) -> None:
        self.refresh_history()
        self._refresh_auto_at()

    def _refresh_auto_at(self) -> None:
        if self.unlocked and self.editing is None:
            self.form.refresh_auto_at(self.now())

    def _refresh_vocabulary(self) -> None:
        moods = self.ws.moods
        self._known_tags = moods.known_tags()
        self.form.emotions.set_own_words(moods.known_emotions())

    def refresh_history(self, keep: str | None = None) -> None:
        moods = self.ws.moods
        checkins = moods.newest_first()
        self.history.show(checkins, self.now().date(), keep=keep)
        empty = not checkins
        self.query_one("#history-empty").display = empty
        self.history.display = not empty
        panel = self.query_one("#history-panel")
        n = len(checkins)
        panel.border_subtitle = "" if empty else f"{n:,} check-in{'s' if n != 1 else ''} · enter view · e edit · x delete"
        self.mark_filled()

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        # On a narrow terminal the history gets more of the height while it has focus.
        in_history = self.history in event.widget.ancestors_with_self
        self.query_one("#mood").set_class(in_history, "-history-focus")

    def watch_focused(self, focused: Widget | None) -> None:
        """Mark the panel that holds the focus (``-focus-within``) and the label of the form's row
        that does (``-current``): see mood.tcss.

        Textual's ``:focus-within`` restyles every node under the outermost container that has
        such a rule at each focus move: with it on the panels, all of the form at every Tab.
        A class restyles only the node it is set on (and its children), only when it changes."""
        holders = focused.ancestors_with_self if focused is not None else []
        for panel in self.query("#form-panel, #history-panel"):
            panel.set_class(panel in holders, "-focus-within")
        row = next((node for node in holders if node.has_class("row")), None)
        label = next(iter(row.query_children(".label")), None) if row is not None else None
        if label is not self._focus_label:
            if self._focus_label is not None:
                self._focus_label.remove_class("-current")
            if label is not None:
                label.add_class("-current")
            self._focus_label = label

    # -- the form's life --------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Is there something in the form that would be lost?"""
        return self.drafts.dirty

    def _reset(self) -> None:
        """An empty form for a new check-in."""
        self.editing = None
        self.form.clear(self.now())
        self.drafts.mark_clean()
        self._set_form_title()

    def _set_form_title(self) -> None:
        panel = self.query_one("#form-panel")
        self.form.set_editing(self.editing is not None)
        if self.editing is None:
            panel.border_title = "New check-in"
            panel.remove_class("-editing")
        else:
            panel.border_title = f"Editing the check-in from {when_label(self.editing.at, self.now())}"
            panel.add_class("-editing")

    def start_new(self) -> None:
        """Start a fresh check-in and put the cursor on the score (asks before dropping typed work)."""
        if not self.dirty:
            self._reset()
            self.form.focus_field("score")
            return
        what = "your changes to this check-in" if self.editing else "what you have typed"
        self.app.push_screen(
            ConfirmScreen(f"Start a new check-in? {what.capitalize()} will be cleared.", yes="Clear it", no="Keep it"),
            self._start_new_answer,
        )

    def _start_new_answer(self, clear: bool | None) -> None:
        if clear:
            self._reset()
            self._discard_draft()
        self.form.focus_field("score")

    def action_new(self) -> None:
        self.start_new()

    def open_for(self, what: str, came_from: str) -> None:
        if what == "new":
            self.start_new()

    def action_save(self) -> None:
        if not self.unlocked:
            return
        ws = self.ws
        form = self.form
        try:
            draft = form.draft(original_at=self.editing.at if self.editing else None)
            if self.editing is not None:
                saved = ws.moods.update(self.editing.id, draft)
            else:
                saved = ws.moods.add(draft)
        except ValidationError as exc:
            form.show_errors(exc.errors)
            return
        except NotFound:
            self.notify("That check-in no longer exists; save again to keep this as a new one.", severity="warning")
            self.editing = None
            self._set_form_title()
            return
        was_edit = self.editing is not None
        self._discard_draft()
        self._refresh_vocabulary()
        self._reset()
        self.refresh_history(keep=saved.id)
        when = when_label(saved.at, self.now())
        self.notify(
            f"{saved.score}/10 · {when}",
            title="Check-in updated" if was_edit else "Check-in saved",
        )
        self._gentle_safety_check(saved)
        self.history.focus()

    def _gentle_safety_check(self, saved) -> None:
        """A quiet, non-blocking offer of Get help now when the words suggest crisis. Never blocks saving."""
        from companion_tui.core.safety import notice as safety

        if safety.check("\n".join((saved.trigger, saved.response, saved.note))):
            note = safety.notice()
            self.notify(note.message, title=note.title, timeout=30)

    def action_escape(self) -> None:
        if self.editing is not None:
            if self.dirty:
                self.app.push_screen(
                    ConfirmScreen("Stop editing? Your changes to this check-in will be lost.", yes="Discard", no="Keep editing"),
                    self._cancel_edit_answer,
                )
            else:
                self._cancel_edit()
            return
        self._leave_form()

    def _cancel_edit_answer(self, discard: bool | None) -> None:
        if discard:
            self._cancel_edit()

    def _cancel_edit(self) -> None:
        editing = self.editing
        self._reset()
        self._discard_draft()
        self.refresh_history(keep=editing.id if editing else None)
        self._leave_form()

    def _leave_form(self) -> None:
        if self.history.display:
            self.history.focus()
        else:
            self.set_focus(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "escape":
            focused = self.focused
            in_form = focused is not None and self.form in focused.ancestors_with_self
            return self.editing is not None or in_form
        return True

    # -- history ---------------------------------------------------------------------------------

    @on(CheckInList.Chosen)
    def _history_chosen(self, event: CheckInList.Chosen) -> None:
        event.stop()
        if event.what == "more":
            self.history.limit += PAGE
            self.refresh_history()
            return
        try:
            checkin = self.ws.moods.get(event.checkin_id)
        except NotFound:
            self.refresh_history()
            return
        if event.what == "view":
            self.app.push_screen(CheckInView(checkin), lambda what: self._after_view(checkin.id, what))
        elif event.what == "edit":
            self.edit(checkin.id)
        elif event.what == "delete":
            self.delete(checkin.id)

    def _after_view(self, checkin_id: str, what: str | None) -> None:
        if what == "edit":
            self.edit(checkin_id)
        elif what == "delete":
            self.delete(checkin_id)

    def edit(self, checkin_id: str) -> None:
        checkin = self.ws.moods.get(checkin_id)
        if self.editing is not None and self.editing.id == checkin_id:
            self.form.focus_field("score")
            return
        if self.dirty:
            self.app.push_screen(
                ConfirmScreen(
                    f"Edit the check-in from {when_label(checkin.at, self.now())}? "
                    "What is in the form now will be cleared.",
                    yes="Edit",
                    no="Keep the form",
                ),
                lambda yes: self._load_for_edit(checkin_id) if yes else None,
            )
            return
        self._load_for_edit(checkin_id)

    def _load_for_edit(self, checkin_id: str, state: dict | None = None) -> None:
        try:
            checkin = self.ws.moods.get(checkin_id)
        except NotFound:
            return
        self.editing = checkin
        self.form.load_checkin(checkin)
        self.drafts.mark_clean()
        if state is not None:
            self.form.load_state(state, auto_at=checkin.at.strftime(AT_FORMAT))
        self._set_form_title()
        self.form.focus_field("score")

    def delete(self, checkin_id: str) -> None:
        checkin = self.ws.moods.get(checkin_id)
        self.app.push_screen(
            ConfirmScreen(
                f"Delete the check-in from {when_label(checkin.at, self.now())} ({checkin.score}/10)? "
                "This can't be undone.",
                yes="Delete",
                no="Keep it",
            ),
            lambda yes: self._delete_answer(checkin_id, bool(yes)),
        )

    def _delete_answer(self, checkin_id: str, yes: bool) -> None:
        if not yes or not self.unlocked:
            return
        try:
            self.ws.moods.delete(checkin_id)
        except NotFound:
            pass
        if self.editing is not None and self.editing.id == checkin_id:
            self._reset()
            self._discard_draft()
        self._refresh_vocabulary()
        # Keep the highlight near where it was.
        index = self.history.highlighted
        self.refresh_history()
        if index is not None and self.history.option_count:
            self.history.highlighted = min(index, self.history.option_count - 1)
            if self.history.highlighted_option and self.history.highlighted_option.disabled:
                self.history.action_cursor_down()
        self.notify("The check-in was deleted.", title="Deleted")
        self._leave_form()

    # -- drafts ----------------------------------------------------------------------------------

    def _form_state(self) -> dict:
        return self.form.state()

    def _draft_data(self, state: dict) -> dict:
        return {**state, "editing": self.editing.id if self.editing else None}

    @on(CheckInForm.Changed)
    def _form_changed(self, event: CheckInForm.Changed) -> None:
        event.stop()
        self.drafts.changed()

    def _discard_draft(self) -> None:
        self.drafts.discard()

    def _offer_draft(self) -> None:
        draft = self.drafts.stored()
        if draft is None:
            return
        saved = draft.saved.astimezone()
        now = self.now()
        when = f"{saved:%H:%M}" if saved.date() == now.date() else when_label(saved, now)
        self.drafts.offer(f"Restore your unsaved check-in from {when}?", self._restore,
                          then=lambda: self.form.focus_field("score"))

    def _restore(self, data: dict) -> None:
        editing_id = data.pop("editing", None)
        if editing_id:
            try:
                self.ws.moods.get(editing_id)
            except NotFound:
                editing_id = None
        if editing_id:
            self._load_for_edit(editing_id, state=data)
        else:
            self._reset()
            self.form.load_state(data, auto_at=self.now().strftime(AT_FORMAT))
        self.notify("Your unsaved check-in is back in the form.", title="Restored")


PANE = MoodScreen
