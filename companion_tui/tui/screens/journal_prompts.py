"""The prompt library: browse by category, write from a prompt, add your own, edit or hide any.

Dismisses with the id of the prompt to write from, or None.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from companion_tui.core.journal.prompts import Prompt, PromptLibrary
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.tui.dialogs.journal_prompt_text import PromptTextScreen
from companion_tui.tui.widgets.footer import KeysFooter


class PromptLibraryScreen(Screen[str | None]):
    TITLE = "Journal"
    SUB_TITLE = "Prompts"
    CSS_PATH = "journal_prompts.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="journal.prompts.back"),
        Binding("a", "add", "Add your own", id="journal.prompts.add"),
        Binding("e", "edit", "Edit", id="journal.prompts.edit"),
        Binding("h", "hide", "Hide / show", id="journal.prompts.hide"),
        Binding("v", "toggle_hidden", "Hidden ones", id="journal.prompts.show_hidden"),
    ]

    def __init__(self, library: PromptLibrary, category: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.category_id = category or library.categories[0].id
        self.show_hidden = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="prompts"):
            with Vertical(id="prompt-categories-panel") as left:
                left.border_title = "Categories"
                yield OptionList(id="prompt-categories")
            with Vertical(id="prompt-list-panel") as right:
                right.border_title = "Prompts"
                yield Static("", id="prompt-blurb")
                yield OptionList(id="prompt-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._fill_categories()
        self._fill_prompts()
        self.query_one("#prompt-list", OptionList).focus()

    # -- lists --------------------------------------------------------------------------------

    def _fill_categories(self) -> None:
        categories = self.query_one("#prompt-categories", OptionList)
        options = []
        for c in self.library.categories:
            n = len(self.library.in_category(c.id, include_hidden=self.show_hidden))
            options.append(Option(Content.assemble(f"{c.label:<26}", (f"{n:>3}", "$text-muted")), id=c.id))
        categories.set_options(options)
        categories.highlighted = categories.get_option_index(self.category_id)

    def _fill_prompts(self, keep: str | None = None, near: int | None = None) -> None:
        category = self.library.category(self.category_id)
        self.query_one("#prompt-blurb", Static).update(category.blurb)
        self.query_one("#prompt-list-panel").border_title = category.label
        prompts = self.library.in_category(self.category_id, include_hidden=self.show_hidden)
        listing = self.query_one("#prompt-list", OptionList)
        listing.set_options(Option(self._row(p), id=p.id) for p in prompts)
        if prompts:
            ids = [p.id for p in prompts]
            listing.highlighted = ids.index(keep) if keep in ids else min(near or 0, len(ids) - 1)
        panel = self.query_one("#prompt-list-panel")
        panel.border_subtitle = "enter write from it" + (" · showing hidden" if self.show_hidden else "")

    @staticmethod
    def _row(p: Prompt) -> Content:
        notes = []
        if not p.builtin:
            notes.append("yours")
        if p.edited:
            notes.append("edited")
        if p.hidden:
            notes.append("hidden")
        text = Content.styled(p.text, "$text-muted strike" if p.hidden else "")
        if notes:
            text = text.append(Content.styled(f"  ({', '.join(notes)})", "$text-muted italic"))
        return text

    @on(OptionList.OptionHighlighted, "#prompt-categories")
    def _category_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and event.option.id != self.category_id:
            self.category_id = event.option.id
            self._fill_prompts()

    @on(OptionList.OptionSelected, "#prompt-categories")
    def _category_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#prompt-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#prompt-list")
    def _prompt_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        prompt = self.library.find(event.option.id)
        if prompt is not None and not prompt.hidden:
            self.dismiss(prompt.id)
        elif prompt is not None:
            self.notify("This prompt is hidden; press h to show it again first.")

    def _selected(self) -> Prompt | None:
        option = self.query_one("#prompt-list", OptionList).highlighted_option
        return self.library.find(option.id) if option is not None else None

    # -- actions ------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(None)

    def action_add(self) -> None:
        label = self.library.category(self.category_id).label
        self.app.push_screen(PromptTextScreen(f"Your own prompt · {label}"), self._added)

    def _added(self, text: str | None) -> None:
        if not text:
            return
        try:
            prompt = self.library.add(self.category_id, text)
        except ValidationError as exc:
            self.notify(" ".join(exc.errors.values()), severity="warning")
            return
        self._fill_categories()
        self._fill_prompts(keep=prompt.id)
        self.notify("Your prompt was added.", title="Prompts")

    def action_edit(self) -> None:
        prompt = self._selected()
        if prompt is not None:
            self.app.push_screen(PromptTextScreen("Edit prompt", prompt.text), lambda t: self._edited(prompt.id, t))

    def _edited(self, prompt_id: str, text: str | None) -> None:
        if not text:
            return
        try:
            self.library.edit(prompt_id, text)
        except ValidationError as exc:
            self.notify(" ".join(exc.errors.values()), severity="warning")
            return
        self._fill_prompts(keep=prompt_id)

    def action_hide(self) -> None:
        prompt = self._selected()
        if prompt is None:
            return
        index = self.query_one("#prompt-list", OptionList).highlighted
        self.library.set_hidden(prompt.id, not prompt.hidden)
        self._fill_categories()
        self._fill_prompts(keep=prompt.id, near=index)
        self.notify("Hidden. Press v to see hidden prompts." if not prompt.hidden else "Shown again.")

    def action_toggle_hidden(self) -> None:
        current = self._selected()
        self.show_hidden = not self.show_hidden
        self._fill_categories()
        self._fill_prompts(keep=current.id if current else None)
