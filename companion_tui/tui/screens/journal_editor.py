"""The journal editor: a calm place to write that never loses more than a moment of typing.

* The body is a soft-wrapped ``TextArea`` (Markdown, no highlighter); the prompt, when
  writing from one, sits above it.
* Changes only set two numbers (the ``DraftKeeper``'s). The app's autosave ticks settle them:
  once typing pauses for ``SETTLE_IDLE`` s, or after ``SETTLE_MAX`` s of non-stop typing, the
  text is read once, the word count updated and an encrypted draft saved. So the draft is at
  most ~2 s behind the last keystroke, and nothing is encrypted per key.
* The date field beside the title (``ctrl+t``, or tab from the title) says when the entry is
  about: "2026-11-24 21:30", "yesterday", "21:30"… (see ``widgets.journal_when``). An
  unreadable or future date shows a plain message under it and nothing is saved.
* ``ctrl+s`` saves the entry (then a gentle safety check may show a quiet notice);
  ``escape`` with unsaved changes asks first. The app collects the draft before it locks.

Dismisses with the saved entry's id, or None.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, Static, TextArea

from companion_tui.core.journal.entries import Entry, EntryDraft, edit_draft_name, new_draft_name, word_count
from companion_tui.core.journal.prompts import Prompt
from companion_tui.core.kernel.errors import NotFound, ValidationError
from companion_tui.core.safety import notice as safety
from companion_tui.tui.dialogs.confirm import ConfirmScreen
from companion_tui.tui.draft_keeper import DraftKeeper
from companion_tui.tui.host import HostScreen
from companion_tui.tui.widgets.footer import KeysFooter
from companion_tui.tui.widgets.journal_tags import TagsInput
from companion_tui.tui.widgets.journal_when import WhenInput

TICK = 0.25  # how often the date field follows the clock
SETTLE_IDLE = 0.5  # seconds without a change before the draft is written
SETTLE_MAX = 1.5  # ...or at the latest this long after the first unsaved change


class JournalEditor(HostScreen[str | None]):
    TITLE = "Journal"
    CSS_PATH = "journal_editor.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="journal.editor.save"),
        Binding("escape", "back", "Back", id="journal.editor.back"),
        Binding("ctrl+f", "star", "Star", id="journal.editor.star"),
        Binding("ctrl+b", "therapy", "Bring to therapy", id="journal.editor.therapy"),
        # Not in the footer (at 80 columns it would push "f1 Get help now" off); shown by the field.
        Binding("ctrl+t", "when", "Date", show=False, id="journal.editor.when"),
    ]

    def __init__(
        self, entry: Entry | None = None, prompt: Prompt | None = None, *,
        draft_name: str | None = None, restore: EntryDraft | None = None, restored_at: str = "",
        restore_when: str = "",
    ) -> None:
        super().__init__()
        self.entry = entry
        self.prompt = prompt
        base = entry.draft() if entry is not None else EntryDraft(prompt_id=prompt.id if prompt else None)
        self._baseline = base
        self._start = restore or base
        self.draft_name = draft_name or (edit_draft_name(entry.id) if entry is not None else new_draft_name())
        self.restored_at = restored_at
        self.restore_when = restore_when  # date text a draft kept because it couldn't be read
        self._when_error: str | None = None  # a problem shown under the date field until it changes
        self.starred, self.therapy = self._start.starred, self._start.therapy
        self.drafts: DraftKeeper[tuple[EntryDraft, bool]] = DraftKeeper(
            self, self.draft_name, state=self._snapshot, data=lambda snap: self.draft_data(snap[0]),
            unsaved=self._unsaved_snapshot, idle=SETTLE_IDLE, at_most=SETTLE_MAX, settled=self._settled,
        )
        self.words = word_count(self._start.body)
        self._loading = False
        self.loaded = False  # True once the body's text is in the TextArea

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="editor"):
            if self.prompt is not None:
                yield Static(self.prompt.text, id="editor-prompt")
            with Horizontal(id="editor-head"):
                yield Input(self._start.title, placeholder="Title (optional)", compact=True, id="editor-title")
                yield Static("[dim]^t[/] date", id="editor-when-label")
                yield self._when_input()
            yield Static("", id="editor-when-note")
            yield TextArea(
                "", soft_wrap=True, show_line_numbers=False, highlight_cursor_line=False,
                tab_behavior="focus", placeholder="Write here. Markdown works; nothing is sent anywhere.",
                id="editor-body",
            )
            with Horizontal(id="editor-meta"):
                yield TagsInput(self._known_tags, self._start.tags, id="editor-tags")
                yield Static("", id="editor-flags")
                yield Static("", id="editor-words")
                yield Static("", id="editor-status")
        yield KeysFooter()

    def _when_input(self) -> WhenInput:
        ws = self.host.workspace
        clock = ws.clock if ws is not None else self.host.clock
        start = self._start.at if self._start.at != self._baseline.at else None
        return WhenInput(clock, default_at=self._baseline.at, start_at=start, text=self.restore_when,
                         id="editor-when")

    @property
    def when(self) -> WhenInput:
        return self.query_one("#editor-when", WhenInput)

    def _known_tags(self) -> list[str]:
        ws = self.host.workspace
        return ws.journal.known_tags() if ws is not None else []

    def on_mount(self) -> None:
        self.drafts.start()
        if self.entry is not None:
            self.sub_title = f"Editing {self.entry.at:%a %-d %b %Y, %H:%M}"
        elif self.prompt is not None:
            self.sub_title = "Writing from a prompt"
        else:
            self.sub_title = "New entry"
        if self._start != self._baseline or self.restore_when:  # restored from a draft: unsaved until saved
            self.drafts.owns = True
            self.drafts.changed()
            self._status(f"restored from your draft of {self.restored_at}" if self.restored_at else "restored")
        self._show_flags()
        self._show_words()
        self._show_when()
        self.query_one("#editor-body", TextArea).focus()
        # The text goes in once the layout is known: a long entry is wrapped once, not at every
        # step of the first layout (each wrap of 20,000 words costs ~25 ms).
        self.call_after_refresh(self._load_body)
        self.set_interval(TICK, self.when.follow_clock, name="journal-editor-clock")

    def on_unmount(self) -> None:
        self.drafts.stop()

    def _load_body(self) -> None:
        body = self.query_one("#editor-body", TextArea)
        if self._start.body:
            self._loading = True
            typed = body.text  # keys pressed before the text arrived are kept, after it
            body.load_text(self._start.body + typed)
            body.move_cursor(body.document.end)
        self.loaded = True

    # -- changes: cheap per key, settled by the app's autosave ticks ---------------------------

    def _changed(self) -> None:
        self.drafts.changed()

    @on(TextArea.Changed, "#editor-body")
    @on(Input.Changed, "#editor-title")
    @on(Input.Changed, "#editor-tags")
    def _on_change(self, event) -> None:
        event.stop()
        if self._loading and isinstance(event, TextArea.Changed):
            self._loading = False  # our own load_text, not a change
            return
        self._changed()

    @on(Input.Changed, "#editor-when")
    def _when_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._when_error = None
        self._show_when()
        self._changed()

    @on(Input.Submitted, "#editor-when")
    def _when_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#editor-body", TextArea).focus()

    @on(Input.Blurred, "#editor-when")
    def _when_left(self, event: Input.Blurred) -> None:
        event.stop()
        self.when.tidy()
        self._show_when()

    def tick(self) -> None:
        """What the app's ticks do here: the date follows the clock; pending changes settle once
        typing pauses (or has gone on for a while)."""
        self.when.follow_clock()
        self.drafts.tick()

    def settle(self) -> None:
        """Read the text once: update the word count and write the encrypted draft."""
        self.drafts.save_now()

    def _settled(self, snapshot: tuple[EntryDraft, bool], kept: bool) -> None:
        self.words = word_count(snapshot[0].body)
        self._show_words()
        self._status(f"draft kept {self.host.clock():%H:%M:%S}" if kept else "")

    def _snapshot(self) -> tuple[EntryDraft, bool]:
        """The entry as typed, and whether its date can't be read (then it is unsaved too)."""
        return self.current(), self.when.reading()[1] is not None

    def _unsaved_snapshot(self, snapshot: tuple[EntryDraft, bool]) -> bool:
        draft, unreadable_date = snapshot
        return draft != self._baseline or unreadable_date

    def current(self) -> EntryDraft:
        at, problem = self.when.reading()
        return EntryDraft(
            title=self.query_one("#editor-title", Input).value,
            body=self.query_one("#editor-body", TextArea).text,
            tags=self.query_one("#editor-tags", TagsInput).tags,
            starred=self.starred,
            therapy=self.therapy,
            prompt_id=self._baseline.prompt_id,
            kind=self._baseline.kind,
            at=at if problem is None else self._baseline.at,
        )

    def draft_data(self, draft: EntryDraft) -> dict:
        data = draft.to_dict()
        data["entry_id"] = self.entry.id if self.entry is not None else None
        if data["at"] is None:  # "now": keep when it was written, should the draft be finished later
            data["at"] = self.when.clock().isoformat(timespec="seconds")
        if self.when.reading()[1] is not None:
            data["at_text"] = self.when.value  # what was typed, kept as typed
        return data

    @property
    def dirty(self) -> bool:
        return self.drafts.dirty

    # -- display ------------------------------------------------------------------------------

    def _status(self, text: str) -> None:
        self.query_one("#editor-status", Static).update(text)

    def _show_words(self) -> None:
        self.query_one("#editor-words", Static).update(f"{self.words:,} word{'s' if self.words != 1 else ''}")

    def _show_when(self) -> None:
        text, problem = self.when.note(self._when_error)
        note = self.query_one("#editor-when-note", Static)
        note.update(text)
        note.set_class(problem, "-error")

    def _show_flags(self) -> None:
        star = "[b $text-warning]★ starred[/]" if self.starred else "[dim]☆ star[/]"
        therapy = "[b $text-accent]⚑ bring to therapy[/]" if self.therapy else "[dim]⚐ therapy[/]"
        self.query_one("#editor-flags", Static).update(f"{star}  {therapy}")

    # -- actions ------------------------------------------------------------------------------

    def action_when(self) -> None:
        self.when.focus()
        self.when.select_all()  # typing replaces the date

    def action_star(self) -> None:
        self.starred = not self.starred
        self._show_flags()
        self._changed()

    def action_therapy(self) -> None:
        self.therapy = not self.therapy
        self._show_flags()
        self._changed()

    def action_save(self) -> None:
        if not self.unlocked:
            return
        ws = self.ws
        draft = self.current()
        problem = self.when.reading()[1]
        try:
            if problem is not None:
                raise problem
            if self.entry is not None:
                saved = ws.journal.update(self.entry.id, draft)
            else:
                saved = ws.journal.add(draft)
        except ValidationError as exc:
            if "at" in exc.errors:
                self._when_error = exc.errors["at"]
                self.action_when()
                self._show_when()
            self.notify(" ".join(exc.errors.values()), title="Not saved yet", severity="warning", markup=False)
            return
        except NotFound:
            self.entry = None  # deleted meanwhile: keep the words as a new entry on the next ctrl+s
            self.notify("That entry no longer exists. Press ctrl+s again to keep this as a new entry.",
                        severity="warning")
            return
        self.drafts.discard()
        self.notify(f"{saved.words:,} words · {saved.at:%a %-d %b, %H:%M}",
                    title="Entry updated" if self.entry is not None else "Entry saved")
        if safety.check(f"{saved.title}\n{saved.body}"):
            note = safety.notice()
            self.notify(note.message, title=note.title, timeout=30)
        self.dismiss(saved.id)

    def action_back(self) -> None:
        if not self.dirty:
            self._leave()
            return
        what = "your changes to this entry" if self.entry is not None else "what you wrote"
        self.app.push_screen(
            ConfirmScreen(f"Leave without saving? {what.capitalize()} will be lost (ctrl+s saves).",
                          yes="Discard", no="Keep writing"),
            lambda discard: self._leave() if discard else None,
        )

    def _leave(self) -> None:
        self.drafts.discard()
        self.dismiss(None)
