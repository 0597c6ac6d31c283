"""Journal pane: the prompt of the day, search and filters, and every entry newest first.

Writing happens in ``JournalEditor`` (pushed on this pane's stack); reading in
``JournalView``; the prompt library, filters and unfinished drafts are their own screens.
Search runs in memory as you type (debounced); the index is warmed in a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Header, Input, Markdown, Static

from companion_tui.core.journal.entries import DRAFT_PREFIX, Entry, EntryDraft, Filter, edit_draft_name
from companion_tui.core.journal.search import parse
from companion_tui.core.kernel.errors import NotFound
from companion_tui.tui.dialogs.confirm import ConfirmScreen
from companion_tui.tui.dialogs.journal_drafts import JournalDraftsScreen
from companion_tui.tui.dialogs.journal_filter import JournalFilterScreen
from companion_tui.tui.panes.base import Pane
from companion_tui.tui.screens.journal_editor import JournalEditor
from companion_tui.tui.screens.journal_prompts import PromptLibraryScreen
from companion_tui.tui.screens.journal_view import JournalView
from companion_tui.tui.startup_speed import long_lived
from companion_tui.tui.widgets.footer import KeysFooter
from companion_tui.tui.widgets.journal_list import MORE, PAGE, EntryList, when

SEARCH_DEBOUNCE = 0.15
PREVIEW_CHARS = 3_000


class JournalScreen(Pane):
    TITLE = "Journal"
    CSS_PATH = "journal.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("w", "write", "Write", id="journal.write"),
        Binding("r", "write_prompt", "Answer prompt", id="journal.write_prompt"),
        Binding("n", "another_prompt", "Another prompt", id="journal.another_prompt"),
        Binding("p", "prompts", "Prompts", id="journal.prompts"),
        Binding("slash", "search", "Search", key_display="/", id="journal.search"),
        Binding("f", "filter", "Filter", id="journal.filter"),
        Binding("u", "drafts", "Unfinished", id="journal.drafts"),
        Binding("escape", "escape", "Clear search", show=False, id="journal.escape"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = Filter()
        self.skip = 0  # which alternative to the prompt of the day is shown (n)
        self._search_timer: Timer | None = None
        self._preview_timer: Timer | None = None
        self._offered = False

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="journal"):
            with Horizontal(id="prompt-card"):
                yield Static("", id="prompt-of-day")
                yield Static("[b]r[/] answer  [b]n[/] another  [b]p[/] all", id="prompt-keys")
            with Horizontal(id="search-row"):
                yield Input(placeholder='Search: words, "a phrase", tag:x   (/)', compact=True, id="search")
                yield Static("", id="filter-desc")
            with Horizontal(id="journal-main"):
                with Vertical(id="list-panel") as panel:
                    panel.border_title = "Entries"
                    yield Static("", id="journal-empty")
                    yield EntryList(id="entries")
                with VerticalScroll(id="preview-panel") as preview:
                    preview.border_title = "Preview"
                    yield Static("", id="preview-meta")
                    yield Markdown("", id="preview", open_links=False)
        yield KeysFooter()

    @property
    def entries(self) -> EntryList:
        return self.query_one("#entries", EntryList)

    def on_mount(self) -> None:
        self.show_prompt()
        self.refresh_entries()
        self.mark_filled()
        self.entries.focus()
        self.warm_index()
        self._offer_drafts()

    def on_screen_resume(self) -> None:
        self.refresh_if_changed()

    def refresh_data(self) -> None:
        self.show_prompt()
        self.refresh_entries()
        self.mark_filled()

    @work(thread=True, exclusive=True, group="journal-index", exit_on_error=False)
    def warm_index(self) -> None:
        ws = self.host.workspace
        if ws is not None:
            ws.journal.index.warm(ws.journal.newest_first())
            long_lived()  # the index lives until lock

    # -- prompt of the day ----------------------------------------------------------------------

    def current_prompt(self):
        return self.ws.journal.prompt_of_the_day(self.host.clock().date(), skip=self.skip)

    def show_prompt(self) -> None:
        prompt = self.current_prompt()
        card = self.query_one("#prompt-of-day", Static)
        if prompt is None:
            card.update("[dim]All prompts are hidden. Press p to show some again.[/]")
            return
        label = self.ws.prompts.category(prompt.category).label
        which = "Prompt of the day" if self.skip == 0 else "Another prompt"
        card.update(f"[b $text-primary]{which}[/] [dim]· {label}[/]\n{prompt.text}")

    def action_another_prompt(self) -> None:
        self.skip += 1
        self.show_prompt()

    # -- the list ---------------------------------------------------------------------------------

    def query_text(self) -> str:
        return self.query_one("#search", Input).value

    def refresh_entries(self, keep: str | None = None) -> None:
        if not self.unlocked:
            return
        ws = self.ws
        text = self.query_text()
        found = ws.journal.find(text, self.filter)
        query = parse(text)
        self.entries.show(found, self.host.clock().date(), query if not query.empty else None, keep=keep)
        total = len(ws.journal)
        empty = self.query_one("#journal-empty", Static)
        if not total:
            empty.update("No entries yet.\n\nPress [b]w[/] to write, or [b]r[/] to answer the prompt above. "
                         "Everything stays encrypted on this computer.")
        elif not found:
            empty.update("Nothing matches. [b]escape[/] clears the search and filters.")
        empty.display = not found
        self.entries.display = bool(found)
        panel = self.query_one("#list-panel")
        narrowed = text.strip() or self.filter.active
        panel.border_subtitle = (f"{len(found):,} of {total:,}" if narrowed else
                                 f"{total:,} entr{'y' if total == 1 else 'ies'}") + \
            " · enter read · e edit · * star · b therapy · x delete"
        desc = self.filter.describe(ws.prompts)
        self.query_one("#filter-desc", Static).update(f"[b]filter:[/] {desc}  [dim](f)[/]" if desc else "[dim]f filter[/]")
        self._schedule_preview()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE, self._search_now, name="journal-search")

    def _search_now(self) -> None:
        self._search_timer = None
        self.entries.limit = PAGE
        self.refresh_entries()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._search_timer is not None:
            self._search_now()
        self.entries.focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_escape(self) -> None:
        search = self.query_one("#search", Input)
        if search.value or self.filter.active:
            search.value = ""
            self.filter = Filter()
            self._search_now()
        self.entries.focus()

    def action_filter(self) -> None:
        ws = self.ws
        self.app.push_screen(JournalFilterScreen(self.filter, ws.journal.known_tags(), ws.prompts.categories),
                             self._filtered)

    def _filtered(self, flt: Filter | None) -> None:
        if flt is not None:
            self.filter = flt
            self.entries.limit = PAGE
            self.refresh_entries()
        self.entries.focus()

    # -- preview (wide screens) ------------------------------------------------------------------

    @on(EntryList.OptionHighlighted, "#entries")
    def _highlighted(self, event: EntryList.OptionHighlighted) -> None:
        event.stop()
        self._schedule_preview()

    def _schedule_preview(self) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(0.1, self._show_preview, name="journal-preview")

    def _show_preview(self) -> None:
        self._preview_timer = None
        if not self.unlocked or not self.has_class("-wide"):
            return
        entry = self._entry(self.entries.current_id)
        meta = self.query_one("#preview-meta", Static)
        md = self.query_one("#preview", Markdown)
        if entry is None:
            meta.update("")
            md.update("")
            return
        meta.update(f"[b]{entry.title}[/]\n[dim]{entry.at:%A %-d %B %Y, %H:%M} · {entry.words:,} words[/]"
                    if entry.title else f"[dim]{entry.at:%A %-d %B %Y, %H:%M} · {entry.words:,} words[/]")
        body = entry.body if len(entry.body) <= PREVIEW_CHARS else entry.body[:PREVIEW_CHARS] + "\n\n*…enter reads it all*"
        md.update(body)

    def _entry(self, entry_id: str | None) -> Entry | None:
        if entry_id is None or not self.unlocked:
            return None
        try:
            return self.ws.journal.get(entry_id)
        except NotFound:
            return None

    # -- choosing an entry -------------------------------------------------------------------------

    @on(EntryList.Chosen)
    def _chosen(self, event: EntryList.Chosen) -> None:
        event.stop()
        if event.what == MORE:
            self.entries.limit += PAGE
            self.refresh_entries()
            return
        entry = self._entry(event.entry_id)
        if entry is None:
            self.refresh_entries()
            return
        self._do(event.what, entry)

    def _do(self, what: str, entry: Entry) -> None:
        """What the list (or the entry's view) asked for: view, edit, star, therapy or delete."""
        do: dict[str, Callable[[Entry], None]] = {
            "view": self._do_view, "edit": self._do_edit, "star": self._do_star,
            "therapy": self._do_therapy, "delete": self._do_delete,
        }
        if what in do:
            do[what](entry)

    def _do_view(self, entry: Entry) -> None:
        prompt = self.ws.prompts.find(entry.prompt_id)
        self.app.push_screen(JournalView(entry, prompt), lambda what: self._after_view(entry.id, what))

    def _after_view(self, entry_id: str, what: str | None) -> None:
        entry = self._entry(entry_id)
        if what is None or entry is None:
            self.refresh_entries(keep=entry_id)
            return
        self._do(what, entry)
        if what in ("star", "therapy"):
            self._do_view(self.ws.journal.get(entry_id))

    def _do_edit(self, entry: Entry) -> None:
        name = edit_draft_name(entry.id)
        draft = self.ws.drafts.get(name)
        restore = EntryDraft.from_dict(draft.data) if draft is not None else None
        restored_at = f"{draft.saved.astimezone():%a %-d %b, %H:%M}" if draft is not None else ""
        self._open_editor(JournalEditor(entry, self.ws.prompts.find(entry.prompt_id), draft_name=name,
                                        restore=restore, restored_at=restored_at,
                                        restore_when=str(draft.data.get("at_text") or "") if draft else ""))

    def _do_star(self, entry: Entry) -> None:
        saved = self.ws.journal.update(entry.id, starred=not entry.starred)
        self.refresh_entries(keep=saved.id)
        self.notify("Starred." if saved.starred else "No longer starred.")

    def _do_therapy(self, entry: Entry) -> None:
        saved = self.ws.journal.update(entry.id, therapy=not entry.therapy)
        self.refresh_entries(keep=saved.id)
        self.notify("Flagged to bring to therapy." if saved.therapy else "No longer flagged for therapy.")

    def _do_delete(self, entry: Entry) -> None:
        label = f"“{entry.headline[:40]}”" if entry.headline else "this entry"
        self.app.push_screen(
            ConfirmScreen(f"Delete {label} from {when(entry.at, self.host.clock().date())}? This can't be undone.",
                          yes="Delete", no="Keep it"),
            lambda yes: self._delete_answer(entry.id, bool(yes)),
        )

    def _delete_answer(self, entry_id: str, yes: bool) -> None:
        if not yes or not self.unlocked:
            self.entries.focus()
            return
        index = self.entries.highlighted
        try:
            self.ws.journal.delete(entry_id)
        except NotFound:
            pass
        self.ws.drafts.discard(edit_draft_name(entry_id))
        self.refresh_entries()
        if index is not None and self.entries.option_count:
            self.entries.highlighted = min(index, self.entries.option_count - 1)
        self.notify("The entry was deleted.", title="Deleted")
        self.entries.focus()

    # -- writing -----------------------------------------------------------------------------------

    def _open_editor(self, editor: JournalEditor) -> None:
        self.app.push_screen(editor, self._after_editor)

    def _after_editor(self, saved_id: str | None) -> None:
        if not self.unlocked:
            return
        if saved_id is not None:
            self.skip = 0
        self.show_prompt()
        self.refresh_entries(keep=saved_id)
        self.refresh_bindings()  # "u" shows only while there are unfinished drafts
        self.entries.focus()

    # -- asked from elsewhere (the palette, Today) ----------------------------------------------

    OPENS: ClassVar[frozenset[str]] = frozenset({"write", "write_today", "search", "prompts", "filter"})
    SHOWS: ClassVar[tuple[str, ...]] = ("prompts", "journal")

    def open_for(self, what: str, came_from: str) -> None:
        if self.app.screen is not self:  # the unfinished-drafts offer is up: let it be answered first
            return
        actions: dict[str, Callable[[], None]] = {
            "write": self.action_write, "write_today": self.action_write_today, "search": self.action_search,
            "prompts": self.action_prompts, "filter": self.action_filter,
        }
        if what in actions:
            actions[what]()

    def asked_while_covered(self, what: str) -> None:
        # The editor (or a dialog) is open: finish or leave that first; nothing is thrown away.
        self.notify("You are in the middle of an entry: ctrl+s saves it, escape leaves it.")

    def action_write(self) -> None:
        self._open_editor(JournalEditor())

    def action_write_prompt(self, prompt_id: str | None = None) -> None:
        prompt = self.ws.prompts.find(prompt_id) if prompt_id else self.current_prompt()
        self._open_editor(JournalEditor(prompt=prompt))

    def action_write_today(self) -> None:
        """From the Today pane: write from the prompt of the day itself."""
        self.skip = 0
        self.show_prompt()
        self.action_write_prompt()

    def action_prompts(self) -> None:
        current = self.current_prompt()
        self.app.push_screen(PromptLibraryScreen(self.ws.prompts, current.category if current else None),
                             lambda prompt_id: self.action_write_prompt(prompt_id) if prompt_id else self.show_prompt())

    # -- unfinished drafts ---------------------------------------------------------------------------

    def journal_drafts(self):
        return [d for d in self.ws.drafts.all() if d.name.startswith(DRAFT_PREFIX)]

    def _offer_drafts(self) -> None:
        if self._offered or not self.journal_drafts():
            return
        self._offered = True
        self.action_drafts()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "drafts":
            return self.unlocked and bool(self.journal_drafts())
        return True

    def action_drafts(self) -> None:
        drafts = self.journal_drafts()
        if drafts:
            self.app.push_screen(JournalDraftsScreen(drafts), self._draft_answer)

    def _draft_answer(self, answer: tuple[str, str] | None) -> None:
        if answer is None or not self.unlocked:
            self.refresh_bindings()
            return
        what, name = answer
        draft = self.ws.drafts.get(name)
        if draft is None:
            return
        if what == "discard":
            self.ws.drafts.discard(name)
            self.notify("The unfinished draft was discarded.")
            self.refresh_bindings()
            return
        restore = EntryDraft.from_dict(draft.data)
        entry = self._entry(draft.data.get("entry_id"))
        prompt = self.ws.prompts.find(restore.prompt_id)
        restored_at = f"{draft.saved.astimezone():%a %-d %b, %H:%M}"
        self._open_editor(JournalEditor(entry, prompt, draft_name=name, restore=restore, restored_at=restored_at,
                                        restore_when=str(draft.data.get("at_text") or "")))


PANE = JournalScreen
