"""Tags with completion: type, → completes from tags you know, enter or a comma adds.

Chosen tags are shown next to the box; backspace in an empty box removes the last one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Static

from companion_tui.core.moods.checkins import normalize_word


class TagSuggester(Suggester):
    """Completes from a list that can change (known tags minus the ones already chosen)."""

    def __init__(self, source: Callable[[], Iterable[str]]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.source = source

    async def get_suggestion(self, value: str) -> str | None:
        typed = value.casefold()
        if not typed.strip():
            return None
        for tag in self.source():
            if len(tag) > len(value) and tag.casefold().startswith(typed):
                # Keep what was typed as typed; complete with the rest of the known tag.
                return value + tag[len(value):]
        return None


class TagBox(Input):
    HELP_TITLE = "Tags"
    BINDINGS = [
        Binding("enter", "add", "Add tag", id="mood.tags.add"),
        Binding("right", "cursor_right", "Complete", key_display="→", id="mood.tags.complete"),
    ]

    @property
    def tag_input(self) -> TagInput:
        return self.query_ancestor(TagInput)

    def on_key(self, event: Key) -> None:
        # Runs before Input's own key handling, which prevent_default() skips (Textual calls the
        # handlers of a class before those of its bases).
        if event.key == "backspace" and not self.value and self.tag_input.tags:
            event.stop()
            event.prevent_default()
            self.tag_input.remove_last()
            return

    def action_add(self) -> None:
        self.tag_input.add_typed()


class TagInput(Horizontal):
    HELP_TITLE = "Tags"
    DEFAULT_CSS = """
    TagInput {
        height: auto;
        width: 1fr;
    }
    TagInput TagBox {
        width: 22;
    }
    TagInput .chosen {
        width: 1fr;
        height: auto;
        padding: 0 1;
    }
    TagInput .chosen.-empty {
        color: $text-muted;
        text-style: italic;
    }
    """

    @dataclass
    class Changed(Message):
        tag_input: TagInput
        tags: tuple[str, ...]

        @property
        def control(self) -> TagInput:
            return self.tag_input

    def __init__(self, known: Callable[[], Iterable[str]] = lambda: (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.known = known
        self.tags: list[str] = []

    def compose(self) -> ComposeResult:
        yield TagBox(
            placeholder="slept well, walk…",
            suggester=TagSuggester(lambda: (t for t in self.known() if t not in self.tags)),
            id="tag-box",
        )
        yield Static("", classes="chosen -empty")

    def on_mount(self) -> None:
        self._show_tags()

    @property
    def box(self) -> TagBox:
        return self.query_one(TagBox)

    def focus(self, scroll_visible: bool = True) -> TagInput:
        self.box.focus(scroll_visible)
        return self

    @property
    def pending(self) -> str:
        """Text typed but not yet added."""
        return self.box.value

    def set_tags(self, tags: Iterable[str], pending: str = "", *, notify: bool = True) -> None:
        self.tags = []
        for tag in tags:
            self._add(tag)
        self.box.value = pending
        self._show_tags()
        if notify:
            self.post_message(self.Changed(self, tuple(self.tags)))

    def add_typed(self) -> None:
        """Add what was typed; typing a tag that is already chosen and pressing enter removes it."""
        typed = normalize_word(self.box.value)
        if typed:
            if typed in self.tags:
                self.tags.remove(typed)
            else:
                self._add(typed)
            self.box.value = ""
            self._changed()

    def remove_last(self) -> None:
        if self.tags:
            self.tags.pop()
            self._changed()

    def _add(self, tag: str) -> None:
        tag = normalize_word(tag)
        if tag and tag not in self.tags:
            self.tags.append(tag)

    def _changed(self) -> None:
        self._show_tags()
        self.post_message(self.Changed(self, tuple(self.tags)))

    def _show_tags(self) -> None:
        label = self.query_one(".chosen", Static)
        if self.tags:
            label.remove_class("-empty")
            label.update(Content("  ").join(Content.assemble(("#", "$foreground-muted"), t) for t in self.tags))
        else:
            label.add_class("-empty")
            label.update("→ completes · enter adds")

    @on(Input.Changed, "#tag-box")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        # A comma (typed or pasted) finishes the tags before it.
        if "," in event.value:
            *done, rest = event.value.split(",")
            for tag in done:
                self._add(tag)
            self.box.value = rest.lstrip()
            self._show_tags()
        # Also for plain typing: what is typed but not added yet belongs in a draft.
        self.post_message(self.Changed(self, tuple(self.tags)))

    @on(Input.Submitted, "#tag-box")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
