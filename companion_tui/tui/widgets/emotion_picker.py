"""A filterable picker over the emotion vocabulary, grouped by the four quadrants.

Focus stays in a small filter input: type to narrow the list, ↑/↓ to move, enter to
toggle the highlighted word (space does the same while nothing is typed). When nothing
matches, enter adds what was typed as the person's own word. Backspace in an empty
filter removes the last chosen word. The list is only shown while the picker has focus,
so the form stays calm; the chosen words are always shown as a line of chips.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantBlur, DescendantFocus, Key
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from companion_tui.core.kernel import assets
from companion_tui.core.moods.checkins import normalize_word

# Theme-aware colours for the four quadrants of the mood meter, and for the person's own words.
QUADRANT_STYLE = {
    "pleasant_high": "$text-warning",
    "pleasant_low": "$text-success",
    "unpleasant_high": "$text-error",
    "unpleasant_low": "$text-primary",
    "own": "$text-accent",
}
OWN = ("own", "Your own words")


def quadrant_of(word: str) -> str:
    return _QUADRANT_OF.get(word, "own")


_QUADRANT_OF = {e.word: e.quadrant for e in assets.emotions()}


def chips(words: Iterable[str], style_of=quadrant_of) -> Content:
    """Chosen words as a calm line of coloured words."""
    parts: list[Content] = []
    for word in words:
        parts.append(Content.assemble(("● ", QUADRANT_STYLE[style_of(word)]), (word, "")))
    return Content("  ").join(parts)


class EmotionFilter(Input):
    """The picker's text box. Keys that steer the list are handled here and sent up."""

    HELP_TITLE = "Emotions"
    BINDINGS = [
        Binding("enter", "toggle_word", "Toggle word", id="mood.emotions.toggle"),
        Binding("up", "move(-1)", "Previous", key_display="↑", show=False, id="mood.emotions.up"),
        Binding("down", "move(1)", "Next", key_display="↓", show=False, id="mood.emotions.down"),
        Binding("pageup", "move(-5)", "Page up", show=False, id="mood.emotions.page_up"),
        Binding("pagedown", "move(5)", "Page down", show=False, id="mood.emotions.page_down"),
    ]

    @property
    def picker(self) -> EmotionPicker:
        return self.query_ancestor(EmotionPicker)

    def on_key(self, event: Key) -> None:
        # Runs before Input's own key handling, which prevent_default() skips (Textual calls the
        # handlers of a class before those of its bases).
        if event.key == "space" and not self.value.strip():
            event.stop()
            event.prevent_default()
            self.value = ""
            self.picker.toggle_highlighted()
            return
        if event.key == "backspace" and not self.value and self.picker.chosen:
            event.stop()
            event.prevent_default()
            self.picker.remove_last()
            return

    def action_toggle_word(self) -> None:
        self.picker.toggle_highlighted()

    def action_move(self, step: int) -> None:
        self.picker.move(step)


class EmotionPicker(Vertical):
    HELP_TITLE = "Emotions"
    DEFAULT_CSS = """
    EmotionPicker {
        height: auto;
        width: 1fr;
    }
    EmotionPicker > .picker-line {
        height: auto;
    }
    EmotionPicker EmotionFilter {
        width: 22;
    }
    EmotionPicker .chosen {
        width: 1fr;
        height: auto;
        padding: 0 1;
    }
    EmotionPicker .chosen.-empty {
        color: $text-muted;
        text-style: italic;
    }
    EmotionPicker OptionList {
        display: none;
        height: auto;
        max-height: 9;
        border: none;
        padding: 0;
        margin-top: 0;
        background: $boost;
    }
    EmotionPicker.-focus-within OptionList {
        display: block;
    }
    EmotionPicker OptionList > .option-list--option-disabled {
        color: $text-muted;
        text-style: bold;
    }
    EmotionPicker .picker-hint {
        display: none;
        color: $text-muted;
        padding: 0 1;
    }
    EmotionPicker.-focus-within .picker-hint {
        display: block;
    }
    """

    @dataclass
    class Changed(Message):
        picker: EmotionPicker
        chosen: tuple[str, ...]

        @property
        def control(self) -> EmotionPicker:
            return self.picker

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.chosen: list[str] = []
        self._own: list[str] = []

    def compose(self) -> ComposeResult:
        with Horizontal(classes="picker-line"):
            yield EmotionFilter(placeholder="type to find…", id="emotion-filter")
            yield Static("", classes="chosen -empty")
        options = OptionList(id="emotion-options")
        options.can_focus = False
        yield options
        yield Static(
            "↑↓ move · enter toggles · backspace removes the last",
            classes="picker-hint",
        )

    def on_mount(self) -> None:
        self._render_chosen()
        self._rebuild()

    @on(DescendantFocus)
    @on(DescendantBlur)
    def _focus_within(self) -> None:
        """The list and its hint show while the focus is inside the picker (``-focus-within``).

        A class rather than ``:focus-within``, which Textual applies by restyling every node under
        the outermost container with such a rule at each focus move (the whole form, at each Tab)."""
        self.set_class(self.has_focus_within, "-focus-within")

    # -- public API --------------------------------------------------------------------

    @property
    def filter_input(self) -> EmotionFilter:
        return self.query_one(EmotionFilter)

    def focus(self, scroll_visible: bool = True) -> EmotionPicker:
        self.filter_input.focus(scroll_visible)
        return self

    def set_own_words(self, words: Iterable[str]) -> None:
        """The person's own emotion words (beyond the shipped vocabulary)."""
        self._own = sorted({w for w in words if w not in _QUADRANT_OF})
        self._rebuild()

    def set_chosen(self, words: Iterable[str], *, notify: bool = True) -> None:
        self.chosen = []
        for word in words:
            word = normalize_word(word)
            if word and word not in self.chosen:
                self.chosen.append(word)
        self.filter_input.value = ""
        self._changed(notify)

    def toggle(self, word: str) -> None:
        word = normalize_word(word)
        if not word:
            return
        if word in self.chosen:
            self.chosen.remove(word)
        else:
            self.chosen.append(word)
        self._changed()

    def remove_last(self) -> None:
        if self.chosen:
            self.chosen.pop()
            self._changed()

    def toggle_highlighted(self) -> None:
        options = self.query_one(OptionList)
        option = options.highlighted_option
        typed = self.filter_input.value.strip()
        if option is None or option.disabled or option.id is None:
            if typed:
                self.toggle(typed)
                self.filter_input.value = ""
            return
        kind, _, word = option.id.partition(":")
        self.toggle(word)
        if typed:
            # Ready for the next word.
            self.filter_input.value = ""
        elif kind == "w":
            self._rebuild(keep=option.id)

    def move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step < 0:
            for _ in range(-step):
                options.action_cursor_up()
        else:
            for _ in range(step):
                options.action_cursor_down()

    # -- internals ---------------------------------------------------------------------

    def _changed(self, notify: bool = True) -> None:
        self._render_chosen()
        self._rebuild()
        if notify:
            self.post_message(self.Changed(self, tuple(self.chosen)))

    def _render_chosen(self) -> None:
        try:
            label = self.query_one(".chosen", Static)
        except Exception:  # noqa: BLE001 - not composed yet (or already gone): nothing to update
            return
        if self.chosen:
            label.remove_class("-empty")
            label.update(chips(self.chosen))
        else:
            label.add_class("-empty")
            label.update("pick a few words")

    @on(Input.Changed, "#emotion-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._rebuild()

    @on(Input.Submitted, "#emotion-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()

    @on(OptionList.OptionSelected, "#emotion-options")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        options = self.query_one(OptionList)
        options.highlighted = event.option_index
        self.toggle_highlighted()
        self.filter_input.focus()

    def _groups(self) -> list[tuple[str, str, list[str]]]:
        by_quadrant: dict[str, list[str]] = {}
        for e in assets.emotions():
            by_quadrant.setdefault(e.quadrant, []).append(e.word)
        groups = [(qid, label, by_quadrant.get(qid, [])) for qid, label in assets.emotion_quadrants()]
        # Words used before, and new ones chosen in this check-in (so they can be unticked here too).
        own = sorted(set(self._own) | {w for w in self.chosen if w not in _QUADRANT_OF})
        if own:
            groups.append((OWN[0], OWN[1], own))
        return groups

    def _rebuild(self, keep: str | None = None) -> None:
        try:
            options = self.query_one(OptionList)
        except Exception:  # noqa: BLE001 - not composed yet (or already gone): nothing to update
            return
        typed = normalize_word(self.filter_input.value)
        items: list[Option | None] = []
        best: str | None = None
        exact = False
        for qid, label, words in self._groups():
            if typed:
                # Words starting with what was typed come first, then words containing it.
                starts = [w for w in words if w.startswith(typed) or any(p.startswith(typed) for p in w.split())]
                inside = [w for w in words if typed in w and w not in starts]
                words = starts + inside
                if starts and best is None:
                    best = f"w:{starts[0]}"
            if not words:
                continue
            style = QUADRANT_STYLE[qid]
            items.append(Option(Content.assemble(("● ", style), (label, style)), disabled=True))
            for word in words:
                exact = exact or word == typed
                mark = ("✓ ", "bold $text-success") if word in self.chosen else ("  ", "")
                items.append(Option(Content.assemble("  ", mark, word), id=f"w:{word}"))
        if typed and not exact:
            verb = "remove" if typed in self.chosen else "add"
            items.append(
                Option(
                    Content.assemble(("  + ", "bold"), f"{verb} “", (typed, "bold"), "” as your own word"),
                    id=f"n:{typed}",
                )
            )
            if best is None:
                best = f"n:{typed}"
        options.set_options(items)
        target = keep or best
        index = None
        if target is not None:
            try:
                index = options.get_option_index(target)
            except Exception:  # noqa: BLE001 - Textual raises OptionDoesNotExist or KeyError by version
                index = None
        if index is None:
            options.action_first()
        else:
            options.highlighted = index
        options.scroll_to_highlight()
